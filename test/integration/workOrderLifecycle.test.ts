import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { WorkOrderOutcome } from '../../domain/workOrderContract';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
let unitWithTenant: { unitId: number; tenantId: number; buildingId: number };

beforeAll(async () => {
  system = await startSystem();
  const { rows } = await system.db.pool.query(
    `SELECT u.id::int AS "unitId", t.id::int AS "tenantId", u.building_id::int AS "buildingId" FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1`,
  );
  unitWithTenant = rows[0];
});

afterAll(async () => {
  await system?.stop();
});

async function eventsOf(
  number: number,
): Promise<Array<{ type: string; actor_type: string; actor_id: string; idempotency_key: string }>> {
  const { rows } = await system.db.pool.query(
    'SELECT type, actor_type, actor_id, idempotency_key FROM events WHERE work_order_number = $1 ORDER BY id',
    [number],
  );
  return rows;
}

async function create(description: string): Promise<number> {
  const res = await system.as('coordinator').post('/work-orders').send({ unitId: unitWithTenant.unitId, description });
  expect(res.status).toBe(201);
  expect(res.headers.location).toBe(`/work-orders/${res.body.number}`);
  return res.body.number;
}

test('a work order goes from creation to completed through the API, with row, events and search attributes agreeing', async () => {
  const number = await create('The kitchen sink is dripping under the sink, the pipe drips all day');

  // Auto path: classified plumbing with high confidence, booked, waiting for the tenant.
  const { state, attributes } = await system.waitForAgreement(number, 'awaiting_confirmation');
  expect(state.routing?.outcome).toBe('auto_assign');
  expect(state.classification?.skillsRequired).toContain('plumbing');
  expect(state.assignment?.decidedBy).toBe('auto');
  expect(attributes.technicianId).toBe(String(state.assignment!.technicianId));
  expect(attributes.buildingId).toBe(String(unitWithTenant.buildingId));
  expect(attributes.priority).toBe(state.priority);
  expect(attributes.needsCoordinator).toBe(false);
  const row = await system.rowOf(number);
  expect(Number(row.assigned_technician_id)).toBe(state.assignment!.technicianId);
  const bookings = await system.db.pool.query(
    'SELECT technician_id FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL',
    [number],
  );
  expect(bookings.rows).toHaveLength(1);

  const detail = await system.as('coordinator').get(`/work-orders/${number}`);
  expect(detail.status).toBe(200);
  expect(detail.body.status).toBe('awaiting_confirmation');
  expect(detail.body).not.toHaveProperty('liveState');
  const withLive = await system.as('coordinator').get(`/work-orders/${number}?live=true`);
  expect(withLive.body.liveState.status).toBe('awaiting_confirmation');
  expect((await system.as('coordinator').get(`/work-orders/${number}?live=maybe`)).status).toBe(400);
  expect(detail.body.metadata.context).toBeDefined();
  expect(detail.body.decisions.map((d: { kind: string }) => d.kind)).toEqual([
    'classification',
    'assignment_proposal',
    'routing',
  ]);
  expect(
    detail.body.decisions.every(
      (d: { reasoning: string; rulesVersion: number }) => d.reasoning.length > 0 && d.rulesVersion === 1,
    ),
  ).toBe(true);

  // The tenant's YES arrives as the SMS webhook will send it: a signal.
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: 'SM-test-1', tenantId: unitWithTenant.tenantId });
  await system.waitForAgreement(number, 'scheduled');

  const techKey = state.assignment!.technicianId === (await firstTechnicianId()) ? 'technician1' : 'technician2';
  const otherTechKey = techKey === 'technician1' ? 'technician2' : 'technician1';
  expect((await system.as(otherTechKey).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(403);
  expect((await system.as(techKey).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');

  // Photos named by id must have been uploaded for this order.
  const unknown = await system
    .as(techKey)
    .post(`/work-orders/${number}/visit/photos`)
    .send({ photos: [{ id: 'photo-before-1', kind: 'before' }] });
  expect([unknown.status, unknown.body.issues?.[0]?.path]).toEqual([400, 'body.photos.0.id']);
  expect((await system.uploadPhotos(number, techKey, { notes: 'replaced the P-trap' })).status).toBe(202);
  await system.waitForAgreement(number, 'ready_review');
  expect(
    (await system.as('coordinator').get('/queues/ready-review')).body.items.map((i: { number: number }) => i.number),
  ).toContain(number);

  const approved = await system
    .as('coordinator')
    .post(`/work-orders/${number}/review`)
    .send({ decision: 'approve', notes: 'clean work' });
  expect(approved.status).toBe(200);
  expect(approved.body.status).toBe('completed');
  await system.waitForAgreement(number, 'completed');

  const outcome: WorkOrderOutcome = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result();
  expect(outcome).toEqual({ number, status: 'completed' });
  await recordHistoryIfAsked(system.env.address, workOrderWorkflowId(number), 'auto-assigned-to-completed');

  const events = await eventsOf(number);
  expect(events.map((e) => e.type)).toEqual([
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'assigned',
    'tenant_confirmed',
    'checked_in',
    'photos_submitted',
    'review_approved',
  ]);
  for (const event of events) expect(event.actor_id.length).toBeGreaterThan(0);
  expect(events.find((e) => e.type === 'created')).toMatchObject({
    actor_type: 'coordinator',
    actor_id: 'coordinator',
  });
  expect(events.find((e) => e.type === 'tenant_confirmed')).toMatchObject({
    actor_type: 'tenant',
    actor_id: String(unitWithTenant.tenantId),
  });
  expect(events.find((e) => e.type === 'checked_in')).toMatchObject({
    actor_type: 'technician',
    actor_id: String(state.assignment!.technicianId),
  });
  expect(events.find((e) => e.type === 'review_approved')).toMatchObject({
    actor_type: 'coordinator',
    actor_id: 'coordinator',
  });
  expect(new Set(events.map((e) => e.idempotency_key)).size).toBe(events.length);

  const live = await system.db.pool.query(
    'SELECT count(*)::int AS n FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL',
    [number],
  );
  expect(live.rows[0].n).toBe(0);

  // The decision no longer applies once the order is completed.
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/review`).send({ decision: 'approve' })).status,
  ).toBe(409);
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'too late' })).status,
  ).toBe(409);
});

async function firstTechnicianId(): Promise<number> {
  const { rows } = await system.db.pool.query('SELECT id::int AS id FROM technicians ORDER BY id LIMIT 1');
  return rows[0].id;
}

test('a work order in the review queue is approved by a coordinator through the API', async () => {
  // A thing named but not what is wrong with it: confidence between the review and auto-assign thresholds.
  const number = await create('Something is wrong with the toilet');
  const { state, attributes } = await system.waitForAgreement(number, 'needs_assignment');
  expect(state.routing?.outcome).toBe('review');
  expect(state.pendingDecision?.kind).toBe('assignment');
  expect(attributes.needsCoordinator).toBe(true);
  expect(state.proposal?.best).not.toBeNull();

  const queue = await system.as('coordinator').get('/queues/review');
  expect(queue.status).toBe(200);
  expect(queue.body.items.map((i: { number: number }) => i.number)).toContain(number);

  const accepted = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' });
  expect(accepted.status).toBe(200);
  expect(accepted.body.status).toBe('awaiting_confirmation');
  expect(accepted.body.assignment).toMatchObject({
    technicianId: state.proposal!.best!.technicianId,
    decidedBy: 'accept',
  });
  const after = await system.waitForAgreement(number, 'awaiting_confirmation');
  expect(after.attributes.needsCoordinator).toBe(false);
  expect(after.attributes.technicianId).toBe(String(state.proposal!.best!.technicianId));
  expect(
    (await system.as('coordinator').get('/queues/review')).body.items.map((i: { number: number }) => i.number),
  ).not.toContain(number);

  // A second decision on the same order no longer applies.
  const again = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' });
  expect(again.status).toBe(409);
  expect(again.body.error).toBe('decision_no_longer_applies');

  const assigned = (await eventsOf(number)).find((e) => e.type === 'assigned');
  expect(assigned).toMatchObject({ actor_type: 'coordinator', actor_id: 'coordinator' });
});

test('a coordinator cancels a work order waiting for the tenant: the slot is released and nothing else applies', async () => {
  const number = await create('Water leaking from the pipe under the bathroom sink, the floor drips');
  await system.waitForAgreement(number, 'awaiting_confirmation');

  expect((await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({})).status).toBe(400);
  const cancelled = await system
    .as('coordinator')
    .post(`/work-orders/${number}/cancel`)
    .send({ reason: 'tenant fixed it themselves' });
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('cancelled');
  expect(cancelled.body.cancelReason).toBe('tenant fixed it themselves');
  await system.waitForAgreement(number, 'cancelled');

  const live = await system.db.pool.query(
    `SELECT count(*)::int AS n FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL`,
    [number],
  );
  expect(live.rows[0].n).toBe(0);
  const released = await system.db.pool.query(
    `SELECT released_reason FROM technician_bookings WHERE work_order_number = $1`,
    [number],
  );
  expect(released.rows.map((r) => r.released_reason)).toEqual(['cancelled']);
  const events = await eventsOf(number);
  expect(events[events.length - 1]).toMatchObject({
    type: 'cancelled',
    actor_type: 'coordinator',
    actor_id: 'coordinator',
  });
  expect(await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result()).toEqual({
    number,
    status: 'cancelled',
  });
  await recordHistoryIfAsked(system.env.address, workOrderWorkflowId(number), 'cancelled-awaiting-confirmation');

  expect((await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'again' })).status).toBe(
    409,
  );
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' })).status,
  ).toBe(409);
});

test('a declined visit is re-proposed, an override is logged with its reason, and rejected work is redone', async () => {
  const number = await create('Something is wrong with the toilet');
  const first = await system.waitForAgreement(number, 'needs_assignment');
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' })).status,
  ).toBe(200);
  const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
  await handle.signal(tenantReplySignal, { answer: 'no', messageSid: 'SM-no', tenantId: unitWithTenant.tenantId });

  // The declined slot is released and never proposed again.
  await system.waitForState(
    number,
    (state) => state.attempts.assignment === 2 && state.pendingDecision?.kind === 'assignment',
  );
  const second = await system.waitForAgreement(number, 'needs_assignment');
  expect(second.state.attempts.assignment).toBe(2);
  const declined = first.state.proposal!.best!;
  expect(second.state.proposal!.best).not.toMatchObject({ technicianId: declined.technicianId, slot: declined.slot });
  const liveAfterNo = await system.db.pool.query(
    'SELECT count(*)::int AS n FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL',
    [number],
  );
  expect(liveAfterNo.rows[0].n).toBe(0);

  const technicians = (await system.db.pool.query('SELECT id::int AS id FROM technicians ORDER BY id')).rows.map(
    (r) => r.id,
  );
  // Beyond the proposal horizon, so no other test's booking can collide with it.
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  const slot = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  const override = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({
    action: 'override',
    technicianId: technicians[0],
    slot,
    reason: 'tenant asked for Pat by name',
    force: true,
  });
  expect([override.status, override.body.message]).toEqual([200, undefined]);
  expect(override.body.assignment).toMatchObject({
    technicianId: technicians[0],
    decidedBy: 'override',
    reason: 'tenant asked for Pat by name',
  });
  await handle.signal(tenantReplySignal, { answer: 'yes', messageSid: 'SM-yes', tenantId: unitWithTenant.tenantId });
  await system.waitForAgreement(number, 'scheduled');

  expect((await system.as('technician1').post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  const uploaded = await system.uploadPhotos(number, 'technician1');
  expect(uploaded.status).toBe(202);
  await system.waitForAgreement(number, 'ready_review');
  const rejected = await system
    .as('coordinator')
    .post(`/work-orders/${number}/review`)
    .send({ decision: 'reject', notes: 'the after photo shows water still on the floor' });
  expect(rejected.status).toBe(200);
  expect(rejected.body.status).toBe('failed_review');
  await system.waitForAgreement(number, 'failed_review');
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/review`).send({ decision: 'approve' })).status,
  ).toBe(409);

  // The technician phoned in: the coordinator reports the return visit for them, and the log says who did.
  expect((await system.as('coordinator').post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  // The same photos again, by reference this time.
  const photos = uploaded.body.photos.map(({ id, kind }: { id: string; kind: string }) => ({ id, kind }));
  expect((await system.as('technician1').post(`/work-orders/${number}/visit/photos`).send({ photos })).status).toBe(
    202,
  );
  await system.waitForAgreement(number, 'ready_review');
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/review`).send({ decision: 'approve' })).status,
  ).toBe(200);
  const done = await system.waitForAgreement(number, 'completed');
  expect(done.state.attempts.review).toBe(1);
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'declined-override-rejected-redone-completed',
  );

  const events = await eventsOf(number);
  expect(events.map((e) => e.type)).toEqual([
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'queued_for_review',
    'assigned',
    'tenant_declined',
    'queued_for_review',
    'assigned',
    'tenant_confirmed',
    'checked_in',
    'photos_submitted',
    'review_rejected',
    'checked_in',
    'photos_submitted',
    'review_approved',
  ]);
  const checkIns = await system.db.pool.query(
    `SELECT actor_type, actor_id, payload->>'technicianId' AS tech FROM events WHERE work_order_number = $1 AND type = 'checked_in' ORDER BY id`,
    [number],
  );
  expect(checkIns.rows).toEqual([
    { actor_type: 'technician', actor_id: String(technicians[0]), tech: String(technicians[0]) },
    { actor_type: 'coordinator', actor_id: 'coordinator', tech: String(technicians[0]) },
  ]);
  const overrideEvent = await system.db.pool.query(
    `SELECT payload FROM events WHERE work_order_number = $1 AND type = 'assigned' ORDER BY id DESC LIMIT 1`,
    [number],
  );
  expect(overrideEvent.rows[0].payload).toMatchObject({
    decidedBy: 'override',
    reason: 'tenant asked for Pat by name',
  });
});

test('a proposal whose slot was taken meanwhile answers 409 and is replaced by a fresh one', async () => {
  // The second order's proposal avoids the slot the first one's holds; a coordinator then books the first order
  // into the second's slot by hand, which makes the second's proposal stale.
  const first = await create('Something is wrong with the toilet');
  const a = await system.waitForState(first, (s) => s.pendingDecision?.kind === 'assignment');
  const second = await create('Something is wrong with the toilet');
  const b = await system.waitForState(second, (s) => s.pendingDecision?.kind === 'assignment');
  expect(`${b.proposal!.best!.technicianId} ${b.proposal!.best!.slot.start}`).not.toBe(
    `${a.proposal!.best!.technicianId} ${a.proposal!.best!.slot.start}`,
  );

  const override = {
    action: 'override',
    technicianId: b.proposal!.best!.technicianId,
    slot: b.proposal!.best!.slot,
    reason: 'the tenant asked for that time',
  };
  expect((await system.as('coordinator').post(`/work-orders/${first}/assignment`).send(override)).status).toBe(200);
  const stale = await system.as('coordinator').post(`/work-orders/${second}/assignment`).send({ action: 'accept' });
  expect(stale.status).toBe(409);
  expect(stale.body.error).toBe('technician_double_booked');

  const refreshed = await system.waitForState(
    second,
    (s) => s.proposal?.best?.slot.start !== b.proposal!.best!.slot.start,
  );
  expect(refreshed.status).toBe('needs_assignment');
  expect(refreshed.pendingDecision?.kind).toBe('assignment');
  const accepted = await system.as('coordinator').post(`/work-orders/${second}/assignment`).send({ action: 'accept' });
  expect(accepted.status).toBe(200);
  expect(accepted.body.assignment.slot).toEqual(refreshed.proposal!.best!.slot);
  const types = (await eventsOf(second)).map((e) => e.type);
  expect(types).toEqual([
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'queued_for_review',
    'proposal_refreshed',
    'assigned',
  ]);
  const proposals = await system.db.pool.query(
    `SELECT count(*)::int AS n FROM decisions WHERE work_order_number = $1 AND kind = 'assignment_proposal'`,
    [second],
  );
  expect(proposals.rows[0].n).toBe(2);

  expect(
    (
      await system
        .as('coordinator')
        .post(`/work-orders/${second}/cancel`)
        .send({ reason: 'duplicate of the first order' })
    ).status,
  ).toBe(200);
  await system.env.client.workflow.getHandle(workOrderWorkflowId(second)).result();
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(second),
    'stale-proposal-refreshed-accepted-cancelled',
  );
});
