/**
 * A technician deactivated by an admin (patched 'technician-withdrawal'): their visit of this order, booked and not
 * yet begun, is taken back — the booking released, the order back to needs_assignment with a `technician_withdrawn`
 * event naming who did it, the technician told once if they had been told of the visit — and a new visit proposed
 * through the normal path (auto-assigned, or in a coordinator's queue when nobody fits). A proposal waiting for a
 * coordinator that names them is refreshed instead. A visit under way (checked in) is not touched.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { isTerminal } from '../../domain/status';
import { technicianDeactivatedUpdate } from '../definitions';
import type { WorkOrderState } from '../../domain/workOrderContract';
import type { WorkOrderContext } from './context';
import { noLongerApplies } from './errors';
import { change } from './primitives';
import { text } from './sms';

/** Statuses in which the assigned technician's visit is still ahead: booked (or to be redone) and not checked in. */
const VISIT_AHEAD: ReadonlyArray<WorkOrderState['status']> = ['awaiting_confirmation', 'scheduled', 'failed_review'];

type Affected = 'booked' | 'proposed';

function affected(ctx: WorkOrderContext, technicianId: number): Affected | string {
  const { state } = ctx;
  const assigned = state.assignment?.technicianId === technicianId;
  if (
    assigned &&
    (VISIT_AHEAD.includes(state.status) ||
      (state.status === 'escalated' && state.pendingDecision?.kind === 'confirmation_timeout'))
  )
    return 'booked';
  const proposal = state.proposal;
  const named =
    proposal?.best?.technicianId === technicianId ||
    (proposal?.alternatives ?? []).some((a) => a.technicianId === technicianId);
  if (state.pendingDecision?.kind === 'assignment' && named) return 'proposed';
  if (assigned)
    return `technician ${technicianId}'s visit is under way or over (the order is ${state.status}): it is not taken back`;
  return `work order ${ctx.input.number} has no visit with technician ${technicianId} ahead (it is ${state.status})`;
}

export function installTechnicianDeactivatedUpdate(ctx: WorkOrderContext): void {
  const { state, input, inbox } = ctx;
  setHandler(
    technicianDeactivatedUpdate,
    async (request) => {
      if (affected(ctx, request.technicianId) === 'proposed') {
        inbox.proposalStale = true;
        inbox.proposalStaleBecause = `technician ${request.technicianId} was deactivated`;
        await condition(() => !inbox.proposalStale || inbox.cancelRequest !== null || isTerminal(state.status));
        return { outcome: 'proposal_refreshed', status: state.status };
      }
      const ticket = ++inbox.ticketsIssued;
      inbox.technicianWithdrawal = { ...request, ticket };
      await condition(() => inbox.ticketsApplied >= ticket || inbox.cancelRequest !== null || isTerminal(state.status));
      return { outcome: 'withdrawn', status: state.status };
    },
    {
      validator: (request) => {
        if (isTerminal(state.status) || inbox.cancelRequest)
          throw noLongerApplies(
            `work order ${input.number} is already ${inbox.cancelRequest ? 'being cancelled' : state.status}`,
          );
        if (inbox.decisionInFlight || inbox.technicianWithdrawal || inbox.proposalStale)
          throw noLongerApplies(`work order ${input.number} is changing its assignment right now: try again`);
        const found = affected(ctx, request.technicianId);
        if (found !== 'booked' && found !== 'proposed') throw noLongerApplies(found);
      },
    },
  );
}

/** Whether the main flow has a withdrawal to carry out (woken by it in the waits of a booked visit). */
export function withdrawalPending(ctx: WorkOrderContext): boolean {
  return ctx.inbox.technicianWithdrawal !== null;
}

/**
 * Releases the deactivated technician's booking and puts the order back to needs_assignment; the caller proposes
 * again. Reports the visit's technician was told of (scheduled) are about the withdrawn visit: dropped.
 */
export async function withdrawTechnician(ctx: WorkOrderContext): Promise<void> {
  const { state, input, inbox, memory } = ctx;
  const withdrawal = inbox.technicianWithdrawal!;
  const slot = state.assignment?.slot ?? null;
  await ctx.steps.releaseBooking({ number: input.number, reason: 'technician_deactivated' });
  state.assignment = null;
  state.pendingDecision = null;
  state.tenantConfirmed = false;
  state.toldNotAsked = null;
  state.deadlines.confirmationBy = null;
  inbox.tenantReply = null;
  inbox.checkIn = null;
  inbox.onTheWay = null;
  inbox.noAccess = null;
  await change(ctx, 'needs_assignment', 'technician_withdrawn', {
    actor: withdrawal.actor,
    payload: { technicianId: withdrawal.technicianId, slot, reason: withdrawal.reason },
    patch: { assignedTechnicianId: null, scheduledStart: null, scheduledEnd: null },
  });
  const told = memory.technicianTold;
  if (told && told.technicianId === withdrawal.technicianId) {
    memory.technicianTold = null;
    await text(
      ctx,
      { type: 'technician', id: told.technicianId },
      { kind: 'technician_unassigned', at: told.start },
      'technician-unassigned',
      ctx.rules.scheduling.timeZone,
    );
  }
  inbox.ticketsApplied = Math.max(inbox.ticketsApplied, withdrawal.ticket);
  inbox.technicianWithdrawal = null;
}
