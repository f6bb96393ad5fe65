/**
 * What the intake benchmark's system uses (intake.ts): memory of this process (its RSS peak sampled every 100 ms)
 * and of the Temporal dev server from before the warm-up to the end; CPU and this process's event-loop lag over the
 * measured rounds.
 */
import { samplePeakRss } from './peakRss';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import {
  childProcesses,
  EVENT_LOOP_RESOLUTION_MS,
  lagMs,
  machineBusySeconds,
  sum,
  temporalServer,
  temporalServerFigures,
  type ProcessFigures,
} from './harness';

export interface IntakeMemory {
  processRssBefore: number;
  processRssAfter: number;
  processRssPeak: number;
  heapUsedBefore: number;
  heapUsedAfter: number;
  temporalServerRssBefore: number;
  temporalServerRssAfter: number;
}

export interface IntakeCpu {
  measuredWallSeconds: number;
  processSeconds: number;
  temporalServerSeconds: number;
  /** The machine's busy time; what this process and the dev server did not use went to Postgres and anything else running. */
  machineBusySeconds: number;
  eventLoopLagMs: { p50: number; p99: number; max: number };
}

export interface MemoryWatch {
  /** Stops sampling the peak RSS. */
  stop(): void;
  figures(after: NodeJS.MemoryUsage, childrenAfter: ProcessFigures[]): IntakeMemory;
}

export interface CpuWatch {
  stop(childrenAfter: ProcessFigures[]): Promise<IntakeCpu>;
}

export async function watchMemory(): Promise<MemoryWatch> {
  const before = process.memoryUsage();
  const childrenBefore = await childProcesses();
  const peakRss = samplePeakRss();
  return {
    stop: () => peakRss.stop(),
    figures: (after, childrenAfter) => ({
      processRssBefore: before.rss,
      processRssAfter: after.rss,
      processRssPeak: Math.max(peakRss.peak(), after.rss),
      heapUsedBefore: before.heapUsed,
      heapUsedAfter: after.heapUsed,
      temporalServerRssBefore: sum(temporalServer(childrenBefore).map((c) => c.rssBytes)),
      temporalServerRssAfter: sum(temporalServer(childrenAfter).map((c) => c.rssBytes)),
    }),
  };
}

/** Where the CPU goes while measuring, and how late this process's event loop (API, worker's activities, client) runs. */
export async function watchCpu(): Promise<CpuWatch> {
  const cpuBefore = process.cpuUsage();
  const machineBefore = await machineBusySeconds();
  const serverCpuBefore = (await temporalServerFigures()).cpuSeconds;
  const eventLoop = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  eventLoop.enable();
  const started = performance.now();
  return {
    async stop(childrenAfter) {
      const used = process.cpuUsage(cpuBefore);
      const machineBusy = (await machineBusySeconds()) - machineBefore;
      eventLoop.disable();
      return {
        measuredWallSeconds: (performance.now() - started) / 1000,
        processSeconds: (used.user + used.system) / 1e6,
        temporalServerSeconds: sum(temporalServer(childrenAfter).map((c) => c.cpuSeconds)) - serverCpuBefore,
        machineBusySeconds: machineBusy,
        eventLoopLagMs: {
          p50: lagMs(eventLoop.percentile(50)),
          p99: lagMs(eventLoop.percentile(99)),
          max: lagMs(eventLoop.max),
        },
      };
    },
  };
}

/** Memory and CPU at the end of the measured rounds, from one reading of the child processes. */
export async function resourcesAfter(
  memory: MemoryWatch,
  cpu: CpuWatch,
): Promise<{ memory: IntakeMemory; cpu: IntakeCpu }> {
  const memoryAfter = process.memoryUsage();
  const childrenAfter = await childProcesses();
  const cpuFigures = await cpu.stop(childrenAfter);
  return { memory: memory.figures(memoryAfter, childrenAfter), cpu: cpuFigures };
}
