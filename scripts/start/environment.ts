/** The environment npm start's children run with: this process's, plus what this run resolved. */
import { workerHeapLimitMiB, type Config } from '../../runtime/config';
import type { Secrets } from './secrets';

/** For every child (migrate, seed, the worker, the API); `config` holds the Temporal address and database in use. */
export function childEnvironment(config: Config, secrets: Secrets): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: config.databaseUrl,
    TEMPORAL_ADDRESS: config.temporalAddress,
    TEMPORAL_NAMESPACE: config.temporalNamespace,
    TEMPORAL_TASK_QUEUE: config.taskQueue,
    PORT: String(config.port),
    API_ADMIN_KEY: secrets.admin.key,
    // Resolved once, so the API (which writes photos) and the worker (which reads them) share one folder.
    PHOTO_STORAGE_DIR: config.photoStorageDir,
    ...(secrets.smsWebhook ? { SMS_WEBHOOK_SECRET: secrets.smsWebhook.key } : {}),
  };
}

/** The worker alone gets a heap limit sized for its cache (the embedded mode's one process also runs the database). */
export function workerEnvironment(env: NodeJS.ProcessEnv, config: Config): NodeJS.ProcessEnv {
  return {
    ...env,
    NODE_OPTIONS:
      `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${workerHeapLimitMiB(config.maxCachedWorkflows)}`.trim(),
  };
}
