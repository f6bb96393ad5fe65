import request from 'supertest';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { KEYS, startSystem, testRules, type TestSystem } from '../support/system';

/**
 * PATCH /<kind>/:id, and deactivating technicians and tenants (issue 17 item 4), through the API on the real
 * Temporal server and Postgres: validated edits with their events, a deactivated technician's booked visit proposed
 * again to another technician (or to a coordinator when nobody fits), and a deactivated tenant no longer texted.
 */

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem({ rules: testRules({ confirmationWaitSeconds: 600 }) });
});

afterAll(async () => {
  await system?.stop();
});

const patch = (url: string, body: unknown, role: keyof typeof KEYS = 'admin') =>
  request(system.app)
    .patch(url)
    .set('Authorization', `Bearer ${KEYS[role]}`)
    .send(body as object);
const issuePaths = (res: request.Response) => ((res.body.issues ?? []) as Array<{ path: string }>).map((i) => i.path);

async function eventsOfType(
  type: string,
): Promise<
  Array<{ actor_type: string; actor_id: string; payload: Record<string, unknown>; work_order_number: string | null }>
> {
  const { rows } = await system.db.pool.query(
    'SELECT actor_type, actor_id, payload, work_order_number FROM events WHERE type = $1 ORDER BY id',
    [type],
  );
  return rows;
}

async function textsTo(
  recipientType: string,
  recipientId: number,
  number?: number,
): Promise<Array<{ kind: string; status: string; error: string | null }>> {
  const { rows } = await system.db.pool.query(
    `SELECT kind, status, error FROM sms_messages WHERE direction = 'outbound' AND recipient_type = $1 AND recipient_id = $2 AND ($3::bigint IS NULL OR work_order_number = $3) ORDER BY id`,
    [recipientType, recipientId, number ?? null],
  );
  return rows;
}

let phoneSeq = 0;
const newPhone = () => `+1215555${String(1000 + ++phoneSeq).padStart(4, '0')}`;

/** A unit of its own with a tenant: no earlier order of the unit makes a new one look recurring. */
async function freshTenant(): Promise<{ unitId: number; tenantId: number }> {
  const buildingId = (await system.as('admin').get('/buildings?limit=1')).body.items[0].id;
  const unit = await system
    .as('admin')
    .post('/units')
    .send({ buildingId, label: `D-${++phoneSeq}` });
  const tenant = await system
    .as('admin')
    .post('/tenants')
    .send({ unitId: unit.body.id, name: `Tenant ${phoneSeq}`, phone: newPhone() });
  expect(tenant.status).toBe(201);
  return { unitId: unit.body.id, tenantId: tenant.body.id };
}

describe('PATCH', () => {
  test('buildings: a change is written with what changed and who; 400 per field, 404, 409 on another building’s name', async () => {
    const made = await system
      .as('admin')
      .post('/buildings')
      .send({ name: 'Patch Court', address: '1 Patch St', latitude: 39.95, longitude: -75.16 });
    const id: number = made.body.id;
    const changed = await patch(`/buildings/${id}`, { vendorBudgetCapCents: 75_000, address: '2 Patch St' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id,
      name: 'Patch Court',
      address: '2 Patch St',
      vendorBudgetCapCents: 75_000,
    });
    expect((await eventsOfType('building_changed')).at(-1)).toMatchObject({
      actor_type: 'admin',
      payload: {
        id,
        changes: {
          vendorBudgetCapCents: { from: 50_000, to: 75_000 },
          address: { from: '1 Patch St', to: '2 Patch St' },
        },
      },
    });

    const before = (await eventsOfType('building_changed')).length;
    expect((await patch(`/buildings/${id}`, { address: '2 Patch St' })).status).toBe(200);
    expect((await eventsOfType('building_changed')).length).toBe(before);

    const bad = await patch(`/buildings/${id}`, { latitude: 200, vendorBudgetCapCents: -1, active: false });
    expect([bad.status, issuePaths(bad).sort()]).toEqual([400, ['body', 'body.latitude', 'body.vendorBudgetCapCents']]);
    expect(issuePaths(await patch(`/buildings/${id}`, {}))).toEqual(['body']);
    expect((await patch('/buildings/999999', { name: 'Nowhere' })).status).toBe(404);
    const clash = await patch(`/buildings/${id}`, { name: 'Building A' });
    expect([clash.status, issuePaths(clash)]).toEqual([409, ['body.name']]);
    expect((await patch(`/buildings/${id}`, { name: 'Patch Court' }, 'coordinator')).status).toBe(403);
  });

  test('units: a new label; 409 on a label the building has; 404', async () => {
    const building = (await system.as('admin').get('/buildings?limit=1')).body.items[0];
    const a = await system.as('admin').post('/units').send({ buildingId: building.id, label: 'P-1' });
    await system.as('admin').post('/units').send({ buildingId: building.id, label: 'P-2' });
    const renamed = await patch(`/units/${a.body.id}`, { label: 'P-1R' });
    expect([renamed.status, renamed.body.label]).toEqual([200, 'P-1R']);
    expect((await eventsOfType('unit_changed')).at(-1)!.payload).toEqual({
      id: a.body.id,
      changes: { label: { from: 'P-1', to: 'P-1R' } },
    });
    const clash = await patch(`/units/${a.body.id}`, { label: 'P-2' });
    expect([clash.status, issuePaths(clash)]).toEqual([409, ['body.label']]);
    const moved = await patch(`/units/${a.body.id}`, { buildingId: 2 });
    expect([moved.status, [...new Set(issuePaths(moved))]]).toEqual([400, ['body']]);
    expect((await patch('/units/999999', { label: 'X' })).status).toBe(404);
  });

  test('tenants: a new phone (the event says only that it changed), a move; 409 on a phone anyone else has, 404 on an unknown unit', async () => {
    const { tenantId, unitId } = await system.unitWithTenant();
    const phone = newPhone();
    const changed = await patch(`/tenants/${tenantId}`, { phone, language: 'es' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: tenantId, phone, language: 'es', active: true });
    const event = (await eventsOfType('tenant_changed')).at(-1)!;
    expect(event.payload).toEqual({
      id: tenantId,
      changes: { phone: { changed: true }, language: { from: 'en', to: 'es' } },
    });
    expect(JSON.stringify(event.payload)).not.toContain(phone);

    const technicianPhone = (await system.as('admin').get('/technicians?limit=1')).body.items[0].phone;
    const taken = await patch(`/tenants/${tenantId}`, { phone: technicianPhone });
    expect([taken.status, issuePaths(taken)]).toEqual([409, ['body.phone']]);
    const coordinator = await system
      .as('admin')
      .post('/coordinators')
      .send({ name: 'Pat Coordinator', phone: newPhone() });
    const coordinatorPhone = await patch(`/tenants/${tenantId}`, { phone: coordinator.body.phone });
    expect([coordinatorPhone.status, coordinatorPhone.body.message]).toEqual([
      409,
      `${coordinator.body.phone} is already on file: /coordinators/${coordinator.body.id}`,
    ]);
    // Its own phone again is no conflict.
    expect((await patch(`/tenants/${tenantId}`, { phone })).status).toBe(200);

    const unknownUnit = await patch(`/tenants/${tenantId}`, { unitId: 999_999 });
    expect([unknownUnit.status, issuePaths(unknownUnit)]).toEqual([404, ['body.unitId']]);
    const bad = await patch(`/tenants/${tenantId}`, { phone: '215-555-0100', availability: 'evenings' });
    expect([bad.status, issuePaths(bad).sort()]).toEqual([400, ['body.availability', 'body.phone']]);
    expect((await patch(`/tenants/${tenantId}`, { unitId })).status).toBe(200);
    expect((await patch('/tenants/999999', { name: 'Nobody' })).status).toBe(404);
  });

  test('technicians: skills and language; 400 for no skills or half a home; 409 on a vendor’s phone', async () => {
    const made = await system
      .as('admin')
      .post('/technicians')
      .send({ name: 'Patch Tech', phone: newPhone(), skills: ['general'] });
    const id: number = made.body.id;
    const changed = await patch(`/technicians/${id}`, {
      skills: ['general', 'appliance'],
      language: 'es',
      hourlyRateCents: 7000,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ skills: ['general', 'appliance'], language: 'es', hourlyRateCents: 7000 });
    expect((await eventsOfType('technician_changed')).at(-1)!.payload).toEqual({
      id,
      changes: {
        skills: { from: ['general'], to: ['general', 'appliance'] },
        language: { from: 'en', to: 'es' },
        hourlyRateCents: { from: 6500, to: 7000 },
      },
    });
    const bad = await patch(`/technicians/${id}`, { skills: [], active: false });
    expect([bad.status, issuePaths(bad).sort()]).toEqual([400, ['body', 'body.skills']]);
    const halfHome = await patch(`/technicians/${id}`, { homeLatitude: 39.9 });
    expect([halfHome.status, issuePaths(halfHome)]).toEqual([400, ['body.homeLatitude']]);
    expect((await patch(`/technicians/${id}`, { homeLatitude: 39.9, homeLongitude: -75.1 })).status).toBe(200);
    const vendorPhone = (await system.as('admin').get('/vendors?limit=1')).body.items[0].phone;
    const taken = await patch(`/technicians/${id}`, { phone: vendorPhone });
    expect([taken.status, issuePaths(taken)]).toEqual([409, ['body.phone']]);
    expect((await patch('/technicians/999999', { name: 'Nobody' })).status).toBe(404);
  });

  test('vendors: approval and name; 409 on another vendor’s name', async () => {
    const made = await system
      .as('admin')
      .post('/vendors')
      .send({ name: 'Patch Plumbing', phone: newPhone(), skills: ['general'], approved: true });
    const changed = await patch(`/vendors/${made.body.id}`, { approved: false, skills: ['general', 'locksmith'] });
    expect([changed.status, changed.body.approved, changed.body.skills]).toEqual([
      200,
      false,
      ['general', 'locksmith'],
    ]);
    expect((await eventsOfType('vendor_changed')).at(-1)).toMatchObject({
      actor_type: 'admin',
      payload: { id: made.body.id, changes: { approved: { from: true, to: false } } },
    });
    const clash = await patch(`/vendors/${made.body.id}`, { name: 'Keystone Plumbing & Roofing' });
    expect([clash.status, issuePaths(clash)]).toEqual([409, ['body.name']]);
    expect((await patch('/vendors/999999', { approved: true })).status).toBe(404);
  });
});

describe('deactivating a technician', () => {
  /** A clogged sink, confirmed by the tenant: scheduled with one of the plumbers. */
  async function scheduledSinkOrder(): Promise<{ number: number; technicianId: number; tenantId: number }> {
    const { unitId, tenantId } = await freshTenant();
    const created = await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId, description: 'Kitchen sink is clogged and the drain is backing up' });
    expect(created.status).toBe(201);
    const number: number = created.body.number;
    const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-deact-${number}`, tenantId });
    await system.waitForAgreement(number, 'scheduled');
    return { number, technicianId: state.assignment!.technicianId, tenantId };
  }

  test('their scheduled visit is proposed again to another plumber, the coordinator sees why, the technician is texted once', async () => {
    const second = await system
      .as('admin')
      .post('/technicians')
      .send({
        name: 'Second Plumber',
        phone: newPhone(),
        skills: ['plumbing'],
        homeLatitude: 39.95,
        homeLongitude: -75.17,
      });
    expect(second.status).toBe(201);
    const { number, technicianId, tenantId } = await scheduledSinkOrder();
    expect(await textsTo('technician', technicianId, number)).toEqual([
      { kind: 'technician_assignment', status: expect.any(String), error: null },
    ]);

    const res = await system
      .as('admin')
      .post(`/technicians/${technicianId}/deactivate`)
      .send({ reason: 'left the company' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: technicianId,
      active: false,
      orders: [{ number, outcome: 'withdrawn', status: 'needs_assignment' }],
    });
    expect((await eventsOfType('technician_deactivated')).at(-1)).toMatchObject({
      actor_type: 'admin',
      payload: { id: technicianId, reason: 'left the company' },
    });

    // Proposed again through the normal path: the other plumber, and the tenant asked again.
    const state = await system.waitForState(
      number,
      (s) => s.status === 'awaiting_confirmation' && s.assignment !== null,
    );
    const other = state.assignment!.technicianId;
    expect(other).not.toBe(technicianId);
    await system.waitForAgreement(number, 'awaiting_confirmation');
    const withdrawn = (await eventsOfType('technician_withdrawn')).filter(
      (e) => Number(e.work_order_number) === number,
    );
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]).toMatchObject({ actor_type: 'admin', payload: { technicianId, reason: 'left the company' } });
    const { rows: live } = await system.db.pool.query(
      'SELECT technician_id::int AS id FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL',
      [number],
    );
    expect(live).toEqual([{ id: other }]);

    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-deact2-${number}`, tenantId });
    await system.waitForAgreement(number, 'scheduled');
    await system.waitForEvent(number, 'tenant_confirmed');
    await waitUntil(async () => (await textsTo('technician', other, number)).length > 0);
    expect((await textsTo('technician', technicianId, number)).map((t) => t.kind)).toEqual([
      'technician_assignment',
      'technician_unassigned',
    ]);
    expect((await textsTo('technician', other, number)).map((t) => t.kind)).toEqual(['technician_assignment']);

    // Deactivating again sweeps again: nothing of theirs is left on the order, and no second event.
    const again = await system.as('admin').post(`/technicians/${technicianId}/deactivate`).send({});
    expect([again.status, again.body.orders]).toEqual([200, []]);
    expect((await eventsOfType('technician_deactivated')).filter((e) => e.payload.id === technicianId)).toHaveLength(1);

    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test finished' })).status,
    ).toBe(200);
    expect(await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result()).toEqual({
      number,
      status: 'cancelled',
    });
    await recordHistoryIfAsked(
      system.env.address,
      workOrderWorkflowId(number),
      'technician-deactivated-reproposed-confirmed-cancelled',
    );
    expect((await system.as('admin').post(`/technicians/${technicianId}/reactivate`).send({})).body.active).toBe(true);
  });

  test('with nobody else to send, the order goes to a coordinator’s queue', async () => {
    const plumbers = (await system.as('admin').get('/technicians?skill=plumbing&active=true')).body.items as Array<{
      id: number;
    }>;
    const { number, technicianId } = await scheduledSinkOrder();
    // Nobody else: the other plumbers deactivated, the plumbing vendors no longer approved.
    for (const p of plumbers.filter((p) => p.id !== technicianId))
      expect((await system.as('admin').post(`/technicians/${p.id}/deactivate`).send({})).status).toBe(200);
    const vendors = (await system.as('admin').get('/vendors?skill=plumbing&approved=true')).body.items as Array<{
      id: number;
    }>;
    for (const v of vendors) expect((await patch(`/vendors/${v.id}`, { approved: false })).status).toBe(200);

    try {
      const res = await system.as('admin').post(`/technicians/${technicianId}/deactivate`).send({ reason: 'on leave' });
      expect(res.body.orders).toEqual([{ number, outcome: 'withdrawn', status: 'needs_assignment' }]);
      // Withdrawn, it is proposed again: no plumber and no approved vendor, so it ends escalated, waiting for a person.
      const { state, attributes } = await system.waitForAgreement(number, 'escalated');
      expect(state.pendingDecision?.kind).toBe('assignment');
      expect(state.pendingDecision?.reason).toMatch(/no approved vendor has the skill either/);
      expect(state.assignment).toBeNull();
      expect(state.needsCoordinator).toBe(true);
      expect(attributes.needsCoordinator).toBe(true);
    } finally {
      // Whatever happened above, the next tests need their plumbers and vendors back.
      for (const p of plumbers) await system.as('admin').post(`/technicians/${p.id}/reactivate`).send({});
      for (const v of vendors) await patch(`/vendors/${v.id}`, { approved: true });
      await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test finished' });
    }
  });

  test('a visit under way (checked in) is not taken back, and said so', async () => {
    const { number, technicianId } = await scheduledSinkOrder();
    // A coordinator records the check-in the technician phoned in.
    expect((await system.as('coordinator').post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
    await system.waitForAgreement(number, 'in_progress');
    const res = await system.as('admin').post(`/technicians/${technicianId}/deactivate`).send({});
    expect(res.body.orders).toEqual([{ number, outcome: 'unchanged', message: expect.stringContaining('under way') }]);
    expect((await system.liveState(number)).assignment!.technicianId).toBe(technicianId);
    await system.as('admin').post(`/technicians/${technicianId}/reactivate`).send({});
    await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test finished' });
  });

  test('404 for an unknown technician; admin only', async () => {
    expect((await system.as('admin').post('/technicians/999999/deactivate').send({})).status).toBe(404);
    expect((await system.as('coordinator').post('/technicians/1/deactivate').send({})).status).toBe(403);
    const bad = await system.as('admin').post('/technicians/1/deactivate').send({ reason: '', when: 'now' });
    expect([bad.status, issuePaths(bad).sort()]).toEqual([400, ['body', 'body.reason']]);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a deactivated tenant gets no texts: each is recorded as suppressed (tenant_inactive), and their visit goes ahead without asking', async () => {
  const { unitId, tenantId } = await freshTenant();
  const res = await system.as('admin').post(`/tenants/${tenantId}/deactivate`).send({ reason: 'moved out' });
  expect([res.status, res.body.active]).toEqual([200, false]);
  expect((await eventsOfType('tenant_deactivated')).at(-1)).toMatchObject({
    actor_type: 'admin',
    payload: { id: tenantId, reason: 'moved out' },
  });

  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, tenantId, description: 'Kitchen sink is clogged and the drain is backing up' });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'scheduled');
  expect(state.toldNotAsked).toBe('tenant_unreachable');
  const texts = await textsTo('tenant', tenantId);
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.every((t) => t.status === 'suppressed' && t.error === 'tenant_inactive')).toBe(true);
  const { rows: sent } = await system.db.pool.query(
    `SELECT count(*)::int AS n FROM sms_messages m JOIN tenants t ON t.phone = m.to_phone WHERE t.id = $1 AND m.direction = 'outbound' AND m.status <> 'suppressed'`,
    [tenantId],
  );
  expect(sent[0].n).toBe(0);
  // A coordinator's text is refused too, and said why.
  const message = await system
    .as('coordinator')
    .post(`/work-orders/${number}/messages`)
    .set('Idempotency-Key', `deact-${number}`)
    .send({ to: 'tenant', body: 'Are you home?' });
  expect([message.status, message.body.error]).toEqual([409, 'recipient_inactive']);

  expect((await system.as('admin').post(`/tenants/${tenantId}/reactivate`).send({})).body.active).toBe(true);
  expect((await system.as('admin').post('/tenants/999999/deactivate').send({})).status).toBe(404);
  await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test finished' });
});
