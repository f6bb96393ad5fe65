/** An activity call's failure, as the workflow reads it. */
import { RetryState } from '@temporalio/common';
import { ActivityFailure, ApplicationFailure, TimeoutFailure } from '@temporalio/workflow';

export interface StepError {
  /** What the activity threw (or the timeout). */
  cause: Error | undefined;
  message: string;
  /** False when the failure was non-retryable: another try could not fix it. */
  retriesExhausted: boolean;
}

/**
 * Regular activities' failures come wrapped in an ActivityFailure; local activities' come as their cause itself (an
 * ApplicationFailure, or a TimeoutFailure). Anything else is not an activity's failure: null.
 */
export function stepErrorOf(err: unknown): StepError | null {
  if (err instanceof ActivityFailure)
    return {
      cause: err.cause,
      message: err.cause?.message || err.message,
      retriesExhausted: err.retryState !== RetryState.NON_RETRYABLE_FAILURE,
    };
  if (err instanceof ApplicationFailure)
    return { cause: err, message: err.message, retriesExhausted: !err.nonRetryable };
  if (err instanceof TimeoutFailure) return { cause: err, message: err.message, retriesExhausted: true };
  return null;
}
