/**
 * A restarted worker picking the open orders up: started right after the previous one was killed (SIGKILL) or
 * stopped, then every order's `state` query sent through it (`concurrency` in flight), each a history fetched and
 * replayed when the workflow is not in its cache. Timed from the previous worker going away: when the new one polls,
 * the first 10% answered, every order answered, the steady rate after the first 10%; its CPU and RSS after.
 */
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { stateQuery, workOrderWorkflowId } from '../../workflows/definitions';
import type { ForkedWorker } from './forkedWorker';
import { machineBusySeconds, processFigures, sleep, temporalServerFigures } from './harness';
import type { WorkerStatus } from './worker';

export interface Pickup {
  label: string;
  /** The old worker killed or stopped → the new one polling. */
  startMs: number;
  /** The old worker killed or stopped → every order answered its state query through the new worker. */
  pickupMs: number;
  /** The new worker polling → every order answered. */
  queriesMs: number;
  answered: number;
  statuses: Record<string, number>;
  queryLatencyMs: number[];
  /** When each answer came, ms after the old worker went away, in order. */
  answeredAtMs: number[];
  /** Answers per second after the first 10% (the sticky queue's hold-up and the worker's warm-up are behind). */
  steadyPerSecond: number;
  /** The old worker gone → the first 10% answered. */
  firstTenthMs: number;
  firstError: string | null;
  after: WorkerStatus;
  rssAfterBytes: number;
  cpu: { wallSeconds: number; workerSeconds: number; temporalServerSeconds: number; machineBusySeconds: number };
}

/** Starts a worker right after the previous one went away and queries every order through it. */
export async function pickUp(
  system: TestSystem,
  label: string,
  previousGoneAt: number,
  worker: ForkedWorker,
  numbers: number[],
  concurrency: number,
): Promise<Pickup> {
  const machineBefore = await machineBusySeconds();
  const serverBefore = (await temporalServerFigures()).cpuSeconds;
  const readyAt = await worker.ready;
  const workerCpuAtReady = (await processFigures(worker.process.pid!))?.cpuSeconds ?? Number.NaN;
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const statuses: Record<string, number> = {};
  let firstError: string | null = null;
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < numbers.length) {
      const number = numbers[next++]!;
      const started = performance.now();
      try {
        const state = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).query(stateQuery);
        const now = performance.now();
        latencies.push(now - started);
        answeredAt.push(now - previousGoneAt);
        statuses[state.status] = (statuses[state.status] ?? 0) + 1;
      } catch (err) {
        firstError ??= `${number}: ${(err as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, numbers.length) }, slot));
  const doneAt = performance.now();
  const workerCpu = (await processFigures(worker.process.pid!))?.cpuSeconds ?? Number.NaN;
  const cpu = {
    wallSeconds: (doneAt - previousGoneAt) / 1000,
    workerSeconds: workerCpu - workerCpuAtReady,
    temporalServerSeconds: (await temporalServerFigures()).cpuSeconds - serverBefore,
    machineBusySeconds: (await machineBusySeconds()) - machineBefore,
  };
  await sleep(1000);
  const after = await worker.status();
  const tenth = Math.max(0, Math.ceil(answeredAt.length / 10) - 1);
  const firstTenthMs = answeredAt[tenth] ?? Number.NaN;
  const lastMs = answeredAt[answeredAt.length - 1] ?? Number.NaN;
  const steadyPerSecond = (answeredAt.length - 1 - tenth) / ((lastMs - firstTenthMs) / 1000);
  return {
    label,
    startMs: readyAt - previousGoneAt,
    pickupMs: doneAt - previousGoneAt,
    queriesMs: doneAt - readyAt,
    answered: latencies.length,
    statuses,
    queryLatencyMs: latencies,
    answeredAtMs: answeredAt,
    steadyPerSecond,
    firstTenthMs,
    firstError,
    after,
    rssAfterBytes: await worker.rssBytes(),
    cpu,
  };
}
