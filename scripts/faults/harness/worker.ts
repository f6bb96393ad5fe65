/**
 * The worker as a child process (`workers/main.ts`), so a drill can kill it with SIGKILL: its environment, and the
 * moment it counts as started (Temporal lists it among the task queue's pollers).
 */
import type { Client } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { sleep } from '../../async';
import { PROJECT_ROOT } from '../../temporalCli';

export interface WorkerProcess {
  /** Starts `workers/main.ts` and resolves once it polls its task queue. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no in-flight task finished; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (the worker finishes its in-flight tasks), SIGKILL after 30 s. */
  stop(): Promise<void>;
  readonly running: boolean;
  readonly pid: number | null;
  readonly starts: number;
  readonly kills: number;
  logFile: string;
}

/** The worker's environment: only what it needs (the caller's own ANTHROPIC_* or TWILIO_* never reach it). */
export function workerEnvironment(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_EXTRA_CA_CERTS'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of inherited) if (process.env[name] !== undefined) env[name] = process.env[name];
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) env[name] = value;
  return env;
}

/** True once a worker of process `pid` (identity `<pid>@<host>`, the SDK's default) polls `taskQueue` for workflow tasks. */
export async function isPolling(client: Client, taskQueue: string, pid: number): Promise<boolean> {
  const described = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    // TASK_QUEUE_KIND_NORMAL, TASK_QUEUE_TYPE_WORKFLOW (the proto enums; @temporalio/proto is no direct dependency)
    taskQueue: { name: taskQueue, kind: 1 },
    taskQueueType: 1,
  });
  return (described.pollers ?? []).some((p) => (p.identity ?? '').startsWith(`${pid}@`));
}

/** Starts `workers/main.ts` with `env`, its stdout and stderr into `logStream`. */
function spawnWorker(env: NodeJS.ProcessEnv, logStream: WriteStream): ChildProcess {
  const spawned = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'workers', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.stdout!.on('data', (chunk: Buffer) => logStream.write(chunk));
  spawned.stderr!.on('data', (chunk: Buffer) => logStream.write(chunk));
  return spawned;
}

/**
 * The worker as a child process. It counts as started once Temporal lists it among the task queue's pollers (its
 * log lines are no contract); its stdout and stderr go to `logFile`.
 */
export function workerProcess(options: {
  env: NodeJS.ProcessEnv;
  logFile: string;
  client: Client;
  taskQueue: string;
  readyTimeoutMs?: number;
}): WorkerProcess {
  const { env, logFile, client, taskQueue, readyTimeoutMs = 120_000 } = options;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream: WriteStream = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let starts = 0;
  let kills = 0;
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  /** Resolves once `spawned` polls the task queue; throws when it exits first or the time is up. */
  const untilPolling = async (spawned: ChildProcess): Promise<void> => {
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (child !== spawned)
        throw new Error(
          `the worker exited while starting (${spawned.exitCode ?? spawned.signalCode}); log: ${logFile}`,
        );
      if (await isPolling(client, taskQueue, spawned.pid!).catch(() => false)) return;
      if (Date.now() > deadline)
        throw new Error(`the worker did not poll within ${readyTimeoutMs / 1000} s (log: ${logFile})`);
      await sleep(250);
    }
  };

  return {
    logFile,
    get running() {
      return child !== null;
    },
    get pid() {
      return child?.pid ?? null;
    },
    get starts() {
      return starts;
    },
    get kills() {
      return kills;
    },
    async start() {
      if (child) throw new Error('the worker is already running');
      starts++;
      logStream.write(`\n===== start #${starts} at ${new Date().toISOString()} =====\n`);
      const spawned = spawnWorker(env, logStream);
      child = spawned;
      exited = new Promise<void>((resolve) => spawned.once('exit', () => resolve()));
      void exited.then(() => {
        if (child === spawned) child = null;
      });
      await untilPolling(spawned);
    },
    async kill9() {
      const current = child;
      if (!current) return;
      kills++;
      logStream.write(`\n===== kill -9 #${kills} (pid ${current.pid}) at ${new Date().toISOString()} =====\n`);
      current.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const current = child;
      if (current) {
        current.kill('SIGTERM');
        const timer = setTimeout(() => current.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      await new Promise<void>((resolve) => logStream.end(() => resolve()));
    },
  };
}
