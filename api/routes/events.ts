import { Router } from 'express';
import { listEvents } from '../../db/queries/events';
import { allow } from '../auth';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { streamEvents } from '../events/eventStream';
import { eventsQuery, eventStreamHeaders, eventStreamQuery } from '../schemas';
import { parse } from '../validate';
import { loadWorkOrderFor } from './workOrderAccess';

export function eventsRouter(deps: ApiDeps): Router {
  const router = Router();
  router.get('/', allow('coordinator', 'ops'), async (req, res) => {
    const query = parse(eventsQuery, req, 'query');
    const items = await listEvents(deps.pool, {
      workOrderNumber: query.workOrderId,
      type: query.type,
      after: query.after,
      limit: query.limit,
    });
    res.json({ items, nextAfter: items.length === query.limit ? items[items.length - 1]!.id : null });
  });
  router.get('/stream', allow('coordinator', 'ops'), async (req, res) => {
    const query = parse(eventStreamQuery, req, 'query');
    const headers = parse(eventStreamHeaders, req, 'headers');
    if (!deps.eventFeed) throw new AppError(503, 'unavailable', 'live events are not enabled in this process');
    if (query.workOrderId !== undefined) await loadWorkOrderFor(deps, req, query.workOrderId);
    streamEvents(req, res, {
      feed: deps.eventFeed,
      pool: deps.pool,
      filter: { workOrderNumber: query.workOrderId, type: query.type },
      after: headers['last-event-id'] ?? query.lastEventId ?? null,
    });
  });
  return router;
}
