import { createHash } from 'node:crypto';
import {
  isGrpcServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  type WorkflowHandle,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { CoordinatorTextInput, CoordinatorTextResult } from '../../domain/coordinatorText';
import { coordinatorTextWorkflowId } from '../../workflows/coordinatorTextDefinitions';
import type { coordinatorTextWorkflow } from '../../workflows/coordinatorText';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { WorkflowUnavailableError, workflowDeadlines } from '../workflowCalls';

/** What a key stands for: the same key with other words or another recipient is a mistake, not a retry. */
const REQUEST_MEMO = 'request';

export type CoordinatorTextOutcome =
  | { status: 'done'; result: CoordinatorTextResult; replayed: boolean }
  /** The worker has not sent it within the deadline: Temporal holds the text and the worker sends it when it runs. */
  | { status: 'pending'; workflowId: string; replayed: boolean };

const requestHash = (input: CoordinatorTextInput) =>
  createHash('sha256')
    .update(JSON.stringify([input.to, input.body]))
    .digest('hex');

/** The gRPC code of an error or of one it wraps; null for none. */
function grpcCode(err: unknown): number | null {
  for (let e = err; e instanceof Error; e = (e as { cause?: unknown }).cause) if (isGrpcServiceError(e)) return e.code;
  return null;
}

/**
 * Starts the text's workflow, or finds the one this key started (a retried POST): either way the answer is that
 * workflow's, so the text goes out once. A run that failed for good (its retries ran out) may be started again.
 * Checks that come before sending (the recipient, opt-outs) are the caller's: `beforeFirstSend` runs only when no
 * run of this key is there yet, so a retry of a text that was sent is answered as it was, whatever changed since.
 */
export async function sendCoordinatorText(
  deps: ApiDeps,
  input: CoordinatorTextInput,
  beforeFirstSend: () => Promise<void>,
): Promise<CoordinatorTextOutcome> {
  const workflowId = coordinatorTextWorkflowId(input.workOrderNumber, input.idempotencyKey);
  const handle = deps.temporal.workflow.getHandle<typeof coordinatorTextWorkflow>(workflowId);
  const { updateMs } = workflowDeadlines(deps);
  const within = <T>(work: () => Promise<T>, what: string): Promise<T> =>
    deps.temporal.connection.withDeadline(Date.now() + updateMs, work).catch((err: unknown) => {
      if (grpcCode(err) === null) throw err;
      throw new WorkflowUnavailableError(
        'temporal_unavailable',
        `${what} ${workflowId}: Temporal did not answer (${(err as Error).message}); nothing was sent`,
      );
    });

  let replayed = await isLive(handle, within);
  if (!replayed) {
    await beforeFirstSend();
    try {
      await within(
        () =>
          deps.temporal.workflow.start<typeof coordinatorTextWorkflow>('coordinatorTextWorkflow', {
            workflowId,
            taskQueue: deps.taskQueue,
            args: [input],
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            memo: { [REQUEST_MEMO]: requestHash(input) },
          }),
        'starting',
      );
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      replayed = true; // the same POST, at the same moment
    }
  }
  if (replayed) {
    const described = await within(() => handle.describe(), 'describing');
    if (described.memo?.[REQUEST_MEMO] !== requestHash(input)) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        `Idempotency-Key ${input.idempotencyKey} was used for another text on work order ${input.workOrderNumber}: use a new key for a new text`,
        [{ path: 'headers.idempotency-key', message: 'used for another text' }],
      );
    }
  }
  try {
    const result = await deps.temporal.connection.withDeadline(Date.now() + updateMs, () => handle.result());
    return { status: 'done', result, replayed };
  } catch (err) {
    // 4 DEADLINE_EXCEEDED: the worker has not sent it yet (none running, or Twilio slow and being retried).
    if (grpcCode(err) === 4) return { status: 'pending', workflowId, replayed };
    if (err instanceof WorkflowFailedError)
      throw new AppError(
        503,
        'sms_not_sent',
        `the text could not be sent (${err.cause?.message ?? err.message}): send it again with the same Idempotency-Key`,
      );
    throw err;
  }
}

/** A run of this key that is sending or has sent: the text a retried POST means. */
async function isLive(
  handle: WorkflowHandle,
  within: <T>(work: () => Promise<T>, what: string) => Promise<T>,
): Promise<boolean> {
  try {
    const described = await within(() => handle.describe(), 'describing');
    return described.status.name === 'RUNNING' || described.status.name === 'COMPLETED';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}
