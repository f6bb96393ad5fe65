/**
 * What the benchmarks in scripts/bench share: starting the system they measure (a Temporal dev server, a fresh
 * Postgres database seeded with the demo portfolio and the API, through the test harness `test/support/system.ts`,
 * and the benchmark's worker on its own workflow bundle), stopping it on exit or Ctrl-C, the machine's figures read from /proc (RSS and
 * CPU of processes, the machine's busy time), a description of the machine and the software, and writing a run's
 * JSON. Timing and percentiles are in `stats.ts`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { bundleWorkflowCode, type Worker, type WorkerOptions } from '@temporalio/worker';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import { writeWorkflowBundle } from '../../workers/bundle';
import { createWorker } from '../../workers/createWorker';
import { OUR_NUMBER, startSystem, type TestSystem } from '../../test/support/system';
import { PROJECT_ROOT, TEST_BUNDLE_PATH, temporalCliPath } from '../../test/support/paths';
import { SERVER_DYNAMIC_CONFIG } from '../temporalServerSettings';
import { mib, ms } from './stats';
import { benchWorkerDeps } from './workerDeps';

export const BENCH_DIR = path.join(PROJECT_ROOT, '.data', 'bench');
/** The benchmarks' own workflow bundle (the product's workflows and `benchEmptyWorkflow`); the tests' bundle is left alone. */
export const BENCH_BUNDLE_PATH = path.join(BENCH_DIR, 'workflow-bundle.js');
const BENCH_WORKFLOWS_PATH = require.resolve('./workflows');

// ---- processes and the machine, from /proc ---------------------------------------------------------------------------

export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface ProcessFigures {
  pid: number;
  command: string;
  parentPid: number;
  rssBytes: number;
  cpuSeconds: number;
}

export const sum = (values: number[]): number => values.reduce((total, x) => total + x, 0);

export const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** A process's command, parent, RSS and CPU time (utime + stime) from /proc; null when it is gone or there is no /proc. */
export async function processFigures(pid: number): Promise<ProcessFigures | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid … utime stime …": split after the command, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0);
    return {
      pid,
      command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
      parentPid: Number(fields[1]),
      rssBytes: rssKb * 1024,
      cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS,
    };
  } catch {
    return null;
  }
}

/** CPU seconds of a process (utime + stime); NaN when it is gone or unreadable. */
export async function processCpuSeconds(pid: number): Promise<number> {
  return (await processFigures(pid))?.cpuSeconds ?? Number.NaN;
}

/** The direct children of `parentPid` (by default this process: the Temporal dev server, child workers); empty where there is no /proc. */
export async function childProcesses(parentPid = process.pid): Promise<ProcessFigures[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const children: ProcessFigures[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const figures = await processFigures(Number(entry));
    if (figures && figures.parentPid === parentPid) children.push(figures);
  }
  return children;
}

export const temporalServer = (list: ProcessFigures[]): ProcessFigures[] =>
  list.filter((c) => c.command.startsWith('temporal'));

/** RSS and CPU seconds of the Temporal dev server(s) this process started. */
export async function temporalServerFigures(): Promise<{ rssBytes: number; cpuSeconds: number }> {
  const servers = temporalServer(await childProcesses());
  return { rssBytes: sum(servers.map((s) => s.rssBytes)), cpuSeconds: sum(servers.map((s) => s.cpuSeconds)) };
}

/** Busy CPU seconds of the whole machine since boot (all cores), from /proc/stat; NaN where there is none. */
export async function machineBusySeconds(): Promise<number> {
  try {
    const [, ...ticks] = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).map(Number);
    const total = sum(ticks.slice(0, 8));
    return (total - ticks[3]! - ticks[4]!) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** monitorEventLoopDelay records the whole interval between its timer's runs: the lag is what exceeds the resolution. */
export const EVENT_LOOP_RESOLUTION_MS = 10;
export const lagMs = (nanoseconds: number): number => Math.max(0, nanoseconds / 1e6 - EVENT_LOOP_RESOLUTION_MS);

/**
 * CPU used by the Postgres backends serving this run's database (not other databases on the same server), sampled
 * every 500 ms: backends seen at the start count from what they had then, later ones from zero; a backend that
 * exits loses what it used since its last sample.
 */
export function postgresCpuMeter(pool: Pool): { stop(): Promise<number> } {
  const used = new Map<number, { from: number; last: number }>();
  let first = true;
  let running = true;
  const sample = async (): Promise<void> => {
    const { rows } = await pool.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
    );
    for (const { pid } of rows) {
      const cpu = await processCpuSeconds(pid);
      if (!Number.isFinite(cpu)) continue;
      const entry = used.get(pid);
      if (entry) entry.last = cpu;
      else used.set(pid, { from: first ? cpu : 0, last: cpu });
    }
    first = false;
  };
  const loop = (async () => {
    while (running) {
      await sample().catch(() => undefined);
      await sleep(500);
    }
    await sample().catch(() => undefined);
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return sum([...used.values()].map((u) => u.last - u.from));
    },
  };
}

// ---- the machine and the software ------------------------------------------------------------------------------------

export function commandVersion(file: string, args: string[]): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 10_000 }).trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The commit measured, and the files that differ from it (the run measures the working tree). */
export function gitState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((l) => l.slice(3));
    return dirty.length ? `${head} + uncommitted changes in ${dirty.join(', ')}` : head;
  } catch {
    return 'unknown';
  }
}

export interface Machine {
  cores: number;
  cpuModel: string;
  totalMemory: string;
  platform: string;
  loadAverage1m: string;
  node: string;
  temporalCli: string;
  postgres: string;
}

/** The machine (CPU model and cores from os.cpus(), RAM, OS, load now), the versions of Node, the Temporal CLI (and the dynamic config its server runs with) and Postgres. */
export async function describeMachine(pool: Pool | null, cli = process.env.TEMPORAL_CLI ?? null): Promise<Machine> {
  const cpus = os.cpus();
  const postgres = pool
    ? (await pool.query<{ server_version: string }>('SHOW server_version').catch(() => null))?.rows[0]?.server_version
    : undefined;
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemory: mib(os.totalmem()),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage1m: os.loadavg()[0]!.toFixed(2),
    node: process.version,
    temporalCli: `${cli ? commandVersion(cli, ['--version']) : 'unknown'}; dynamic config ${Object.entries(
      SERVER_DYNAMIC_CONFIG,
    )
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(', ')}`,
    postgres: postgres ?? 'unknown',
  };
}

export function machineLine(m: Machine): string {
  return `${m.cores} cores (${m.cpuModel}), ${m.totalMemory} RAM, ${m.platform}; Node ${m.node}; ${m.temporalCli}; Postgres ${m.postgres}`;
}

// ---- the run's JSON --------------------------------------------------------------------------------------------------

export const timestamp = (at: Date): string => at.toISOString().replace(/[:.]/g, '-');

/**
 * Writes a run as JSON: to `BENCH_JSON` when set (how `npm run bench` collects each benchmark's run), otherwise to
 * `.data/bench/<name>-<timestamp>.json`. Returns the path.
 */
export async function writeRun(name: string, startedAt: Date, run: object): Promise<string> {
  const file = process.env.BENCH_JSON ?? path.join(BENCH_DIR, `${name}-${timestamp(startedAt)}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  return file;
}

// ---- the system under test -------------------------------------------------------------------------------------------

/** Bundles the product's workflows with `benchEmptyWorkflow` (scripts/bench/workflows.ts) into BENCH_BUNDLE_PATH. */
export async function writeBenchBundle(): Promise<string> {
  const silent = () => undefined;
  const { code } = await bundleWorkflowCode({
    workflowsPath: BENCH_WORKFLOWS_PATH,
    logger: { info: silent, warn: console.warn, error: console.error, debug: silent, trace: silent, log: silent },
  });
  await mkdir(path.dirname(BENCH_BUNDLE_PATH), { recursive: true });
  await writeFile(BENCH_BUNDLE_PATH, code);
  return BENCH_BUNDLE_PATH;
}

export interface BenchSystemOptions {
  /** The rules published before anything starts (DEFAULT_RULES unless told). */
  rules?: Rules;
  /** Options of the benchmark's worker (e.g. maxCachedWorkflows; unset: createWorker's defaults, the product's). */
  workerOptions?: Partial<WorkerOptions>;
}

export interface Bench {
  /** Ctrl-C or SIGTERM was received: stop measuring and return (the system is stopped for you). */
  readonly interrupted: boolean;
  /**
   * Starts the system (test/support/system.ts): a Temporal dev server, a fresh database with the demo portfolio and
   * the rules, the API on a real port; then replaces the harness's worker by the benchmark's: the same activities
   * and providers (heuristic classifier, outbox SMS, deterministic photo review) on the bench bundle (the working
   * tree's workflows and `benchEmptyWorkflow`). `system.startWorker()` and `system.stopWorker()` start and stop that
   * worker. Stopped, and the database dropped, when `main` returns or on Ctrl-C.
   */
  start(options?: BenchSystemOptions): Promise<TestSystem>;
  /** Runs `cleanup` before the system is stopped (e.g. to kill a child worker). */
  onStop(cleanup: () => Promise<void> | void): void;
}

/** The test harness's worker needs the tests' bundle to start (it is replaced at once): written only when missing. */
async function ensureTestBundle(): Promise<void> {
  if (existsSync(TEST_BUNDLE_PATH)) return;
  const temporary = `${TEST_BUNDLE_PATH}.${process.pid}.tmp`;
  await writeWorkflowBundle(temporary);
  await rename(temporary, TEST_BUNDLE_PATH);
}

async function startBenchSystem(options: BenchSystemOptions): Promise<TestSystem> {
  process.env.TEMPORAL_CLI = temporalCliPath();
  const bundleStarted = performance.now();
  // `npm run bench` builds the bundle once for all the benchmarks it runs (BENCH_BUNDLE_BUILT=1).
  const prebuilt = process.env.BENCH_BUNDLE_BUILT === '1' && existsSync(BENCH_BUNDLE_PATH);
  await Promise.all([prebuilt ? Promise.resolve('') : writeBenchBundle(), ensureTestBundle()]);
  console.error(
    `workflow bundle ${prebuilt ? 'prebuilt' : `built in ${ms(performance.now() - bundleStarted)} ms`}; starting Temporal, Postgres database, worker and API…`,
  );
  const system = await startSystem({ sms: 'outbox', classifier: 'heuristic', rules: options.rules ?? DEFAULT_RULES });
  await system.stopWorker();
  let worker: Worker | null = null;
  let running: Promise<void> | null = null;
  system.startWorker = async () => {
    if (worker) return;
    worker = await createWorker({
      connection: system.env.nativeConnection,
      namespace: system.env.namespace ?? 'default',
      taskQueue: system.taskQueue,
      deps: benchWorkerDeps(system.db.pool, OUR_NUMBER),
      workflowBundlePath: BENCH_BUNDLE_PATH,
      options: options.workerOptions,
    });
    running = worker.run();
  };
  system.stopWorker = async () => {
    if (!worker) return;
    worker.shutdown();
    await running;
    worker = null;
    running = null;
  };
  await system.startWorker();
  return system;
}

/**
 * Runs a benchmark's `main` with the system's life cycle around it: started on demand, stopped and its database
 * dropped at the end, on an error, and on Ctrl-C (once more to force). Exits with `main`'s code (130 when interrupted).
 * The signal handlers are installed before the Temporal runtime's (which listens for the same signals), so they run first.
 */
export function runBench(main: (bench: Bench) => Promise<number>): void {
  let system: TestSystem | undefined;
  let starting: Promise<TestSystem> | undefined;
  let interrupted = false;
  let stopping: Promise<void> | undefined;
  const cleanups: Array<() => Promise<void> | void> = [];

  const stopAll = (): Promise<void> => {
    stopping ??= (async () => {
      for (const cleanup of cleanups)
        await Promise.resolve(cleanup()).catch((err: unknown) => console.error(`cleanup: ${(err as Error).message}`));
      const running = system ?? (await starting?.catch(() => undefined));
      if (!running) return;
      try {
        await running.stop();
      } catch (err) {
        // A half-stopped system (e.g. the dev server got the Ctrl-C too): make sure the server and database go.
        console.error(`stopping: ${(err as Error).message}; tearing down what is left`);
        await running.env.teardown().catch(() => undefined);
        await running.db
          .drop()
          .catch((e: unknown) => console.error(`could not drop database ${running.db.name}: ${(e as Error).message}`));
      }
    })();
    return stopping;
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) process.exit(130);
      interrupted = true;
      console.error(`\n${signal}: stopping the system and dropping the database (once more to force)…`);
      void stopAll().finally(() => process.exit(130));
    });
  }

  const bench: Bench = {
    get interrupted() {
      return interrupted;
    },
    async start(options = {}) {
      starting = startBenchSystem(options);
      system = await starting;
      return system;
    },
    onStop(cleanup) {
      cleanups.push(cleanup);
    },
  };

  main(bench)
    .catch((err: unknown) => {
      console.error(err);
      return 1;
    })
    .then(async (code) => {
      await stopAll();
      process.exit(interrupted ? 130 : code);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
