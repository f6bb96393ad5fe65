import { Client, Connection } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import { createPool } from '../db/pool';
import { upsertApiKey } from '../db/queries/apiKeys';
import { loadConfig } from '../runtime/config';
import { onShutdownSignals } from '../runtime/shutdownSignals';
import { createLogger } from '../observability/logger';
import { createApp } from './app';
import { createEventFeed } from './events/eventFeed';
import { createWorkflowStarter } from './intake/workflowStarter';
import { drainHttpServer } from './shutdown';

/** Within the 10 s scripts/start.ts and Docker give the API after SIGTERM. */
const DRAIN_MS = 8000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'api' });
  const pool = createPool(config.databaseUrl);
  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  if (config.adminKey)
    await upsertApiKey(pool, { name: 'admin (API_ADMIN_KEY)', role: 'admin', secret: config.adminKey });
  else logger.warn('API_ADMIN_KEY is not set: no admin key was created');

  // One LISTEN connection for every GET /events/stream client of this process.
  const eventFeed = createEventFeed({ pool, log: (message) => logger.warn(message) });
  // Starts the workflows of orders committed by the SMS webhook, and sweeps for those a crash or a failed start left.
  const workflowStarter = createWorkflowStarter({ pool, temporal, taskQueue: config.taskQueue, logger });
  workflowStarter.run();
  const server = createApp({
    pool,
    temporal,
    taskQueue: config.taskQueue,
    logger,
    photoStorageDir: config.photoStorageDir,
    sms: { webhookAuthToken: config.sms.webhookAuthToken, publicBaseUrl: config.publicBaseUrl },
    security: config.security,
    eventFeed,
    workflowStarter,
  }).listen(config.port, () => {
    logger.info(`API listening on http://127.0.0.1:${(server.address() as AddressInfo).port}; metrics at /metrics`);
  });
  // Stop accepting, end the event streams (clients resume with Last-Event-ID), let in-flight requests finish, then close.
  onShutdownSignals(logger, async () => {
    logger.info(`closing ${eventFeed.subscribers} event stream(s); in-flight requests get ${DRAIN_MS / 1000} s`);
    await drainHttpServer(server, {
      closeStreams: () => eventFeed.close(),
      timeoutMs: DRAIN_MS,
      log: (message) => logger.warn(message),
    });
    // Starts under way finish (or fail, and stay for the next sweep) before the connections close.
    await workflowStarter.stop();
    await connection.close();
    await pool.end();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
