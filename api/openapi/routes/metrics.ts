import type { RouteDoc } from '../routeDoc';

export const metricsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tag: 'health',
    summary: 'Prometheus metrics of the API (latency per route, answers per status, queue sizes, texts)',
    description: 'Aggregates only: no ids, no phone numbers.',
    auth: 'none',
    responses: {
      200: {
        description: "Prometheus' text exposition format",
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    },
  },
];
