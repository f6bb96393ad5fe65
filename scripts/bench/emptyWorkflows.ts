/**
 * The throughput baseline: `benchEmptyWorkflow` (workflows.ts: one workflow task, no activity) on the same server and
 * worker as the orders. Two ways: a fixed number started as fast as the starts are answered (the latency run's
 * baseline), and a step of the saturating ladder (a closed loop on the result, like the orders' steps).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { closedLoop, steadyRate, type WindowRate } from './closedLoop';

export interface EmptyRun {
  n: number;
  completed: number;
  /** First start → the client has seen the last result. */
  wallMs: number;
  /** First start → the last start answered. */
  startsMs: number;
  perSecond: number;
  /** Each workflow: its start call → the client saw its result. */
  latencyMs: number[];
}

/** Starts `n` empty workflows with `concurrency` clients in a closed loop on the start calls, and waits for every result. */
export async function runEmpty(system: TestSystem, n: number, concurrency: number, label: string): Promise<EmptyRun> {
  const client = system.env.client;
  const prefix = `bench-empty-${label}-${randomBytes(3).toString('hex')}`;
  const results: Array<Promise<number | null>> = [];
  let next = 0;
  const started = performance.now();
  const slot = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const startedAt = performance.now();
      const handle = await client.workflow.start('benchEmptyWorkflow', {
        taskQueue: system.taskQueue,
        workflowId: `${prefix}-${i}`,
      });
      results.push(
        handle.result().then(
          () => performance.now() - startedAt,
          () => null,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, slot));
  const startsMs = performance.now() - started;
  const latencies = await Promise.all(results);
  const wallMs = performance.now() - started;
  const done = latencies.filter((l): l is number => l !== null);
  return { n, completed: done.length, wallMs, startsMs, perSecond: done.length / (wallMs / 1000), latencyMs: done };
}

export interface EmptyStep extends WindowRate {
  concurrency: number;
  started: number;
  firstError: string | null;
}

/** `concurrency` clients each start an empty workflow and wait for its result, for `seconds`; rated after `warmSeconds`. */
export async function emptyStep(
  system: TestSystem,
  options: { concurrency: number; seconds: number; warmSeconds: number; label: string },
  stopped: () => boolean,
): Promise<EmptyStep> {
  const prefix = `bench-empty-${options.label}-${randomBytes(3).toString('hex')}`;
  const run = await closedLoop({
    concurrency: options.concurrency,
    seconds: options.seconds,
    stopped,
    task: async (i) => {
      await system.env.client.workflow.execute('benchEmptyWorkflow', {
        taskQueue: system.taskQueue,
        workflowId: `${prefix}-${i}`,
      });
      return true;
    },
  });
  return {
    concurrency: options.concurrency,
    ...steadyRate(run, options.warmSeconds),
    started: run.completions.length,
    firstError: run.firstError,
  };
}
