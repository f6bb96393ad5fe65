import express, { type Express } from 'express';
import { DEFAULT_RATE_LIMITS } from '../runtime/config';
import { authenticate } from './auth';
import { analyticsRouter } from './routes/analytics';
import { coordinatorsRouter } from './routes/coordinators';
import type { ApiDeps } from './deps';
import { AppError, errorMiddleware } from './errors';
import { eventsRouter } from './routes/events';
import { healthRouter } from './routes/health';
import { metricsRouter } from './routes/metrics';
import { openapiRouter } from './routes/openapi';
import { photosRouter } from './routes/photos';
import { portfolioRouter } from './routes/portfolio';
import { preventiveRecordsRouter } from './routes/preventiveRecords';
import { PORTFOLIO_KINDS } from '../db/queries/portfolioRecords';
import { createWorkflowStarter } from './intake/workflowStarter';
import { createApiMetrics } from './metrics/apiMetrics';
import { requestObserver } from './requestObserver';
import { createLogger } from '../observability/logger';
import { importsRouter } from './routes/imports';
import { createRateLimiters } from './rateLimits';
import { queuesRouter } from './routes/queues';
import { rulesRouter } from './routes/rules';
import { schedulesRouter } from './routes/schedules';
import { securityHeaders } from './securityHeaders';
import { smsRouter } from './routes/sms';
import { stepRetryRouter } from './routes/stepRetry';
import { technicianCalendarsRouter } from './routes/technicianCalendars';
import { twilioWebhooksRouter } from './routes/twilioWebhooks';
import { visitsRouter } from './routes/visits';
import { workOrdersRouter } from './routes/workOrders';
import { workOrderMessagesRouter } from './routes/workOrderMessages';
import { workOrderFitsRouter } from './routes/workOrderFits';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const logger = deps.logger ?? createLogger({ level: 'warn', service: 'api' });
  const metrics = createApiMetrics(deps.pool, logger);
  app.use(requestObserver(logger, metrics.httpDuration));
  app.set('trust proxy', deps.security?.trustProxy ?? false);
  const limits = createRateLimiters(deps.security?.rateLimits ?? DEFAULT_RATE_LIMITS);
  const workflowStarter = deps.workflowStarter ?? runningStarter({ ...deps, logger });
  app.use(securityHeaders);
  app.use(healthRouter(deps));
  app.use(openapiRouter());
  app.use(metricsRouter(metrics));
  // Twilio's webhooks are signed, not keyed: they sit before the API-key check, with their own body parser.
  app.use(
    '/webhooks/twilio',
    limits.webhooks,
    limits.failures((_req, res) => res.statusCode === 403),
    twilioWebhooksRouter({ ...deps, workflowStarter }),
  );
  // The key is checked before any body is read: a caller without one makes us parse nothing.
  app.use(
    limits.failures((req, res) => res.statusCode === 401 && req.header('authorization') !== undefined),
    authenticate(deps.pool),
    limits.perKey,
  );
  // Exports are bigger than the API's JSON limit and may be CSV: the import route reads its own body.
  app.use('/imports', importsRouter(deps));
  app.use(express.json({ limit: '100kb' }));
  app.use('/work-orders', workOrdersRouter(deps));
  app.use('/work-orders', visitsRouter(deps));
  app.use('/work-orders', photosRouter(deps));
  app.use('/work-orders', stepRetryRouter(deps));
  app.use('/work-orders', workOrderMessagesRouter(deps));
  app.use('/work-orders', workOrderFitsRouter(deps));
  app.use('/queues', queuesRouter(deps));
  app.use('/events', eventsRouter(deps));
  app.use('/rules', rulesRouter(deps));
  app.use('/sms', smsRouter(deps));
  app.use('/schedules', schedulesRouter(deps));
  app.use('/equipment', preventiveRecordsRouter(deps, 'equipment'));
  app.use('/seasonal-tasks', preventiveRecordsRouter(deps, 'seasonalTasks'));
  app.use('/analytics', analyticsRouter(deps));
  for (const kind of PORTFOLIO_KINDS) app.use(`/${kind}`, portfolioRouter(deps, kind));
  app.use('/technicians', technicianCalendarsRouter(deps));
  app.use('/coordinators', coordinatorsRouter(deps));
  app.use((req) => {
    throw new AppError(404, 'not_found', `no route ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware);
  return app;
}

/** For an app whose process passed no starter (tests, drills): its sweep stops when the pool is ended. */
function runningStarter(deps: Parameters<typeof createWorkflowStarter>[0]) {
  const starter = createWorkflowStarter(deps);
  starter.run();
  return starter;
}
