import { workOrderWorkflowId } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, type KEYS, type TestSystem } from '../support/system';

/**
 * Issue 16, items 1 and 4, on the real Temporal server through the signed webhook and the API: urgency decides
 * whether the tenant is asked (emergencies, orders marked urgent and tenants who can't be texted are scheduled at
 * once, the tenant told), and technicians hear every change that concerns them, once each.
 */

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
  unitId: number;
}
let tenants: TenantRow[];
let technicians: Array<{ id: number; phone: string }>;

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio' });
  tenants = (
    await system.db.pool.query<TenantRow>(
      `SELECT id::int AS id, phone, unit_id::int AS "unitId" FROM tenants WHERE language = 'en' ORDER BY id`,
    )
  ).rows;
  technicians = (
    await system.db.pool.query<{ id: number; phone: string }>(
      'SELECT id::int AS id, phone FROM technicians WHERE vendor_id IS NULL ORDER BY id',
    )
  ).rows;
});

afterAll(async () => {
  await system?.stop();
});

function takeTenant(): TenantRow {
  const tenant = tenants.shift();
  if (!tenant) throw new Error('no tenant left');
  return tenant;
}

function keyFor(technicianId: number): keyof typeof KEYS {
  return technicianId === technicians[0]!.id
    ? 'technician1'
    : technicianId === technicians[1]!.id
      ? 'technician2'
      : 'coordinator';
}

function numberIn(twiml: string): number {
  const match = /#(\d+)/.exec(twiml);
  if (!match) throw new Error(`no work order number in "${twiml}"`);
  return Number(match[1]);
}

async function textFrom(phone: string, body: string): Promise<string> {
  const res = await system.textFrom(phone, body);
  expect(res.status).toBe(200);
  return res.text;
}

/** The order's outbound texts as `recipient_type:recipient_id:kind`, in the order they were stored. */
async function textsOf(number: number): Promise<string[]> {
  const { rows } = await system.db.pool.query<{ kind: string; recipient_type: string; recipient_id: string }>(
    `SELECT kind, recipient_type, recipient_id FROM sms_messages WHERE work_order_number = $1 AND direction = 'outbound' ORDER BY id`,
    [number],
  );
  return rows.map((r) => `${r.recipient_type}:${r.recipient_type === 'tenant' ? 't' : r.recipient_id}:${r.kind}`);
}

async function technicianTexts(number: number): Promise<Array<{ to: number; kind: string; body: string }>> {
  const { rows } = await system.db.pool.query<{ kind: string; recipient_id: string; body: string }>(
    `SELECT kind, recipient_id, body FROM sms_messages WHERE work_order_number = $1 AND direction = 'outbound' AND recipient_type = 'technician' ORDER BY id`,
    [number],
  );
  return rows.map((r) => ({ to: Number(r.recipient_id), kind: r.kind, body: r.body }));
}

/** Texts are sent after the change they follow: waits until `count` texts match. */
async function waitForTexts(number: number, match: (t: string) => boolean, count: number): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const texts = await textsOf(number);
    if (texts.filter(match).length >= count || Date.now() > deadline) return texts;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function eventsOf(
  number: number,
  type: string,
): Promise<Array<{ actor_type: string; actor_id: string; payload: Record<string, unknown> }>> {
  return (
    await system.db.pool.query(
      'SELECT actor_type, actor_id, payload FROM events WHERE work_order_number = $1 AND type = $2 ORDER BY id',
      [number, type],
    )
  ).rows;
}

/** A slot `days` ahead (each test its own day, so no technician is double-booked across tests). */
function slotInDays(days: number): { start: string; end: string } {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCMinutes(0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

async function cancelAndRecord(number: number, history: string): Promise<void> {
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test finished' })).status,
  ).toBe(200);
  expect(await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result()).toEqual({
    number,
    status: 'cancelled',
  });
  await recordHistoryIfAsked(system.env.address, workOrderWorkflowId(number), history);
}

test('an emergency goes from the tenant’s text to checked in with no reply: the tenant is told, the technician goes at once', async () => {
  const tenant = takeTenant();
  const number = numberIn(
    await textFrom(tenant.phone, 'A pipe burst under the sink and water is flooding the kitchen'),
  );
  const escalated = await system.waitForAgreement(number, 'escalated');
  expect(escalated.state.priority).toBe('emergency');

  const technician = technicians[0]!;
  const booked = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({
      action: 'override',
      technicianId: technician.id,
      slot: slotInDays(0.05),
      reason: 'closest plumber',
      force: true,
    });
  expect(booked.status).toBe(200);
  const { state } = await system.waitForAgreement(number, 'scheduled');
  expect(state.toldNotAsked).toBe('emergency');
  expect(state.tenantConfirmed).toBe(false);
  expect((await eventsOf(number, 'scheduled_without_confirmation')).map((e) => e.payload.reason)).toEqual([
    'emergency',
  ]);

  const told = await waitForTexts(number, (t) => t.endsWith(':technician_assignment'), 1);
  expect(told).toEqual(['tenant:t:visit_booked', `technician:${technician.id}:technician_assignment`]);
  const [toTenant] = await system.twilio!.waitForMessages((m) => m.to === tenant.phone, 1, 10_000);
  expect(toTenant!.body).toMatch(new RegExp(`^Work order #${number}: .+ is booked to come .+\\. No need to reply\\.`));
  const [toTechnician] = await system.twilio!.waitForMessages(
    (m) => m.to === technician.phone && m.body.includes(`#${number}`),
    1,
    10_000,
  );
  expect(toTechnician!.body).toMatch(/^New assignment: work order #\d+, EMERGENCY priority\. .+ at .+/);

  const key = keyFor(technician.id);
  expect((await system.as(key).post(`/work-orders/${number}/visit/on-my-way`).send({ etaMinutes: 15 })).status).toBe(
    202,
  );
  await waitForTexts(number, (t) => t.endsWith(':on_the_way'), 1);
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  expect(await eventsOf(number, 'tenant_confirmed')).toEqual([]);
  expect((await textsOf(number)).filter((t) => t.endsWith(':confirmation_request'))).toEqual([]);

  await cancelAndRecord(number, 'emergency-scheduled-at-once-on-the-way-checked-in-cancelled');
  expect((await technicianTexts(number)).map((t) => t.kind)).toEqual(['technician_assignment', 'cancelled']);
});

test('an emergency’s tenant answers NO: the visit stays booked and a coordinator decides; the reassigned technician hears it once, in their language', async () => {
  const tenant = takeTenant();
  const [first, second] = [technicians[0]!, technicians[1]!];
  await system.db.pool.query(`UPDATE technicians SET language = 'es' WHERE id = $1`, [second.id]);
  try {
    const number = numberIn(
      await textFrom(tenant.phone, 'A pipe burst under the sink and water is flooding the kitchen'),
    );
    await system.waitForAgreement(number, 'escalated');
    const slot = slotInDays(1);
    expect(
      (
        await system
          .as('coordinator')
          .post(`/work-orders/${number}/assignment`)
          .send({ action: 'override', technicianId: first.id, slot, reason: 'closest plumber', force: true })
      ).status,
    ).toBe(200);
    await system.waitForAgreement(number, 'scheduled');
    await waitForTexts(number, (t) => t.endsWith(':technician_assignment'), 1);

    const ack = await textFrom(tenant.phone, 'No');
    expect(ack).toContain(`A coordinator will contact you about work order #${number}`);
    const objected = await system.waitForState(number, (s) => s.pendingDecision?.kind === 'visit_objection');
    expect(objected.status).toBe('scheduled');
    expect(objected.needsCoordinator).toBe(true);
    await system.waitForEvent(number, 'tenant_objected');
    expect(
      (await eventsOf(number, 'tenant_objected')).map((e) => [e.actor_type, e.actor_id, e.payload.answer]),
    ).toEqual([['tenant', String(tenant.id), 'no']]);
    // Nothing was re-booked behind the coordinator's back.
    expect((await system.rowOf(number)).assigned_technician_id).toBe(String(first.id));

    const later = slotInDays(1.2);
    const rebooked = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({
      action: 'override',
      technicianId: second.id,
      slot: later,
      reason: 'tenant can do the afternoon',
      force: true,
    });
    expect(rebooked.status).toBe(200);
    await system.waitForState(
      number,
      (s) => s.status === 'scheduled' && s.assignment?.technicianId === second.id && s.pendingDecision === null,
    );
    await system.waitForAgreement(number, 'scheduled');
    const texts = await waitForTexts(number, (t) => t === `technician:${second.id}:technician_assignment`, 1);
    expect(texts.filter((t) => t.startsWith('technician:'))).toEqual([
      `technician:${first.id}:technician_assignment`,
      `technician:${first.id}:technician_unassigned`,
      `technician:${second.id}:technician_assignment`,
    ]);
    const byKind = Object.fromEntries((await technicianTexts(number)).map((t) => [`${t.to}:${t.kind}`, t.body]));
    expect(byKind[`${first.id}:technician_unassigned`]).toMatch(
      new RegExp(`^Reassigned: work order #${number} at .+ went to another technician\\. It is off your schedule\\.$`),
    );
    expect(byKind[`${second.id}:technician_assignment`]).toMatch(
      new RegExp(`^Nueva asignación: orden #${number}, prioridad EMERGENCIA\\. .+ en .+`),
    );

    // The tenant is told the new time and may answer again.
    expect(texts.filter((t) => t === 'tenant:t:visit_booked')).toHaveLength(2);
    await cancelAndRecord(number, 'emergency-tenant-objected-coordinator-reassigned-cancelled');
    const finalTexts = await technicianTexts(number);
    expect(finalTexts.map((t) => `${t.to}:${t.kind}`)).toEqual([
      `${first.id}:technician_assignment`,
      `${first.id}:technician_unassigned`,
      `${second.id}:technician_assignment`,
      `${second.id}:cancelled`,
    ]);
    expect(finalTexts[3]!.body).toMatch(
      new RegExp(`^La orden #${number} \\(.+\\) está cancelada: test finished\\. Ya no está en su agenda\\.$`),
    );
  } finally {
    await system.db.pool.query(`UPDATE technicians SET language = 'en' WHERE id = $1`, [second.id]);
  }
});

test('an opted-out tenant’s order is scheduled without asking them; the technician is told at once', async () => {
  const tenant = takeTenant();
  await textFrom(tenant.phone, 'STOP');
  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ tenantId: tenant.id, description: 'Kitchen sink is clogged and the drain is backing up' });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'scheduled');
  expect(state.toldNotAsked).toBe('tenant_opted_out');
  expect(state.tenantOptedOut).toBe(true);
  const texts = await waitForTexts(number, (t) => t.endsWith(':technician_assignment'), 1);
  expect(texts).toEqual([
    'tenant:t:confirmation_request',
    `technician:${state.assignment!.technicianId}:technician_assignment`,
  ]);
  expect((await system.outboundSms(number)).find((m) => m.kind === 'confirmation_request')!.status).toBe('suppressed');
  expect(system.twilio!.messagesTo(tenant.phone).filter((m) => m.body.includes(`#${number}`))).toEqual([]);
  expect(
    (
      await system
        .as(keyFor(state.assignment!.technicianId))
        .post(`/work-orders/${number}/visit/on-my-way`)
        .send({ etaMinutes: 30 })
    ).status,
  ).toBe(202);
  await textFrom(tenant.phone, 'START');
  await cancelAndRecord(number, 'tenant-opted-out-scheduled-without-asking-cancelled');
});

test('a coordinator marks an order urgent while the tenant is asked: it is scheduled at once, the tenant told and the technician assigned', async () => {
  const tenant = takeTenant();
  const number = numberIn(await textFrom(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  const waiting = await system.waitForAgreement(number, 'awaiting_confirmation');
  const technicianId = waiting.state.assignment!.technicianId;
  await waitForTexts(number, (t) => t.endsWith(':confirmation_request'), 1);
  // Not told before the tenant confirms (or the order goes now).
  expect((await textsOf(number)).filter((t) => t.startsWith('technician:'))).toEqual([]);

  expect(
    (await system.as('technician1').post(`/work-orders/${number}/urgent`).send({ reason: 'elderly tenant, no water' }))
      .status,
  ).toBe(403);
  expect((await system.as('coordinator').post(`/work-orders/${number}/urgent`).send({ reason: '' })).status).toBe(400);
  const marked = await system
    .as('coordinator')
    .post(`/work-orders/${number}/urgent`)
    .send({ reason: 'elderly tenant, no water' });
  expect(marked.status).toBe(200);
  expect(marked.body.status).toBe('scheduled');
  expect(marked.body.toldNotAsked).toBe('marked_urgent');
  expect(marked.body.urgency).toMatchObject({ reason: 'elderly tenant, no water', markedBy: { type: 'coordinator' } });
  expect(
    (await eventsOf(number, 'marked_urgent')).map((e) => [e.actor_type, e.payload.reason, e.payload.status]),
  ).toEqual([['coordinator', 'elderly tenant, no water', 'awaiting_confirmation']]);
  await system.waitForAgreement(number, 'scheduled');
  expect((await system.as('coordinator').post(`/work-orders/${number}/urgent`).send({ reason: 'again' })).status).toBe(
    409,
  );

  const texts = await waitForTexts(number, (t) => t.endsWith(':technician_assignment'), 1);
  expect(texts).toEqual([
    'tenant:t:confirmation_request',
    'tenant:t:visit_booked',
    `technician:${technicianId}:technician_assignment`,
  ]);
  // The tenant's late YES is noted; the visit was already on.
  const yes = await textFrom(tenant.phone, 'yes');
  expect(yes).toContain(`#${number}`);
  await system.waitForEvent(number, 'tenant_confirmed');
  expect((await system.liveState(number)).tenantConfirmed).toBe(true);
  expect((await system.as(keyFor(technicianId)).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(
    202,
  );
  await system.waitForAgreement(number, 'in_progress');
  await cancelAndRecord(number, 'marked-urgent-while-awaiting-confirmation-checked-in-cancelled');
});

test('a tenant declining twice: the technician hears of the confirmed visit once, and nothing of the dropped proposals', async () => {
  const tenant = takeTenant();
  const number = numberIn(await textFrom(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await textFrom(tenant.phone, 'NO');
  await system.waitForState(number, (s) => s.status === 'awaiting_confirmation' && s.attempts.assignment === 2, 20_000);
  await textFrom(tenant.phone, 'NO');
  await system.waitForState(number, (s) => s.status === 'awaiting_confirmation' && s.attempts.assignment === 3, 20_000);
  expect((await textsOf(number)).filter((t) => t.startsWith('technician:'))).toEqual([]);
  await textFrom(tenant.phone, 'YES');
  const { state } = await system.waitForAgreement(number, 'scheduled');
  const technicianId = state.assignment!.technicianId;
  const texts = await waitForTexts(number, (t) => t.endsWith(':technician_assignment'), 1);
  expect(texts).toEqual([
    'tenant:t:confirmation_request',
    'tenant:t:confirmation_request',
    'tenant:t:confirmation_request',
    `technician:${technicianId}:technician_assignment`,
  ]);
  await cancelAndRecord(number, 'declined-twice-confirmed-technician-told-once-cancelled');
  expect((await technicianTexts(number)).map((t) => `${t.to}:${t.kind}`)).toEqual([
    `${technicianId}:technician_assignment`,
    `${technicianId}:cancelled`,
  ]);
  expect(
    system
      .twilio!.messagesTo(technicians.find((t) => t.id === technicianId)!.phone)
      .filter((m) => m.body.includes(`#${number}`)),
  ).toHaveLength(2);
});

test('an urgent visit moved to another time by the coordinator: the technician is told it moved, once', async () => {
  const tenant = takeTenant();
  const technician = technicians[0]!;
  const number = numberIn(
    await textFrom(tenant.phone, 'A pipe burst under the sink and water is flooding the kitchen'),
  );
  await system.waitForAgreement(number, 'escalated');
  expect(
    (
      await system
        .as('coordinator')
        .post(`/work-orders/${number}/assignment`)
        .send({
          action: 'override',
          technicianId: technician.id,
          slot: slotInDays(2),
          reason: 'closest plumber',
          force: true,
        })
    ).status,
  ).toBe(200);
  await system.waitForAgreement(number, 'scheduled');
  expect(await textFrom(tenant.phone, 'no, can you come later?')).toContain(`#${number}`);
  await system.waitForState(number, (s) => s.pendingDecision?.kind === 'visit_objection');
  // An alternative from an old proposal is not a way to answer the tenant.
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'alternative', index: 0 }))
      .status,
  ).toBe(422);
  const later = slotInDays(2.1);
  expect(
    (
      await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({
        action: 'override',
        technicianId: technician.id,
        slot: later,
        reason: 'tenant asked for later',
        force: true,
      })
    ).status,
  ).toBe(200);
  await system.waitForState(
    number,
    (s) => s.status === 'scheduled' && s.pendingDecision === null && s.assignment?.slot.start === later.start,
  );
  await waitForTexts(number, (t) => t.endsWith(':technician_slot_moved'), 1);
  const texts = await technicianTexts(number);
  expect(texts.map((t) => `${t.to}:${t.kind}`)).toEqual([
    `${technician.id}:technician_assignment`,
    `${technician.id}:technician_slot_moved`,
  ]);
  expect(texts[1]!.body).toMatch(new RegExp(`^Moved: work order #${number} at .+ is now .+ \\(was .+\\)\\.$`));
  await cancelAndRecord(number, 'emergency-tenant-objected-slot-moved-cancelled');
});

test('the technician hears that the parts are in, and that the tenant arranged access after a failed visit', async () => {
  const tenant = takeTenant();
  const number = numberIn(await textFrom(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await textFrom(tenant.phone, 'YES');
  const first = (await system.waitForAgreement(number, 'scheduled')).state.assignment!.technicianId;
  expect((await system.as(keyFor(first)).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  const eta = new Date(Date.now() + 3_600_000).toISOString();
  expect(
    (
      await system
        .as(keyFor(first))
        .post(`/work-orders/${number}/visit/parts-needed`)
        .send({ parts: [{ name: 'P-trap', quantity: 1 }], eta })
    ).status,
  ).toBe(202);
  await system.waitForAgreement(number, 'waiting_parts');
  expect((await system.as('coordinator').post(`/work-orders/${number}/visit/parts-arrived`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await waitForTexts(number, (t) => t.endsWith(':technician_parts_arrived'), 1);
  await textFrom(tenant.phone, 'YES');
  const second = (await system.waitForState(number, (s) => s.status === 'scheduled')).assignment!.technicianId;
  await waitForTexts(number, (t) => t.endsWith(':technician_assignment'), 2);

  expect(
    (await system.as(keyFor(second)).post(`/work-orders/${number}/visit/no-access`).send({ note: 'nobody home' }))
      .status,
  ).toBe(202);
  await system.waitForAgreement(number, 'waiting_access');
  await textFrom(tenant.phone, 'you can come tomorrow at 10am');
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await waitForTexts(number, (t) => t.endsWith(':technician_access_granted'), 1);

  const texts = await technicianTexts(number);
  const expected = [`${first}:technician_assignment`, `${first}:technician_parts_arrived`];
  if (second !== first) expected.push(`${first}:technician_unassigned`);
  expected.push(`${second}:technician_assignment`, `${second}:technician_access_granted`);
  expect(texts.map((t) => `${t.to}:${t.kind}`)).toEqual(expected);
  expect(texts.find((t) => t.kind === 'technician_parts_arrived')!.body).toMatch(
    new RegExp(`^Parts are in for work order #${number} at .+\\.`),
  );
  expect(texts.find((t) => t.kind === 'technician_access_granted')!.body).toMatch(
    new RegExp(`^Access arranged for work order #${number} at .+: the tenant asked for .+\\.`),
  );
  // Waiting for the tenant to confirm the new visit, the technician who failed to get in is still the one to hear a cancel.
  await cancelAndRecord(number, 'parts-arrived-no-access-arranged-technician-told-cancelled');
  expect((await technicianTexts(number)).map((t) => `${t.to}:${t.kind}`).slice(-1)).toEqual([`${second}:cancelled`]);
});
