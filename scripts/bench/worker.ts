/**
 * A worker in its own process, for the timers benchmark (timers.ts forks it): the product's activities with the
 * benchmarks' providers (workerDeps.ts) and a prebuilt workflow bundle, on the task queue it is given. Its RSS is
 * read from /proc by the parent; over IPC it answers `status` (memory and the SDK's cached-workflow count; after a
 * full collection of the main thread's heap with `gc: true` when started with --expose-gc) and
 * `stop` (a graceful shutdown), and says `ready` once it polls. SIGKILL is how the benchmark crashes it.
 *
 * Environment: BENCH_TEMPORAL_ADDRESS, BENCH_NAMESPACE, BENCH_TASK_QUEUE, BENCH_DATABASE_URL, BENCH_BUNDLE,
 * BENCH_SENDER_NUMBER, BENCH_MAX_CACHED_WORKFLOWS (a number; unset: the product's default, DEFAULT_MAX_CACHED_WORKFLOWS),
 * BENCH_METRICS_PORT (optional: Core's Prometheus metrics on 127.0.0.1 at that port).
 */
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createPool } from '../../db/pool';
import { createWorker } from '../../workers/createWorker';
import { benchWorkerDeps } from './workerDeps';

export interface WorkerStatus {
  type: 'status';
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  numCachedWorkflows: number;
  numInFlightActivities: number;
  numInFlightWorkflowActivations: number;
  maxCachedWorkflows: number;
}

export type WorkerMessage =
  { type: 'ready'; maxCachedWorkflows: number } | WorkerStatus | { type: 'error'; message: string };

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  // Core's metrics (the workflow cache's hits and misses among them) on a local port for the benchmark to read.
  const metricsPort = process.env.BENCH_METRICS_PORT;
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    ...(metricsPort
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } } } }
      : {}),
  });
  const pool = createPool(env('BENCH_DATABASE_URL'));
  const connection = await NativeConnection.connect({ address: env('BENCH_TEMPORAL_ADDRESS') });
  const maxCached = process.env.BENCH_MAX_CACHED_WORKFLOWS ? Number(process.env.BENCH_MAX_CACHED_WORKFLOWS) : undefined;
  const worker = await createWorker({
    connection,
    namespace: env('BENCH_NAMESPACE'),
    taskQueue: env('BENCH_TASK_QUEUE'),
    deps: benchWorkerDeps(pool, env('BENCH_SENDER_NUMBER')),
    workflowBundlePath: env('BENCH_BUNDLE'),
    options: maxCached === undefined ? {} : { maxCachedWorkflows: maxCached },
  });
  const maxCachedWorkflows = worker.options.maxCachedWorkflows;
  const send = (message: WorkerMessage) => process.send?.(message);
  process.on('message', (message: { type: string; gc?: boolean }) => {
    if (message.type === 'status') {
      // A full collection of the main thread's heap first when asked (the parent forks with --expose-gc), so that
      // what is left is what is kept, not garbage waiting for the next collection.
      if (message.gc) (globalThis as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      const status = worker.getStatus();
      send({
        type: 'status',
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
        numCachedWorkflows: status.numCachedWorkflows,
        numInFlightActivities: status.numInFlightActivities,
        numInFlightWorkflowActivations: status.numInFlightWorkflowActivations,
        maxCachedWorkflows,
      });
    } else if (message.type === 'stop' && worker.getState() === 'RUNNING') {
      worker.shutdown();
    }
  });
  const running = worker.run();
  send({ type: 'ready', maxCachedWorkflows });
  try {
    await running;
  } finally {
    await connection.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.send?.({ type: 'error', message: (err as Error).stack ?? String(err) });
    console.error(err);
    process.exit(1);
  },
);
