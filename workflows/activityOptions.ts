import type { ActivityOptions } from '@temporalio/workflow';

/**
 * Every activity the workflows call: 30 s an attempt, retried with backoff (1 s doubling to 30 s) for at most
 * 20 attempts, about 8 minutes: long enough to ride out a Postgres restart or a provider's bad minute, short
 * enough that a step that keeps failing reaches a coordinator the same morning. A failure another try cannot fix
 * is non-retryable (activities/permanentFailures.ts) and ends the retries at once. Bounded on purpose: nothing
 * retries forever (test/unit/activityOptions.test.ts reads every proxy the workflows create).
 */
export const databaseActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 20 },
};
