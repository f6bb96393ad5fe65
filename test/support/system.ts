import { WorkflowNotFoundError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, type RuntimeOptions, type Worker } from '@temporalio/worker';
import type { Logger } from '../../observability/logger';
import type { WorkerMetrics } from '../../workers/metrics';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { SmsSender } from '../../activities/adapters/sms';
import { createOutboxSender } from '../../activities/adapters/outboxSms';
import { createTwilioSender } from '../../activities/adapters/twilioSms';
import request from 'supertest';
import type { Express } from 'express';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createApp } from '../../api/app';
import { createEventFeed } from '../../api/events/eventFeed';
import { upsertApiKey, type Role } from '../../db/queries/apiKeys';
import { seedDemoData } from '../../db/seed/seed';
import type { RateLimits } from '../../runtime/config';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import type { WorkOrderStatus } from '../../domain/status';
import { searchAttributes, stateQuery, workOrderWorkflowId } from '../../workflows/definitions';
import type { WorkOrderState } from '../../domain/workOrderContract';
import { dynamicConfigArgs } from '../../scripts/temporalServerSettings';
import { createWorker } from '../../workers/createWorker';
import { createTestDatabase, type TestDatabase } from './database';
import { quietServerPath, TEST_BUNDLE_PATH, testLogPath } from './paths';
import { quietApiLogger } from './quietApiLogger';
import { signedWebhook, startFakeTwilio, type FakeTwilio } from './fakeTwilio';
import { startFakeAnthropic, type FakeAnthropic } from './fakeAnthropic';
import { createClaudeClassifier } from '../../activities/adapters/claudeClassifier';
import type { Classifier } from '../../activities/adapters/classifier';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import { createClaudePhotoReviewer } from '../../activities/adapters/claudePhotoReviewer';
import { createDeterministicPhotoReviewer } from '../../activities/adapters/deterministicPhotoReviewer';
import { createPhotoStore } from '../../db/photoStore';
import { photoFiles, postPhotos, type UploadOptions } from './photos';

/** Second-scale durations so the real server runs every wait within a test. */
export function testRules(overrides: Partial<Rules['durations']> = {}): Rules {
  return {
    ...DEFAULT_RULES,
    durations: {
      ...DEFAULT_RULES.durations,
      confirmationWaitSeconds: 30,
      reviewWaitSeconds: 60,
      emergencySlaSeconds: 60,
      confirmationReminderSeconds: 3600,
      ...overrides,
    },
  };
}

export const KEYS: Record<'admin' | 'coordinator' | 'ops' | 'scheduler' | 'technician1' | 'technician2', string> = {
  admin: 'test-admin-key-0000000000',
  coordinator: 'test-coordinator-key-00000',
  ops: 'test-ops-key-0000000000000',
  scheduler: 'test-scheduler-key-000000',
  technician1: 'test-technician-1-key-0000',
  technician2: 'test-technician-2-key-0000',
};

export interface SearchAttributeView {
  status: string | undefined;
  priority: string | undefined;
  buildingId: string | undefined;
  technicianId: string | undefined;
  needsCoordinator: boolean | undefined;
  slaDeadline: Date | undefined;
  accessEscalation: string | undefined;
}

export interface WorkOrderRow {
  status: WorkOrderStatus;
  assigned_technician_id: string | null;
  needs_coordinator: boolean;
  priority: string | null;
  waiting_until: Date | null;
  access_attempts: number;
  access_escalation: string | null;
}

/** Where the record, the workflow's state query and its search attributes say different things. */
export function disagreementsOf(row: WorkOrderRow, state: WorkOrderState, attributes: SearchAttributeView): string[] {
  const found: string[] = [];
  const compare = (what: string, values: Record<string, unknown>) => {
    const distinct = new Set(Object.values(values).map((v) => JSON.stringify(v ?? null)));
    if (distinct.size > 1) found.push(`${what}: ${JSON.stringify(values)}`);
  };
  const technician = state.assignment ? String(state.assignment.technicianId) : null;
  compare('technician', {
    row: row.assigned_technician_id,
    query: technician,
    searchAttribute: attributes.technicianId ?? null,
  });
  compare('needsCoordinator', {
    row: row.needs_coordinator,
    query: state.needsCoordinator,
    searchAttribute: attributes.needsCoordinator ?? false,
  });
  compare('priority', { row: row.priority, query: state.priority, searchAttribute: attributes.priority ?? null });
  const waitingUntil = state.deadlines.partsEta ?? state.deadlines.accessReplyBy ?? null;
  compare('waitingUntil', {
    row: row.waiting_until ? row.waiting_until.toISOString() : null,
    query: waitingUntil ? new Date(waitingUntil).toISOString() : null,
  });
  compare('accessAttempts', { row: row.access_attempts, query: state.access?.attempts ?? 0 });
  compare('accessEscalation', {
    row: row.access_escalation,
    query: state.access?.escalation ?? null,
    searchAttribute: attributes.accessEscalation ?? null,
  });
  return found;
}

export interface TestSystem {
  db: TestDatabase;
  env: TestWorkflowEnvironment;
  app: Express;
  /** Where the API listens (port 0 picked a free one); also the public URL webhooks are signed for. */
  baseUrl: string;
  taskQueue: string;
  /** The local fake Twilio REST server, when the system was started with `sms: 'twilio'`. */
  twilio: FakeTwilio | null;
  /** The local fake Anthropic API, when the system was started with `classifier: 'claude'`. */
  anthropic: FakeAnthropic | null;
  /** This system's photo folder (a temporary directory, removed by stop()). */
  photoStorageDir: string;
  /** Uploads photos for an order as a technician's phone would (multipart): by default a tiny JPEG of each kind, at the building, taken now. */
  uploadPhotos(number: number, role: keyof typeof KEYS, options?: UploadOptions): Promise<request.Response>;
  /** Posts an inbound SMS as Twilio would: form-encoded and signed. */
  textFrom(from: string, body: string, messageSid?: string): request.Test;
  /** Posts any signed Twilio webhook (e.g. a delivery receipt). */
  postSignedWebhook(path: string, params: Record<string, string>, signature?: string): request.Test;
  /** Outbound messages stored for a work order, oldest first. */
  outboundSms(number: number): Promise<
    Array<{
      kind: string;
      to_phone: string;
      body: string;
      status: string;
      idempotency_key: string;
      provider_sid: string | null;
      recipient_type: string;
    }>
  >;
  /** supertest agent factory with a role's key already set. */
  as(role: keyof typeof KEYS): {
    get(url: string): request.Test;
    post(url: string): request.Test;
    put(url: string): request.Test;
    delete(url: string): request.Test;
  };
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  liveState(number: number): Promise<WorkOrderState>;
  searchAttributesOf(number: number): Promise<SearchAttributeView>;
  rowOf(number: number): Promise<WorkOrderRow>;
  /** The first unit that has a tenant on file: where most tests report their problems. */
  unitWithTenant(): Promise<{ unitId: number; tenantId: number; buildingId: number }>;
  /** Publishes `rules` as the newest version: work orders started from now on use it. */
  publishRules(rules: Rules): Promise<number>;
  /** Waits until the workflow of a text's work order has started (the webhook answers first; api/intake/workflowStarter.ts). */
  waitForWorkflowStart(number: number, timeoutMs?: number): Promise<void>;
  /** Waits until the work order's event log has an event of `type`; resolves with every event type, in order. */
  waitForEvent(number: number, type: string, timeoutMs?: number): Promise<string[]>;
  /** Polls the workflow's search attributes (visible a moment after the change they follow) until `predicate` holds. */
  waitForSearchAttributes(
    number: number,
    predicate: (attributes: SearchAttributeView) => boolean,
    timeoutMs?: number,
  ): Promise<SearchAttributeView>;
  /** Polls the workflow's state query until `predicate` holds. */
  waitForState(
    number: number,
    predicate: (state: WorkOrderState) => boolean,
    timeoutMs?: number,
  ): Promise<WorkOrderState>;
  /** Waits until the row, the workflow's state query and its search attributes all show `status`. */
  waitForAgreement(
    number: number,
    status: WorkOrderStatus,
    timeoutMs?: number,
  ): Promise<{ state: WorkOrderState; attributes: SearchAttributeView }>;
  stop(): Promise<void>;
}

let runtimeInstalled = false;

/**
 * A text's work order is answered before its workflow starts (api/intake/workflowStarter.ts): a wait that begins right
 * after the webhook may find no workflow yet, and asks again until it is there or the deadline passes.
 */
async function untilStarted<T>(read: () => Promise<T>, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await read();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError) || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** For the observability test: the Runtime's logger and metrics (first system in the file only), the API's logger, the worker's metrics. */
export interface ObservabilityOptions {
  runtime?: RuntimeOptions;
  apiLogger?: Logger;
  workerMetrics?: WorkerMetrics;
}

/** The company's own number; tests sign webhooks to it. */
export const OUR_NUMBER = '+15550001234';
const LOCAL_WEBHOOK_SECRET = 'test-sms-webhook-secret-00000';

/** Tests make hundreds of requests a minute with one key from one address; a test of the limits passes its own. */
export const GENEROUS_RATE_LIMITS: RateLimits = {
  perKey: 1_000_000,
  webhooksPerAddress: 1_000_000,
  authFailuresPerAddress: 1_000_000,
};

/**
 * The worker's warnings go to a file, not the test output: the failures tests cause on purpose (refused data, missing
 * rows) log stack traces that would bury the summary. One file per jest worker process, under .data/test/logs/.
 */
function workerLogToFile(): DefaultLogger {
  const file = testLogPath(`worker-${process.pid}.log`);
  return new DefaultLogger('WARN', ({ level, message, meta, timestampNanos }) => {
    const at = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
    appendFileSync(
      file,
      `${at} [${level}] ${message} ${meta ? inspect(meta, { depth: 4, breakLength: Infinity }) : ''}\n`,
    );
  });
}

export async function startSystem(
  options: {
    rules?: Rules;
    sms?: 'outbox' | 'twilio';
    classifier?: 'heuristic' | 'claude';
    observability?: ObservabilityOptions;
    rateLimits?: RateLimits;
  } = {},
): Promise<TestSystem> {
  if (!runtimeInstalled) {
    // Core's own warnings (a workflow task over 5 s on a loaded machine, a nondeterminism a test causes) go to the
    // same file as the SDK's, not to the test output.
    Runtime.install(
      options.observability?.runtime ?? {
        logger: workerLogToFile(),
        telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
      },
    );
    runtimeInstalled = true;
  }
  const db = await createTestDatabase();
  await seedDemoData(db.pool, { history: false, rules: options.rules ?? testRules() });
  const techs = (await db.pool.query<{ id: string }>('SELECT id FROM technicians ORDER BY id')).rows.map((r) =>
    Number(r.id),
  );
  const roles: Array<[keyof typeof KEYS, Role, number | null]> = [
    ['admin', 'admin', null],
    ['coordinator', 'coordinator', null],
    ['ops', 'ops', null],
    ['scheduler', 'scheduler', null],
    ['technician1', 'technician', techs[0]!],
    ['technician2', 'technician', techs[1]!],
  ];
  for (const [name, role, technicianId] of roles)
    await upsertApiKey(db.pool, { name, role, secret: KEYS[name], technicianId });

  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: quietServerPath() },
      ip: '127.0.0.1',
      searchAttributes: Object.values(searchAttributes),
      // The product's server settings (eager activities, no search-attribute re-read), as npm start's server has.
      extraArgs: ['--log-level', 'error', ...dynamicConfigArgs()],
    },
  });
  const taskQueue = `work-orders-test-${randomBytes(3).toString('hex')}`;
  const twilio = options.sms === 'twilio' ? await startFakeTwilio() : null;
  const webhookAuthToken = twilio?.authToken ?? LOCAL_WEBHOOK_SECRET;
  const sms: { webhookAuthToken: string; publicBaseUrl?: string } = { webhookAuthToken };
  const photoStorageDir = await mkdtemp(path.join(tmpdir(), 'wo-photos-'));
  const eventFeed = createEventFeed({ pool: db.pool });
  const app = createApp({
    pool: db.pool,
    temporal: env.client,
    taskQueue,
    sms,
    photoStorageDir,
    eventFeed,
    logger: options.observability?.apiLogger ?? quietApiLogger(),
    security: { rateLimits: options.rateLimits ?? GENEROUS_RATE_LIMITS },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sms.publicBaseUrl = baseUrl;
  const sender: SmsSender = twilio
    ? createTwilioSender({
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: OUR_NUMBER,
        apiBaseUrl: twilio.url,
        timeoutMs: 2000,
      })
    : createOutboxSender();
  const anthropic = options.classifier === 'claude' ? await startFakeAnthropic() : null;
  const classifier: Classifier = anthropic
    ? createClaudeClassifier({ apiKey: anthropic.apiKey, baseURL: anthropic.url, timeoutMs: 1000, maxRetries: 1 })
    : createHeuristicClassifier();
  const photoReviewer = anthropic
    ? createClaudePhotoReviewer({
        apiKey: anthropic.apiKey,
        baseURL: anthropic.url,
        store: createPhotoStore(photoStorageDir),
        timeoutMs: 2000,
        maxRetries: 1,
      })
    : createDeterministicPhotoReviewer();

  let worker: Worker | null = null;
  let running: Promise<void> | null = null;

  const system: TestSystem = {
    db,
    env,
    app,
    baseUrl,
    taskQueue,
    twilio,
    anthropic,
    photoStorageDir,
    async uploadPhotos(number, role, options = {}) {
      return postPhotos(
        system.as(role).post(`/work-orders/${number}/visit/photos`),
        await photoFiles(db.pool, number, options),
        options,
      );
    },
    textFrom(from, body, messageSid = `SM${randomBytes(16).toString('hex')}`) {
      return system.postSignedWebhook('/webhooks/twilio/sms', {
        MessageSid: messageSid,
        AccountSid: twilio?.accountSid ?? 'ACtest',
        From: from,
        To: OUR_NUMBER,
        Body: body,
        NumMedia: '0',
      });
    },
    postSignedWebhook(path, params, signature) {
      const signed = signedWebhook(webhookAuthToken, `${baseUrl}${path}`, params);
      return request(app)
        .post(path)
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .set('X-Twilio-Signature', signature ?? signed.signature)
        .send(signed.body);
    },
    async outboundSms(number) {
      const { rows } = await db.pool.query(
        `SELECT kind, to_phone, body, status, idempotency_key, provider_sid, recipient_type FROM sms_messages WHERE work_order_number = $1 AND direction = 'outbound' ORDER BY id`,
        [number],
      );
      return rows;
    },
    as(role) {
      const auth = `Bearer ${KEYS[role]}`;
      return {
        get: (url) => request(app).get(url).set('Authorization', auth),
        post: (url) => request(app).post(url).set('Authorization', auth),
        put: (url) => request(app).put(url).set('Authorization', auth),
        delete: (url) => request(app).delete(url).set('Authorization', auth),
      };
    },
    async startWorker() {
      worker = await createWorker({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        deps: {
          pool: db.pool,
          classifier,
          photoReviewer,
          sms: {
            sender,
            senderNumber: OUR_NUMBER,
            statusCallbackUrl: twilio ? `${baseUrl}/webhooks/twilio/status` : undefined,
          },
        },
        workflowBundlePath: TEST_BUNDLE_PATH,
        metrics: options.observability?.workerMetrics,
      });
      running = worker.run();
    },
    async stopWorker() {
      if (!worker) return;
      worker.shutdown();
      await running;
      worker = null;
      running = null;
    },
    async liveState(number) {
      return env.client.workflow.getHandle(workOrderWorkflowId(number)).query(stateQuery);
    },
    async searchAttributesOf(number) {
      const described = await env.client.workflow.getHandle(workOrderWorkflowId(number)).describe();
      const sa = described.typedSearchAttributes;
      return {
        status: sa.get(searchAttributes.status),
        priority: sa.get(searchAttributes.priority),
        buildingId: sa.get(searchAttributes.buildingId),
        technicianId: sa.get(searchAttributes.technicianId),
        needsCoordinator: sa.get(searchAttributes.needsCoordinator),
        slaDeadline: sa.get(searchAttributes.slaDeadline),
        accessEscalation: sa.get(searchAttributes.accessEscalation),
      };
    },
    async rowOf(number) {
      const { rows } = await db.pool.query(
        'SELECT status, assigned_technician_id, needs_coordinator, priority, waiting_until, access_attempts, access_escalation FROM work_orders WHERE number = $1',
        [number],
      );
      if (!rows[0]) throw new Error(`no row for work order ${number}`);
      return rows[0];
    },
    async unitWithTenant() {
      const { rows } = await db.pool.query<{ unitId: number; tenantId: number; buildingId: number }>(
        `SELECT u.id::int AS "unitId", t.id::int AS "tenantId", u.building_id::int AS "buildingId" FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1`,
      );
      return rows[0]!;
    },
    async publishRules(rules) {
      const { rows } = await db.pool.query<{ version: number }>(
        `INSERT INTO rules (version, rules, created_by) SELECT coalesce(max(version), 0) + 1, $1, 'test' FROM rules RETURNING version`,
        [JSON.stringify(rules)],
      );
      return rows[0]!.version;
    },
    async waitForWorkflowStart(number, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await db.pool.query<{ started: boolean; last_error: string | null }>(
          'SELECT started_at IS NOT NULL AS started, last_error FROM workflow_start_requests WHERE work_order_number = $1',
          [number],
        );
        if (rows[0]?.started) return;
        if (Date.now() > deadline)
          throw new Error(
            `work order ${number}'s workflow has not started: ${rows[0] ? (rows[0].last_error ?? 'no failed start') : 'no start request'}`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async waitForEvent(number, type, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const types = (
          await db.pool.query<{ type: string }>('SELECT type FROM events WHERE work_order_number = $1 ORDER BY id', [
            number,
          ])
        ).rows.map((r) => r.type);
        if (types.includes(type)) return types;
        if (Date.now() > deadline)
          throw new Error(`work order ${number} has no ${type} event; it has ${types.join(', ')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async waitForSearchAttributes(number, predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const attributes = await untilStarted(() => system.searchAttributesOf(number), deadline);
        if (predicate(attributes)) return attributes;
        if (Date.now() > deadline)
          throw new Error(
            `work order ${number}'s search attributes never matched; last: ${JSON.stringify(attributes)}`,
          );
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async waitForState(number, predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const state = await untilStarted(() => system.liveState(number), deadline);
        if (predicate(state)) return state;
        if (Date.now() > deadline)
          throw new Error(
            `work order ${number} never reached the expected state; last: ${JSON.stringify({ status: state.status, pendingDecision: state.pendingDecision })}`,
          );
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async waitForAgreement(number, status, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [row, state, attributes] = await Promise.all([
          system.rowOf(number),
          untilStarted(() => system.liveState(number), deadline),
          untilStarted(() => system.searchAttributesOf(number), deadline),
        ]);
        const disagreements = disagreementsOf(row, state, attributes);
        if (
          row.status === status &&
          state.status === status &&
          attributes.status === status &&
          disagreements.length === 0
        )
          return { state, attributes };
        if (Date.now() > deadline) {
          throw new Error(
            `work order ${number} did not reach ${status} everywhere: row=${row.status} query=${state.status} searchAttribute=${attributes.status}; ${disagreements.join('; ')}`,
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async stop() {
      await system.stopWorker();
      await eventFeed.close();
      await new Promise((resolve) => server.close(resolve));
      await twilio?.close();
      await anthropic?.close();
      await env.teardown();
      await db.drop();
      await rm(photoStorageDir, { recursive: true, force: true });
    },
  };
  await system.startWorker();
  return system;
}
