import { analyticsSummaryQuery } from '../../schemas';
import { analyticsSummary } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

export const analyticsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/analytics/summary',
    operationId: 'getAnalyticsSummary',
    tag: 'analytics',
    summary: 'The KPIs of the orders created in [from, to), for the portfolio, a building or a technician',
    description:
      '`from` and `to` are days (midnight UTC) or instants with an offset; the last 30 days by default, at most 366.',
    auth: { roles: ['coordinator', 'ops'] },
    query: analyticsSummaryQuery,
    responses: { 200: { description: 'the summary', content: json(analyticsSummary) } },
    errors: { 404: 'the building or technician filtered on does not exist' },
  },
];
