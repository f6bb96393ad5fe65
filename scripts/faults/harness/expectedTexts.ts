/** The texts the drill expects, waited for: a worker killed mid-step sends them late, not never. */
import type { Pool } from 'pg';
import { sleep } from '../../async';

export interface TextsSettled {
  /** Outbound texts of the orders that left `sending`. */
  done: number;
  expected: number;
  sending: number;
}

/**
 * Waits until the orders have at least as many outbound texts out of `sending` as expected and none still `sending`,
 * or `timeoutMs` has passed. An order can be `scheduled` before the technician's text after it is sent: a worker
 * killed after the change committed and before its workflow task completed leaves the text to the next worker (after
 * the task's timeout), and one killed mid-send leaves it `sending` until the attempt's timeout and the retry. The
 * reconciliation then reads what was sent; this only waits for it, bounded, so a text that never comes still fails.
 */
export async function waitForExpectedTexts(
  pool: Pool,
  expected: ReadonlyArray<{ number: number; sms: Record<string, number> }>,
  timeoutMs: number,
): Promise<TextsSettled> {
  const want = expected.reduce((sum, e) => sum + Object.values(e.sms).reduce((a, b) => a + b, 0), 0);
  const numbers = expected.map((e) => e.number);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let settled: TextsSettled = { done: 0, expected: want, sending: Number.NaN };
    try {
      const { rows } = await pool.query<{ done: number; sending: number }>(
        `SELECT count(*) FILTER (WHERE status <> 'sending')::int AS done, count(*) FILTER (WHERE status = 'sending')::int AS sending
           FROM sms_messages WHERE direction = 'outbound' AND work_order_number = ANY($1::bigint[])`,
        [numbers],
      );
      settled = { ...settled, ...rows[0]! };
    } catch {
      // Postgres restarting: ask again
    }
    if ((settled.sending === 0 && settled.done >= want) || Date.now() > deadline) return settled;
    await sleep(500);
  }
}
