import { queueParams, queueQuery } from '../../schemas';
import { queueAnswer } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

export const queueDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/queues/{name}',
    operationId: 'getQueue',
    tag: 'queues',
    summary: "A coordinator's queue: review, escalations, auto-assigned or ready-review",
    auth: { roles: ['coordinator', 'ops'] },
    params: queueParams,
    query: queueQuery,
    responses: { 200: { description: 'the orders in the queue', content: json(queueAnswer) } },
  },
];
