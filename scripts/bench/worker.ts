/**
 * A worker in its own process, for the timers benchmark (timers.ts forks it): the product's activities with the
 * benchmarks' providers (workerDeps.ts) and a prebuilt workflow bundle, on the task queue it is given. Its RSS is
 * read from /proc by the parent; over IPC it answers `status` (memory and the SDK's cached-workflow count) and
 * `stop` (a graceful shutdown), and says `ready` once it polls. SIGKILL is how the benchmark crashes it.
 *
 * Environment: BENCH_TEMPORAL_ADDRESS, BENCH_NAMESPACE, BENCH_TASK_QUEUE, BENCH_DATABASE_URL, BENCH_BUNDLE,
 * BENCH_SENDER_NUMBER, BENCH_MAX_CACHED_WORKFLOWS (a number; unset: the product's default, DEFAULT_MAX_CACHED_WORKFLOWS).
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
  Runtime.install({ logger: new DefaultLogger('WARN') });
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
  process.on('message', (message: { type: string }) => {
    if (message.type === 'status') {
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
