/**
 * The two ways the throughput benchmark drives work orders (orderFlow.ts) through a closed loop (closedLoop.ts):
 * a fixed number of orders by a few clients, timed from the first text to the last order routed (the latency figure);
 * and a step of the saturating ladder, texting for a number of seconds with a given number of orders in flight,
 * rated over its steady part.
 */
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { closedLoop, steadyRate, type WindowRate } from './closedLoop';
import { outcomesOf, textOrder, watchRouting, type Outcomes, type Routed } from './orderFlow';
import type { Tenant } from './workload';

export interface OrderRun extends Outcomes {
  n: number;
  answered: number;
  routed: number;
  autoAssigned: number;
  /** First POST → the last order seen routed (or given up). */
  wallMs: number;
  /** First POST → the last TwiML answer. */
  answersMs: number;
  /** Routed orders per second of `wallMs`: the latency run's rate. */
  perSecond: number;
  autoPerSecond: number;
  /** Each auto-assigned order: its POST → seen `awaiting_confirmation`. */
  latencyMs: number[];
  /** Each routed order: its POST → seen routed. */
  routedLatencyMs: number[];
  numbers: number[];
  firstError: string | null;
}

/**
 * Texts `n` auto-assignable problems (numbered from `first`) with `concurrency` clients and follows each to its
 * routing. Each client texts its next problem once its last order is routed (at most `concurrency` orders in the
 * workflow at once), or with `burst` once its last text is answered (the orders pile up in the worker).
 */
export async function runOrders(
  system: TestSystem,
  tenants: Tenant[],
  options: { first: number; n: number; concurrency: number; burst: boolean; timeoutSeconds: number },
  stopped: () => boolean,
): Promise<OrderRun> {
  const watcher = watchRouting(system.db.pool);
  const postedAt = new Map<number, number>();
  const routed = new Map<number, Routed>();
  const following: Array<Promise<void>> = [];
  let lastAnswer = Number.NaN;
  const follow = async (number: number) => {
    const seen = await watcher.reached(number, options.timeoutSeconds * 1000);
    if (seen) routed.set(number, seen);
  };
  const run = await closedLoop({
    concurrency: options.concurrency,
    count: options.n,
    stopped,
    task: async (i) => {
      const posted = performance.now();
      const number = await textOrder(system, tenants, options.first + i);
      lastAnswer = performance.now();
      postedAt.set(number, posted);
      const followed = follow(number);
      if (options.burst) following.push(followed);
      else await followed;
      return true;
    },
  });
  await Promise.all(following);
  await watcher.stop();
  const numbers = [...postedAt.keys()];
  const outcomes = await outcomesOf(system.db.pool, numbers, routed, options.timeoutSeconds);
  const lastSeen = Math.max(run.startedAt, ...[...routed.values()].map((r) => r.at));
  const wallMs = lastSeen - run.startedAt;
  const latencyOf = (x: number) => routed.get(x)!.at - postedAt.get(x)!;
  return {
    n: options.n,
    answered: numbers.length,
    routed: routed.size,
    autoAssigned: outcomes.autoNumbers.length,
    ...outcomes,
    wallMs,
    answersMs: lastAnswer - run.startedAt,
    perSecond: routed.size / (wallMs / 1000),
    autoPerSecond: outcomes.autoNumbers.length / (wallMs / 1000),
    latencyMs: outcomes.autoNumbers.map(latencyOf),
    routedLatencyMs: [...routed.keys()].map(latencyOf),
    numbers,
    firstError: run.firstError,
  };
}

export interface OrderStep extends WindowRate {
  concurrency: number;
  /** Orders texted in the step (the ramp-up and the drain included). */
  texted: number;
  routedAll: number;
  autoAssigned: number;
  lostBookingRace: number;
  crewBookedUp: number;
  other: Record<string, number>;
  firstError: string | null;
}

/**
 * One step of the saturating ladder: `concurrency` clients text for `seconds`, each again once its last order is
 * routed, then the orders in flight finish. Rated on the orders routed after `warmSeconds` until the texting stopped.
 */
export async function orderStep(
  system: TestSystem,
  tenants: Tenant[],
  options: { first: number; concurrency: number; seconds: number; warmSeconds: number; timeoutSeconds: number },
  stopped: () => boolean,
): Promise<OrderStep> {
  const watcher = watchRouting(system.db.pool);
  const routed = new Map<number, Routed>();
  const numbers: number[] = [];
  const run = await closedLoop({
    concurrency: options.concurrency,
    seconds: options.seconds,
    stopped,
    task: async (i) => {
      const number = await textOrder(system, tenants, options.first + i);
      numbers.push(number);
      const seen = await watcher.reached(number, options.timeoutSeconds * 1000);
      if (seen) routed.set(number, seen);
      return seen !== null;
    },
  });
  await watcher.stop();
  const outcomes = await outcomesOf(system.db.pool, numbers, routed, options.timeoutSeconds);
  return {
    concurrency: options.concurrency,
    ...steadyRate(run, options.warmSeconds),
    texted: numbers.length,
    routedAll: routed.size,
    autoAssigned: outcomes.autoNumbers.length,
    lostBookingRace: outcomes.lostBookingRace,
    crewBookedUp: outcomes.crewBookedUp,
    other: outcomes.other,
    firstError: run.firstError,
  };
}
