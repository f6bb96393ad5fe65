import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { classifierFromConfig } from '../activities/adapters/classifierFromEnv';
import { photoReviewerFromConfig } from '../activities/adapters/photoReviewerFromEnv';
import { smsSenderFromConfig } from '../activities/adapters/smsFromEnv';
import { createPhotoStore } from '../db/photoStore';
import { createPool } from '../db/pool';
import { loadConfig } from '../runtime/config';
import { onShutdownSignals } from '../runtime/shutdownSignals';
import { createLogger } from '../observability/logger';
import { serveMetrics } from '../observability/metricsServer';
import { createWorker } from './createWorker';
import { createWorkerMetrics } from './metrics';
import { ensurePagerRunning } from './pager';
import { workerRuntimeOptions } from './runtime';

/** The coordinator pager runs on this task queue: started here unless it runs already (a few tries, Temporal may be starting). */
async function startPager(
  config: ReturnType<typeof loadConfig>,
  logger: ReturnType<typeof createLogger>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      const connection = await Connection.connect({ address: config.temporalAddress });
      try {
        const outcome = await ensurePagerRunning(
          new Client({ connection, namespace: config.temporalNamespace }),
          config.taskQueue,
        );
        logger.info(outcome === 'started' ? 'coordinator pager started' : 'coordinator pager already running');
      } finally {
        await connection.close();
      }
      return;
    } catch (err) {
      if (attempt === 5) {
        logger.error({ err }, 'could not start the coordinator pager: nobody is paged until a worker starts it');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
    }
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel, service: 'worker' });
  // Before the first connection: the Runtime is created once per process.
  Runtime.install(
    workerRuntimeOptions({ logger, temporalMetricsAddress: `0.0.0.0:${config.workerMetrics.temporalPort}` }),
  );
  const metrics = createWorkerMetrics();
  const metricsServer = await serveMetrics(metrics.registry, config.workerMetrics.port, logger);
  logger.info(
    {
      metrics: `http://0.0.0.0:${config.workerMetrics.port}/metrics`,
      temporalMetrics: `http://0.0.0.0:${config.workerMetrics.temporalPort}/metrics`,
    },
    'worker metrics served',
  );
  const pool = createPool(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const sender = smsSenderFromConfig(config.sms);
  const classifier = classifierFromConfig(config.ai);
  const photoReviewer = photoReviewerFromConfig(config.ai, createPhotoStore(config.photoStorageDir));
  logger.info(
    classifier.name === 'claude'
      ? 'classifier: Claude (ANTHROPIC_API_KEY set)'
      : 'classifier: deterministic (no ANTHROPIC_API_KEY)',
  );
  logger.info(
    `photo review: ${photoReviewer.name === 'claude' ? 'Claude with the images' : 'deterministic'}; photos read from ${config.photoStorageDir}`,
  );
  logger.info(
    sender.name === 'twilio'
      ? 'SMS: Twilio'
      : 'SMS: outbox (no TWILIO_* set): messages are stored in Postgres, see GET /sms/messages',
  );
  try {
    const worker = await createWorker({
      connection,
      namespace: config.temporalNamespace,
      taskQueue: config.taskQueue,
      deps: {
        pool,
        classifier,
        photoReviewer,
        sms: {
          sender,
          senderNumber: config.sms.senderNumber,
          statusCallbackUrl:
            sender.name === 'twilio' && config.publicBaseUrl
              ? `${config.publicBaseUrl.replace(/\/$/, '')}/webhooks/twilio/status`
              : undefined,
        },
      },
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
      metrics,
      // On shutdown, activities already running get 10 s to finish before they are cancelled (Temporal retries them).
      options: { shutdownGraceTime: '10s', shutdownForceTime: '25s', maxCachedWorkflows: config.maxCachedWorkflows },
    });
    logger.info(
      `worker polling task queue ${config.taskQueue} on ${config.temporalAddress} (up to ${worker.options.maxCachedWorkflows} workflows cached)`,
    );
    void startPager(config, logger);
    const stopped = worker
      .run()
      .finally(() => connection.close().finally(() => Promise.all([pool.end(), metricsServer.close()])));
    onShutdownSignals(logger, async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await stopped;
    });
    await stopped;
  } catch (err) {
    await connection.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await metricsServer.close();
    throw err;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
