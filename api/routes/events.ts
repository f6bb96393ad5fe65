import { Router } from 'express';
import { listEvents } from '../../db/queries/events';
import { allow } from '../auth';
import type { ApiDeps } from '../deps';
import { eventsQuery } from '../schemas';
import { parse } from '../validate';

export function eventsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', allow('coordinator', 'ops'), async (req, res) => {
    const query = parse(eventsQuery, req, 'query');
    const items = await listEvents(deps.pool, { workOrderNumber: query.workOrderId, type: query.type, after: query.after, limit: query.limit });
    res.json({ items, nextAfter: items.length === query.limit ? items[items.length - 1]!.id : null });
  });
  return router;
}
