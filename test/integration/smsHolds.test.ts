import { startSystem, type TestSystem } from '../support/system';

/**
 * An unknown sender's held texts, resolved by a coordinator through the API: attached to a unit (a work order opens
 * with the sender's words, once however often it is attached) or dismissed with a reason. The texts come in through
 * the signed webhook, as Twilio posts them.
 */

let system: TestSystem;

interface UnitRow {
  unitId: number;
  tenantId: number | null;
  tenantPhone: string | null;
  building: string;
  label: string;
}

let units: UnitRow[];

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio' });
  units = (
    await system.db.pool.query<UnitRow>(
      `SELECT u.id::int AS "unitId", t.id::int AS "tenantId", t.phone AS "tenantPhone", b.name AS building, u.label
         FROM units u JOIN buildings b ON b.id = u.building_id
         LEFT JOIN LATERAL (SELECT id, phone FROM tenants WHERE unit_id = u.id ORDER BY id LIMIT 1) t ON true ORDER BY u.id`,
    )
  ).rows;
});

afterAll(async () => {
  await system?.stop();
});

/** A unit no other test uses; with a tenant on file or without one. */
function takeUnit(withTenant: boolean): UnitRow {
  const index = units.findIndex((u) => (u.tenantId !== null) === withTenant);
  if (index < 0) throw new Error(`no unit ${withTenant ? 'with' : 'without'} a tenant left`);
  return units.splice(index, 1)[0]!;
}

async function text(from: string, body: string): Promise<void> {
  expect((await system.textFrom(from, body)).status).toBe(200);
}

async function holdOf(phone: string): Promise<{
  id: number;
  status: string;
  workOrderNumber: number | null;
  resolvedByType: string | null;
  resolvedById: string | null;
  note: string | null;
}> {
  const { rows } = await system.db.pool.query(
    `SELECT id::int AS id, status, work_order_number::int AS "workOrderNumber", resolved_by_type AS "resolvedByType", resolved_by_id AS "resolvedById", resolution_note AS note
       FROM sms_intake_holds WHERE phone = $1 ORDER BY id DESC LIMIT 1`,
    [phone],
  );
  if (!rows[0]) throw new Error(`no hold for ${phone}`);
  return rows[0];
}

async function listedHoldIds(): Promise<number[]> {
  const res = await system.as('coordinator').get('/sms/holds');
  expect(res.status).toBe(200);
  return res.body.items.map((h: { id: number }) => h.id);
}

async function ordersFromHold(holdId: number): Promise<number[]> {
  const { rows } = await system.db.pool.query(
    `SELECT number::int AS number FROM work_orders WHERE (metadata->'sms'->'attachedHold'->>'holdId')::int = $1`,
    [holdId],
  );
  return rows.map((r) => r.number);
}

test("attached with the sender made a tenant: the order opens with the sender's words, is the coordinator's, and texts the sender; attaching again is a 409", async () => {
  const stranger = '+15559990101';
  const unit = takeUnit(false);
  await text(stranger, 'Kitchen sink is clogged and the drain is backing up');
  await text(stranger, 'it smells too');
  const hold = await holdOf(stranger);
  expect(hold.status).toBe('awaiting_unit');
  expect(await listedHoldIds()).toContain(hold.id);

  const attach = () =>
    system
      .as('coordinator')
      .post(`/sms/holds/${hold.id}/attach`)
      .send({ unitId: unit.unitId, senderAsTenant: { name: 'Robin Vale' } });
  const attached = await attach();
  expect(attached.status).toBe(201);
  const number: number = attached.body.workOrderNumber;
  expect(attached.headers.location).toBe(`/work-orders/${number}`);
  expect(attached.body).toMatchObject({
    holdId: hold.id,
    status: 'attached',
    unitId: unit.unitId,
    senderIsTenant: true,
  });

  const tenant = (
    await system.db.pool.query('SELECT id::int AS id, unit_id::int AS "unitId", name FROM tenants WHERE phone = $1', [
      stranger,
    ])
  ).rows[0];
  expect(tenant).toEqual({ id: attached.body.tenantId, unitId: unit.unitId, name: 'Robin Vale' });
  const order = (
    await system.db.pool.query(
      'SELECT description, tenant_id::int AS "tenantId", unit_id::int AS "unitId", source FROM work_orders WHERE number = $1',
      [number],
    )
  ).rows[0];
  expect(order).toEqual({
    description: 'Kitchen sink is clogged and the drain is backing up / it smells too',
    tenantId: tenant.id,
    unitId: unit.unitId,
    source: 'sms',
  });

  const events = (
    await system.db.pool.query(
      'SELECT type, actor_type AS "actorType", actor_id AS "actorId" FROM events WHERE work_order_number = $1 ORDER BY id',
      [number],
    )
  ).rows;
  expect(events.slice(0, 2)).toEqual([
    { type: 'created', actorType: 'coordinator', actorId: 'coordinator' },
    { type: 'sms_hold_attached', actorType: 'coordinator', actorId: 'coordinator' },
  ]);
  expect(await holdOf(stranger)).toMatchObject({
    status: 'attached',
    workOrderNumber: number,
    resolvedByType: 'coordinator',
    resolvedById: 'coordinator',
  });
  expect(await listedHoldIds()).not.toContain(hold.id);

  const again = await attach();
  expect(again.status).toBe(409);
  expect(again.body.error).toBe('hold_resolved');
  expect(await ordersFromHold(hold.id)).toEqual([number]);

  // The order runs as any other: the sender, now its tenant, is the one asked to confirm the visit.
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.twilio!.waitForMessages((m) => m.to === stranger && m.body.includes(`#${number}`));
  expect(
    (await system.outboundSms(number)).filter((m) => m.recipient_type === 'tenant').map((m) => m.to_phone),
  ).toEqual([stranger]);
});

test('two attaches of one hold at the same moment open one order: one 201, one 409', async () => {
  const stranger = '+15559990102';
  const unit = takeUnit(false);
  await text(stranger, 'A pipe burst under the sink and water is flooding the kitchen');
  const hold = await holdOf(stranger);
  const attach = () =>
    system
      .as('coordinator')
      .post(`/sms/holds/${hold.id}/attach`)
      .send({ unitId: unit.unitId, senderAsTenant: { name: 'Sol Park', language: 'en' } });
  const answers = await Promise.all([attach(), attach()]);
  expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  const number = answers.find((a) => a.status === 201)!.body.workOrderNumber;
  expect(await ordersFromHold(hold.id)).toEqual([number]);
  expect(
    (await system.db.pool.query('SELECT count(*)::int AS n FROM tenants WHERE phone = $1', [stranger])).rows[0].n,
  ).toBe(1);
});

test("a hold held for a coordinator, attached without making the sender a tenant: the order is the unit's and its tenant on file is the one texted", async () => {
  const stranger = '+15559990103';
  const unit = takeUnit(true);
  await text(stranger, 'Kitchen sink is clogged and the drain is backing up');
  await text(stranger, `${unit.building} - 987`); // no such unit there
  const hold = await holdOf(stranger);
  expect(hold.status).toBe('held');

  const attached = await system.as('coordinator').post(`/sms/holds/${hold.id}/attach`).send({ unitId: unit.unitId });
  expect(attached.status).toBe(201);
  expect(attached.body).toMatchObject({ tenantId: unit.tenantId, senderIsTenant: false });
  const number: number = attached.body.workOrderNumber;
  // The text that named the (unknown) unit is not part of the problem.
  expect(
    (await system.db.pool.query('SELECT description FROM work_orders WHERE number = $1', [number])).rows[0].description,
  ).toBe('Kitchen sink is clogged and the drain is backing up');
  expect(
    (await system.db.pool.query('SELECT count(*)::int AS n FROM tenants WHERE phone = $1', [stranger])).rows[0].n,
  ).toBe(0);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  const toTenant = (await system.outboundSms(number))
    .filter((m) => m.recipient_type === 'tenant')
    .map((m) => m.to_phone);
  expect(toTenant).toEqual([unit.tenantPhone]);
});

test('dismissed with a reason: theirs, evented, off the list; a second dismiss or an attach after it is a 409', async () => {
  const stranger = '+15559990104';
  await text(stranger, 'hello is this Dave?');
  const hold = await holdOf(stranger);

  const dismissed = await system
    .as('coordinator')
    .post(`/sms/holds/${hold.id}/dismiss`)
    .send({ reason: 'Wrong number' });
  expect(dismissed.status).toBe(200);
  expect(dismissed.body).toEqual({ holdId: hold.id, status: 'dismissed', reason: 'Wrong number' });
  expect(await holdOf(stranger)).toMatchObject({
    status: 'dismissed',
    note: 'Wrong number',
    resolvedByType: 'coordinator',
    resolvedById: 'coordinator',
    workOrderNumber: null,
  });
  expect(await listedHoldIds()).not.toContain(hold.id);
  const event = (
    await system.db.pool.query(
      `SELECT actor_type AS "actorType", actor_id AS "actorId", payload FROM events WHERE type = 'sms_hold_dismissed' AND (payload->>'holdId')::int = $1`,
      [hold.id],
    )
  ).rows;
  expect(event).toEqual([
    { actorType: 'coordinator', actorId: 'coordinator', payload: { holdId: hold.id, reason: 'Wrong number' } },
  ]);

  expect(
    (await system.as('coordinator').post(`/sms/holds/${hold.id}/dismiss`).send({ reason: 'Wrong number' })).status,
  ).toBe(409);
  expect(
    (await system.as('coordinator').post(`/sms/holds/${hold.id}/attach`).send({ unitId: units[0]!.unitId })).status,
  ).toBe(409);

  // The same number texting again starts a new hold.
  await text(stranger, 'sorry, wrong number');
  expect((await holdOf(stranger)).id).not.toBe(hold.id);
});

test('refused before anything is written: an unknown hold (404), an unknown unit (404 body.unitId), bad bodies (400 by field), another role (403)', async () => {
  const stranger = '+15559990105';
  await text(stranger, 'The heater is making a banging noise');
  const hold = await holdOf(stranger);
  const before = (
    await system.db.pool.query('SELECT claimed_number, status FROM sms_intake_holds WHERE id = $1', [hold.id])
  ).rows[0];
  const orders = async () => (await system.db.pool.query('SELECT count(*)::int AS n FROM work_orders')).rows[0].n;
  const ordersBefore = await orders();

  const coordinator = system.as('coordinator');
  expect((await coordinator.post('/sms/holds/999999/attach').send({ unitId: units[0]!.unitId })).status).toBe(404);
  expect((await coordinator.post('/sms/holds/999999/dismiss').send({ reason: 'Wrong number' })).status).toBe(404);
  const noUnit = await coordinator.post(`/sms/holds/${hold.id}/attach`).send({ unitId: 999999 });
  expect(noUnit.status).toBe(404);
  expect(noUnit.body.issues).toEqual([{ path: 'body.unitId', message: 'not found' }]);

  const paths = async (res: Promise<{ status: number; body: { issues?: Array<{ path: string }> } }>) => {
    const answer = await res;
    expect(answer.status).toBe(400);
    return answer.body.issues!.map((i) => i.path);
  };
  expect(await paths(coordinator.post(`/sms/holds/${hold.id}/attach`).send({}))).toEqual(['body.unitId']);
  expect(
    await paths(
      coordinator
        .post(`/sms/holds/${hold.id}/attach`)
        .send({ unitId: 1, senderAsTenant: { name: '', language: 'fr' } }),
    ),
  ).toEqual(['body.senderAsTenant.name', 'body.senderAsTenant.language']);
  expect(await paths(coordinator.post(`/sms/holds/${hold.id}/dismiss`).send({ reason: 'no' }))).toEqual([
    'body.reason',
  ]);
  expect(await paths(coordinator.post('/sms/holds/abc/dismiss').send({ reason: 'Wrong number' }))).toEqual([
    'params.id',
  ]);
  expect((await system.as('ops').post(`/sms/holds/${hold.id}/dismiss`).send({ reason: 'Wrong number' })).status).toBe(
    403,
  );

  expect(
    (await system.db.pool.query('SELECT claimed_number, status FROM sms_intake_holds WHERE id = $1', [hold.id]))
      .rows[0],
  ).toEqual(before);
  expect(await orders()).toBe(ordersBefore);
});
