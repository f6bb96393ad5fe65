/**
 * Open work orders for the timers benchmark: auto-assignable texts through the SMS webhook, open loop at a rate, each
 * order triaged, assigned and texted, then parked in `awaiting_confirmation` on its confirmation timers once its tenant is texted (or in
 * `needs_assignment`, without a timer, when its booking lost the race). The worker's RSS is sampled as they park; a
 * sample of their histories says what they wait on.
 */
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { workOrderWorkflowId } from '../../workflows/definitions';
import type { ForkedWorker } from './forkedWorker';
import { sleep } from './harness';
import { autoMessage, loadTenants } from './workload';

export interface MemoryPoint {
  parked: number;
  cached: number;
  rssBytes: number;
  heapUsedBytes: number;
}

export interface Creation {
  numbers: number[];
  wallMs: number;
  sendMs: number;
  statuses: Record<string, number>;
  points: MemoryPoint[];
  firstError: string | null;
}

/** Texts `n` auto-assignable problems open-loop at `rate`/s and waits until each order is routed and its texts are sent. */
export async function createOrders(
  system: TestSystem,
  worker: ForkedWorker,
  n: number,
  rate: number,
  timeoutSeconds: number,
  stopped: () => boolean,
): Promise<Creation> {
  const pool = system.db.pool;
  const tenants = await loadTenants(pool);
  const numbers: number[] = [];
  let firstError: string | null = null;
  const posts: Array<Promise<void>> = [];
  const points: MemoryPoint[] = [];
  const started = performance.now();
  let nextPoint = 1;
  const pointEvery = Math.max(1, Math.ceil(n / 10));
  let sending = true;
  let parked = 0;
  let sendMs = Number.POSITIVE_INFINITY;

  const watcher = (async () => {
    while (!stopped()) {
      parked = (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM work_orders w
            WHERE w.status = 'needs_assignment'
               OR (w.status = 'awaiting_confirmation'
                   AND EXISTS (SELECT 1 FROM sms_messages s WHERE s.work_order_number = w.number AND s.direction = 'outbound' AND s.kind = 'confirmation_request'))`,
        )
      ).rows[0]!.n;
      if (parked >= nextPoint * pointEvery || (!sending && parked >= numbers.length)) {
        const status = await worker.status();
        points.push({
          parked,
          cached: status.numCachedWorkflows,
          rssBytes: await worker.rssBytes(),
          heapUsedBytes: status.heapUsed,
        });
        nextPoint = Math.floor(parked / pointEvery) + 1;
      }
      if (!sending && parked >= numbers.length) break;
      if (!sending && performance.now() - started > sendMs + timeoutSeconds * 1000) break;
      await sleep(250);
    }
  })();

  for (let i = 0; i < n && !stopped(); i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const { from, body } = autoMessage(i, tenants);
    posts.push(
      (async () => {
        try {
          const response = await system.textFrom(from, body);
          const number = Number(/#(\d+)/.exec(response.text)?.[1] ?? Number.NaN);
          if (response.status === 200 && Number.isInteger(number)) numbers.push(number);
          else firstError ??= `${response.status}: ${response.text.slice(0, 200)}`;
        } catch (err) {
          firstError ??= (err as Error).message;
        }
      })(),
    );
    if (i % 100 === 99)
      process.stderr.write(`  ${i + 1} texts sent, ${parked} orders parked${process.stderr.isTTY ? '\r' : '\n'}`);
  }
  await Promise.all(posts);
  sendMs = performance.now() - started;
  sending = false;
  await watcher;
  if (process.stderr.isTTY) process.stderr.write('\n');
  const wallMs = performance.now() - started;
  const statuses = Object.fromEntries(
    (
      await pool.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM work_orders GROUP BY status ORDER BY count(*) DESC',
      )
    ).rows.map((r) => [r.status, r.n]),
  );
  return { numbers: numbers.sort((a, b) => a - b), wallMs, sendMs, statuses, points, firstError };
}

export interface TimerSample {
  sampled: number;
  onTimer: number;
  timerHours: number[];
  historyEvents: number[];
}

/** What a sample of the parked workflows wait on, from their histories: an open timer, and no activity pending. */
export async function timersOf(system: TestSystem, numbers: number[]): Promise<TimerSample> {
  let onTimer = 0;
  const timerHours: number[] = [];
  const historyEvents: number[] = [];
  for (const number of numbers) {
    const history = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).fetchHistory();
    const events = history.events ?? [];
    historyEvents.push(events.length);
    const fired = new Set(
      events.flatMap((e) =>
        e.timerFiredEventAttributes?.startedEventId ? [String(e.timerFiredEventAttributes.startedEventId)] : [],
      ),
    );
    const open = events.filter((e) => e.timerStartedEventAttributes && !fired.has(String(e.eventId)));
    if (open.length > 0) {
      onTimer += 1;
      const seconds = Number(open[open.length - 1]!.timerStartedEventAttributes!.startToFireTimeout?.seconds ?? 0);
      timerHours.push(seconds / 3600);
    }
  }
  return { sampled: numbers.length, onTimer, timerHours, historyEvents };
}

/**
 * Worker 1's RSS growth per parked order once its cache was full: the least-squares slope over the points taken with
 * the cache at 90% or more, what the bounded cache does not bound. NaN with fewer than 5 such points. RSS moves by
 * tens of MiB between points (collections, the allocator), so it is a trend over many orders, not a figure of 100.
 */
export function rssGrowthOnceFull(points: MemoryPoint[], cacheSize: number): number {
  const full = points.filter((p) => p.cached >= 0.9 * cacheSize);
  if (full.length < 5) return Number.NaN;
  const meanX = full.reduce((sum, p) => sum + p.parked, 0) / full.length;
  const meanY = full.reduce((sum, p) => sum + p.rssBytes, 0) / full.length;
  const sxy = full.reduce((sum, p) => sum + (p.parked - meanX) * (p.rssBytes - meanY), 0);
  const sxx = full.reduce((sum, p) => sum + (p.parked - meanX) ** 2, 0);
  return sxx > 0 ? sxy / sxx : Number.NaN;
}
