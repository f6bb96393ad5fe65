/**
 * A worker in its own process (worker.ts), as the timers benchmark runs it, so that its RSS is the worker's alone:
 * forked with the system's addresses, asked over IPC for its status (memory, the SDK's cached-workflow count),
 * crashed with SIGKILL or stopped gracefully. Its Temporal Core metrics are served on a local Prometheus port, read
 * for the workflow cache's hits and misses (a task for a workflow the worker had evicted is a miss).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TestSystem } from '../../test/support/system';
import { OUR_NUMBER } from '../../test/support/system';
import { BENCH_BUNDLE_PATH, processFigures, sleep } from './harness';
import type { WorkerMessage, WorkerStatus } from './worker';

export interface CacheCounters {
  hits: number;
  /** Tasks that came to the sticky queue for a workflow the worker had evicted (it fetched the whole history). */
  misses: number;
}

export interface ForkedWorker {
  label: string;
  process: ChildProcess;
  forkedAt: number;
  /** Resolves when the worker polls (performance.now()). */
  ready: Promise<number>;
  maxCachedWorkflows: number | null;
  /** Its memory and cache; `gc`: after a full collection of its main thread's heap. */
  status(gc?: boolean): Promise<WorkerStatus>;
  rssBytes(): Promise<number>;
  /** Sticky-cache hits and misses so far (Core's counters); NaN when the metrics cannot be read. */
  cacheCounters(): Promise<CacheCounters>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** A graceful shutdown (the SDK finishes what is in flight). */
  stop(): Promise<void>;
  exited: Promise<void>;
}

/** Every worker forked and not yet gone: killed when the benchmark stops. */
export const forkedWorkers = new Set<ForkedWorker>();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sums a counter over its label sets in Prometheus' text format (with or without the `_total` suffix). */
export function counterValue(metrics: string, name: string): number {
  const line = new RegExp(`^${name}(?:_total)?(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)\\s*$`, 'gm');
  let total = 0;
  let found = false;
  for (const match of metrics.matchAll(line)) {
    total += Number(match[1]);
    found = true;
  }
  return found ? total : 0;
}

export async function forkWorker(
  system: TestSystem,
  label: string,
  maxCachedWorkflows: number | null,
  heapLimitMiB: number | null,
): Promise<ForkedWorker> {
  const metricsPort = await freePort();
  const child = fork(require.resolve('./worker'), [], {
    execArgv: [
      ...process.execArgv,
      '--expose-gc',
      ...(heapLimitMiB === null ? [] : [`--max-old-space-size=${heapLimitMiB}`]),
    ],
    env: {
      ...process.env,
      BENCH_TEMPORAL_ADDRESS: system.env.address,
      BENCH_NAMESPACE: system.env.namespace ?? 'default',
      BENCH_TASK_QUEUE: system.taskQueue,
      BENCH_DATABASE_URL: system.db.url,
      BENCH_BUNDLE: BENCH_BUNDLE_PATH,
      BENCH_SENDER_NUMBER: OUR_NUMBER,
      BENCH_METRICS_PORT: String(metricsPort),
      ...(maxCachedWorkflows === null ? {} : { BENCH_MAX_CACHED_WORKFLOWS: String(maxCachedWorkflows) }),
    },
    // Its output (the SDK's warnings) to this process's stderr: stdout is the report the suite keeps.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const waiting: Array<(status: WorkerStatus) => void> = [];
  let readyResolve!: (at: number) => void;
  let readyReject!: (err: Error) => void;
  const ready = new Promise<number>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => readyReject(new Error(`worker ${label} exited before it was ready`)));
  const worker: ForkedWorker = {
    label,
    process: child,
    forkedAt: performance.now(),
    ready,
    maxCachedWorkflows,
    status: (gc = false) =>
      new Promise<WorkerStatus>((resolve, reject) => {
        if (!child.connected) return reject(new Error(`worker ${label} is gone`));
        waiting.push(resolve);
        child.send({ type: 'status', gc });
      }),
    async rssBytes() {
      return (await processFigures(child.pid!))?.rssBytes ?? Number.NaN;
    },
    async cacheCounters() {
      try {
        const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        return {
          hits: counterValue(text, 'temporal_sticky_cache_hit'),
          misses: counterValue(text, 'temporal_sticky_cache_miss'),
        };
      } catch {
        return { hits: Number.NaN, misses: Number.NaN };
      }
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
      forkedWorkers.delete(worker);
    },
    async stop() {
      if (child.connected) child.send({ type: 'stop' });
      await exited;
      forkedWorkers.delete(worker);
    },
    exited,
  };
  child.on('message', (message: WorkerMessage) => {
    if (message.type === 'ready') {
      worker.maxCachedWorkflows = message.maxCachedWorkflows;
      readyResolve(performance.now());
    } else if (message.type === 'status') {
      waiting.shift()?.(message);
    } else if (message.type === 'error') {
      readyReject(new Error(`worker ${label}: ${message.message}`));
    }
  });
  forkedWorkers.add(worker);
  return worker;
}

/** Waits until the worker has nothing in flight (its last texts sent), checked twice 500 ms apart. */
export async function untilIdle(worker: ForkedWorker, timeoutMs: number): Promise<WorkerStatus> {
  const deadline = performance.now() + timeoutMs;
  let idleOnce = false;
  for (;;) {
    const status = await worker.status();
    const idle = status.numInFlightActivities === 0 && status.numInFlightWorkflowActivations === 0;
    if ((idle && idleOnce) || performance.now() > deadline) return status;
    idleOnce = idle;
    await sleep(500);
  }
}
