/** No access: the tenant is asked for a time; repeated failures climb the escalation ladder until someone answers. */
import type { Actor } from '../../domain/actor';
import { ACCESS_ESCALATION_STEPS, type NoAccess, type TenantReply } from '../../domain/workOrderContract';
import { secondsFromNow, workflowNow } from '../time';
import type { CoordinatorChoice, WorkOrderContext } from './context';
import { change, stepKey, technicianActor, waitFor } from './primitives';
import { scheduleVisit } from './scheduling';
import { text } from './sms';
import { technicianVisitOver, tellTechnicianAccessGranted } from './technicianNotices';

type AccessAnswer =
  { kind: 'tenant'; reply: TenantReply } | { kind: 'coordinator'; choice: CoordinatorChoice } | { kind: 'timeout' };

/**
 * The technician could not get in. The tenant is asked for a time; their answer reschedules. Until the rules'
 * number of failed attempts, silence proposes a visit anyway; from then on the escalation ladder runs, each step
 * a text, an event and a state, until the tenant answers or a coordinator books a time they arranged.
 */
export async function recoverAccess(ctx: WorkOrderContext, report: NoAccess): Promise<void> {
  const { state, input, inbox } = ctx;
  const access = state.access!;
  // Counted once recorded: an attempt the record refused (and a coordinator then cancelled) is not one.
  const attempt = access.attempts + 1;
  const recorded = await ctx.steps.recordAccessProblem({
    number: input.number,
    idempotencyKey: stepKey(ctx, 'access-problem'),
    tenantId: input.tenantId,
    unitId: input.unitId,
    attempt,
    technicianId: report.technicianId,
    note: report.note,
  });
  access.attempts = attempt;
  access.tenantProblems = recorded.tenantProblems;
  await ctx.steps.releaseBooking({ number: input.number, reason: 'no_access' });
  const ladder = access.attempts >= ctx.rules.visit.accessAttemptsBeforeEscalation;
  const replyWait = ctx.rules.durations.accessReplyWaitSeconds;
  state.deadlines.accessReplyBy = ladder ? null : secondsFromNow(replyWait);
  inbox.tenantReply = null;
  await change(ctx, 'waiting_access', 'no_access', {
    actor: technicianActor(report.technicianId, report.reportedBy),
    payload: {
      attempt: access.attempts,
      at: report.at,
      note: report.note,
      technicianId: report.technicianId,
      tenantAccessProblems: access.tenantProblems,
    },
    patch: { accessAttempts: access.attempts, waitingUntil: state.deadlines.accessReplyBy },
  });
  technicianVisitOver(ctx);
  if (input.tenantId !== null)
    await text(
      ctx,
      { type: 'tenant', id: input.tenantId },
      { kind: 'access_request', attempt: access.attempts },
      'access-request',
      ctx.rules.scheduling.timeZone,
    );

  const answer = ladder ? await climbAccessLadder(ctx) : await waitForAccessAnswer(ctx, replyWait, false);
  access.escalation = null;
  state.deadlines.accessReplyBy = null;
  if (state.pendingDecision?.kind === 'access') state.pendingDecision = null;
  if (answer.kind === 'timeout') {
    await change(ctx, undefined, 'access_reply_timed_out', {
      payload: { attempt: access.attempts },
      patch: { waitingUntil: null },
    });
    await scheduleVisit(ctx);
    return;
  }
  const arrangedBy: Actor =
    answer.kind === 'tenant'
      ? { type: 'tenant', id: String(answer.reply.tenantId ?? input.tenantId ?? 'unknown') }
      : answer.choice.actor;
  const proposedStart = answer.kind === 'tenant' ? (answer.reply.proposedStart ?? null) : null;
  await change(ctx, undefined, 'access_arranged', {
    actor: arrangedBy,
    payload: {
      by: answer.kind,
      proposedStart,
      proposal: answer.kind === 'tenant' ? (answer.reply.proposal ?? null) : null,
      messageSid: answer.kind === 'tenant' ? answer.reply.messageSid : null,
    },
    patch: { waitingUntil: null, ...(ctx.memory.accessStepsTaken > 0 ? { accessEscalation: null } : {}) },
  });
  await tellTechnicianAccessGranted(
    ctx,
    answer.kind === 'coordinator' ? answer.choice.assignment.slot.start : proposedStart,
  );
  await scheduleVisit(ctx, answer.kind === 'coordinator' ? { decided: answer.choice } : { notBefore: proposedStart });
}

/** The ladder, resumed where an earlier failure on this order left it; the last step waits for as long as it takes. */
async function climbAccessLadder(ctx: WorkOrderContext): Promise<AccessAnswer> {
  const { state, input, memory } = ctx;
  const access = state.access!;
  const stepSeconds = ctx.rules.durations.accessEscalationStepSeconds;
  state.pendingDecision = { kind: 'access', reason: `the technician could not get in ${access.attempts} times` };
  for (let index = Math.min(memory.accessStepsTaken, ACCESS_ESCALATION_STEPS.length - 1); ; index++) {
    const step = ACCESS_ESCALATION_STEPS[index]!;
    const last = index === ACCESS_ESCALATION_STEPS.length - 1;
    access.escalation = step;
    memory.accessStepsTaken = Math.max(memory.accessStepsTaken, index + 1);
    state.deadlines.accessReplyBy = last ? null : secondsFromNow(stepSeconds);
    await change(ctx, undefined, 'access_escalated', {
      payload: {
        step,
        attempts: access.attempts,
        tenantAccessProblems: access.tenantProblems,
        nextStepAt: state.deadlines.accessReplyBy,
      },
      patch: { accessEscalation: step, waitingUntil: state.deadlines.accessReplyBy },
    });
    if (input.tenantId !== null)
      await text(
        ctx,
        { type: 'tenant', id: input.tenantId },
        { kind: 'access_escalation', step },
        `access-${step}`,
        ctx.rules.scheduling.timeZone,
      );
    const answer = await waitForAccessAnswer(ctx, last ? undefined : stepSeconds, true);
    if (answer.kind !== 'timeout') return answer;
  }
}

/** A tenant's time or YES; on the ladder, also a coordinator's booking. A NO is recorded and the wait goes on. */
async function waitForAccessAnswer(
  ctx: WorkOrderContext,
  seconds: number | undefined,
  coordinatorMayBook: boolean,
): Promise<AccessAnswer> {
  const { input, inbox } = ctx;
  const deadline = seconds === undefined ? null : workflowNow().getTime() + seconds * 1000;
  for (;;) {
    const remaining = deadline === null ? undefined : Math.max(0.001, (deadline - workflowNow().getTime()) / 1000);
    const woke = await waitFor(
      ctx,
      () => inbox.tenantReply !== null || (coordinatorMayBook && inbox.assignmentDecision !== null),
      remaining,
    );
    if (!woke) return { kind: 'timeout' };
    if (inbox.assignmentDecision)
      return {
        kind: 'coordinator',
        choice: {
          assignment: inbox.assignmentDecision.assignment,
          actor: inbox.assignmentDecision.actor,
          keptCurrent: false,
        },
      };
    const reply: TenantReply = inbox.tenantReply!;
    inbox.tenantReply = null;
    if (reply.answer !== 'no') return { kind: 'tenant', reply };
    await change(ctx, undefined, 'access_refused', {
      actor: { type: 'tenant', id: String(reply.tenantId ?? input.tenantId ?? 'unknown') },
      payload: { messageSid: reply.messageSid },
    });
  }
}
