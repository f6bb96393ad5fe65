/**
 * A step that fails: the order waits for a coordinator, with the step and the error in its record, instead of
 * failing the run or retrying forever. From there a coordinator retries the step (once they fixed its cause),
 * re-evaluates with the current rules (then it is retried), books a visit where one can be booked, or cancels.
 */
import { ApplicationFailure, condition, log, TimeoutFailure } from '@temporalio/workflow';
import { stepErrorOf, type StepError } from './stepErrors';
import type { Activities } from '../../activities';
import { canTransition } from '../../domain/status';
import type { Actor } from '../../domain/actor';
import type { FailedStep } from '../../domain/workOrderContract';
import { workflowNow } from '../time';
import { applyCurrentRules, settleReevaluation } from './assignment';
import type { WorkOrderContext } from './context';
import { CancelRequested, CoordinatorTookOver } from './errors';
import { activities, publishSearchAttributes, refreshNeedsCoordinator, stepKey, SYSTEM } from './primitives';

type AnyActivity = (...args: unknown[]) => Promise<unknown>;

/** The activities, each call run by `runStep`: what the main flow calls as `ctx.steps`. */
export function guardedActivities(ctx: WorkOrderContext): Activities {
  const raw = activities as unknown as Record<string, AnyActivity>;
  return new Proxy({} as Activities, {
    get: (_target, name) =>
      typeof name === 'string' ? (...args: unknown[]) => runStep(ctx, name, () => raw[name]!(...args)) : undefined,
  });
}

/** Runs one activity call; when it fails (its retries spent, or non-retryable) a coordinator decides what next. */
export async function runStep<T>(ctx: WorkOrderContext, name: string, call: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      const result = await call();
      settleRetry(ctx);
      return result;
    } catch (err) {
      const failed = stepErrorOf(err);
      if (!failed) throw err;
      await awaitCoordinator(ctx, name, failed);
    }
  }
}

/** Where a coordinator may book a visit in place of a failed step: triage is done and the order may be rescheduled. */
export function mayBookVisitAfterFailure(ctx: WorkOrderContext): boolean {
  return ctx.memory.triaged && canTransition(ctx.state.status, 'awaiting_confirmation');
}

/** Records the failure, then waits for a retry, a re-evaluation, a booking or a cancel; returns to retry the step. */
async function awaitCoordinator(ctx: WorkOrderContext, name: string, err: StepError): Promise<void> {
  const { state, inbox, memory } = ctx;
  const failure = failedStepOf(ctx, name, err);
  if (state.pendingDecision?.kind !== 'step_failed') memory.pendingBeforeFailure = state.pendingDecision;
  state.pendingDecision = { kind: 'step_failed', reason: `${name} failed: ${failure.message}` };
  state.failedStep = failure;
  log.warn('step failed, waiting for a coordinator', {
    step: name,
    failureType: failure.failureType,
    retriesExhausted: failure.retriesExhausted,
  });
  await record(ctx, 'step_failed', SYSTEM, { ...failure });
  settleRetry(ctx);

  await condition(
    () =>
      inbox.stepRetry !== null ||
      (!memory.cancelling &&
        (inbox.cancelRequest !== null || inbox.assignmentDecision !== null || inbox.reevaluation !== null)),
  );
  const restoreDecision = () => {
    state.pendingDecision = memory.pendingBeforeFailure;
    memory.pendingBeforeFailure = null;
    state.failedStep = null;
  };
  if (inbox.stepRetry) {
    const retry = inbox.stepRetry;
    inbox.stepRetry = null;
    memory.retryTicket = retry.ticket;
    restoreDecision();
    await record(ctx, 'step_retried', retry.actor, { step: name });
    return;
  }
  if (inbox.cancelRequest) throw new CancelRequested();
  if (inbox.assignmentDecision) {
    restoreDecision();
    const { assignment, actor } = inbox.assignmentDecision;
    throw new CoordinatorTookOver({ assignment, actor, keptCurrent: false });
  }
  // A re-evaluation: the current rules from now on, then the step again.
  restoreDecision();
  await applyCurrentRules(ctx);
  settleReevaluation(ctx);
}

/** Writes a step failure or retry to the record; when even that fails, the search attributes still say so. */
async function record(
  ctx: WorkOrderContext,
  type: 'step_failed' | 'step_retried',
  actor: Actor,
  payload: Record<string, unknown>,
): Promise<void> {
  const { state } = ctx;
  refreshNeedsCoordinator(state);
  try {
    await activities.applyChange({
      number: ctx.input.number,
      idempotencyKey: stepKey(ctx, type),
      event: { type, actor, source: 'workflow', payload },
      patch: { needsCoordinator: state.needsCoordinator, pendingDecision: state.pendingDecision },
    });
  } catch (err) {
    const failed = stepErrorOf(err);
    if (!failed) throw err;
    log.error('could not record a step failure in Postgres: NeedsCoordinator and the state query show it', {
      type,
      step: payload.step,
      error: failed.message,
    });
  }
  publishSearchAttributes(ctx);
}

/** The retry whose update waits for an outcome has one. */
function settleRetry(ctx: WorkOrderContext): void {
  const { inbox, memory } = ctx;
  if (memory.retryTicket === null) return;
  inbox.ticketsApplied = Math.max(inbox.ticketsApplied, memory.retryTicket);
  memory.retryTicket = null;
}

const MESSAGE_LIMIT = 500;

function failedStepOf(ctx: WorkOrderContext, step: string, err: StepError): FailedStep {
  const cause = err.cause;
  const failureType =
    cause instanceof ApplicationFailure
      ? (cause.type ?? 'Error')
      : cause instanceof TimeoutFailure
        ? `Timeout${cause.timeoutType ? `:${cause.timeoutType}` : ''}`
        : (cause?.name ?? 'ActivityFailure');
  return {
    step,
    failureType,
    message: shortened(err.message || 'no message', MESSAGE_LIMIT),
    retriesExhausted: err.retriesExhausted,
    at: workflowNow().toISOString(),
    mayBookVisit: mayBookVisitAfterFailure(ctx),
  };
}

/** At most `limit` code units (activities hand over printable messages: activities/permanentFailures.ts). */
export function shortened(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
