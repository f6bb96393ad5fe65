/**
 * Part 2's load: signed inbound SMS sent open-loop at a fixed rate, each followed from its POST to the moment its row
 * is routed (the database polled every 20 ms).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import type { TestSystem } from '../../../test/support/system';
import { sleep } from '../../async';
import { autoMessage, type Tenant } from '../workload';

export interface Sent {
  index: number;
  sid: string;
  from: string;
  body: string;
  /** Date.now() at the POST, to compare with the database's event timestamps (same machine clock). */
  postedAtEpochMs: number;
  postedAt: number;
  answeredAt: number | null;
  status: number;
  number: number | null;
  /** When the 20 ms poll first saw the row routed (awaiting_confirmation, needs_assignment or escalated). */
  routedAt: number | null;
  routedStatus: string | null;
  error?: string;
}

const ROUTED = ['awaiting_confirmation', 'needs_assignment', 'escalated'];
const POLL_MS = 20;

/** Polls the pending orders every 20 ms, noting when each is first seen routed, until nothing is sent or pending. */
async function followRouting(
  pool: Pool,
  pending: Map<number, Sent>,
  sending: () => boolean,
  stopped: () => boolean,
): Promise<void> {
  while ((sending() || pending.size > 0) && !stopped()) {
    if (pending.size > 0) {
      const { rows } = await pool.query<{ number: number; status: string }>(
        'SELECT number::int AS number, status FROM work_orders WHERE number = ANY($1::bigint[])',
        [[...pending.keys()]],
      );
      const seen = performance.now();
      for (const row of rows) {
        if (!ROUTED.includes(row.status)) continue;
        const s = pending.get(row.number)!;
        s.routedAt = seen;
        s.routedStatus = row.status;
        pending.delete(row.number);
      }
    }
    await sleep(POLL_MS);
  }
}

/** Posts one message and reads its work order number from the answer; the order then waits in `pending` to be routed. */
async function post(system: TestSystem, s: Sent, pending: Map<number, Sent>): Promise<void> {
  try {
    const response = await system.textFrom(s.from, s.body, s.sid);
    s.answeredAt = performance.now();
    s.status = response.status;
    const number = Number(/#(\d+)/.exec(response.text)?.[1] ?? Number.NaN);
    if (Number.isInteger(number)) {
      s.number = number;
      pending.set(number, s);
    } else {
      s.error = `no work order number in the answer: ${response.text.slice(0, 200)}`;
    }
  } catch (err) {
    s.answeredAt = performance.now();
    s.error = (err as Error).message;
  }
}

/** A message about to be sent: the `index`th of the workload, not yet answered nor routed. */
function message(index: number, tenants: Tenant[]): Sent {
  const { from, body } = autoMessage(index, tenants);
  return {
    index,
    sid: `SM${randomBytes(16).toString('hex')}`,
    from,
    body,
    postedAtEpochMs: Date.now(),
    postedAt: performance.now(),
    answeredAt: null,
    status: 0,
    number: null,
    routedAt: null,
    routedStatus: null,
  };
}

/** Sends `count` messages open-loop at `rate`/s and follows each to its routing; resolves when all are routed or `timeoutSeconds` after the last POST. */
export async function sendAndFollow(
  system: TestSystem,
  tenants: Tenant[],
  first: number,
  count: number,
  rate: number,
  timeoutSeconds: number,
  stopped: () => boolean,
): Promise<Sent[]> {
  const pool = system.db.pool;
  const sent: Sent[] = [];
  const pending = new Map<number, Sent>();
  let sending = true;
  const poller = followRouting(pool, pending, () => sending, stopped);

  const posts: Array<Promise<void>> = [];
  const start = performance.now();
  for (let k = 0; k < count && !stopped(); k++) {
    const wait = start + (k * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const s = message(first + k, tenants);
    sent.push(s);
    posts.push(post(system, s, pending));
  }
  await Promise.all(posts);
  const deadline = performance.now() + timeoutSeconds * 1000;
  while (pending.size > 0 && performance.now() < deadline && !stopped()) await sleep(50);
  sending = false;
  pending.clear();
  await poller;
  return sent;
}
