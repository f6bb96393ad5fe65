/**
 * Urgency decides whether the tenant is asked (patched 'urgent-visits'). An emergency, an order a coordinator marked
 * urgent, an order without a tenant, and a tenant who can't be texted (opted out, no phone, the provider refuses the
 * number) get their visit at once: the tenant is told, not asked, and the technician may go. The tenant can still
 * answer: a YES is recorded; a NO or another time keeps the visit booked and asks a coordinator (visit_objection) to
 * keep it, book another time, or cancel: never a silent re-booking of an urgent visit.
 */
import { condition, setHandler } from '@temporalio/workflow';
import { isTerminal } from '../../domain/status';
import { markUrgentUpdate } from '../definitions';
import type { Assignment, GoesNowReason, TenantReply } from '../../domain/workOrderContract';
import { workflowNow } from '../time';
import { settleAssignmentDecision } from './assignment';
import type { WorkOrderContext } from './context';
import { CoordinatorTookOver, invalidDecision, noLongerApplies } from './errors';
import { change } from './primitives';
import { text } from './sms';
import { tellTechnicianBooked } from './technicianNotices';

/** Why this order's visits go ahead without asking, known before any text: urgency, or nobody to ask. */
export function goesNowWithoutAsking(ctx: WorkOrderContext): GoesNowReason | null {
  const { state, input } = ctx;
  if (state.priority === 'emergency') return 'emergency';
  if (state.urgency) return 'marked_urgent';
  if (input.tenantId === null) return 'no_tenant';
  if (ctx.quietTenant) return 'tenant_not_notified';
  return null;
}

/**
 * Asks the tenant to confirm the booked visit, unless it goes now; resolves with why it goes now, or null when the
 * tenant was asked. A request that could not reach them (opted out, no phone, refused) means it goes now.
 */
export async function askOrGoNow(ctx: WorkOrderContext, assignment: Assignment): Promise<GoesNowReason | null> {
  const known = goesNowWithoutAsking(ctx);
  if (known) return known;
  const sent = await text(
    ctx,
    { type: 'tenant', id: ctx.input.tenantId! },
    { kind: 'confirmation_request', at: assignment.slot.start, technicianId: assignment.technicianId },
    'confirmation-request',
    ctx.rules.scheduling.timeZone,
  );
  if (sent?.outcome === 'suppressed_opt_out') return 'tenant_opted_out';
  if (sent?.outcome === 'no_phone' || sent?.outcome === 'refused' || sent?.outcome === 'suppressed_inactive')
    return 'tenant_unreachable';
  return null;
}

/** The booked visit is scheduled now: the tenant told (when they can be texted), the technician told. */
export async function scheduleNow(ctx: WorkOrderContext, reason: GoesNowReason): Promise<void> {
  const { state, input } = ctx;
  const assignment = state.assignment!;
  state.tenantConfirmed = false;
  state.toldNotAsked = reason;
  state.deadlines.confirmationBy = null;
  await change(ctx, 'scheduled', 'scheduled_without_confirmation', {
    payload: {
      reason,
      technicianId: assignment.technicianId,
      slot: assignment.slot,
      ...(reason === 'marked_urgent' && state.urgency ? { urgency: state.urgency } : {}),
    },
  });
  if (input.tenantId !== null && reason !== 'tenant_opted_out' && reason !== 'tenant_unreachable') {
    await text(
      ctx,
      { type: 'tenant', id: input.tenantId },
      { kind: 'visit_booked', at: assignment.slot.start, technicianId: assignment.technicianId },
      'visit-booked',
      ctx.rules.scheduling.timeZone,
    );
  }
  await tellTechnicianBooked(ctx);
}

/** Whether the scheduled visit's wait also takes the tenant's answer and a coordinator's decision about it. */
export function takesAnswersWhileScheduled(ctx: WorkOrderContext): boolean {
  return ctx.state.toldNotAsked != null;
}

/**
 * While a visit booked without asking waits for the technician: the tenant's answer, and a coordinator's decision
 * on a NO. Throws CoordinatorTookOver when the coordinator booked another visit (the run schedules it).
 */
export async function takeAnswerWhileScheduled(ctx: WorkOrderContext): Promise<void> {
  const { state, input, inbox } = ctx;
  if (inbox.assignmentDecision && state.pendingDecision?.kind === 'visit_objection') {
    const { assignment, actor, keptCurrent } = inbox.assignmentDecision;
    state.pendingDecision = null;
    if (!keptCurrent) throw new CoordinatorTookOver({ assignment, actor, keptCurrent: false });
    await change(ctx, undefined, 'visit_kept_by_coordinator', {
      actor,
      payload: { technicianId: state.assignment!.technicianId, slot: state.assignment!.slot },
    });
    settleAssignmentDecision(ctx);
    return;
  }
  const reply: TenantReply | null = inbox.tenantReply;
  inbox.tenantReply = null;
  if (!reply) return;
  const tenant = { type: 'tenant' as const, id: String(reply.tenantId ?? input.tenantId ?? 'unknown') };
  if (reply.answer === 'yes') {
    state.tenantConfirmed = true;
    await change(ctx, undefined, 'tenant_confirmed', {
      actor: tenant,
      payload: { messageSid: reply.messageSid, toldNotAsked: state.toldNotAsked },
    });
    return;
  }
  const slot = state.assignment!.slot;
  const words = reply.proposal ? `: "${reply.proposal}"` : '';
  state.pendingDecision = {
    kind: 'visit_objection',
    reason: `the tenant answered ${reply.answer === 'no' ? 'NO' : 'with another time'} to the visit booked for ${slot.start} without asking them (${state.toldNotAsked})${words}; the visit stays booked until you keep it, book another time, or cancel`,
  };
  await change(ctx, undefined, 'tenant_objected', {
    actor: tenant,
    payload: {
      answer: reply.answer,
      messageSid: reply.messageSid,
      proposal: reply.proposal ?? null,
      proposedStart: reply.proposedStart ?? null,
      slot,
    },
  });
}

/**
 * POST /work-orders/:id/urgent. Recorded at once (event `marked_urgent`); a visit waiting for the tenant's answer is
 * scheduled before the update answers, and every later booking goes ahead without asking.
 */
export function installMarkUrgentUpdate(ctx: WorkOrderContext): void {
  const { state, input, inbox } = ctx;
  setHandler(
    markUrgentUpdate,
    async (request) => {
      inbox.markingUrgent = true;
      try {
        await change(ctx, undefined, 'marked_urgent', {
          actor: request.actor,
          payload: { reason: request.reason, status: state.status },
          background: true,
        });
        state.urgency = { reason: request.reason, markedBy: request.actor, at: workflowNow().toISOString() };
        await condition(() => !waitingForTenant(ctx) || inbox.cancelRequest !== null || isTerminal(state.status));
        return state;
      } finally {
        inbox.markingUrgent = false;
      }
    },
    {
      validator: (request) => {
        if (isTerminal(state.status) || inbox.cancelRequest)
          throw noLongerApplies(
            `work order ${input.number} is already ${inbox.cancelRequest ? 'being cancelled' : state.status}`,
          );
        if (state.urgency || inbox.markingUrgent)
          throw noLongerApplies(`work order ${input.number} is already marked urgent`);
        if (request.reason.trim().length === 0) throw invalidDecision('marking an order urgent needs a reason');
      },
    },
  );
}

/** A booked visit waits for the tenant: their answer, or a coordinator after they did not answer. */
export function waitingForTenant(ctx: WorkOrderContext): boolean {
  const { state } = ctx;
  return (
    state.status === 'awaiting_confirmation' ||
    (state.status === 'escalated' && state.pendingDecision?.kind === 'confirmation_timeout')
  );
}
