/**
 * The saturating run: capacity, not latency. The same ladder of concurrencies (work orders or empty workflows in
 * flight at once) for both, each step a closed loop for `stepSeconds` rated over its steady part, until the rate stops
 * rising (knee.ts). Orders run the real auto path (SMS webhook → intake → classification → assignment →
 * `awaiting_confirmation`); the baseline is the empty workflow on the same server and worker, its ladder run before
 * the orders' and its knee again after them (the machine drifts). One more orders step at the knee's concurrency runs
 * under the CPU profiler (cpuProfile.ts), so the profiler's cost stays out of the measured steps and shows.
 */
import type { TestSystem } from '../../test/support/system';
import { profileThreads, type ThreadProfile } from './cpuProfile';
import { measuringCpu, type Cpu } from './cpuUse';
import { emptyStep, type EmptyStep } from './emptyWorkflows';
import { kneeOf, plateauReached, type Knee } from './knee';
import { orderStep, type OrderStep } from './orderRuns';
import { addTechniciansFor, type Tenant } from './workload';

export interface LadderOptions {
  ladder: number[];
  stepSeconds: number;
  warmSeconds: number;
  emptyStepSeconds: number;
  timeoutSeconds: number;
  profile: boolean;
  /** Number of the first order's text (texts already sent by earlier phases). */
  firstText: number;
}

export type Measured<T> = T & { cpu: Cpu };
export type OrderLadderStep = Measured<OrderStep> & { technicians: number };

export interface Saturation {
  empty: Array<Measured<EmptyStep>>;
  orders: OrderLadderStep[];
  emptyKnee: Knee<Measured<EmptyStep>> | null;
  orderKnee: Knee<OrderLadderStep> | null;
  /** The empty workflows again at their knee's concurrency, after the orders. */
  emptyAfter: Measured<EmptyStep> | null;
  /** The mean of the empty knee's rate and the rate after: the baseline of the ratio. */
  emptyPerSecond: number;
  ratio: number;
  /** An orders step at the knee's concurrency with the profiler on. */
  profiled: { step: OrderLadderStep; threads: ThreadProfile[] } | null;
}

const log = (line: string) => console.error(line);

async function emptyLadder(
  system: TestSystem,
  options: LadderOptions,
  stopped: () => boolean,
): Promise<Array<Measured<EmptyStep>>> {
  const steps: Array<Measured<EmptyStep>> = [];
  for (const concurrency of options.ladder) {
    if (stopped()) break;
    const { result, cpu } = await measuringCpu(system, () =>
      emptyStep(
        system,
        {
          concurrency,
          seconds: options.emptyStepSeconds,
          warmSeconds: options.warmSeconds / 2,
          label: `c${concurrency}`,
        },
        stopped,
      ),
    );
    steps.push({ ...result, cpu });
    log(`  empty workflows, ${concurrency} in flight: ${result.perSecond.toFixed(1)}/s`);
    if (plateauReached(steps)) break;
  }
  return steps;
}

/**
 * Grows the crew for every order booked so far (the earlier phases' too) and what the next step may route (1.5 × the
 * best rate so far, at least 10/s), then runs it.
 */
async function ordersAt(
  system: TestSystem,
  tenants: Tenant[],
  options: LadderOptions,
  state: { texted: number; best: number },
  concurrency: number,
  stopped: () => boolean,
): Promise<OrderLadderStep> {
  const expected = Math.max(10, 1.5 * state.best) * options.stepSeconds + concurrency;
  const technicians = await addTechniciansFor(system.db.pool, options.firstText + state.texted + expected);
  const { result, cpu } = await measuringCpu(system, () =>
    orderStep(
      system,
      tenants,
      {
        first: options.firstText + state.texted,
        concurrency,
        seconds: options.stepSeconds,
        warmSeconds: options.warmSeconds,
        timeoutSeconds: options.timeoutSeconds,
      },
      stopped,
    ),
  );
  state.texted += result.texted;
  if (Number.isFinite(result.perSecond)) state.best = Math.max(state.best, result.perSecond);
  return { ...result, cpu, technicians };
}

export async function runSaturation(
  system: TestSystem,
  tenants: Tenant[],
  options: LadderOptions,
  stopped: () => boolean,
): Promise<Saturation> {
  log(`saturating: empty workflows at ${options.ladder.join(', ')} in flight, ${options.emptyStepSeconds} s each…`);
  const empty = await emptyLadder(system, options, stopped);
  const emptyKnee = kneeOf(empty);

  log(`saturating: work orders at ${options.ladder.join(', ')} in flight, ${options.stepSeconds} s each…`);
  const state = { texted: 0, best: 0 };
  const orders: OrderLadderStep[] = [];
  for (const concurrency of options.ladder) {
    if (stopped()) break;
    const step = await ordersAt(system, tenants, options, state, concurrency, stopped);
    orders.push(step);
    log(
      `  orders, ${concurrency} in flight: ${step.perSecond.toFixed(2)}/s (p50 ${step.latency.p50.toFixed(0)} ms, ${step.technicians} technicians)`,
    );
    if (plateauReached(orders)) break;
  }
  const orderKnee = kneeOf(orders);

  let profiled: Saturation['profiled'] = null;
  if (options.profile && orderKnee && !stopped()) {
    log(`profiling: orders at ${orderKnee.knee.concurrency} in flight with the CPU profiler on every thread…`);
    const profiler = await profileThreads();
    const step = await ordersAt(system, tenants, options, state, orderKnee.knee.concurrency, stopped);
    profiled = { step, threads: await profiler.stop() };
  }

  let emptyAfter: Measured<EmptyStep> | null = null;
  if (emptyKnee && !stopped()) {
    const { result, cpu } = await measuringCpu(system, () =>
      emptyStep(
        system,
        {
          concurrency: emptyKnee.knee.concurrency,
          seconds: options.emptyStepSeconds,
          warmSeconds: options.warmSeconds / 2,
          label: 'after',
        },
        stopped,
      ),
    );
    emptyAfter = { ...result, cpu };
  }
  const emptyRates = [emptyKnee?.knee.perSecond, emptyAfter?.perSecond].filter(
    (x): x is number => x !== undefined && Number.isFinite(x),
  );
  const emptyPerSecond = emptyRates.length ? emptyRates.reduce((a, b) => a + b, 0) / emptyRates.length : Number.NaN;
  return {
    empty,
    orders,
    emptyKnee,
    orderKnee,
    emptyAfter,
    emptyPerSecond,
    ratio: (orderKnee?.knee.perSecond ?? Number.NaN) / emptyPerSecond,
    profiled,
  };
}
