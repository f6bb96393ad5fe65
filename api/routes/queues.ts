import { Router } from 'express';
import { listQueue } from '../../db/queries/workOrders';
import { allow } from '../auth';
import type { ApiDeps } from '../deps';
import { queueParams, queueQuery } from '../schemas';
import { parse } from '../validate';

export function queuesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:name', allow('coordinator', 'ops'), async (req, res) => {
    const { name } = parse(queueParams, req, 'params');
    const { limit } = parse(queueQuery, req, 'query');
    res.json({ queue: name, items: await listQueue(deps.pool, name, limit) });
  });
  return router;
}
