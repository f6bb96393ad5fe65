import { Client, Connection } from '@temporalio/client';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Pool } from 'pg';
import request from 'supertest';
import { createApp } from '../../api/app';
import { WORK_ORDER_STATUSES } from '../../domain/status';
import { QUEUE_NAMES } from '../../db/queries/queues';
import { createLogger } from '../../observability/logger';
import { serveMetrics, type MetricsServer } from '../../observability/metricsServer';
import { createWorkerMetrics } from '../../workers/metrics';
import { workerRuntimeOptions } from '../../workers/runtime';
import { partsArrivedSignal } from '../../workflows/definitions';
import { startSystem, type TestSystem } from '../support/system';

type LogLine = Record<string, unknown>;

/** A pino destination keeping each JSON line, parsed: what the process would have written to stdout. */
function captured(): { lines: LogLine[]; write(line: string): void } {
  const lines: LogLine[] = [];
  return { lines, write: (line) => void lines.push(JSON.parse(line) as LogLine) };
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The samples of one metric in Prometheus' text format, keyed by their label set as written (`{a="1",b="2"}`). */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match && match[1] === name) found.set(match[2] ?? '', Number(match[3]));
  }
  return found;
}

/**
 * The first worker log line matching `predicate`, waited for: the Runtime forwards every SDK log line, the activity's
 * and the workflow's included, through Core's log collector, which holds a line at least 100 ms to order it among
 * Core's own and flushes on a timer. A loaded machine delays it further.
 */
async function workerLogged(predicate: (line: LogLine) => boolean, what: string): Promise<LogLine> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const line = workerLog.lines.find(predicate);
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`the worker never logged ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

const GOOD = {
  priority: 'medium',
  skillsRequired: ['plumbing'],
  estimatedMinutes: 60,
  confidence: 0.93,
  reasoning: 'a dripping kitchen faucet: plumbing, not urgent',
  warnings: [],
  safety: false,
};

const apiLog = captured();
const workerLog = captured();
const workerMetrics = createWorkerMetrics();
let temporalMetricsUrl: string;
let workerMetricsServer: MetricsServer;
let system: TestSystem;
let unitId: number;
let classified: number;
let unclassified: number;

beforeAll(async () => {
  const workerLogger = createLogger({ level: 'debug', service: 'worker', destination: workerLog });
  const temporalMetricsPort = await closedPort();
  temporalMetricsUrl = `http://127.0.0.1:${temporalMetricsPort}/metrics`;
  workerMetricsServer = await serveMetrics(workerMetrics.registry, 0, workerLogger, '127.0.0.1');
  system = await startSystem({
    classifier: 'claude',
    observability: {
      runtime: workerRuntimeOptions({
        logger: workerLogger,
        temporalMetricsAddress: `127.0.0.1:${temporalMetricsPort}`,
      }),
      apiLogger: createLogger({ level: 'info', service: 'api', destination: apiLog }),
      workerMetrics,
    },
  });
  unitId = (await system.unitWithTenant()).unitId;

  system.anthropic!.enqueue({ toolInput: GOOD });
  classified = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'My kitchen faucet has been dripping since Sunday' })
  ).body.number;
  await system.waitForAgreement(classified, 'awaiting_confirmation');
  // Claude answers 500 past its retries: the deterministic classifier decides and the order waits for a coordinator.
  system.anthropic!.answerWith(() => ({ status: 500 }));
  unclassified = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'The kitchen sink drain is clogged and the pipe under the sink drips' })
  ).body.number;
  await system.waitForAgreement(unclassified, 'needs_assignment');
  system.anthropic!.reset();
});

afterAll(async () => {
  await system?.stop();
  await workerMetricsServer?.close();
});

describe('the worker', () => {
  test('serves the AI latency histogram and failure counter, by operation, provider and outcome', async () => {
    const text = await scrape(workerMetricsServer.url);
    const counts = samples(text, 'ai_request_duration_seconds_count');
    expect(counts.get('{operation="classify",provider="claude",outcome="ok"}')).toBe(1);
    expect(counts.get('{operation="classify",provider="claude",outcome="failed"}')).toBe(1);
    expect(
      samples(text, 'ai_request_duration_seconds_sum').get('{operation="classify",provider="claude",outcome="ok"}'),
    ).toBeGreaterThan(0);
    expect(
      samples(text, 'ai_failures_total').get('{operation="classify",provider="claude",reason="server_error"}'),
    ).toBe(1);
    // The auto-assigned order's tenant was asked to confirm, through the outbox.
    expect(samples(text, 'sms_sends_total').get('{provider="outbox",outcome="sent"}')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('process_cpu_seconds_total');
  });

  test("serves the Temporal SDK's own metrics on its port, with Prometheus' names", async () => {
    const text = await scrape(temporalMetricsUrl);
    const activityLatency = [...samples(text, 'temporal_activity_execution_latency_seconds_count').entries()];
    const classify = activityLatency.find(([labels]) => labels.includes('activity_type="classifyWorkOrder"'));
    expect(classify?.[1]).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^temporal_workflow_task_execution_latency_seconds_bucket\{/m);
    expect(text).toMatch(/^temporal_worker_task_slots_available\{/m);
    expect(text).toMatch(/^temporal_request_total\{/m);
  });

  test('activity log lines are JSON with the workflow id and the work order number', async () => {
    const line = await workerLogged((l) => l.msg === 'classified' && l.workOrderNumber === classified, "'classified'");
    expect(line).toMatchObject({
      level: 'info',
      service: 'worker',
      sdkComponent: 'activity',
      activityType: 'classifyWorkOrder',
      workflowId: `work-order-${classified}`,
      workOrderNumber: classified,
      provider: 'claude',
      priority: 'medium',
    });
    expect(typeof line.time).toBe('string');
    const failure = await workerLogged((l) => l.msg === 'classifier gave no usable answer', 'the classifier failure');
    expect(failure).toMatchObject({
      level: 'warn',
      workflowId: `work-order-${unclassified}`,
      workOrderNumber: unclassified,
      reason: 'server_error',
    });
    expect(failure.error).toMatchObject({ type: 'ClassifierUnavailableError' });
  });

  test("workflow log lines (workflow.log, through the SDK's logger sink) and the SDK's own carry the number too", async () => {
    // A signal the order's state has no use for: the workflow logs it and goes on.
    await system.env.client.workflow.getHandle(`work-order-${unclassified}`).signal(partsArrivedSignal, { note: null });
    const fromWorkflow = await workerLogged(
      (l) => l.sdkComponent === 'workflow' && l.msg === 'parts-arrived ignored',
      "the workflow's 'parts-arrived ignored'",
    );
    expect(fromWorkflow).toMatchObject({
      level: 'warn',
      workflowId: `work-order-${unclassified}`,
      workOrderNumber: unclassified,
      workflowType: 'workOrderWorkflow',
      status: 'needs_assignment',
    });
    const started = await workerLogged(
      (l) => l.msg === 'Workflow started' && l.workflowId === `work-order-${classified}`,
      "the SDK's 'Workflow started'",
    );
    expect(started).toMatchObject({ level: 'debug', sdkComponent: 'worker', workOrderNumber: classified });
  });
});

describe('the API', () => {
  test('logs each request as one JSON line: route pattern, status, duration, request id and the work order number', async () => {
    const res = await system.as('coordinator').get(`/work-orders/${classified}`).set('X-Request-Id', 'trace-abc-123');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const line = apiLog.lines.find((l) => l.requestId === 'trace-abc-123');
    expect(line).toMatchObject({
      level: 'info',
      service: 'api',
      msg: 'request',
      method: 'GET',
      route: '/work-orders/:id',
      status: 200,
      workOrderNumber: classified,
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    // A caller's id that is not a plain token is replaced.
    const odd = await system.as('coordinator').get('/queues/review').set('X-Request-Id', 'not a token');
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('GET /metrics needs no key and labels latency by route pattern, never by raw URL', async () => {
    await system.as('coordinator').get(`/work-orders/${classified}`);
    await system.as('coordinator').get(`/work-orders/${unclassified}`);
    await system.as('coordinator').get('/work-orders/99999999');
    await system.as('coordinator').get('/queues/review');
    await system.as('coordinator').get('/no-such-thing');
    const res = await request(system.app).get('/metrics');
    expect(res.status).toBe(200);
    const durations = samples(res.text, 'http_request_duration_seconds_count');
    expect(durations.get('{method="GET",route="/work-orders/:id",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(durations.get('{method="GET",route="/work-orders/:id",status="404"}')).toBe(1);
    expect(durations.get('{method="POST",route="/work-orders/",status="201"}')).toBe(2);
    expect(durations.get('{method="GET",route="/queues/:name",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(durations.get('{method="GET",route="unmatched",status="404"}')).toBe(1);
    for (const labels of durations.keys()) expect(labels).not.toMatch(/route="[^"]*\d/);
  });

  test('work orders by status, queue sizes and SMS counts match Postgres and GET /queues/:name', async () => {
    await system.textFrom('+12155550123', 'hello?');
    // Nothing moves while the numbers are compared.
    await system.stopWorker();
    try {
      const text = (await request(system.app).get('/metrics')).text;

      const byStatus = samples(text, 'work_orders_by_status');
      const { rows } = await system.db.pool.query<{ status: string; count: number }>(
        'SELECT status, count(*)::int AS count FROM work_orders GROUP BY status',
      );
      for (const status of WORK_ORDER_STATUSES)
        expect([status, byStatus.get(`{status="${status}"}`)]).toEqual([
          status,
          rows.find((r) => r.status === status)?.count ?? 0,
        ]);
      expect(byStatus.get('{status="awaiting_confirmation"}')).toBeGreaterThanOrEqual(1);

      const queueSizes = samples(text, 'queue_size');
      for (const queue of QUEUE_NAMES) {
        const listed = await system.as('coordinator').get(`/queues/${queue}`);
        expect([queue, queueSizes.get(`{queue="${queue}"}`)]).toEqual([queue, listed.body.items.length]);
      }
      expect(queueSizes.get('{queue="review"}')).toBeGreaterThanOrEqual(1);

      const sms = samples(text, 'sms_messages');
      const stored = await system.db.pool.query<{ direction: string; status: string; count: number }>(
        'SELECT direction, status, count(*)::int AS count FROM sms_messages GROUP BY 1, 2',
      );
      expect(sms.size).toBe(stored.rows.length);
      for (const row of stored.rows)
        expect(sms.get(`{direction="${row.direction}",status="${row.status}"}`)).toBe(row.count);
      expect(stored.rows.some((r) => r.direction === 'inbound')).toBe(true);
    } finally {
      await system.startWorker();
    }
  });

  test('a 500 is logged once with its error and stack under the request id; /metrics still answers, without the Postgres numbers', async () => {
    const deadPool = new Pool({
      connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/nothing`,
      connectionTimeoutMillis: 500,
    });
    const broken = createApp({
      pool: deadPool,
      temporal: system.env.client,
      taskQueue: system.taskQueue,
      sms: {},
      photoStorageDir: system.photoStorageDir,
      logger: createLogger({ level: 'info', service: 'api', destination: apiLog }),
    });
    try {
      const res = await request(broken).get('/work-orders').set('Authorization', 'Bearer test-coordinator-key-00000');
      expect(res.status).toBe(500);
      const requestId = res.headers['x-request-id'];
      const lines = apiLog.lines.filter((l) => l.requestId === requestId);
      expect(lines.map((l) => [l.level, l.msg])).toEqual([
        ['error', 'unhandled error'],
        ['warn', 'request'],
      ]);
      expect(lines[0]!.err).toMatchObject({
        message: expect.stringContaining('ECONNREFUSED'),
        stack: expect.any(String),
      });

      const metrics = await request(broken).get('/metrics');
      expect(metrics.status).toBe(200);
      expect(samples(metrics.text, 'work_orders_by_status').size).toBe(0);
      expect(samples(metrics.text, 'metrics_collection_failures_total').get('')).toBe(1);
      expect(
        samples(metrics.text, 'http_request_duration_seconds_count').get(
          '{method="GET",route="unmatched",status="500"}',
        ),
      ).toBe(1);
    } finally {
      await deadPool.end();
    }
  });
});

describe('/readyz', () => {
  const appWith = (deps: { pool?: Pool; temporal?: Client }) =>
    createApp({
      pool: deps.pool ?? system.db.pool,
      temporal: deps.temporal ?? system.env.client,
      taskQueue: system.taskQueue,
      sms: {},
      photoStorageDir: system.photoStorageDir,
      logger: createLogger({ level: 'info', service: 'api', destination: apiLog }),
    });

  test('answers 200 when Postgres and Temporal both answer', async () => {
    const res = await request(system.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ready: true, checks: { postgres: 'ok', temporal: 'ok', worker: 'ok' } });
  });

  test('answers 503 naming Postgres when it is unreachable', async () => {
    const deadPool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/nothing` });
    try {
      const res = await request(appWith({ pool: deadPool })).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.ready).toBe(false);
      expect(res.body.checks.temporal).toBe('ok');
      expect(res.body.checks.postgres).toMatch(/^unreachable: .*ECONNREFUSED/);
    } finally {
      await deadPool.end();
    }
  });

  test('answers 503 naming Temporal when nothing listens on its port', async () => {
    // Without the client's retry interceptor the refusal is the answer; with it, the call retries until the deadline (next test).
    const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: [] });
    try {
      const res = await request(appWith({ temporal: new Client({ connection }) })).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.postgres).toBe('ok');
      expect(res.body.checks.temporal).toMatch(/^unreachable: 14 UNAVAILABLE/);
    } finally {
      await connection.close();
    }
  });

  test('answers 503 naming Temporal when it accepts connections but never answers, after its 2 s deadline', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const connection = Connection.lazy({ address: `127.0.0.1:${(silent.address() as AddressInfo).port}` });
    try {
      const started = Date.now();
      const res = await request(appWith({ temporal: new Client({ connection }) })).get('/readyz');
      expect(res.status).toBe(503);
      expect(res.body.checks.postgres).toBe('ok');
      expect(res.body.checks.temporal).toMatch(/^unreachable: /);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await connection.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('a stopped pool is unreachable too', async () => {
    const stopped = new Pool({ connectionString: system.db.url });
    await stopped.end();
    const res = await request(appWith({ pool: stopped })).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.postgres).toMatch(/^unreachable: /);
  });
});
