/**
 * What each benchmark of the suite (all.ts) is run with: the toy sizes of `--quick`, and how many orders the timers
 * benchmark parks in a full run to fit the time budget.
 */
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../../runtime/config';
import type { BenchmarkRun } from './report';

export const NAMES = ['intake', 'triage', 'throughput', 'eventStream', 'timers'] as const;
export type Name = (typeof NAMES)[number];

/** Arguments per benchmark: the full run (each script's defaults) and --quick. */
export const QUICK: Record<Name, string[]> = {
  intake: ['--messages', '20', '--warmup', '4', '--block', '10'],
  triage: [
    '--history',
    '5000',
    '--samples',
    '30',
    '--warmup',
    '5',
    '--orders',
    '12',
    '--rate',
    '3',
    '--order-warmup',
    '2',
  ],
  throughput: [
    '--orders',
    '24',
    '--warmup',
    '3',
    '--empty',
    '200',
    '--ladder',
    '2,4',
    '--step-seconds',
    '8',
    '--warm-seconds',
    '2',
    '--empty-step-seconds',
    '4',
    '--cost-sample',
    '5',
  ],
  eventStream: ['--events', '100', '--rate', '100', '--clients', '4', '--warmup', '10', '--inserts', '200'],
  timers: ['--orders', '30', '--rate', '3', '--cache', '10', '--yes', '3', '--reads', '50'],
};

/** Seconds the timers benchmark needs besides creating and picking up its orders (start, three workers, sampling, the reads, 100 YES at 2/s, teardown). */
const TIMERS_FIXED_SECONDS = 110;
/** Picking up (twice) costs about 0.6 of creating, per order (measured at 300 orders: 101 s creating at 3/s, 32 s + 28 s picking up). */
const TIMERS_PICKUP_SHARE = 0.65;

/**
 * How many orders the timers benchmark parks, and how fast it texts them: 80% of the order rate `throughput` measured
 * (so the worker keeps up), for as long as the budget leaves after the fixed costs and the two pickups; at most
 * 10,000, at least 100. `--timers N` overrides the count (rate as above, or 3/s without a throughput run).
 */
export function timersSize(
  options: { timers: number | null },
  runs: BenchmarkRun[],
  elapsedSeconds: number,
  budgetSeconds: number,
): { orders: number; rate: number; cache: number | null; note: string } {
  const measured = runs.find((r) => r.name === 'throughput')?.json as
    { orders?: { perSecond?: number } } | null | undefined;
  const ordersPerSecond = measured?.orders?.perSecond;
  const rate = ordersPerSecond && ordersPerSecond > 0 ? Math.max(0.5, Math.round(ordersPerSecond * 0.8 * 10) / 10) : 3;
  const source = ordersPerSecond
    ? `80% of the ${ordersPerSecond.toFixed(2)} orders/s measured by throughput`
    : 'no throughput run: 3/s';
  if (options.timers !== null) {
    const cache = cacheFor(options.timers);
    return {
      orders: options.timers,
      rate,
      cache,
      note: `${options.timers} orders (--timers) texted at ${rate}/s (${source})${cacheNote(cache)}.`,
    };
  }
  const left = budgetSeconds - elapsedSeconds - TIMERS_FIXED_SECONDS;
  const orders = Math.max(100, Math.min(10_000, Math.floor((left * rate) / (1 + TIMERS_PICKUP_SHARE) / 50) * 50));
  const cache = cacheFor(orders);
  return {
    orders,
    rate,
    cache,
    note:
      `${orders} orders texted at ${rate}/s (${source}): what fits the ${(budgetSeconds / 60).toFixed(0)}-minute budget after ${(elapsedSeconds / 60).toFixed(1)} min of the other benchmarks ` +
      `(creating them through the full path, then picking them up twice). 10,000 would take ${(10_000 / rate / 60).toFixed(0)} min to create at that rate; the figures are extrapolated to 10,000${cacheNote(cache)}.`,
  };
}

/**
 * The timers benchmark's cache: the product's, unless it would hold nearly every order (a YES to an evicted order
 * needs orders outside the cache and the 2 × 50 YES): then a quarter of the orders.
 */
function cacheFor(orders: number): number | null {
  return orders >= DEFAULT_MAX_CACHED_WORKFLOWS + 150 ? null : Math.max(10, Math.floor(orders / 4));
}

const cacheNote = (cache: number | null) =>
  cache === null
    ? ''
    : `; the worker caches ${cache} (the product's ${DEFAULT_MAX_CACHED_WORKFLOWS} would hold every order, leaving none evicted to answer YES)`;
