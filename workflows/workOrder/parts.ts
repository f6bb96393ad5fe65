/** Waiting for parts: the request recorded, capacity released, the tenant told; the ETA or an arrival reschedules. */
import type { PartsArrived, PartsNeeded } from '../../domain/workOrderContract';
import { secondsUntil } from '../time';
import type { WorkOrderContext } from './context';
import { change, stepKey, SYSTEM, technicianActor, waitFor } from './primitives';
import { scheduleVisit } from './scheduling';
import { text } from './sms';
import { technicianVisitOver, tellTechnicianPartsArrived } from './technicianNotices';

/** Waiting for parts: capacity released, tenant told; at the ETA or on parts-arrived, whichever first, reschedule. */
export async function waitForParts(ctx: WorkOrderContext, request: PartsNeeded): Promise<void> {
  const { state, input, inbox } = ctx;
  const classification = state.classification!;
  await ctx.steps.recordPartsRequest({
    number: input.number,
    idempotencyKey: stepKey(ctx, 'parts-request'),
    technicianId: request.technicianId,
    jobType: classification.skillsRequired[0] ?? 'general',
    parts: request.parts,
    eta: request.eta,
  });
  await ctx.steps.releaseBooking({ number: input.number, reason: 'waiting_parts' });
  state.parts = { items: request.parts, eta: request.eta, technicianId: request.technicianId, note: request.note };
  state.deadlines.partsEta = request.eta;
  await change(ctx, 'waiting_parts', 'parts_needed', {
    actor: technicianActor(request.technicianId, request.reportedBy),
    payload: { parts: request.parts, eta: request.eta, note: request.note, technicianId: request.technicianId },
    patch: { waitingUntil: request.eta },
  });
  technicianVisitOver(ctx);
  if (input.tenantId !== null)
    await text(
      ctx,
      { type: 'tenant', id: input.tenantId },
      { kind: 'parts_ordered', eta: request.eta },
      'parts-ordered',
      ctx.rules.scheduling.timeZone,
    );

  const reported = await waitFor(ctx, () => inbox.partsArrived !== null, secondsUntil(request.eta));
  const arrival: PartsArrived | null = inbox.partsArrived;
  inbox.partsArrived = null;
  state.parts = null;
  state.deadlines.partsEta = null;
  const trigger = reported ? 'signal' : 'eta';
  await ctx.steps.closePartsRequest({ number: input.number, outcome: trigger });
  await change(ctx, undefined, 'parts_arrived', {
    actor: arrival?.reportedBy ?? SYSTEM,
    payload: { trigger, eta: request.eta, note: arrival?.note ?? null },
    patch: { waitingUntil: null },
  });
  await tellTechnicianPartsArrived(ctx, request.technicianId);
  await scheduleVisit(ctx);
}
