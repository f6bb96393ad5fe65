import { Router } from 'express';
import type { ApiDeps } from '../deps';

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.allSettled([
      withTimeout(deps.pool.query('SELECT 1'), 2000),
      withTimeout(deps.temporal.workflowService.getSystemInfo({}), 2000),
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
