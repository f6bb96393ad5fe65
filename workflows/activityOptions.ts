import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/**
 * How long the workflows wait on each dependency. Every call is retried with backoff (1 s doubling to 30 s) for a
 * bounded number of attempts: long enough to ride out a Postgres restart or a provider's bad minute, short enough
 * that a step that keeps failing reaches a coordinator the same morning. A failure another try cannot fix is
 * non-retryable (activities/permanentFailures.ts) and ends the retries at once. Nothing retries forever
 * (test/unit/activityOptions.test.ts reads every proxy the workflows create).
 */
const backoff = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } as const;

/**
 * Postgres, as a local activity run by the worker inside the workflow task: one transaction, no round trip through
 * Temporal's matching, one marker in the history. 20 attempts: about 8 minutes.
 */
export const postgresLocalActivity: LocalActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { ...backoff, maximumAttempts: 20 },
};

/** Postgres, as a regular activity: the workflows that run a few times a day (preventive runs, the pager sweep). */
export const postgresActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { ...backoff, maximumAttempts: 20 },
};

/** Twilio (or the SMS outbox standing in for it): the twilio client gives up on a request after 10 s. */
export const twilioActivity: ActivityOptions = {
  startToCloseTimeout: '20 seconds',
  retry: { ...backoff, maximumAttempts: 20 },
};

/**
 * Claude (classification, photo review): the adapters stop a call at 24 s, retries included, and answer with the
 * deterministic fallback; what is left to retry here is a crash, so fewer attempts.
 */
export const claudeActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { ...backoff, maximumAttempts: 10 },
};
