/** The work orders' statuses in Postgres: counted, and waited for. */
import type { Pool } from 'pg';
import type { WorkOrderStatus } from '../../../domain/status';
import { sleep } from '../../async';

/** Every work order's status in Postgres, counted. */
export async function statusCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: string }>(
    'SELECT status, count(*) AS n FROM work_orders GROUP BY status ORDER BY status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Polls Postgres until every order in `numbers` has a status in `statuses`, or the time is up; returns those that don't. */
export async function waitForStatuses(
  pool: Pool,
  numbers: number[],
  statuses: WorkOrderStatus[],
  timeoutMs: number,
  onPoll?: () => Promise<void>,
): Promise<Map<number, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (onPoll) await onPoll();
    const pending = new Map<number, string>();
    try {
      const { rows } = await pool.query<{ number: string; status: string }>(
        'SELECT number, status FROM work_orders WHERE number = ANY($1)',
        [numbers],
      );
      const found = new Map(rows.map((r) => [Number(r.number), r.status]));
      for (const n of numbers) {
        const status = found.get(n) ?? '(no row)';
        if (!statuses.includes(status as WorkOrderStatus)) pending.set(n, status);
      }
    } catch (err) {
      // Postgres may be restarting: poll again.
      for (const n of numbers) pending.set(n, `(unknown: ${(err as Error).message})`);
    }
    if (pending.size === 0 || Date.now() > deadline) return pending;
    await sleep(500);
  }
}

/** Status counts in one line ("triage 3, scheduled 7"). */
export function describeStatuses(counts: Record<string, number>): string {
  return (
    Object.entries(counts)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ') || 'no orders yet'
  );
}
