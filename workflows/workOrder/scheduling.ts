/** Scheduling: a booked visit, the tenant's confirmation and its reminder, the visit reminders, and check-in. */
import type { TimeSlot } from '../../domain/assignment';
import type { Actor } from '../../domain/actor';
import type { Assignment, NoAccess, TechnicianOnTheWay, TenantReply } from '../../domain/workOrderContract';
import { secondsFromNow, workflowNow } from '../time';
import { awaitCoordinatorAssignment, obtainAssignment, settleAssignmentDecision } from './assignment';
import type { CoordinatorChoice, WorkOrderContext } from './context';
import { TechnicianWithdrawn } from './errors';
import { change, changed, refreshNeedsCoordinator, waitFor } from './primitives';
import { text } from './sms';
import { tellTechnicianBooked, vendorCrewTold } from './technicianNotices';
import { withdrawalPending, withdrawTechnician } from './technicianWithdrawal';
import { askOrGoNow, scheduleNow, takeAnswerWhileScheduled, takesAnswersWhileScheduled } from './urgency';

/**
 * Loops until a tenant (or a coordinator for them) has confirmed a booked visit. `notBefore`: the earliest start
 * (a time the tenant asked for); `decided`: a coordinator's booking to start from instead of a proposal.
 */
export async function scheduleVisit(
  ctx: WorkOrderContext,
  opts: { notBefore?: string | null; decided?: CoordinatorChoice } = {},
): Promise<void> {
  const { state, input, inbox } = ctx;
  const excludedSlots: Array<{ technicianId: number; slot: TimeSlot }> = [];
  let next = opts.decided ?? (await obtainAssignment(ctx, excludedSlots, opts.notBefore ?? null));
  for (;;) {
    const { assignment, actor } = next;
    state.assignment = assignment;
    state.pendingDecision = null;
    state.tenantConfirmed = false;
    state.toldNotAsked = null;
    state.deadlines.confirmationBy = secondsFromNow(ctx.rules.durations.confirmationWaitSeconds);
    // The tenant's reply is not cleared here but where it is read: the record says awaiting_confirmation once the
    // change commits, and a YES that lands before the workflow has taken it (or, after a crash, that replays before
    // the steps re-run) answers this visit.
    if (next.recorded) {
      refreshNeedsCoordinator(state);
      changed(ctx, 'awaiting_confirmation');
    } else {
      await change(ctx, 'awaiting_confirmation', 'assigned', {
        actor,
        payload: {
          technicianId: assignment.technicianId,
          slot: assignment.slot,
          decidedBy: assignment.decidedBy,
          reason: assignment.reason,
          ...(assignment.overrides ? { overrides: assignment.overrides } : {}),
        },
        patch: {
          proposal: state.proposal,
          routing: state.routing,
          assignedTechnicianId: assignment.technicianId,
          scheduledStart: assignment.slot.start,
          scheduledEnd: assignment.slot.end,
        },
      });
    }
    settleAssignmentDecision(ctx);
    vendorCrewTold(ctx);
    const goesNow = await askOrGoNow(ctx, assignment);
    if (goesNow) {
      await scheduleNow(ctx, goesNow);
      return;
    }

    const answered = await waitForTenantAnswer(ctx, assignment);
    state.deadlines.confirmationBy = null;
    if (withdrawalPending(ctx)) {
      await withdrawTechnician(ctx);
      next = await obtainAssignment(ctx, excludedSlots);
      continue;
    }
    const reply = inbox.tenantReply as TenantReply | null;
    inbox.tenantReply = null;
    const tenant: Actor = { type: 'tenant', id: String(reply?.tenantId ?? input.tenantId ?? 'unknown') };
    if (answered && reply?.answer === 'yes') {
      state.tenantConfirmed = true;
      await change(ctx, 'scheduled', 'tenant_confirmed', { actor: tenant, payload: { messageSid: reply.messageSid } });
      await tellTechnicianBooked(ctx);
      return;
    }
    if (!reply && state.urgency) {
      // Marked urgent while the tenant was being asked: no more waiting for them.
      await scheduleNow(ctx, 'marked_urgent');
      return;
    }
    if (answered && (reply?.answer === 'no' || reply?.answer === 'reschedule')) {
      excludedSlots.push({ technicianId: assignment.technicianId, slot: assignment.slot });
      await ctx.steps.releaseBooking({ number: input.number, reason: 'tenant_declined' });
      state.assignment = null;
      const proposedStart = reply.proposedStart ?? null;
      await change(ctx, 'needs_assignment', reply.answer === 'no' ? 'tenant_declined' : 'tenant_proposed_time', {
        actor: tenant,
        payload:
          reply.answer === 'no'
            ? { messageSid: reply.messageSid }
            : { messageSid: reply.messageSid, proposal: reply.proposal ?? null, proposedStart },
        patch: { assignedTechnicianId: null, scheduledStart: null, scheduledEnd: null },
      });
      next = await obtainAssignment(ctx, excludedSlots, proposedStart);
      continue;
    }

    state.pendingDecision = {
      kind: 'confirmation_timeout',
      reason: `the tenant did not answer within ${ctx.rules.durations.confirmationWaitSeconds} s`,
    };
    await change(ctx, 'escalated', 'confirmation_timed_out');
    await waitFor(ctx, () => inbox.assignmentDecision !== null || state.urgency != null || withdrawalPending(ctx));
    if (withdrawalPending(ctx)) {
      await withdrawTechnician(ctx);
      next = await obtainAssignment(ctx, excludedSlots);
      continue;
    }
    if (!inbox.assignmentDecision) {
      state.pendingDecision = null;
      await scheduleNow(ctx, 'marked_urgent');
      return;
    }
    next = await awaitCoordinatorAssignment(ctx);
    if (next.keptCurrent) {
      // The coordinator confirmed the visit with the tenant themselves.
      state.pendingDecision = null;
      state.tenantConfirmed = true;
      await change(ctx, 'scheduled', 'confirmed_by_coordinator', { actor: next.actor });
      settleAssignmentDecision(ctx);
      await tellTechnicianBooked(ctx);
      return;
    }
  }
}

/** Waits out the confirmation window, with one reminder part-way through. */
async function waitForTenantAnswer(ctx: WorkOrderContext, assignment: Assignment): Promise<boolean> {
  const { input, inbox } = ctx;
  const { confirmationWaitSeconds: wait, confirmationReminderSeconds: remindAfter } = ctx.rules.durations;
  // A coordinator marking the order urgent ends the wait too (urgent visits).
  const answered = () => inbox.tenantReply !== null || ctx.state.urgency != null || withdrawalPending(ctx);
  if (input.tenantId === null || remindAfter >= wait) return waitFor(ctx, answered, wait);
  if (await waitFor(ctx, answered, remindAfter)) return true;
  await text(
    ctx,
    { type: 'tenant', id: input.tenantId },
    { kind: 'confirmation_reminder', at: assignment.slot.start },
    'confirmation-reminder',
    ctx.rules.scheduling.timeZone,
  );
  return waitFor(ctx, answered, wait - remindAfter);
}

/** The day-before and hour-before reminders still ahead of a confirmed visit. */
function visitReminders(ctx: WorkOrderContext): Array<{ lead: 'day' | 'hour'; at: number }> {
  const { state, input } = ctx;
  if (input.tenantId === null || state.status !== 'scheduled' || !state.assignment) return [];
  const start = new Date(state.assignment.slot.start).getTime();
  const now = workflowNow().getTime();
  const leads = [
    { lead: 'day' as const, at: start - ctx.rules.durations.visitReminderDayBeforeSeconds * 1000 },
    { lead: 'hour' as const, at: start - ctx.rules.durations.visitReminderHourBeforeSeconds * 1000 },
  ];
  return leads.filter((r) => r.at > now).sort((a, b) => a.at - b.at);
}

/**
 * Scheduled: reminders go out and "on my way" is relayed to the tenant until the technician checks in, or reports
 * that they could not get in (answered instead of checking in).
 */
export async function waitForCheckIn(ctx: WorkOrderContext): Promise<NoAccess | null> {
  const { state, input, inbox } = ctx;
  const timeZone = ctx.rules.scheduling.timeZone;
  const reminders = visitReminders(ctx);
  for (;;) {
    const next = reminders[0];
    const timeoutSeconds = next ? Math.max(0, next.at - workflowNow().getTime()) / 1000 : undefined;
    const answered = () =>
      takesAnswersWhileScheduled(ctx) &&
      (inbox.tenantReply !== null ||
        (inbox.assignmentDecision !== null && state.pendingDecision?.kind === 'visit_objection'));
    const woke = await waitFor(
      ctx,
      () =>
        inbox.checkIn !== null ||
        inbox.onTheWay !== null ||
        inbox.noAccess !== null ||
        answered() ||
        withdrawalPending(ctx),
      timeoutSeconds,
    );
    if (withdrawalPending(ctx)) {
      await withdrawTechnician(ctx);
      throw new TechnicianWithdrawn();
    }
    if (answered()) {
      await takeAnswerWhileScheduled(ctx);
      continue;
    }
    if (inbox.checkIn) break;
    if (inbox.noAccess) {
      const report: NoAccess = inbox.noAccess;
      inbox.noAccess = null;
      return report;
    }
    if (inbox.onTheWay) {
      const coming: TechnicianOnTheWay = inbox.onTheWay;
      inbox.onTheWay = null;
      await change(ctx, undefined, 'technician_on_the_way', {
        actor: coming.reportedBy ?? { type: 'technician', id: String(coming.technicianId) },
        payload: { eta: coming.eta, technicianId: coming.technicianId },
      });
      if (input.tenantId !== null)
        await text(
          ctx,
          { type: 'tenant', id: input.tenantId },
          { kind: 'on_the_way', technicianId: coming.technicianId, eta: coming.eta },
          'on-the-way',
          timeZone,
        );
      continue;
    }
    if (!woke && next) {
      reminders.shift();
      await text(
        ctx,
        { type: 'tenant', id: input.tenantId! },
        { kind: 'visit_reminder', at: state.assignment!.slot.start, lead: next.lead },
        `visit-reminder-${next.lead}`,
        timeZone,
      );
    }
  }
  const arrived = inbox.checkIn!;
  inbox.checkIn = null;
  ctx.memory.checkedInAt = arrived.at;
  // The technician is there: a tenant's objection to the visit was overtaken by it.
  if (state.pendingDecision?.kind === 'visit_objection') state.pendingDecision = null;
  await change(ctx, 'in_progress', 'checked_in', {
    actor: arrived.reportedBy ?? { type: 'technician', id: String(arrived.technicianId) },
    payload: { at: arrived.at, technicianId: arrived.technicianId },
  });
  return null;
}
