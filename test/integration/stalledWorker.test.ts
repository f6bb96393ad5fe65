import { Client, Connection } from '@temporalio/client';
import { createServer } from 'node:net';
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../api/app';
import type { WorkflowDeadlines } from '../../api/workflowCalls';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { WorkOrderState } from '../../domain/workOrderContract';
import { holdingRules } from '../support/matrixFixtures';
import { GENEROUS_RATE_LIMITS, KEYS, startSystem, type TestSystem } from '../support/system';
import { quietApiLogger } from '../support/quietApiLogger';

/**
 * A stalled worker on the real server: the worker is stopped, and every route that waits on a workflow is called
 * through an API whose deadlines are small. Each answers within its deadline (the status code says which branch
 * answered: 202 pending or a fallback, never the generic 500 Temporal's own 30 s would end in); once the worker is
 * back, what was pending is applied and shows in the order's events with the coordinator's or technician's name.
 */

let system: TestSystem;
let technicianIds: number[];
let tenantId: number;
let unitId: number;

const SMALL_DEADLINES: WorkflowDeadlines = { queryMs: 500, updateMs: 1000 };

function apiWith(options: { taskQueue?: string; temporal?: Client } = {}): Express {
  return createApp({
    logger: quietApiLogger(),
    pool: system.db.pool,
    temporal: options.temporal ?? system.env.client,
    taskQueue: options.taskQueue ?? system.taskQueue,
    sms: {},
    photoStorageDir: system.photoStorageDir,
    workflowDeadlines: SMALL_DEADLINES,
    security: { rateLimits: GENEROUS_RATE_LIMITS },
  });
}

const as = (app: Express, role: keyof typeof KEYS) => ({
  get: (url: string) => request(app).get(url).set('Authorization', `Bearer ${KEYS[role]}`),
  post: (url: string) => request(app).post(url).set('Authorization', `Bearer ${KEYS[role]}`),
});

beforeAll(async () => {
  system = await startSystem({ rules: holdingRules() });
  technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id LIMIT 2')
  ).rows.map((r) => r.id);
  ({ unitId, tenantId } = await system.unitWithTenant());
});

afterAll(async () => {
  await system?.stop();
});

async function waitingForAssignment(description: string): Promise<number> {
  const res = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  expect(res.status).toBe(201);
  // The pending decision is set a step before the status moves: wait for both, in the workflow and the record.
  await system.waitForAgreement(res.body.number, 'needs_assignment');
  return res.body.number;
}

/** Booked for technician `index` (0 or 1) `daysAhead` days from now, confirmed by the tenant: scheduled. */
async function scheduled(description: string, index: 0 | 1, daysAhead: number): Promise<number> {
  const number = await waitingForAssignment(description);
  const start = new Date(Date.now() + daysAhead * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  const slot = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  const assigned = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'override', technicianId: technicianIds[index], slot, reason: 'test fixture', force: true });
  expect(assigned.status).toBe(200);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-yes-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  return number;
}

async function events(number: number): Promise<Array<{ type: string; actor_type: string; actor_id: string }>> {
  return (
    await system.db.pool.query(
      'SELECT type, actor_type, actor_id FROM events WHERE work_order_number = $1 ORDER BY id',
      [number],
    )
  ).rows;
}

describe('/readyz names the task queue no worker polls', () => {
  test('503 on a task queue no worker has polled, 200 on the one the worker polls', async () => {
    const unpolled = await request(apiWith({ taskQueue: 'work-orders-nobody-polls' })).get('/readyz');
    expect(unpolled.status).toBe(503);
    expect(unpolled.body).toEqual({
      ready: false,
      checks: { postgres: 'ok', temporal: 'ok', worker: 'no worker polling task queue work-orders-nobody-polls' },
    });

    const polled = await request(apiWith()).get('/readyz');
    expect(polled.status).toBe(200);
    expect(polled.body).toEqual({ ready: true, checks: { postgres: 'ok', temporal: 'ok', worker: 'ok' } });
  });
});

describe('with the worker stopped, every call that waits on a workflow answers within its deadline', () => {
  test('decisions answer 202 pending and are applied with their actor once a worker runs; visit actions are decided from the record', async () => {
    const toAssign = await waitingForAssignment('The hallway closet door sticks');
    const toCancel = await waitingForAssignment('The balcony light is out');
    const toCheckIn = await scheduled('The bathroom sink drips', 0, 3);
    const toReview = await scheduled('The kitchen cabinet door is loose', 1, 4);
    expect((await system.as('technician2').post(`/work-orders/${toReview}/visit/check-in`).send({})).status).toBe(202);
    await system.waitForAgreement(toReview, 'in_progress');
    expect((await system.uploadPhotos(toReview, 'technician2')).status).toBe(202);
    await system.waitForAgreement(toReview, 'ready_review');
    const before = new Map(
      await Promise.all(
        [toAssign, toCancel, toCheckIn, toReview].map(async (n) => [n, (await events(n)).length] as const),
      ),
    );

    await system.stopWorker();
    const stalled = apiWith();

    // The record's page needs no worker; asked for the live state, it answers without it, saying why.
    const record = await as(stalled, 'coordinator').get(`/work-orders/${toAssign}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ number: toAssign, status: 'needs_assignment' });
    expect(record.body).not.toHaveProperty('liveState');
    const page = await as(stalled, 'coordinator').get(`/work-orders/${toAssign}?live=true`);
    expect(page.status).toBe(200);
    expect(page.body.liveState).toBeNull();
    expect(page.body.liveStateError).toMatch(/no answer within 500 ms \(no worker running the workflow/);

    // Updates: 202 pending, with the update's id and where to look.
    const accept = await as(stalled, 'coordinator')
      .post(`/work-orders/${toAssign}/assignment`)
      .send({ action: 'accept' });
    expect(accept.status).toBe(202);
    expect(accept.body).toMatchObject({
      pending: true,
      stage: 'admitted',
      check: `/work-orders/${toAssign}`,
      updateId: expect.stringMatching(/^decideAssignment-/),
    });
    const cancel = await as(stalled, 'coordinator')
      .post(`/work-orders/${toCancel}/cancel`)
      .send({ reason: 'tenant moved out' });
    expect(cancel.status).toBe(202);
    expect(cancel.body).toMatchObject({ pending: true, check: `/work-orders/${toCancel}` });
    const review = await as(stalled, 'coordinator')
      .post(`/work-orders/${toReview}/review`)
      .send({ decision: 'approve', notes: 'looks good' });
    expect(review.status).toBe(202);
    expect(review.body).toMatchObject({ pending: true, check: `/work-orders/${toReview}` });
    // A second decision on the same order while the first waits: pending too; the workflow will refuse one of them.
    const alternative = await as(stalled, 'coordinator')
      .post(`/work-orders/${toAssign}/assignment`)
      .send({ action: 'alternative', index: 0 });
    expect(alternative.status).toBe(202);

    // A visit action: decided from the record (scheduled, technician 1), signalled; the check-in time is the server's.
    const checkIn = await as(stalled, 'technician1').post(`/work-orders/${toCheckIn}/visit/check-in`).send({});
    expect(checkIn.status).toBe(202);
    expect(checkIn.body).toMatchObject({
      number: toCheckIn,
      action: 'check-in',
      accepted: true,
      check: `/work-orders/${toCheckIn}`,
    });
    // Not applicable per the record: refused at once, as with a live worker.
    const partsArrived = await as(stalled, 'technician1')
      .post(`/work-orders/${toCheckIn}/visit/parts-arrived`)
      .send({});
    expect(partsArrived.status).toBe(409);
    expect(partsArrived.body.message).toMatch(/is scheduled/);

    // Nothing was applied while no worker ran.
    for (const [number, count] of before) expect((await events(number)).length).toBe(count);

    await system.startWorker();

    const handleOf = (n: number) => system.env.client.workflow.getHandle(workOrderWorkflowId(n));
    const accepted = await handleOf(toAssign).getUpdateHandle<WorkOrderState>(accept.body.updateId).result();
    expect(accepted.assignment?.decidedBy).toBe('accept');
    await system.waitForAgreement(toAssign, 'awaiting_confirmation');
    const assignedEvents = (await events(toAssign)).filter((e) => e.type === 'assigned');
    expect(assignedEvents).toEqual([{ type: 'assigned', actor_type: 'coordinator', actor_id: 'coordinator' }]);
    // The alternative sent meanwhile was checked against the order as it then was, and refused: nothing applied twice.
    await expect(handleOf(toAssign).getUpdateHandle(alternative.body.updateId).result()).rejects.toThrow();

    await system.waitForAgreement(toCancel, 'cancelled');
    expect((await events(toCancel)).filter((e) => e.type === 'cancelled')).toEqual([
      { type: 'cancelled', actor_type: 'coordinator', actor_id: 'coordinator' },
    ]);

    await system.waitForAgreement(toReview, 'completed');
    expect((await events(toReview)).filter((e) => e.type === 'review_approved')).toEqual([
      { type: 'review_approved', actor_type: 'coordinator', actor_id: 'coordinator' },
    ]);

    await system.waitForAgreement(toCheckIn, 'in_progress');
    expect((await events(toCheckIn)).filter((e) => e.type === 'checked_in')).toEqual([
      { type: 'checked_in', actor_type: 'technician', actor_id: String(technicianIds[0]) },
    ]);

    // With a worker, the same API answers decisions at once.
    const cancelled = await as(stalled, 'coordinator')
      .post(`/work-orders/${toCheckIn}/cancel`)
      .send({ reason: 'closing the test order' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });
});

describe('with Temporal unreachable', () => {
  test('a decision is a 503 with Retry-After and changes nothing; so is a visit action, decided from the record', async () => {
    const toCancel = await waitingForAssignment('The hallway closet shelf is loose');
    const toCheckIn = await scheduled('The shower head leaks', 0, 5);
    const before = (await system.liveState(toCancel)).status;
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as { port: number }).port)),
    );
    await new Promise((resolve) => closed.close(resolve));
    // With the client's retries on: they go on until the deadline ends them.
    const connection = Connection.lazy({ address: `127.0.0.1:${port}` });
    try {
      const unreachable = apiWith({ temporal: new Client({ connection }) });
      const cancel = await as(unreachable, 'coordinator')
        .post(`/work-orders/${toCancel}/cancel`)
        .send({ reason: 'tenant moved out' });
      expect(cancel.status).toBe(503);
      expect(cancel.body.error).toBe('temporal_unavailable');
      expect(cancel.headers['retry-after']).toBe('5');
      const checkIn = await as(unreachable, 'technician1').post(`/work-orders/${toCheckIn}/visit/check-in`).send({});
      expect(checkIn.status).toBe(503);
      expect(checkIn.body.error).toBe('temporal_unavailable');
      expect(checkIn.headers['retry-after']).toBe('5');
    } finally {
      await connection.close();
    }
    expect((await system.liveState(toCancel)).status).toBe(before);
    expect((await system.liveState(toCheckIn)).status).toBe('scheduled');
    expect((await events(toCancel)).filter((e) => e.type === 'cancelled')).toEqual([]);
  });
});
