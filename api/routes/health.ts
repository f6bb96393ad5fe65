import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { withTimeout } from '../withTimeout';

export function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.allSettled([
      withTimeout(deps.pool.query('SELECT 1'), 2000),
      // The deadline ends the call itself (the client would otherwise retry it in the background).
      withTimeout(deps.temporal.connection.withDeadline(Date.now() + 2000, () => deps.temporal.workflowService.getSystemInfo({})), 2500),
    ]);
    const checks = {
      postgres: postgres.status === 'fulfilled' ? 'ok' : `unreachable: ${(postgres.reason as Error).message}`,
      temporal: temporal.status === 'fulfilled' ? 'ok' : `unreachable: ${(temporal.reason as Error).message}`,
    };
    const ready = postgres.status === 'fulfilled' && temporal.status === 'fulfilled';
    res.status(ready ? 200 : 503).json({ ready, checks });
  });
  return router;
}
