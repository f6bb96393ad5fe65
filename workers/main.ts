import { NativeConnection } from '@temporalio/worker';
import { classifierFromConfig } from '../activities/adapters/classifierFromEnv';
import { photoReviewerFromConfig } from '../activities/adapters/photoReviewerFromEnv';
import { smsSenderFromConfig } from '../activities/adapters/smsFromEnv';
import { createPhotoStore } from '../db/photoStore';
import { createPool } from '../db/pool';
import { loadConfig } from '../domain/config';
import { createWorker } from './createWorker';

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = createPool(config.databaseUrl);
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const sender = smsSenderFromConfig(config.sms);
  const classifier = classifierFromConfig(config.ai);
  const photoReviewer = photoReviewerFromConfig(config.ai, createPhotoStore(config.photoStorageDir));
  console.log(classifier.name === 'claude' ? 'classifier: Claude (ANTHROPIC_API_KEY set)' : 'classifier: deterministic (no ANTHROPIC_API_KEY)');
  console.log(`photo review: ${photoReviewer.name === 'claude' ? 'Claude with the images' : 'deterministic'}; photos read from ${config.photoStorageDir}`);
  console.log(sender.name === 'twilio' ? 'SMS: Twilio' : 'SMS: outbox (no TWILIO_* set): messages are stored in Postgres, see GET /sms/messages');
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
          statusCallbackUrl: sender.name === 'twilio' && config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/$/, '')}/webhooks/twilio/status` : undefined,
        },
      },
      workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH,
    });
    console.log(`worker polling task queue ${config.taskQueue} on ${config.temporalAddress}`);
    // The SDK's runtime shuts the worker down on SIGINT/SIGTERM: run() resolves once in-flight tasks are done.
    await worker.run();
  } finally {
    await connection.close();
    await pool.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
