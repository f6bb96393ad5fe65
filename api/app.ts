import express, { type Express } from 'express';
import { authenticate } from './auth';
import type { ApiDeps } from './deps';
import { AppError, errorMiddleware } from './errors';
import { eventsRouter } from './routes/events';
import { healthRouter } from './routes/health';
import { queuesRouter } from './routes/queues';
import { visitsRouter } from './routes/visits';
import { workOrdersRouter } from './routes/workOrders';

export function createApp(deps: ApiDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '100kb' }));
  app.use(healthRouter(deps));
  app.use(authenticate(deps.pool));
  app.use('/work-orders', workOrdersRouter(deps));
  app.use('/work-orders', visitsRouter(deps));
  app.use('/queues', queuesRouter(deps));
  app.use('/events', eventsRouter(deps));
  app.use((req) => {
    throw new AppError(404, 'not_found', `no route ${req.method} ${req.path}`);
  });
  app.use(errorMiddleware);
  return app;
}
