/**
 * A tenant's YES to an order the worker had evicted from its cache, against a YES to an order still cached: from the
 * signed SMS webhook's POST (`YES <number>`, as a tenant with several orders waiting would write it) until the row is
 * `scheduled` (polled every 50 ms). The evicted orders are the oldest parked, the cached ones the newest, each
 * queried just before so that it is on top of the cache (which keeps the workflows touched last). Sent open loop at `rate`/s, evicted and cached in turn, so both share the same
 * background. The worker's cache counters say whether each kind was what it was meant to be: the task a YES brings to
 * an evicted workflow is a cache miss (the worker fetches the whole history and replays it) when the server sends it to
 * the worker's sticky queue, as it does unless the task waited there past its schedule-to-start timeout (10 s; then it
 * comes with its whole history on the normal queue, a replay not counted as a miss); to a cached one, a hit.
 */
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { stateQuery, workOrderWorkflowId } from '../../workflows/definitions';
import type { CacheCounters, ForkedWorker } from './forkedWorker';
import { sleep } from './harness';
import { watchStatus } from './orderFlow';
import { summarize, type Summary } from './stats';

export interface YesPick {
  evicted: number[];
  cached: number[];
}

/**
 * Up to `count` of each from the orders waiting for their tenant, in the order they parked: evicted from those
 * parked before the last `cacheSize` + 2 × `count` (later ones may still be cached), cached from the last `count`,
 * at most half the cache (so that the evicted ones replayed meanwhile do not push them out). None when the cache
 * holds every order.
 */
export function pickForYes(waitingInParkOrder: readonly number[], cacheSize: number, count: number): YesPick {
  const n = waitingInParkOrder.length;
  const cachedCount = Math.min(count, Math.floor(cacheSize / 2), n);
  const evictable = waitingInParkOrder.slice(0, Math.max(0, n - cacheSize - 2 * count));
  const every = Math.max(1, Math.floor(evictable.length / count));
  return {
    evicted: evictable.filter((_, i) => i % every === 0).slice(0, count),
    cached: waitingInParkOrder.slice(n - cachedCount),
  };
}

export interface YesRun {
  evicted: Summary;
  cached: Summary;
  /** Orders that did not reach `scheduled` within the timeout, or whose text failed. */
  failed: string[];
  /** The worker's cache counters over the run (hits and misses of its workflow tasks). */
  cache: CacheCounters;
  rate: number;
}

export async function yesToOrders(
  system: TestSystem,
  worker: ForkedWorker,
  pick: YesPick,
  options: { rate: number; timeoutSeconds: number },
): Promise<YesRun> {
  const pool = system.db.pool;
  const phones = new Map(
    (
      await pool.query<{ number: number; phone: string }>(
        `SELECT w.number::int AS number, t.phone FROM work_orders w JOIN tenants t ON t.id = w.tenant_id WHERE w.number = ANY($1::bigint[])`,
        [[...pick.evicted, ...pick.cached]],
      )
    ).rows.map((r) => [r.number, r.phone]),
  );
  const turns: Array<{ number: number; kind: 'evicted' | 'cached' }> = [];
  for (let i = 0; i < Math.max(pick.evicted.length, pick.cached.length); i++) {
    if (pick.evicted[i] !== undefined) turns.push({ number: pick.evicted[i]!, kind: 'evicted' });
    if (pick.cached[i] !== undefined) turns.push({ number: pick.cached[i]!, kind: 'cached' });
  }
  // The cached ones were parked last, but under load the order they parked in is not quite their numbers': a query
  // through the worker puts each on top of its cache now (evicted ones are replayed, and each replay pushes the
  // least recently used out, never these).
  for (const number of pick.cached)
    await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).query(stateQuery);
  const latencies = { evicted: [] as number[], cached: [] as number[] };
  const failed: string[] = [];
  const watcher = watchStatus(pool, ['scheduled']);
  const countersBefore = await worker.cacheCounters();
  const started = performance.now();
  const sends = turns.map(async ({ number, kind }, i) => {
    await sleep(started + (i * 1000) / options.rate - performance.now());
    const posted = performance.now();
    try {
      const response = await system.textFrom(phones.get(number)!, `YES ${number}`);
      if (response.status !== 200) throw new Error(`${response.status}: ${response.text.slice(0, 200)}`);
      const scheduled = await watcher.reached(number, options.timeoutSeconds * 1000);
      if (!scheduled) throw new Error(`still ${watcher.statusOf(number) ?? 'unknown'}`);
      latencies[kind].push(scheduled.at - posted);
    } catch (err) {
      failed.push(`${kind} ${number}: ${(err as Error).message}`);
    }
  });
  await Promise.all(sends);
  await watcher.stop();
  // Each order's first workflow task after its YES ran before it reached `scheduled`: the misses are all counted
  // (the hits of the tasks after, such as the texts' completions, may still grow).
  await sleep(500);
  const countersAfter = await worker.cacheCounters();
  return {
    evicted: summarize(latencies.evicted),
    cached: summarize(latencies.cached),
    failed,
    cache: {
      hits: countersAfter.hits - countersBefore.hits,
      misses: countersAfter.misses - countersBefore.misses,
    },
    rate: options.rate,
  };
}
