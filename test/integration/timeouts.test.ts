import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, testRules, type TestSystem } from '../support/system';

let system: TestSystem;
let unitId: number;

beforeAll(async () => {
  system = await startSystem();
  unitId = (await system.unitWithTenant()).unitId;
});

afterAll(async () => {
  await system?.stop();
});

async function create(description: string): Promise<number> {
  const res = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  expect(res.status).toBe(201);
  return res.body.number;
}

async function eventTypes(number: number): Promise<string[]> {
  return (
    await system.db.pool.query('SELECT type FROM events WHERE work_order_number = $1 ORDER BY id', [number])
  ).rows.map((r) => r.type);
}

// Each test publishes the rules it needs; a work order keeps the version it started with.
test('a tenant who never answers sends the order to the coordinator, who confirms it by phone', async () => {
  const version = await system.publishRules(testRules({ confirmationWaitSeconds: 2 }));
  const number = await create('Kitchen sink is clogged and the drain is backing up');
  const { state, attributes } = await system.waitForAgreement(number, 'escalated', 20_000);
  expect(state.rulesVersion).toBe(version);
  expect(state.pendingDecision?.kind).toBe('confirmation_timeout');
  expect(state.escalatedFrom).toBe('awaiting_confirmation');
  expect(attributes.needsCoordinator).toBe(true);
  expect(
    (await system.as('coordinator').get('/queues/escalations')).body.items.map((i: { number: number }) => i.number),
  ).toContain(number);

  const confirmed = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' });
  expect(confirmed.status).toBe(200);
  expect(confirmed.body).toMatchObject({ status: 'scheduled', tenantConfirmed: true, pendingDecision: null });
  const after = await system.waitForAgreement(number, 'scheduled');
  expect(after.attributes.needsCoordinator).toBe(false);
  expect(await eventTypes(number)).toEqual([
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'assigned',
    'confirmation_timed_out',
    'confirmed_by_coordinator',
  ]);

  // A late YES changes nothing now.
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: 'SM-late', tenantId: null });
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
  await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result();
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'confirmation-timeout-confirmed-by-coordinator-cancelled',
  );
});

test('a review left too long is flagged for the coordinator and still accepts the decision', async () => {
  await system.publishRules(testRules({ reviewWaitSeconds: 2 }));
  const number = await create('Bathroom faucet dripping, the sink drips all night');
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
  await handle.signal(tenantReplySignal, { answer: 'yes', messageSid: 'SM-1', tenantId: null });
  await system.waitForAgreement(number, 'scheduled');
  const techs = (await system.db.pool.query('SELECT id::int AS id FROM technicians ORDER BY id')).rows.map((r) => r.id);
  const key = state.assignment!.technicianId === techs[0] ? 'technician1' : 'technician2';
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  expect((await system.uploadPhotos(number, key)).status).toBe(202);
  await system.waitForAgreement(number, 'ready_review');

  const deadline = Date.now() + 15_000;
  let overdue = await system.liveState(number);
  while (overdue.pendingDecision?.kind !== 'review_overdue' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    overdue = await system.liveState(number);
  }
  expect(overdue.pendingDecision?.kind).toBe('review_overdue');
  expect(overdue.needsCoordinator).toBe(true);
  const escalations = async () =>
    (await system.as('coordinator').get('/queues/escalations')).body.items.map((i: { number: number }) => i.number);
  let waited = 0;
  while (!(await escalations()).includes(number) && waited++ < 50) await new Promise((r) => setTimeout(r, 100));
  expect(await escalations()).toContain(number);
  expect((await system.searchAttributesOf(number)).needsCoordinator).toBe(true);

  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/review`).send({ decision: 'approve' })).status,
  ).toBe(200);
  const done = await system.waitForAgreement(number, 'completed');
  expect(done.attributes.needsCoordinator).toBe(false);
  expect(await eventTypes(number)).toContain('review_overdue');
});

test('an emergency escalates on its safety concern, gets an SLA deadline, and is flagged when the SLA passes', async () => {
  await system.publishRules(testRules({ emergencySlaSeconds: 3 }));
  const number = await create('I smell gas in the kitchen near the stove');
  const { state, attributes } = await system.waitForAgreement(number, 'escalated');
  expect(state.classification?.safety).toBe(true);
  expect(state.priority).toBe('emergency');
  expect(state.routing?.outcome).toBe('escalate');
  expect(attributes.priority).toBe('emergency');
  expect(attributes.slaDeadline?.toISOString()).toBe(state.deadlines.slaDeadline);

  const deadline = Date.now() + 15_000;
  let live = await system.liveState(number);
  while (!live.slaBreached && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    live = await system.liveState(number);
  }
  expect(live.slaBreached).toBe(true);
  await system.waitForEvent(number, 'sla_breached');
  expect((await system.rowOf(number)).needs_coordinator).toBe(true);
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'gas company took over' }))
      .status,
  ).toBe(200);
  expect(await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result()).toEqual({
    number,
    status: 'cancelled',
  });
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'emergency-escalated-sla-breached-cancelled',
  );
});
