import { Router } from 'express';
import type { Pool } from 'pg';
import { analyticsSummary } from '../../db/queries/analytics/summary';
import { analyticsWindow } from '../../domain/analyticsWindow';
import { allow } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, notFound } from '../errors';
import { analyticsSummaryQuery } from '../schemas';
import { parse } from '../validate';

async function exists(pool: Pool, table: 'buildings' | 'technicians', id: number): Promise<boolean> {
  return ((await pool.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount ?? 0) > 0;
}

export function analyticsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/summary', allow('coordinator', 'ops'), async (req, res) => {
    const query = parse(analyticsSummaryQuery, req, 'query');
    const now = new Date();
    const resolved = analyticsWindow(query, now);
    if (!resolved.ok)
      throw badRequest(
        'the request query is not valid',
        resolved.issues.map((i) => ({ path: `query.${i.path}`, message: i.message })),
      );
    // A filter naming nothing is a mistake to report, not an empty summary.
    if (query.buildingId !== undefined && !(await exists(deps.pool, 'buildings', query.buildingId)))
      throw notFound(`building ${query.buildingId}`);
    if (query.technicianId !== undefined && !(await exists(deps.pool, 'technicians', query.technicianId)))
      throw notFound(`technician ${query.technicianId}`);
    const scope = {
      ...resolved.window,
      buildingId: query.buildingId ?? null,
      technicianId: query.technicianId ?? null,
    };
    res.json(await analyticsSummary(deps.pool, scope, now));
  });
  return router;
}
