import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createWorkflowStarter, type WorkflowStarter } from '../../api/intake/workflowStarter';
import { handleInboundSms } from '../../api/sms/inboundSms';
import { NUMBER_CLAIM_MEMO } from '../../db/numbering/workflowHolders';
import { createLogger } from '../../observability/logger';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { signedWebhook } from '../support/fakeTwilio';
import { GENEROUS_RATE_LIMITS, OUR_NUMBER, startSystem, type TestSystem } from '../support/system';

/**
 * A text that opens a work order commits the message, the order and a start request in one transaction and is
 * answered; the workflow starts after (api/intake/workflowStarter.ts). What a crash or an unreachable Temporal leaves
 * is started by the sweep, once.
 */

let system: TestSystem;
const starterLog: Array<{ level: string; msg: string }> = [];
const logger = createLogger({
  level: 'info',
  service: 'api',
  destination: { write: (line: string) => void starterLog.push(JSON.parse(line)) },
});

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

interface StartRow {
  started: boolean;
  failed_attempts: number;
  last_error: string | null;
  start_key: string;
}

async function startRow(number: number): Promise<StartRow | undefined> {
  const { rows } = await system.db.pool.query<StartRow>(
    `SELECT started_at IS NOT NULL AS started, failed_attempts, last_error, start_key FROM workflow_start_requests WHERE work_order_number = $1`,
    [number],
  );
  return rows[0];
}

/** Another API process's starter, on the system's Temporal: sweeps until the order's workflow has started. */
async function sweepUntilStarted(starter: WorkflowStarter, number: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await startRow(number))?.started) {
    if (Date.now() > deadline)
      throw new Error(`work order ${number} was not started: ${JSON.stringify(await startRow(number))}`);
    await starter.sweep();
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every run Temporal has under the order's workflow id, and the events that say the workflow began. */
async function runsAndBeginnings(number: number): Promise<{ runs: number; created: number; triageStarted: number }> {
  await system.waitForEvent(number, 'triage_started');
  let runs = 0;
  for await (const _run of system.env.client.workflow.list({ query: `WorkflowId = '${workOrderWorkflowId(number)}'` }))
    runs++;
  const { rows } = await system.db.pool.query<{ type: string }>(
    'SELECT type FROM events WHERE work_order_number = $1',
    [number],
  );
  return {
    runs,
    created: rows.filter((r) => r.type === 'created').length,
    triageStarted: rows.filter((r) => r.type === 'triage_started').length,
  };
}

async function tenants(): Promise<Array<{ id: number; phone: string }>> {
  return (await system.db.pool.query('SELECT id::int AS id, phone FROM tenants ORDER BY id')).rows;
}

function numberIn(twiml: string): number {
  const number = /#(\d+)/.exec(twiml)?.[1];
  if (!number) throw new Error(`no work order number in ${twiml}`);
  return Number(number);
}

test('a text is answered with its number once the order and its start request are committed; the start is recorded, and a redelivery starts nothing more', async () => {
  const [tenant] = await tenants();
  const sid = 'SMintakestart00000000000000000000001';
  const answer = await system.textFrom(tenant!.phone, 'The bathroom sink drains very slowly', sid);
  expect(answer.status).toBe(200);
  const number = numberIn(answer.text);
  // Committed with the answer, whether or not the workflow is there yet.
  expect((await system.db.pool.query('SELECT 1 FROM work_orders WHERE number = $1', [number])).rowCount).toBe(1);
  expect((await startRow(number))?.start_key).toBe(`sms:${sid}`);

  await system.waitForWorkflowStart(number);
  expect(await startRow(number)).toMatchObject({ started: true, failed_attempts: 0, last_error: null });
  const described = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe();
  expect(described.memo).toEqual({ [NUMBER_CLAIM_MEMO]: `sms:${sid}` });

  const again = await system.textFrom(tenant!.phone, 'The bathroom sink drains very slowly', sid);
  expect(again.text).toBe(answer.text);
  expect(await runsAndBeginnings(number)).toEqual({ runs: 1, created: 1, triageStarted: 1 });
});

test('a start request a crash left (committed, never started) is started by the sweep, exactly once, even when its start is not recorded', async () => {
  const [, tenant] = await tenants();
  const sid = 'SMintakecrash00000000000000000000001';
  // The webhook's work without its route: committed and answered, and the process dies before the start.
  const outcome = await handleInboundSms(
    {
      pool: system.db.pool,
      temporal: system.env.client,
      taskQueue: system.taskQueue,
      photoStorageDir: system.photoStorageDir,
      sms: {},
    },
    { messageSid: sid, from: tenant!.phone, to: OUR_NUMBER, body: 'The hallway closet door came off its hinge' },
  );
  const number = outcome.workOrderNumber!;
  expect(outcome.workflowStart?.input.number).toBe(number);
  await expect(system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe()).rejects.toBeInstanceOf(
    WorkflowNotFoundError,
  );

  // Due now, rather than after the grace the answering process has to start it itself.
  await system.db.pool.query(
    'UPDATE workflow_start_requests SET next_attempt_at = now() WHERE work_order_number = $1',
    [number],
  );
  const starter = createWorkflowStarter({
    pool: system.db.pool,
    temporal: system.env.client,
    taskQueue: system.taskQueue,
    logger,
  });
  await sweepUntilStarted(starter, number);
  const { runId } = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe();

  // The start went through but its record was lost (the process died right after): the next sweep starts it again,
  // finds it started under its own key, and counts it done.
  await system.db.pool.query(
    'UPDATE workflow_start_requests SET started_at = NULL, next_attempt_at = now() WHERE work_order_number = $1',
    [number],
  );
  await sweepUntilStarted(starter, number);
  expect(await startRow(number)).toMatchObject({ started: true, failed_attempts: 0, last_error: null });
  expect((await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe()).runId).toBe(runId);
  expect(await runsAndBeginnings(number)).toEqual({ runs: 1, created: 1, triageStarted: 1 });
  await starter.stop();
});

test('Temporal unreachable when a text comes in: answered all the same, the failed start recorded and shown to coordinators, then started by the sweep once', async () => {
  const [, , tenant] = await tenants();
  const sid = 'SMintakedown000000000000000000000001';
  // Nothing listens on port 1; no retries, so the start fails at once.
  const unreachable = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }) });
  const downStarter = createWorkflowStarter({
    pool: system.db.pool,
    temporal: unreachable,
    taskQueue: system.taskQueue,
    logger,
  });
  const token = 'intake-start-test-secret-0000';
  const baseUrl = 'http://intake-start.test';
  const app = createApp({
    pool: system.db.pool,
    temporal: unreachable,
    taskQueue: system.taskQueue,
    photoStorageDir: system.photoStorageDir,
    sms: { webhookAuthToken: token, publicBaseUrl: baseUrl },
    security: { rateLimits: GENEROUS_RATE_LIMITS },
    workflowStarter: downStarter,
    logger,
  });
  const params = {
    MessageSid: sid,
    AccountSid: 'ACtest',
    From: tenant!.phone,
    To: OUR_NUMBER,
    Body: 'The radiator in the bedroom is cold',
    NumMedia: '0',
  };
  const signed = signedWebhook(token, `${baseUrl}/webhooks/twilio/sms`, params);
  const answer = await request(app)
    .post('/webhooks/twilio/sms')
    .set('Content-Type', 'application/x-www-form-urlencoded')
    .set('X-Twilio-Signature', signed.signature)
    .send(signed.body);
  expect(answer.status).toBe(200);
  const number = numberIn(answer.text);

  await downStarter.stop(15_000);
  const failed = await startRow(number);
  expect(failed).toMatchObject({ started: false, failed_attempts: 1 });
  expect(failed?.last_error).toBeTruthy();
  expect(
    starterLog.some(
      (l) => l.level === 'warn' && l.msg.includes(`work order ${number}: its workflow could not be started`),
    ),
  ).toBe(true);

  // Still down after five tries: the order is in the escalations queue with the error, and counted in /metrics.
  await system.db.pool.query(
    `UPDATE workflow_start_requests SET failed_attempts = 5, next_attempt_at = now() + interval '1 hour' WHERE work_order_number = $1`,
    [number],
  );
  const escalations = await system.as('coordinator').get('/queues/escalations');
  const entry = (escalations.body.items as Array<{ number: number; why: { kind: string; reason: string } }>).find(
    (item) => item.number === number,
  );
  expect(entry?.why.kind).toBe('workflow_not_started');
  expect(entry?.why.reason).toContain('its workflow has not started: ');
  const metrics = await request(system.app).get('/metrics');
  expect(metrics.text).toMatch(/^workflow_start_requests\{state="failing"\} 1$/m);

  // Temporal is back (the system's client): the sweep starts it, once, and it leaves the queue.
  await system.db.pool.query(
    'UPDATE workflow_start_requests SET next_attempt_at = now() WHERE work_order_number = $1',
    [number],
  );
  const starter = createWorkflowStarter({
    pool: system.db.pool,
    temporal: system.env.client,
    taskQueue: system.taskQueue,
    logger,
  });
  await sweepUntilStarted(starter, number);
  expect(await runsAndBeginnings(number)).toEqual({ runs: 1, created: 1, triageStarted: 1 });
  const after = await system.as('coordinator').get('/queues/escalations');
  expect((after.body.items as Array<{ number: number }>).map((item) => item.number)).not.toContain(number);
  await starter.stop();
  await unreachable.connection.close();
});

test('a start whose number another order’s workflow holds (a restore this process never saw) is abandoned, loudly, and the numbers move past it', async () => {
  const [, , , tenant] = await tenants();
  const sid = 'SMintaketaken00000000000000000000001';
  const outcome = await handleInboundSms(
    {
      pool: system.db.pool,
      temporal: system.env.client,
      taskQueue: system.taskQueue,
      photoStorageDir: system.photoStorageDir,
      sms: {},
    },
    { messageSid: sid, from: tenant!.phone, to: OUR_NUMBER, body: 'The kitchen window latch is broken' },
  );
  const number = outcome.workOrderNumber!;
  // An older order's workflow under the same id, kept by Temporal when the database went back (nobody runs it here).
  const older = await system.env.client.workflow.start('olderOrdersWorkflow', {
    workflowId: workOrderWorkflowId(number),
    taskQueue: 'nobody-polls-this-queue',
  });
  // Started as the answering process would (its 10 s grace keeps the system's own sweep away meanwhile).
  const starter = createWorkflowStarter({
    pool: system.db.pool,
    temporal: system.env.client,
    taskQueue: system.taskQueue,
    logger,
  });
  starter.startSoon(outcome.workflowStart!);
  await starter.stop(15_000);
  const row = await startRow(number);
  expect(row).toMatchObject({ started: false, failed_attempts: 1 });
  expect(row?.last_error).toContain(`work-order-${number} is another order's workflow (olderOrdersWorkflow, RUNNING`);
  expect(
    starterLog.some(
      (l) => l.level === 'error' && l.msg.includes(`work order ${number} is written but its workflow can never start`),
    ),
  ).toBe(true);
  // The sequence is past it: the next text gets a number of its own.
  const skips = await system.db.pool.query('SELECT taken_number::int AS taken FROM work_order_number_skips');
  expect(skips.rows).toContainEqual({ taken: number });

  const escalations = await system.as('coordinator').get('/queues/escalations');
  const entry = (escalations.body.items as Array<{ number: number; why: { kind: string; reason: string } }>).find(
    (item) => item.number === number,
  );
  expect(entry?.why).toMatchObject({ kind: 'workflow_not_started' });
  expect((await request(system.app).get('/metrics')).text).toMatch(/^workflow_start_requests\{state="abandoned"\} 1$/m);
  // Abandoned for good: sweeps pass it by, and the older order's workflow is left as it was.
  expect(await starter.sweep()).toEqual({ started: 0, failed: 0, abandoned: 0 });
  expect((await older.describe()).status.name).toBe('RUNNING');
  await older.terminate('test done');
});
