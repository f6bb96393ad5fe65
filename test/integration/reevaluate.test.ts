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

test('a coordinator re-evaluates a queued order with new rules: it is routed again, under the new version, and the log says who', async () => {
  // A thing named but not what is wrong with it: confidence 0.82, under the 0.85 auto-assign threshold.
  const number = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'Something is wrong with the toilet' })
  ).body.number;
  const queued = await system.waitForState(number, (s) => s.pendingDecision?.kind === 'assignment');
  expect(queued.routing?.outcome).toBe('review');
  expect(queued.rulesVersion).toBe(1);

  const lowered = testRules();
  lowered.thresholds = { autoAssign: 0.8, review: 0.6 };
  const version = await system.publishRules(lowered);
  // Publishing alone changes nothing for an order already running.
  expect((await system.liveState(number)).rulesVersion).toBe(1);

  const res = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'reevaluate' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: 'awaiting_confirmation',
    rulesVersion: version,
    routing: { outcome: 'auto_assign' },
  });
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  expect(state.assignment?.decidedBy).toBe('auto');
  const row = (await system.db.pool.query('SELECT rules_version FROM work_orders WHERE number = $1', [number])).rows[0];
  expect(row.rules_version).toBe(version);
  const events = (
    await system.db.pool.query(
      `SELECT type, actor_type, actor_id, payload FROM events WHERE work_order_number = $1 ORDER BY id`,
      [number],
    )
  ).rows;
  expect(events.map((e) => e.type)).toEqual([
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'queued_for_review',
    'reevaluated',
    'assigned',
  ]);
  expect(events.find((e) => e.type === 'reevaluated')).toMatchObject({
    actor_type: 'coordinator',
    actor_id: 'coordinator',
    payload: { fromVersion: 1, toVersion: version },
  });
  const routings = (
    await system.db.pool.query(
      `SELECT rules_version FROM decisions WHERE work_order_number = $1 AND kind = 'routing' ORDER BY id`,
      [number],
    )
  ).rows;
  expect(routings.map((r) => r.rules_version)).toEqual([1, version]);

  // Nothing is waiting for an assignment decision any more.
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'reevaluate' })).status,
  ).toBe(409);
});

test('a re-evaluation that still needs a person leaves the order in the queue under the new version', async () => {
  const strict = testRules();
  strict.thresholds = { autoAssign: 0.99, review: 0.6 };
  const version = await system.publishRules(strict);
  const number = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'Something is wrong with the toilet' })
  ).body.number;
  await system.waitForState(number, (s) => s.pendingDecision?.kind === 'assignment');
  const stricter = testRules();
  stricter.thresholds = { autoAssign: 0.995, review: 0.6 };
  const next = await system.publishRules(stricter);
  const res = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'reevaluate' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: 'needs_assignment',
    rulesVersion: next,
    pendingDecision: { kind: 'assignment' },
  });
  expect(next).toBe(version + 1);
  // The coordinator can still decide as usual.
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' })).status,
  ).toBe(200);
});

test("an override naming an unknown technician, or a slot another order holds, is refused before it reaches the workflow's history", async () => {
  await system.publishRules(testRules()); // the test above left thresholds nothing reaches
  const number = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'Something is wrong with the toilet' })
  ).body.number;
  await system.waitForState(number, (s) => s.pendingDecision?.kind === 'assignment');
  const other = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'Kitchen sink is clogged and the drain is backing up' })
  ).body.number;
  const { state: booked } = await system.waitForAgreement(other, 'awaiting_confirmation');
  const handle = system.env.client.workflow.getHandle(`work-order-${number}`);
  const historyBefore = (await handle.describe()).historyLength;

  const unknown = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'override', technicianId: 987_654, slot: booked.assignment!.slot, reason: 'asked by phone' });
  expect(unknown.status).toBe(404);
  expect(unknown.body.issues).toEqual([{ path: 'body.technicianId', message: 'no active technician with this id' }]);
  const taken = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({
    action: 'override',
    technicianId: booked.assignment!.technicianId,
    slot: booked.assignment!.slot,
    reason: 'asked by phone',
  });
  expect(taken.status).toBe(409);
  expect(taken.body.error).toBe('technician_double_booked');
  expect((await handle.describe()).historyLength).toBe(historyBefore);
  expect((await system.liveState(number)).pendingDecision?.kind).toBe('assignment');
});
