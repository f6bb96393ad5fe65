/** What a drill reports beside its checks, read from Temporal's histories and the decisions once the drill is over. */
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { mapLimit } from '../../async';

/**
 * Retries as Temporal recorded them: an activity's started event carries the attempt that completed it (failed attempts
 * are not in the history, their number is), so attempt − 1 is how often it was retried.
 */
export async function activityRetries(
  client: Client,
  numbers: number[],
): Promise<{ retriedActivities: number; extraAttempts: number; maxAttempt: number }> {
  let retriedActivities = 0;
  let extraAttempts = 0;
  let maxAttempt = 1;
  await mapLimit(numbers, 6, async (n) => {
    const history = await client.workflow.getHandle(`work-order-${n}`).fetchHistory();
    for (const event of history.events ?? []) {
      const attempt = event.activityTaskStartedEventAttributes?.attempt;
      if (!attempt || attempt <= 1) continue;
      retriedActivities++;
      extraAttempts += attempt - 1;
      maxAttempt = Math.max(maxAttempt, attempt);
    }
  });
  return { retriedActivities, extraAttempts, maxAttempt };
}

/** The activities' retries over these orders, and the automatic bookings proposed again (when there were any). */
export async function retryFacts(client: Client, pool: Pool, numbers: number[]): Promise<string[]> {
  const facts: string[] = [];
  const retries = await activityRetries(client, numbers);
  facts.push(
    `activities retried: ${retries.retriedActivities} activities took ${retries.extraAttempts} extra attempts (max attempt ${retries.maxAttempt})`,
  );
  const routings = (
    await pool.query<{ routings: string; orders: string }>(
      `SELECT count(*) AS routings, count(DISTINCT work_order_number) AS orders FROM decisions WHERE kind = 'routing'`,
    )
  ).rows[0]!;
  const reproposed = Number(routings.routings) - Number(routings.orders);
  if (reproposed > 0)
    facts.push(
      `automatic bookings that lost their slot to another order and proposed again: ${reproposed} (each order's events unchanged)`,
    );
  return facts;
}
