/**
 * What every fault drill runs on: a database of its own (on the machine's Postgres, or on a private cluster the drill
 * may restart), a Temporal dev server of its own with a file database (or a shared one, by task queue), the worker as
 * a child process (`workers/main.ts`, so it can be killed with SIGKILL), the API in this process, local fakes of
 * Twilio and Anthropic, and a driver that talks to the API as tenants and coordinators do (signed webhooks, API keys).
 * Each part is in harness/; this file puts them together and takes them down again.
 */
import type { Client } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Pool } from 'pg';
import type { Rules } from '../../domain/rules';
import type { WorkOrderStatus } from '../../domain/status';
import { startFakeAnthropic, type FakeAnthropic } from '../../test/support/fakeAnthropic';
import { startFakeTwilio, type FakeTwilio } from '../../test/support/fakeTwilio';
import { PROJECT_ROOT } from '../temporalCli';
import { startApi, type Api } from './harness/api';
import { ensureWorkflowBundle } from './harness/bundle';
import { OUR_NUMBER } from './harness/credentials';
import { createDrillDatabase, type DrillDatabase } from './harness/database';
import { freePort } from './harness/freePort';
import type { Log } from './harness/log';
import { SHARED_POSTGRES_ADMIN_URL, startPrivatePostgres, type PrivatePostgres } from './harness/postgres';
import { statusCounts, waitForStatuses } from './harness/statuses';
import { startTemporal, type TemporalServer } from './harness/temporal';
import { workerEnvironment, workerProcess, type WorkerProcess } from './harness/worker';

export { startTemporal, type TemporalServer };

export interface StackOptions {
  drill: string;
  /** Tenants (one order each at most, so a YES always names one order). */
  tenants: number;
  log: Log;
  /** `private`: a cluster of the drill's own, which it may restart. Default: a database on the machine's Postgres. */
  postgres?: 'shared' | 'private';
  /** A Temporal server to share (tests); default: a dev server of the drill's own. */
  temporal?: TemporalServer;
  /** `twilio`: the worker texts through the real twilio SDK to a local fake Twilio; default: the outbox. */
  sms?: 'outbox' | 'twilio';
  /** The worker classifies with Claude (the real SDK) against this local fake; default: the deterministic classifier. */
  anthropic?: boolean;
  rules?: Rules;
  bundlePath?: string;
}

export interface Stack {
  drill: string;
  log: Log;
  pool: Pool;
  db: DrillDatabase;
  postgres: PrivatePostgres | null;
  temporal: TemporalServer;
  client: Client;
  taskQueue: string;
  api: Api;
  worker: WorkerProcess;
  twilio: FakeTwilio | null;
  anthropic: FakeAnthropic | null;
  /** Where the worker's and the API's logs go. */
  logDir: string;
  /** Every work order's status in Postgres, counted. */
  statusCounts(): Promise<Record<string, number>>;
  /** Polls Postgres until every order in `numbers` has a status in `statuses`, or the time is up; returns those that don't. */
  waitForStatuses(
    numbers: number[],
    statuses: WorkOrderStatus[],
    timeoutMs: number,
    onPoll?: () => Promise<void>,
  ): Promise<Map<number, string>>;
  stop(): Promise<void>;
}

/** What the worker is pointed at. */
interface WorkerParts {
  db: DrillDatabase;
  temporal: TemporalServer;
  taskQueue: string;
  bundlePath: string;
  photoStorageDir: string;
  webhookAuthToken: string;
  fakeTwilio: FakeTwilio | null;
  anthropic: FakeAnthropic | null;
}

/** The worker's variables: the drill's database, server and task queue, and the fakes it talks to instead of the real services. */
async function workerVariables(parts: WorkerParts): Promise<Record<string, string | undefined>> {
  const { fakeTwilio, anthropic } = parts;
  return {
    DATABASE_URL: parts.db.url,
    TEMPORAL_ADDRESS: parts.temporal.address,
    TEMPORAL_NAMESPACE: parts.temporal.namespace,
    TEMPORAL_TASK_QUEUE: parts.taskQueue,
    WORKFLOW_BUNDLE_PATH: parts.bundlePath,
    WORKER_METRICS_PORT: String(await freePort()),
    TEMPORAL_METRICS_PORT: String(await freePort()),
    PHOTO_STORAGE_DIR: parts.photoStorageDir,
    LOG_LEVEL: process.env.FAULTS_WORKER_LOG_LEVEL ?? 'warn',
    SMS_SENDER_NUMBER: OUR_NUMBER,
    ...(fakeTwilio
      ? {
          TWILIO_ACCOUNT_SID: fakeTwilio.accountSid,
          TWILIO_AUTH_TOKEN: fakeTwilio.authToken,
          TWILIO_FROM_NUMBER: OUR_NUMBER,
          TWILIO_API_BASE_URL: fakeTwilio.url,
        }
      : { SMS_WEBHOOK_SECRET: parts.webhookAuthToken }),
    ...(anthropic ? { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url } : {}),
  };
}

type Cleanups = Array<() => Promise<unknown>>;

/** The folder for the worker's and the API's logs (and the photos): .data/faults/<drill>-<timestamp>. */
function drillLogDir(drill: string): string {
  const logDir = path.join(
    PROJECT_ROOT,
    '.data',
    'faults',
    `${drill}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
  );
  mkdirSync(logDir, { recursive: true });
  return logDir;
}

/** The drill's database, on a private cluster started for it or on the machine's server. */
async function startDatabase(
  options: StackOptions,
  cleanups: Cleanups,
): Promise<{ postgres: PrivatePostgres | null; db: DrillDatabase }> {
  const postgres = options.postgres === 'private' ? await startPrivatePostgres(options.log) : null;
  if (postgres) cleanups.push(() => postgres.stop());
  const db = await createDrillDatabase(postgres?.adminUrl ?? SHARED_POSTGRES_ADMIN_URL, {
    drill: options.drill,
    tenants: options.tenants,
    rules: options.rules,
  });
  // Dropped unless it's on the private cluster, which goes as a whole.
  cleanups.push(() => (postgres ? db.pool.end() : db.drop()));
  options.log(
    `Postgres: database ${db.name}${postgres ? '' : " on the machine's server"}, ${db.tenants.length} drill tenants`,
  );
  return { postgres, db };
}

/** The worker as a child process, started: resolves once it polls the task queue. */
async function startWorker(parts: WorkerParts, logDir: string, cleanups: Cleanups): Promise<WorkerProcess> {
  const worker = workerProcess({
    client: parts.temporal.client,
    taskQueue: parts.taskQueue,
    logFile: path.join(logDir, 'worker.log'),
    env: workerEnvironment(await workerVariables(parts)),
  });
  cleanups.push(() => worker.stop());
  await worker.start();
  return worker;
}

/** Starts every part in order; each one started is stopped again (in reverse) by `stop`, or at once if a later part fails. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const { drill, log } = options;
  const cleanups: Cleanups = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse())
      await step().catch((err: unknown) => log(`cleanup: ${(err as Error).message}`));
  };
  try {
    const logDir = drillLogDir(drill);
    const bundlePath = options.bundlePath ?? (await ensureWorkflowBundle(log));
    const { postgres, db } = await startDatabase(options, cleanups);

    const temporal = options.temporal ?? (await startTemporal(log));
    if (!options.temporal) cleanups.push(() => temporal.stop());
    const taskQueue = `faults-${drill}-${randomBytes(3).toString('hex')}`;

    const fakeTwilio = options.sms === 'twilio' ? await startFakeTwilio() : null;
    if (fakeTwilio) cleanups.push(() => fakeTwilio.close());
    const anthropic = options.anthropic ? await startFakeAnthropic() : null;
    if (anthropic) cleanups.push(() => anthropic.close());

    const photoStorageDir = path.join(logDir, 'photos');
    const webhookAuthToken = fakeTwilio?.authToken ?? `fault-drill-webhook-secret-${randomBytes(8).toString('hex')}`;
    const api = await startApi({
      pool: db.pool,
      temporal: temporal.client,
      taskQueue,
      webhookAuthToken,
      logFile: path.join(logDir, 'api.log'),
      photoStorageDir,
    });
    cleanups.push(() => api.close());

    const parts = { db, temporal, taskQueue, bundlePath, photoStorageDir, webhookAuthToken, fakeTwilio, anthropic };
    const worker = await startWorker(parts, logDir, cleanups);
    log(
      `worker: pid ${worker.pid} polling ${taskQueue} (SMS: ${fakeTwilio ? 'Twilio SDK → local fake Twilio' : 'outbox'}; classifier: ${anthropic ? 'Claude SDK → local fake Anthropic' : 'deterministic'}); logs in ${path.relative(PROJECT_ROOT, logDir)}`,
    );

    return {
      drill,
      log,
      pool: db.pool,
      db,
      postgres,
      temporal,
      client: temporal.client,
      taskQueue,
      api,
      worker,
      twilio: fakeTwilio,
      anthropic,
      logDir,
      statusCounts: () => statusCounts(db.pool),
      waitForStatuses: (numbers, statuses, timeoutMs, onPoll) =>
        waitForStatuses(db.pool, numbers, statuses, timeoutMs, onPoll),
      stop: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
