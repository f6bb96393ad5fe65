/**
 * What the poison drill checks beyond the reconciliation: a refused step past the API goes to a coordinator at once;
 * no order is left frozen; no step took more attempts than its bound.
 */
import type { Client } from '@temporalio/client';
import { noAccessSignal, stateQuery, workOrderWorkflowId } from '../../../workflows/definitions';
import { mapLimit, sleep } from '../../async';
import type { Stack } from '../harness';
import type { Check } from '../reconcile';

/** The activities' bound (workflows/activityOptions.ts): a scheduled activity allowed more attempts is a failure. */
const MAX_ATTEMPTS = 20;

/** A NUL past the API: the step Postgres refuses goes to a coordinator at once, who cancels the order. */
export async function bypassTheApi(stack: Stack, number: number): Promise<Check> {
  const handle = stack.client.workflow.getHandle(workOrderWorkflowId(number));
  const problems: string[] = [];
  const state = await handle.query(stateQuery);
  const technicianId = state.assignment?.technicianId;
  if (technicianId === undefined)
    return {
      name: 'a NUL signalled past the API',
      pass: false,
      detail: `work order ${number} has no technician: ${state.status}`,
    };
  const sentAt = Date.now();
  await handle.signal(noAccessSignal, { technicianId, at: new Date().toISOString(), note: 'nobody home \u0000' });
  let queuedAfterMs: number | null = null;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(250)) {
    const queue = await stack.api.call('GET', '/queues/failed-steps');
    if (((queue.body as { items?: Array<{ number: number }> }).items ?? []).some((i) => i.number === number)) {
      queuedAfterMs = Date.now() - sentAt;
      break;
    }
  }
  if (queuedAfterMs === null) problems.push('never reached the failed-steps queue');
  const failed = await handle.query(stateQuery);
  if (failed.failedStep?.step !== 'recordAccessProblem' || failed.failedStep.retriesExhausted)
    problems.push(`failed step ${JSON.stringify(failed.failedStep)}`);
  const cancelled = await stack.api.call('POST', `/work-orders/${number}/cancel`, {
    reason: 'poison drill: cancelled from the failed-steps queue',
  });
  if (cancelled.status !== 200) problems.push(`cancel answered ${cancelled.status}: ${cancelled.text.slice(0, 160)}`);
  return {
    name: 'a NUL signalled past the API: the refused step in the failed-steps queue at once (no retries), then cancelled',
    pass: problems.length === 0,
    detail:
      problems.length === 0
        ? `work order ${number}: recordAccessProblem refused, queued after ${((queuedAfterMs ?? 0) / 1000).toFixed(1)} s, cancelled`
        : problems.join('; '),
  };
}

/** No workflow has an activity pending (retrying or waiting for a worker): nothing is stuck where nobody sees it. */
export async function noOrderFrozen(client: Client, numbers: number[]): Promise<Check> {
  const stuck: string[] = [];
  const deadline = Date.now() + 30_000;
  for (;;) {
    stuck.length = 0;
    await mapLimit(numbers, 6, async (n) => {
      const described = await client.workflow.getHandle(workOrderWorkflowId(n)).describe();
      for (const pending of described.raw.pendingActivities ?? [])
        stuck.push(
          `#${n} ${pending.activityType?.name} attempt ${pending.attempt}: ${pending.lastFailure?.message ?? 'not started'}`,
        );
    });
    if (stuck.length === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  return {
    name: 'no order frozen: no activity left pending or retrying',
    pass: stuck.length === 0,
    detail:
      stuck.length === 0 ? `${numbers.length} workflows, none with a pending activity` : stuck.slice(0, 5).join('; '),
  };
}

/** Every activity Temporal scheduled carried a bounded retry policy, and none took more attempts than it. */
export async function retriesBounded(client: Client, numbers: number[]): Promise<Check> {
  const problems: string[] = [];
  let scheduled = 0;
  let maxAttempt = 1;
  await mapLimit(numbers, 6, async (n) => {
    const history = await client.workflow.getHandle(workOrderWorkflowId(n)).fetchHistory();
    for (const event of history.events ?? []) {
      const policy = event.activityTaskScheduledEventAttributes?.retryPolicy;
      if (event.activityTaskScheduledEventAttributes) {
        scheduled++;
        const bound = policy?.maximumAttempts ?? 0;
        if (bound < 1 || bound > MAX_ATTEMPTS)
          problems.push(
            `#${n} ${event.activityTaskScheduledEventAttributes.activityType?.name}: maximumAttempts ${bound}`,
          );
      }
      const attempt = event.activityTaskStartedEventAttributes?.attempt ?? 1;
      maxAttempt = Math.max(maxAttempt, attempt);
      if (attempt > MAX_ATTEMPTS) problems.push(`#${n}: an activity ran attempt ${attempt}`);
    }
  });
  return {
    name: `no step past its retry bound (${MAX_ATTEMPTS} attempts)`,
    pass: problems.length === 0 && scheduled > 0,
    detail:
      problems.length === 0
        ? `${scheduled} activities scheduled, every one bounded; the most attempts any took: ${maxAttempt}`
        : problems.slice(0, 5).join('; '),
  };
}
