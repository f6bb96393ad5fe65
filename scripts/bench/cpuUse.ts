/**
 * CPU used while a phase of a benchmark runs: by this process (API, worker, client), the Temporal dev server, the
 * Postgres backends of the run's database and the whole machine; and the line the reports print for it.
 */
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { machineBusySeconds, postgresCpuMeter, temporalServerFigures } from './harness';

export interface Cpu {
  wallSeconds: number;
  processSeconds: number;
  temporalServerSeconds: number;
  postgresSeconds: number;
  machineBusySeconds: number;
}

/** Runs `run` and measures the CPU each part of the system used meanwhile. */
export async function measuringCpu<T>(system: TestSystem, run: () => Promise<T>): Promise<{ result: T; cpu: Cpu }> {
  const cpuBefore = process.cpuUsage();
  const machineBefore = await machineBusySeconds();
  const serverBefore = (await temporalServerFigures()).cpuSeconds;
  const postgres = postgresCpuMeter(system.db.pool);
  const started = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuBefore);
  const cpu: Cpu = {
    wallSeconds,
    processSeconds: (used.user + used.system) / 1e6,
    temporalServerSeconds: (await temporalServerFigures()).cpuSeconds - serverBefore,
    postgresSeconds: await postgres.stop(),
    machineBusySeconds: (await machineBusySeconds()) - machineBefore,
  };
  return { result, cpu };
}

export function cpuLine(label: string, cpu: Cpu, cores: number): string {
  const rest = cpu.machineBusySeconds - cpu.processSeconds - cpu.temporalServerSeconds - cpu.postgresSeconds;
  return (
    `${label} (${cpu.wallSeconds.toFixed(1)} s wall): this process (API, worker, client) ${cpu.processSeconds.toFixed(1)} s, Temporal dev server ${cpu.temporalServerSeconds.toFixed(1)} s, ` +
    `Postgres backends of this database ${cpu.postgresSeconds.toFixed(1)} s, everything else ${rest.toFixed(1)} s (machine busy ${cpu.machineBusySeconds.toFixed(1)} of ${(cpu.wallSeconds * cores).toFixed(1)} core-s)`
  );
}
