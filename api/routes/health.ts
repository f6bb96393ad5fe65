import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { withTimeout } from '../withTimeout';

/**
 * A worker counts as polling when Temporal saw it poll within this long. Temporal stamps a poller when a poll starts
 * and when it ends, and an idle worker's poll lasts up to a minute (the server's long-poll expiry), so a live idle
 * worker's stamp ages up to 60 s (measured on the dev server: 55-59 s, then fresh). 90 s adds room for a busy machine
 * and clock skew between the API and Temporal; a dead worker reads "not ready" within 90 s of its last poll. (The
 * server lists a poller for 5 minutes after it is gone, so the list alone says nothing.)
 */
export const WORKER_SEEN_WITHIN_MS = 90_000;

// The proto enums' values (@temporalio/proto is no direct dependency): TASK_QUEUE_KIND_NORMAL, TASK_QUEUE_TYPE_WORKFLOW.
const NORMAL_KIND = 1;
const WORKFLOW_TASKS = 1;

const millisOf = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  t ? Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6) : 0;

/** "ok" when a worker polled the task queue for workflow tasks lately; otherwise what a person should look at. */
async function workerCheck(deps: ApiDeps): Promise<string> {
  const { temporal } = deps;
  const described = await temporal.connection.withDeadline(Date.now() + 2000, () =>
    temporal.workflowService.describeTaskQueue({
      namespace: temporal.options.namespace,
      taskQueue: { name: deps.taskQueue, kind: NORMAL_KIND },
      taskQueueType: WORKFLOW_TASKS,
    }),
  );
  const since = Date.now() - WORKER_SEEN_WITHIN_MS;
  const polling = (described.pollers ?? []).some((poller) => millisOf(poller.lastAccessTime) >= since);
  return polling ? 'ok' : `no worker polling task queue ${deps.taskQueue}`;
}

export function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal, worker] = await Promise.allSettled([
      withTimeout(deps.pool.query('SELECT 1'), 2000),
      // The deadline ends the call itself (the client would otherwise retry it in the background).
      withTimeout(
        deps.temporal.connection.withDeadline(Date.now() + 2000, () => deps.temporal.workflowService.getSystemInfo({})),
        2500,
      ),
      withTimeout(workerCheck(deps), 2500),
    ]);
    const checks = {
      postgres: postgres.status === 'fulfilled' ? 'ok' : `unreachable: ${(postgres.reason as Error).message}`,
      temporal: temporal.status === 'fulfilled' ? 'ok' : `unreachable: ${(temporal.reason as Error).message}`,
      worker: worker.status === 'fulfilled' ? worker.value : `unknown: ${(worker.reason as Error).message}`,
    };
    const ready = Object.values(checks).every((check) => check === 'ok');
    res.status(ready ? 200 : 503).json({ ready, checks });
  });
  return router;
}
