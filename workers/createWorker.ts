import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../runtime/config';
import { instrumentDeps } from './instrument';
import type { WorkerMetrics } from './metrics';

export const WORKFLOWS_PATH = require.resolve('../workflows');

export interface WorkerSetup {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A bundle built ahead of time (production, tests); otherwise the workflows are bundled at start. */
  workflowBundlePath?: string;
  /** Over the defaults: the SDK's, but maxCachedWorkflows DEFAULT_MAX_CACHED_WORKFLOWS. */
  options?: Partial<WorkerOptions>;
  /** When given, the AI and SMS providers are timed and counted into it. */
  metrics?: WorkerMetrics;
}

export function createWorker(setup: WorkerSetup): Promise<Worker> {
  return Worker.create({
    connection: setup.connection,
    namespace: setup.namespace,
    taskQueue: setup.taskQueue,
    activities: createActivities(setup.metrics ? instrumentDeps(setup.deps, setup.metrics) : setup.deps),
    ...(setup.workflowBundlePath
      ? { workflowBundle: { codePath: setup.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH }),
    maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
    ...setup.options,
  });
}
