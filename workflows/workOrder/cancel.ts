/** A coordinator's cancel: the booking released, the record closed, open requests withdrawn, everyone told. */
import { condition } from '@temporalio/workflow';
import type { CancelRequest } from '../../domain/workOrderContract';
import type { WorkOrderContext } from './context';
import { change, timeZoneOf } from './primitives';
import { text } from './sms';
import { tellTechnicianCancelled } from './technicianNotices';

export async function finishCancelled(ctx: WorkOrderContext, request: CancelRequest): Promise<void> {
  const { state, input, inbox } = ctx;
  ctx.memory.cancelling = true;
  // A coordinator's booking may still be on its way to the database: let it land, then release it.
  await condition(() => !inbox.decisionInFlight);
  await ctx.steps.releaseBooking({ number: input.number, reason: 'cancelled' });
  const waitingForParts = state.parts !== null && state.parts !== undefined;
  state.pendingDecision = null;
  state.failedStep = null;
  ctx.memory.pendingBeforeFailure = null;
  state.slaBreached = false;
  state.cancelReason = request.reason;
  state.deadlines = { confirmationBy: null, reviewBy: null, slaDeadline: state.deadlines.slaDeadline };
  state.parts = null;
  const ladderActive = state.access?.escalation != null;
  if (state.access) state.access.escalation = null;
  await change(ctx, 'cancelled', 'cancelled', {
    actor: request.actor,
    payload: { reason: request.reason },
    patch: {
      completed: false,
      waitingUntil: null,
      ...(ladderActive ? { accessEscalation: null } : {}),
    },
  });
  if (waitingForParts) await ctx.steps.closePartsRequest({ number: input.number, outcome: 'cancelled' });
  const openOffers = state.vendorRequest?.offers.filter((o) => o.status === 'offered' || o.status === 'quoted') ?? [];
  if (openOffers.length > 0) {
    await ctx.steps.expireVendorOffers({
      number: input.number,
      vendorIds: openOffers.map((o) => o.vendorId),
      status: 'withdrawn',
    });
    for (const offer of openOffers) offer.status = 'withdrawn';
  }
  const timeZone = timeZoneOf(ctx);
  if (input.tenantId !== null)
    await text(
      ctx,
      { type: 'tenant', id: input.tenantId },
      { kind: 'cancelled', audience: 'tenant', reason: request.reason },
      'cancelled-tenant',
      timeZone,
    );
  await tellTechnicianCancelled(ctx, request.reason);
}
