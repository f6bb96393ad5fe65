/**
 * A closed loop: `concurrency` clients, each starting its next task as soon as its last one is done, for a number of
 * tasks or for a number of seconds; and the rate over a window of it. The throughput and saturating runs drive both
 * work orders and empty workflows through it.
 */
import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats';

export interface Completion {
  /** performance.now() when the task started and ended. */
  startedAt: number;
  endedAt: number;
  /** The task did what it measures (e.g. the order was routed); false for an error or a timeout. */
  ok: boolean;
}

export interface LoopRun {
  startedAt: number;
  /** When the clients stopped starting tasks (count reached, time up, or stopped). */
  stoppedAt: number;
  completions: Completion[];
  firstError: string | null;
}

export interface LoopOptions {
  concurrency: number;
  /** Run this many tasks in all… */
  count?: number;
  /** …or start tasks for this many seconds, then let the ones in flight finish. */
  seconds?: number;
  stopped: () => boolean;
  /** Task `i` (0-based, in the order started); resolves true when it succeeded. A throw counts as a failure. */
  task: (i: number) => Promise<boolean>;
}

export async function closedLoop(options: LoopOptions): Promise<LoopRun> {
  const completions: Completion[] = [];
  let firstError: string | null = null;
  let next = 0;
  const startedAt = performance.now();
  const deadline = options.seconds === undefined ? Number.POSITIVE_INFINITY : startedAt + options.seconds * 1000;
  const count = options.count ?? Number.POSITIVE_INFINITY;
  let stoppedAt = Number.NaN;
  const more = () => next < count && performance.now() < deadline && !options.stopped();
  const client = async (): Promise<void> => {
    while (more()) {
      const i = next++;
      const begun = performance.now();
      let ok = false;
      try {
        ok = await options.task(i);
      } catch (err) {
        firstError ??= (err as Error).message;
      }
      completions.push({ startedAt: begun, endedAt: performance.now(), ok });
    }
    if (Number.isNaN(stoppedAt)) stoppedAt = performance.now();
  };
  const clients = Number.isFinite(count) ? Math.min(options.concurrency, count) : options.concurrency;
  await Promise.all(Array.from({ length: clients }, client));
  return { startedAt, stoppedAt, completions, firstError };
}

export interface WindowRate {
  /** Successful tasks that ended inside the window. */
  completed: number;
  windowSeconds: number;
  perSecond: number;
  /** Their latencies (start → end). */
  latency: Summary;
}

/**
 * The rate of a duration run in its steady part: successful tasks that ended between `warmSeconds` after the start
 * and the moment the clients stopped starting new ones (the ramp-up and the drain are left out).
 */
export function steadyRate(run: LoopRun, warmSeconds: number): WindowRate {
  const from = run.startedAt + warmSeconds * 1000;
  const to = run.stoppedAt;
  const inside = run.completions.filter((c) => c.ok && c.endedAt >= from && c.endedAt <= to);
  const windowSeconds = Math.max(0, (to - from) / 1000);
  return {
    completed: inside.length,
    windowSeconds,
    perSecond: windowSeconds > 0 ? inside.length / windowSeconds : Number.NaN,
    latency: summarize(inside.map((c) => c.endedAt - c.startedAt)),
  };
}
