/**
 * Work orders down the real auto path, as the throughput and saturating runs send them: a signed inbound SMS (the
 * webhook writes the order and starts its workflow), then a poll of the database until the row is routed
 * (`awaiting_confirmation`, or `needs_assignment` / `escalated`); what each order's routing was; and waiting for the
 * texts the workflow sends after `assigned`.
 */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { TestSystem } from '../../test/support/system';
import { sleep } from './harness';
import { autoMessage, type Tenant } from './workload';

export const ROUTED_STATUSES = ['awaiting_confirmation', 'needs_assignment', 'escalated'] as const;
const POLL_MS = 50;

export interface Routed {
  status: string;
  /** performance.now() when the poll first saw it in the status waited for. */
  at: number;
}

export interface StatusWatcher {
  /** Resolves when the order is seen in one of the statuses, or with null after `timeoutMs`. */
  reached(number: number, timeoutMs: number): Promise<Routed | null>;
  /** The last status read for the order. */
  statusOf(number: number): string | undefined;
  stop(): Promise<void>;
}

/**
 * One query every 50 ms for every order someone waits on, until it is in one of `statuses`: what the clients of a
 * closed loop wait for (routed), and a tenant's YES (`scheduled`).
 */
export function watchStatus(pool: Pool, statuses: readonly string[]): StatusWatcher {
  const waiters = new Map<number, Array<(routed: Routed) => void>>();
  const last = new Map<number, string>();
  const seen = new Map<number, Routed>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const pending = [...waiters.keys()];
      if (pending.length > 0) {
        const { rows } = await pool
          .query<{ number: number; status: string }>(
            'SELECT number::int AS number, status FROM work_orders WHERE number = ANY($1::bigint[])',
            [pending],
          )
          .catch(() => ({ rows: [] as Array<{ number: number; status: string }> }));
        const now = performance.now();
        for (const row of rows) {
          last.set(row.number, row.status);
          if (!statuses.includes(row.status)) continue;
          const routed = { status: row.status, at: now };
          seen.set(row.number, routed);
          for (const resolve of waiters.get(row.number) ?? []) resolve(routed);
          waiters.delete(row.number);
        }
      }
      await sleep(POLL_MS);
    }
  })();
  return {
    reached(number, timeoutMs) {
      const already = seen.get(number);
      if (already) return Promise.resolve(already);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          const list = waiters.get(number)?.filter((r) => r !== done) ?? [];
          if (list.length) waiters.set(number, list);
          else waiters.delete(number);
          resolve(null);
        }, timeoutMs);
        const done = (routed: Routed) => {
          clearTimeout(timer);
          resolve(routed);
        };
        waiters.set(number, [...(waiters.get(number) ?? []), done]);
      });
    },
    statusOf: (number) => last.get(number),
    async stop() {
      running = false;
      await loop;
    },
  };
}

export const watchRouting = (pool: Pool): StatusWatcher => watchStatus(pool, ROUTED_STATUSES);

/** Texts auto-assignable problem `i` (tenants in turn) and returns the work order number from the TwiML answer. */
export async function textOrder(system: TestSystem, tenants: Tenant[], i: number): Promise<number> {
  const { from, body } = autoMessage(i, tenants);
  const response = await system.textFrom(from, body);
  const number = Number(/#(\d+)/.exec(response.text)?.[1] ?? Number.NaN);
  if (response.status !== 200 || !Number.isInteger(number))
    throw new Error(`${response.status}: ${response.text.slice(0, 200)}`);
  return number;
}

export interface Outcomes {
  /** Routed to `awaiting_confirmation`. */
  autoNumbers: number[];
  /** Sent to the review queue because the proposed slot was booked by another order 3 times in a row. */
  lostBookingRace: number;
  /**
   * Sent to the review queue because the crew was booked up: the text was classified sure enough to auto-assign, but
   * the best slot left was more than BOOKED_UP_HOURS out, which lowers the proposal's confidence under the threshold;
   * or no slot was left in the horizon at all, so the job was offered to vendors.
   */
  crewBookedUp: number;
  /** Not auto-assigned, by status and the routing's reasons (or not routed in time). */
  other: Record<string, number>;
}

/** A slot this far after the text lowers the proposal's confidence (domain/assignment.ts scoreSlots). */
const BOOKED_UP_HOURS = 72;
/** The job was offered to vendors because every technician with the skill is booked for the horizon (noFitReason). */
const FULLY_BOOKED = /offered to approved vendors \(no internal technician fits: every .* is fully booked/;

interface RoutedRow {
  number: number;
  status: string;
  reasons: string[] | null;
  classificationConfidence: number | null;
  autoAssignThreshold: number | null;
  hoursToSlot: number | null;
}

/** What the orders' routings were: auto-assigned, lost the booking race, the crew booked up, or something else (with its reasons). */
export async function outcomesOf(
  pool: Pool,
  numbers: number[],
  routed: ReadonlyMap<number, Routed>,
  timeoutSeconds: number,
): Promise<Outcomes> {
  const { rows } = await pool.query<RoutedRow>(
    `SELECT w.number::int AS number, w.status, w.routing->'reasons' AS reasons,
            (w.classification->>'confidence')::float AS "classificationConfidence",
            (r.rules->'thresholds'->>'autoAssign')::float AS "autoAssignThreshold",
            extract(epoch FROM ((w.proposal->'best'->'slot'->>'start')::timestamptz - w.created_at)) / 3600 AS "hoursToSlot"
       FROM work_orders w LEFT JOIN rules r ON r.version = w.rules_version
      WHERE w.number = ANY($1::bigint[])`,
    [numbers],
  );
  const rowOf = new Map(rows.map((r) => [r.number, r]));
  const autoNumbers: number[] = [];
  let lostBookingRace = 0;
  let crewBookedUp = 0;
  const other: Record<string, number> = {};
  for (const number of numbers) {
    const status = routed.get(number)?.status;
    const row = rowOf.get(number);
    const reasons = (row?.reasons ?? []).join('; ');
    if (status === 'awaiting_confirmation') {
      autoNumbers.push(number);
      continue;
    }
    if (status === 'needs_assignment' && /slot was taken/.test(reasons)) {
      lostBookingRace += 1;
      continue;
    }
    const bookedUp =
      status === 'needs_assignment' &&
      (FULLY_BOOKED.test(reasons) ||
        (row?.autoAssignThreshold != null &&
          (row.classificationConfidence ?? 0) >= row.autoAssignThreshold &&
          (row.hoursToSlot ?? 0) > BOOKED_UP_HOURS));
    if (bookedUp) {
      crewBookedUp += 1;
      continue;
    }
    const key = status
      ? `${status}${reasons ? ` (${reasons})` : ''}`
      : `not routed within ${timeoutSeconds} s (${row?.status ?? 'unknown'})`;
    other[key] = (other[key] ?? 0) + 1;
  }
  return { autoNumbers, lostBookingRace, crewBookedUp, other };
}

/**
 * Waits until every order has texted its tenant the confirmation request (the last thing it does before it waits on
 * its timers; the technician is texted once the visit is confirmed), so the worker is idle again. Returns how many have.
 */
export async function waitForTexts(system: TestSystem, numbers: number[], timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const sent = (
      await system.db.pool.query<{ n: number }>(
        `SELECT count(DISTINCT work_order_number)::int AS n FROM sms_messages WHERE direction = 'outbound' AND work_order_number = ANY($1::bigint[]) AND kind = 'confirmation_request'`,
        [numbers],
      )
    ).rows[0]!.n;
    if (sent >= numbers.length || performance.now() > deadline) return sent;
    await sleep(200);
  }
}
