/**
 * Calls that wait on a workflow, each within a deadline. A query or an update runs in the workflow's code, so it needs
 * a worker: with none polling (stopped, crashed, stuck) Temporal holds the call until its deadline. Signals and starts
 * need no worker (Temporal keeps them in the history), only Temporal, and get a deadline too.
 *
 * An update past its deadline is not lost: Temporal has admitted it and keeps it (in memory) for the worker, whose
 * validator checks it against the state of that moment; applied, the workflow writes its event with the actor. So the
 * caller hears 202 "pending" with the update's id and where to look, never a bare error for a change that happens later.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateRPCTimeoutOrCancelledError, isGrpcServiceError, type WorkflowHandle } from '@temporalio/client';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Response } from 'express';
import { workOrderNumberFromWorkflowId, workOrderWorkflowId } from '../workflows/definitions';
import type { ApiDeps } from './deps';
import { AppError } from './errors';
import { toHttpError } from './temporalErrors';

export interface WorkflowDeadlines {
  /** A query (the workflow's state): a live worker answers in milliseconds. */
  queryMs: number;
  /** An update: the workflow may run an activity (booking a technician) before it answers. */
  updateMs: number;
}

export const DEFAULT_WORKFLOW_DEADLINES: WorkflowDeadlines = { queryMs: 3000, updateMs: 10_000 };

/** How long, past an update's deadline, asking Temporal whether it holds the update may take. */
const ADMISSION_CHECK_MS = 1000;

/** What a 503 tells a client to wait before trying again. */
const RETRY_AFTER_SECONDS = 5;

// The proto enums' values (@temporalio/proto is no direct dependency).
const UPDATE_STAGE = { admitted: 1, accepted: 2, completed: 3 } as const;

export function workflowDeadlines(deps: Pick<ApiDeps, 'workflowDeadlines'>): WorkflowDeadlines {
  return { ...DEFAULT_WORKFLOW_DEADLINES, ...deps.workflowDeadlines };
}

/** 503: Temporal or the workflow's worker did not answer in time; nothing was changed. */
export class WorkflowUnavailableError extends AppError {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;
  constructor(code: 'worker_unavailable' | 'temporal_unavailable', message: string) {
    super(503, code, message);
  }
}

/** The update ran: its result. Or it is still waiting for a worker (admitted) or being applied (accepted). */
export type UpdateOutcome<R> =
  { status: 'applied'; result: R } | { status: 'pending'; updateId: string; stage: 'admitted' | 'accepted' };

const numberOf = (handle: WorkflowHandle) => workOrderNumberFromWorkflowId(handle.workflowId) ?? 0;

/** The gRPC status code of `err` or of an error it wraps; null when none is a gRPC error. */
function grpcCode(err: unknown): number | null {
  for (let e = err; e instanceof Error; e = (e as { cause?: unknown }).cause) if (isGrpcServiceError(e)) return e.code;
  return null;
}

/** A call that did not get through in time, as a 503; any other error (a bug) is returned as it is. */
function unavailable(err: unknown, what: string, deadlineMs: number): unknown {
  const code = grpcCode(err);
  if (code === null) return err;
  // 4 DEADLINE_EXCEEDED: mostly Temporal waiting for a worker (the client also retries an unreachable Temporal until then).
  if (code === 4)
    return new WorkflowUnavailableError(
      'worker_unavailable',
      `${what}: no answer within ${deadlineMs} ms (no worker running the workflow, or Temporal unreachable)`,
    );
  return new WorkflowUnavailableError(
    'temporal_unavailable',
    `${what}: Temporal did not answer (${(err as Error).message})`,
  );
}

/** True for the error queryWithin and signalWithin throw when the deadline passed or Temporal could not be reached. */
export const isUnavailable = (err: unknown): err is WorkflowUnavailableError => err instanceof WorkflowUnavailableError;

/**
 * The query's answer within `deadlineMs`. Throws WorkflowUnavailableError past it (no worker, or no Temporal), and a
 * business rejection or a closed workflow as its HTTP error (api/temporalErrors.ts).
 */
export async function queryWithin<R, A extends unknown[]>(
  handle: WorkflowHandle,
  query: QueryDefinition<R, A>,
  args: A,
  deadlineMs: number,
): Promise<R> {
  try {
    // The deadline ends the call itself: Temporal would otherwise hold it for about 30 s.
    return await handle.client.connection.withDeadline(Date.now() + deadlineMs, () => handle.query(query, ...args));
  } catch (err) {
    const mapped = toHttpError(err, numberOf(handle));
    if (mapped !== err) throw mapped;
    throw unavailable(err, `the ${query.name} query of ${handle.workflowId}`, deadlineMs);
  }
}

/** Signals within `deadlineMs` (a signal needs Temporal, not a worker); WorkflowUnavailableError past it. */
export async function signalWithin<A extends unknown[]>(
  handle: WorkflowHandle,
  signal: SignalDefinition<A>,
  args: A,
  deadlineMs: number,
): Promise<void> {
  try {
    await handle.client.connection.withDeadline(Date.now() + deadlineMs, () => handle.signal(signal, ...args));
  } catch (err) {
    const mapped = toHttpError(err, numberOf(handle));
    if (mapped !== err) throw mapped;
    if (grpcCode(err) === null) throw err;
    throw new WorkflowUnavailableError(
      'temporal_unavailable',
      `the ${signal.name} signal to ${handle.workflowId}: Temporal did not take it within ${deadlineMs} ms`,
    );
  }
}

/**
 * Runs the update and waits up to `deadlineMs` for its result. Past the deadline it asks Temporal whether it holds the
 * update (within another second): if so the update is pending (the worker will validate and apply it), otherwise
 * nothing will happen and it throws WorkflowUnavailableError. A refusal by the workflow is thrown as its HTTP error.
 * `updateId` (random by default) lets the caller look the update up: `temporal workflow update describe`.
 */
export async function executeUpdateWithin<R, A extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<R, A>,
  args: A,
  deadlineMs: number,
  updateId: string = `${update.name}-${randomUUID()}`,
): Promise<UpdateOutcome<R>> {
  const connection = handle.client.connection;
  try {
    const result = await connection.withDeadline(Date.now() + deadlineMs, () =>
      handle.executeUpdate(update, { args, updateId }),
    );
    return { status: 'applied', result };
  } catch (err) {
    if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) {
      const mapped = toHttpError(err, numberOf(handle));
      if (mapped !== err) throw mapped;
      throw unavailable(err, `the ${update.name} update of ${handle.workflowId}`, deadlineMs);
    }
  }
  const stage = await admittedStage(handle, updateId);
  if (stage === UPDATE_STAGE.completed) {
    // Finished between the deadline and the check: its outcome, as if it had come in time.
    try {
      return {
        status: 'applied',
        result: await connection.withDeadline(Date.now() + ADMISSION_CHECK_MS, () =>
          handle.getUpdateHandle<R>(updateId).result(),
        ),
      };
    } catch (err) {
      throw toHttpError(err, numberOf(handle));
    }
  }
  if (stage === null) {
    throw new WorkflowUnavailableError(
      'temporal_unavailable',
      `the ${update.name} update of ${handle.workflowId} did not reach Temporal within ${deadlineMs} ms; nothing was changed`,
    );
  }
  return { status: 'pending', updateId, stage: stage === UPDATE_STAGE.accepted ? 'accepted' : 'admitted' };
}

/** The update's lifecycle stage on the server, or null when Temporal does not hold it (or does not answer). */
async function admittedStage(handle: WorkflowHandle, updateId: string): Promise<number | null> {
  const { client } = handle;
  try {
    const polled = await client.connection.withDeadline(Date.now() + ADMISSION_CHECK_MS, () =>
      client.workflowService.pollWorkflowExecutionUpdate({
        namespace: client.options.namespace,
        updateRef: { workflowExecution: { workflowId: handle.workflowId }, updateId },
        identity: client.options.identity,
        // Answers at once with the stage reached (admitted, accepted or completed).
        waitPolicy: { lifecycleStage: UPDATE_STAGE.admitted },
      }),
    );
    return polled.stage ?? null;
  } catch {
    return null;
  }
}

/** The answer for an update: 200 with the workflow's answer, or 202 saying it is pending and where to look. */
export function sendUpdateOutcome<R>(
  res: Response,
  number: number,
  outcome: UpdateOutcome<R>,
  deadlineMs: number,
): void {
  if (outcome.status === 'applied') {
    res.json(outcome.result);
    return;
  }
  const waiting =
    outcome.stage === 'accepted'
      ? 'the workflow accepted the decision and is applying it'
      : 'no worker picked the decision up: it waits in Temporal, and the workflow checks it against the order as it is then';
  res.status(202).json({
    pending: true,
    updateId: outcome.updateId,
    stage: outcome.stage,
    check: `/work-orders/${number}`,
    message: `not applied within ${deadlineMs / 1000} s: ${waiting}. Once applied, the order's events show it with your name.`,
  });
}

/** Sets Retry-After when `err` is this module's 503, then rethrows it: the app's error middleware writes the body. */
export function rethrowWithRetryAfter(res: Response, err: unknown): never {
  if (isUnavailable(err)) res.set('Retry-After', String(err.retryAfterSeconds));
  throw err;
}

/**
 * For a route: runs `update` on work order `number` within the update deadline of `deps` and answers: 200 with the
 * workflow's answer, 202 pending, the workflow's refusal (404/409/422), or 503 with Retry-After.
 */
export async function answerWithUpdate<R, A extends [unknown, ...unknown[]]>(
  deps: Pick<ApiDeps, 'temporal' | 'workflowDeadlines'>,
  res: Response,
  number: number,
  update: UpdateDefinition<R, A>,
  args: A,
): Promise<void> {
  const { updateMs } = workflowDeadlines(deps);
  try {
    sendUpdateOutcome(
      res,
      number,
      await executeUpdateWithin(deps.temporal.workflow.getHandle(workOrderWorkflowId(number)), update, args, updateMs),
      updateMs,
    );
  } catch (err) {
    rethrowWithRetryAfter(res, err);
  }
}
