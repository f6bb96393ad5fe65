import { eventsQuery } from '../../schemas';
import { eventPage } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

export const eventDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    tag: 'events',
    summary: 'The event log, oldest first from `after`',
    description: "Every change to every work order, attributed. Page with `after` (the previous answer's `nextAfter`).",
    auth: { roles: ['coordinator', 'ops'] },
    query: eventsQuery,
    responses: { 200: { description: 'one page of events', content: json(eventPage) } },
  },
];
