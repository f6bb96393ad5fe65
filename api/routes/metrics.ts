import { Router } from 'express';
import type { ApiMetrics } from '../metrics/apiMetrics';

/**
 * GET /metrics, Prometheus' text format, without an API key: scrapers rarely send one, and everything here is an
 * aggregate (latency per route pattern, counts per status, queue and SMS direction), never an id or a phone number.
 * A scrape costs three small GROUP BY/count queries, shared by concurrent scrapes and cut off after a second.
 */
export function metricsRouter(metrics: ApiMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    await metrics.refresh();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
