import { randomBytes } from 'node:crypto';
import {
  noAccessSignal,
  partsNeededSignal,
  technicianCheckInSignal,
  tenantReplySignal,
  workOrderWorkflowId,
} from '../../workflows/definitions';
import type { WorkOrderState } from '../../domain/workOrderContract';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, type TestSystem } from '../support/system';

/**
 * A step that fails for good (Postgres refuses its data) puts the order in the failed-steps queue with the step and
 * the error, and the order stays operable: cancel, retry, re-evaluate, or book a visit. The faults are real: a
 * trigger in this file's database raises a data exception (SQLSTATE 22023) on the rows one marked order writes to one
 * table, and the NUL case sends the bytes Postgres refuses.
 */

let system: TestSystem;
let unitId: number;
let tenantId: number;
let technicianIds: number[];

beforeAll(async () => {
  system = await startSystem();
  ({ unitId, tenantId } = await system.unitWithTenant());
  technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians WHERE active ORDER BY id')
  ).rows.map((r) => r.id);
  await system.db.pool.query(`
    CREATE FUNCTION inject_fault() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM work_orders WHERE number = NEW.work_order_number AND description LIKE '%' || TG_ARGV[0] || '%')
         AND (TG_NARGS < 2 OR to_jsonb(NEW) ->> TG_ARGV[1] = TG_ARGV[2]) THEN
        RAISE EXCEPTION 'injected fault on %', TG_TABLE_NAME USING ERRCODE = '22023';
      END IF;
      RETURN NEW;
    END $$`);
});

afterAll(async () => {
  await system?.stop();
});

interface Fault {
  marker: string;
  remove(): Promise<void>;
}

/** Refuses the rows that orders whose description carries the returned marker write to `table` (where `column` = `value`). */
async function injectFault(table: string, where?: { column: string; value: string }): Promise<Fault> {
  const marker = `fault-${randomBytes(4).toString('hex')}`;
  const trigger = `trigger_${marker.replace('-', '_')}`;
  const args = [marker, ...(where ? [where.column, where.value] : [])].map((a) => `'${a}'`).join(', ');
  await system.db.pool.query(
    `CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION inject_fault(${args})`,
  );
  return {
    marker,
    remove: async () => void (await system.db.pool.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`)),
  };
}

async function createOrder(description: string): Promise<number> {
  const created = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  expect(created.status).toBe(201);
  return created.body.number as number;
}

async function waitForFailedStep(number: number, step: string): Promise<WorkOrderState> {
  const state = await system.waitForState(number, (s) => s.pendingDecision?.kind === 'step_failed');
  expect(state.failedStep).toMatchObject({ step, failureType: 'PermanentDataError', retriesExhausted: false });
  return state;
}

async function queueNumbers(name: string): Promise<number[]> {
  const answer = await system.as('coordinator').get(`/queues/${name}`);
  expect(answer.status).toBe(200);
  return (answer.body.items as Array<{ number: number }>).map((i) => i.number);
}

/** The order is in the failed-steps queue (and no other coordinator queue), with its reason, an event and the flag. */
async function expectQueuedWithReason(number: number, step: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await queueNumbers('failed-steps')).includes(number)) {
    if (Date.now() > deadline) throw new Error(`work order ${number} never reached the failed-steps queue`);
    await new Promise((r) => setTimeout(r, 150));
  }
  for (const other of ['review', 'escalations', 'ready-review'])
    expect(await queueNumbers(other)).not.toContain(number);
  const record = await system.as('coordinator').get(`/work-orders/${number}`);
  expect(record.body.pendingDecision).toMatchObject({ kind: 'step_failed' });
  expect(record.body.pendingDecision.reason).toContain(step);
  expect(record.body.needsCoordinator).toBe(true);
  const failed = record.body.events.filter((e: { type: string }) => e.type === 'step_failed');
  expect(failed.at(-1).payload).toMatchObject({ step, failureType: 'PermanentDataError', retriesExhausted: false });
  expect(failed.at(-1).payload.message).toMatch(/injected fault|invalid byte sequence/);
  await system.waitForSearchAttributes(number, (a) => a.needsCoordinator === true);
}

async function expectCancellable(number: number): Promise<void> {
  const cancelled = await system
    .as('coordinator')
    .post(`/work-orders/${number}/cancel`)
    .send({ reason: 'cannot be done from here' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');
  await system.waitForAgreement(number, 'cancelled');
  expect(await queueNumbers('failed-steps')).not.toContain(number);
}

async function eventTypes(number: number): Promise<string[]> {
  return (
    await system.db.pool.query<{ type: string }>('SELECT type FROM events WHERE work_order_number = $1 ORDER BY id', [
      number,
    ])
  ).rows.map((r) => r.type);
}

/** An order with a tenant's YES and the technician checked in; `marker` goes in its description. */
async function inProgressOrder(marker: string): Promise<{ number: number; technicianId: number }> {
  const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${marker}`);
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
  await handle.signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-yes-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  const technicianId = state.assignment!.technicianId;
  await handle.signal(technicianCheckInSignal, { technicianId, at: new Date().toISOString() });
  await system.waitForAgreement(number, 'in_progress');
  return { number, technicianId };
}

describe('a step Postgres refuses waits for a coordinator with its reason, and the order can be cancelled', () => {
  const cases: Array<{ step: string; table: string; where?: { column: string; value: string } }> = [
    { step: 'triageOrder', table: 'events', where: { column: 'type', value: 'context_enriched' } },
    { step: 'proposeAndBook', table: 'technician_holds' },
    { step: 'proposeAndBook', table: 'decisions', where: { column: 'kind', value: 'routing' } },
    { step: 'proposeAndBook', table: 'technician_bookings' },
  ];
  test.each(cases)('$step ($table)', async ({ step, table, where }) => {
    const fault = await injectFault(table, where);
    try {
      const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${fault.marker}`);
      await waitForFailedStep(number, step);
      await expectQueuedWithReason(number, step);
      await expectCancellable(number);
    } finally {
      await fault.remove();
    }
  });

  test('recordPartsRequest, during a visit', async () => {
    const fault = await injectFault('parts_requests');
    try {
      const { number, technicianId } = await inProgressOrder(fault.marker);
      await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).signal(partsNeededSignal, {
        technicianId,
        parts: [{ name: 'P-trap', quantity: 1 }],
        eta: new Date(Date.now() + 3_600_000).toISOString(),
        note: null,
      });
      const state = await waitForFailedStep(number, 'recordPartsRequest');
      expect(state.failedStep!.mayBookVisit).toBe(false);
      await expectQueuedWithReason(number, 'recordPartsRequest');
      await expectCancellable(number);
    } finally {
      await fault.remove();
    }
  });

  test('recordAccessProblem, with a NUL in the note (sent past the API, straight to the workflow)', async () => {
    const { number, technicianId } = await inProgressOrder(`poison-${randomBytes(3).toString('hex')}`);
    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(noAccessSignal, { technicianId, at: new Date().toISOString(), note: 'nobody home \u0000' });
    const state = await system.waitForState(number, (s) => s.pendingDecision?.kind === 'step_failed');
    expect(state.failedStep).toMatchObject({
      step: 'recordAccessProblem',
      failureType: 'PermanentDataError',
      retriesExhausted: false,
    });
    await expectQueuedWithReason(number, 'recordAccessProblem');
    await expectCancellable(number);
    await recordHistoryIfAsked(
      system.env.address,
      workOrderWorkflowId(number),
      'no-access-nul-note-step-failed-cancelled',
    );
  });
});

test('a text that cannot be stored does not stop the order: the coordinator is told and the visit goes ahead', async () => {
  const fault = await injectFault('sms_messages');
  try {
    const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${fault.marker}`);
    const state = await system.waitForState(
      number,
      (s) => s.status === 'awaiting_confirmation' && s.smsProblem !== null,
    );
    expect(state.pendingDecision).toBeNull();
    expect(state.smsProblem).toMatch(/could not be sent: .*injected fault/);
    await system.waitForEvent(number, 'sms_not_delivered');
    expect((await system.rowOf(number)).needs_coordinator).toBe(true);
  } finally {
    await fault.remove();
  }
});

test('retried once its cause is fixed, the order goes on from the failed step', async () => {
  const fault = await injectFault('events', { column: 'type', value: 'context_enriched' });
  const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${fault.marker}`);
  await waitForFailedStep(number, 'triageOrder');

  const stillBroken = await system.as('coordinator').post(`/work-orders/${number}/retry-step`).send({});
  expect(stillBroken.status).toBe(200);
  expect(stillBroken.body.pendingDecision).toMatchObject({ kind: 'step_failed' });

  await fault.remove();
  const retried = await system.as('coordinator').post(`/work-orders/${number}/retry-step`).send({});
  expect(retried.status).toBe(200);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  const types = await eventTypes(number);
  expect(types.filter((t) => t === 'step_failed')).toHaveLength(2);
  expect(types.filter((t) => t === 'step_retried')).toHaveLength(2);
  expect(types.filter((t) => t === 'context_enriched')).toHaveLength(1);
  expect(types.indexOf('context_enriched')).toBeGreaterThan(types.lastIndexOf('step_retried'));
  const retriedBy = await system.db.pool.query(
    `SELECT actor_type, actor_id FROM events WHERE work_order_number = $1 AND type = 'step_retried'`,
    [number],
  );
  expect(retriedBy.rows[0]).toMatchObject({ actor_type: 'coordinator' });
  expect((await system.rowOf(number)).needs_coordinator).toBe(false);

  const again = await system.as('coordinator').post(`/work-orders/${number}/retry-step`).send({});
  expect(again.status).toBe(409);
  await expectCancellable(number);
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'step-failed-retried-twice-assigned-cancelled',
  );
});

test('re-evaluated, the order takes the current rules and tries the step again', async () => {
  const fault = await injectFault('decisions', { column: 'kind', value: 'routing' });
  const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${fault.marker}`);
  const failed = await waitForFailedStep(number, 'proposeAndBook');
  const current = await system.as('coordinator').get('/rules');
  const version = await system.publishRules(current.body.rules);
  await fault.remove();

  const reevaluated = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'reevaluate' });
  expect(reevaluated.status).toBe(200);
  const state = await system.waitForState(number, (s) => s.status === 'awaiting_confirmation');
  expect(state.rulesVersion).toBe(version);
  expect(state.rulesVersion).not.toBe(failed.rulesVersion);
  expect(await eventTypes(number)).toEqual(expect.arrayContaining(['step_failed', 'reevaluated', 'assigned']));
  await expectCancellable(number);
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'step-failed-reevaluated-assigned-cancelled',
  );
});

test('a coordinator books a visit in place of a failed step once triage is done, not before', async () => {
  const early = await injectFault('events', { column: 'type', value: 'context_enriched' });
  try {
    const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${early.marker}`);
    const state = await waitForFailedStep(number, 'triageOrder');
    expect(state.failedStep!.mayBookVisit).toBe(false);
    const refused = await system
      .as('coordinator')
      .post(`/work-orders/${number}/assignment`)
      .send(override(technicianIds[0]!));
    expect(refused.status).toBe(422);
    await expectCancellable(number);
  } finally {
    await early.remove();
  }

  const late = await injectFault('decisions', { column: 'kind', value: 'routing' });
  try {
    const number = await createOrder(`Kitchen sink is clogged and the drain is backing up ${late.marker}`);
    const state = await waitForFailedStep(number, 'proposeAndBook');
    expect(state.failedStep!.mayBookVisit).toBe(true);
    const technicianId = technicianIds.at(-1)!;
    const booked = await system
      .as('coordinator')
      .post(`/work-orders/${number}/assignment`)
      .send(override(technicianId));
    expect(booked.status).toBe(200);
    const { state: after } = await system.waitForAgreement(number, 'awaiting_confirmation');
    expect(after.assignment).toMatchObject({ technicianId, decidedBy: 'override' });
    expect(after.pendingDecision).toBeNull();
    expect(after.failedStep).toBeNull();
    await expectCancellable(number);
    await recordHistoryIfAsked(
      system.env.address,
      workOrderWorkflowId(number),
      'step-failed-visit-booked-instead-cancelled',
    );
  } finally {
    await late.remove();
  }
});

// Postgres steps run as local activities, whose policies leave no trace in the history: test/unit/activityOptions.test.ts
// reads their presets. The regular ones (texts, Claude) are read here as Temporal recorded them.
test('every regular activity the workflows scheduled here had a bounded retry policy', async () => {
  let scheduled = 0;
  for await (const execution of system.env.client.workflow.list()) {
    const history = await system.env.client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    for (const event of history.events ?? []) {
      const attributes = event.activityTaskScheduledEventAttributes;
      if (!attributes) continue;
      scheduled++;
      const attempts = attributes.retryPolicy?.maximumAttempts ?? 0;
      expect({ activity: attributes.activityType?.name, attempts: attempts > 0 && attempts <= 20 }).toEqual({
        activity: attributes.activityType?.name,
        attempts: true,
      });
    }
  }
  expect(scheduled).toBeGreaterThan(0);
});

function override(technicianId: number): Record<string, unknown> {
  const start = new Date(Date.now() + 2 * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  return {
    action: 'override',
    technicianId,
    slot: { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() },
    reason: 'booked by phone while the step was broken',
    force: true,
  };
}
