import type { RouteDoc } from './routeDoc';
import { analyticsDocs } from './routes/analytics';
import { calendarDocs } from './routes/calendars';
import { coordinatorDocs } from './routes/coordinators';
import { eventDocs } from './routes/events';
import { eventStreamDocs } from './routes/eventStream';
import { healthDocs } from './routes/health';
import { importDocs } from './routes/imports';
import { metricsDocs } from './routes/metrics';
import { photoDocs } from './routes/photos';
import { portfolioDocs } from './routes/portfolio';
import { preventiveRecordDocs } from './routes/preventiveRecords';
import { queueDocs } from './routes/queues';
import { ruleDocs } from './routes/rules';
import { scheduleDocs } from './routes/schedules';
import { smsDocs } from './routes/sms';
import { twilioWebhookDocs } from './routes/twilioWebhooks';
import { visitDocs } from './routes/visits';
import { workOrderDocs } from './routes/workOrders';

/**
 * Every route the app serves, in the document's order. A route added to a router needs its entry here (in
 * routes/<router>.ts): test/unit/openapi.test.ts fails on any route served but not documented, or documented but
 * not served.
 */
export const ROUTE_DOCS: readonly RouteDoc[] = [
  ...workOrderDocs,
  ...visitDocs,
  ...photoDocs,
  ...queueDocs,
  ...eventDocs,
  ...eventStreamDocs,
  ...ruleDocs,
  ...smsDocs,
  ...scheduleDocs,
  ...preventiveRecordDocs,
  ...analyticsDocs,
  ...portfolioDocs,
  ...calendarDocs,
  ...coordinatorDocs,
  ...importDocs,
  ...twilioWebhookDocs,
  ...healthDocs,
  ...metricsDocs,
];
