import { Client, Connection } from '@temporalio/client';
import { createPool } from '../db/pool';
import { upsertApiKey } from '../db/queries/apiKeys';
import { loadConfig } from '../domain/config';
import { createLogger } from '../observability/logger';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'api' });
  const pool = createPool(config.databaseUrl);
  const connection = await Connection.connect({ address: config.temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  if (config.adminKey) await upsertApiKey(pool, { name: 'admin (API_ADMIN_KEY)', role: 'admin', secret: config.adminKey });
  else logger.warn('API_ADMIN_KEY is not set: no admin key was created');

  const server = createApp({ pool, temporal, taskQueue: config.taskQueue, logger, photoStorageDir: config.photoStorageDir, sms: { webhookAuthToken: config.sms.webhookAuthToken, publicBaseUrl: config.publicBaseUrl }, security: config.security }).listen(config.port, () => {
    logger.info(`API listening on http://127.0.0.1:${config.port}; metrics at /metrics`);
  });
  const stop = () => {
    server.close(() => {
      void connection.close().finally(() => pool.end());
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
