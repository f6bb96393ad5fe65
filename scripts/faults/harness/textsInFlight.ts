/** Texts a killed worker left claimed but unsent: its activity is retried once its attempt times out. */
import type { Pool } from 'pg';
import { sleep } from '../../async';

/**
 * Waits until none of the orders' outbound texts is still `sending`, or `timeoutMs` has passed; returns how many
 * still are. An order can be `scheduled` while the technician's text after it waits for its retry (a worker killed
 * mid-send: the attempt's 20 s timeout, then the retry), so the reconciliation waits for the texts themselves.
 */
export async function waitForTextsInFlight(pool: Pool, numbers: number[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let sending: number;
    try {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sms_messages
          WHERE direction = 'outbound' AND status = 'sending' AND work_order_number = ANY($1::bigint[])`,
        [numbers],
      );
      sending = rows[0]!.n;
    } catch {
      sending = Number.NaN; // Postgres restarting: ask again
    }
    if (sending === 0 || Date.now() > deadline) return sending;
    await sleep(500);
  }
}
