import { Router } from 'express';
import { countQueues, listQueue } from '../../db/queries/queues';
import { allow } from '../auth';
import type { ApiDeps } from '../deps';
import { queueParams, queueQuery } from '../schemas';
import { parse } from '../validate';

export function queuesRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/:name', allow('coordinator', 'ops'), async (req, res) => {
    const { name } = parse(queueParams, req, 'params');
    const { limit } = parse(queueQuery, req, 'query');
    const [items, counts] = await Promise.all([listQueue(deps.pool, name, limit), countQueues(deps.pool)]);
    // total: the queue's size (what queue_size reports), which may be more than the `limit` items listed.
    res.json({ queue: name, total: counts[name], items });
  });
  return router;
}
