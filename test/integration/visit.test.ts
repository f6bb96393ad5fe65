import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, testRules, type KEYS, type TestSystem } from '../support/system';

/**
 * The visit on the real server with second-scale rules: parts, access, review and cancel. Every step is checked
 * with waitForAgreement, which also compares technician, coordinator flag, waits and the access ladder across the
 * record, the state query and the search attributes.
 */

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
  unitId: number;
}
let tenants: TenantRow[];
let technicianIds: number[];

beforeAll(async () => {
  system = await startSystem();
  tenants = (
    await system.db.pool.query<TenantRow>(
      `SELECT t.id::int AS id, t.phone, t.unit_id::int AS "unitId" FROM tenants t WHERE t.language = 'en' ORDER BY t.id`,
    )
  ).rows;
  technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id')
  ).rows.map((r) => r.id);
});

afterAll(async () => {
  await system?.stop();
});

/** Each test's orders belong to a tenant no other test uses, so texts go where the test expects. */
function takeTenant(): TenantRow {
  const tenant = tenants.shift();
  if (!tenant) throw new Error('no tenant left');
  return tenant;
}

function keyFor(technicianId: number): keyof typeof KEYS {
  return technicianId === technicianIds[0]
    ? 'technician1'
    : technicianId === technicianIds[1]
      ? 'technician2'
      : 'coordinator';
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

async function smsKinds(number: number): Promise<string[]> {
  return (await system.outboundSms(number)).map((m) => `${m.recipient_type}:${m.kind}`);
}

/** Creates an order in the tenant's unit and walks it to a confirmed visit; answers who is coming. */
async function scheduledOrder(
  tenant: TenantRow,
  description = 'Kitchen sink is clogged and the drain is backing up',
): Promise<{ number: number; technicianId: number; key: keyof typeof KEYS }> {
  const created = await system.as('coordinator').post('/work-orders').send({ unitId: tenant.unitId, description });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).signal(tenantReplySignal, {
    answer: 'yes',
    messageSid: `SM-yes-${number}-${state.attempts.assignment}`,
    tenantId: tenant.id,
  });
  const scheduled = await system.waitForAgreement(number, 'scheduled');
  const technicianId = scheduled.state.assignment!.technicianId;
  return { number, technicianId, key: keyFor(technicianId) };
}

async function inProgressOrder(
  tenant: TenantRow,
): Promise<{ number: number; technicianId: number; key: keyof typeof KEYS }> {
  const order = await scheduledOrder(tenant);
  expect((await system.as(order.key).post(`/work-orders/${order.number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(order.number, 'in_progress');
  return order;
}

/** Texts are sent after the change they follow: wait for `atLeast` of `kind` to be stored. */
async function waitForSms(
  number: number,
  kind: string,
  atLeast = 1,
): Promise<Array<{ kind: string; body: string; recipient_type: string; to_phone: string }>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await system.outboundSms(number)).filter((m) => m.kind === kind);
    if (found.length >= atLeast || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function liveBookings(number: number): Promise<number> {
  return (
    await system.db.pool.query(
      'SELECT count(*)::int AS n FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL',
      [number],
    )
  ).rows[0].n;
}

describe('waiting for parts', () => {
  test('parts-needed releases the slot and tells the tenant; parts-arrived before the ETA reschedules once', async () => {
    await system.publishRules(testRules());
    const tenant = takeTenant();
    const { number, technicianId, key } = await inProgressOrder(tenant);

    const eta = new Date(Date.now() + 3600_000).toISOString();
    const bad = await system.as(key).post(`/work-orders/${number}/visit/parts-needed`).send({ parts: [], eta });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toContain('body.parts');
    const past = await system
      .as(key)
      .post(`/work-orders/${number}/visit/parts-needed`)
      .send({ parts: [{ name: 'P-trap 1-1/2"' }], eta: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(400);
    expect((await system.as(key).post(`/work-orders/${number}/visit/parts-arrived`).send({})).status).toBe(409);

    const parts = [
      { name: 'P-trap 1-1/2"', quantity: 1 },
      { name: 'slip nut', quantity: 2 },
    ];
    expect(
      (
        await system
          .as(key)
          .post(`/work-orders/${number}/visit/parts-needed`)
          .send({ parts, eta, note: 'corroded trap' })
      ).status,
    ).toBe(202);
    const waiting = await system.waitForAgreement(number, 'waiting_parts');
    expect(waiting.state.parts).toEqual({ items: parts, eta, technicianId, note: 'corroded trap' });
    expect(waiting.state.deadlines.partsEta).toBe(eta);
    expect(await liveBookings(number)).toBe(0);
    const request = (
      await system.db.pool.query(
        'SELECT job_type, parts, eta, arrived_at FROM parts_requests WHERE work_order_number = $1',
        [number],
      )
    ).rows;
    expect(request).toEqual([{ job_type: 'plumbing', parts, eta: new Date(eta), arrived_at: null }]);
    expect(await waitForSms(number, 'parts_ordered')).toHaveLength(1);

    expect(
      (
        await system
          .as('coordinator')
          .post(`/work-orders/${number}/visit/parts-arrived`)
          .send({ note: 'delivered to the office' })
      ).status,
    ).toBe(202);
    const rescheduled = await system.waitForAgreement(number, 'awaiting_confirmation');
    expect(rescheduled.state.parts).toBeNull();
    const arrived = await eventsOf(number, 'parts_arrived');
    expect(arrived).toHaveLength(1);
    expect(arrived[0]).toMatchObject({
      actor_type: 'coordinator',
      payload: { trigger: 'signal', note: 'delivered to the office' },
    });
    expect(
      (await system.db.pool.query('SELECT arrival_trigger FROM parts_requests WHERE work_order_number = $1', [number]))
        .rows,
    ).toEqual([{ arrival_trigger: 'signal' }]);
    expect(await liveBookings(number)).toBe(1);
    expect(await waitForSms(number, 'confirmation_request', 2)).toHaveLength(2);
  });

  test('the ETA passing reschedules; a parts-arrived racing it is taken at most once', async () => {
    await system.publishRules(testRules());
    const results: Array<{ trigger: unknown; late: number }> = [];
    // Three orders, the report sent before, at and after the ETA: whichever lands first wins, exactly once.
    for (const offsetMs of [-1500, 0, 1500]) {
      const tenant = takeTenant();
      const { number, key } = await inProgressOrder(tenant);
      const etaMs = Date.now() + 3000;
      expect(
        (
          await system
            .as(key)
            .post(`/work-orders/${number}/visit/parts-needed`)
            .send({ parts: [{ name: 'cartridge', quantity: 1 }], eta: new Date(etaMs).toISOString() })
        ).status,
      ).toBe(202);
      await system.waitForAgreement(number, 'waiting_parts');
      await new Promise((r) => setTimeout(r, Math.max(0, etaMs + offsetMs - Date.now())));
      const report = await system.as(key).post(`/work-orders/${number}/visit/parts-arrived`).send({});
      expect([202, 409]).toContain(report.status);
      await system.waitForAgreement(number, 'awaiting_confirmation');
      await new Promise((r) => setTimeout(r, 500));
      const arrived = await eventsOf(number, 'parts_arrived');
      expect(arrived).toHaveLength(1);
      const row = (
        await system.db.pool.query(
          'SELECT arrival_trigger, arrived_at FROM parts_requests WHERE work_order_number = $1',
          [number],
        )
      ).rows[0];
      expect(row.arrival_trigger).toBe(arrived[0]!.payload.trigger);
      expect((await system.liveState(number)).status).toBe('awaiting_confirmation');
      expect(await waitForSms(number, 'confirmation_request', 2)).toHaveLength(2);
      results.push({ trigger: arrived[0]!.payload.trigger, late: report.status });
    }
    // Well before the ETA the report wins; well after it the timer already won and the API says so.
    expect(results[0]).toEqual({ trigger: 'signal', late: 202 });
    expect(results[2]).toEqual({ trigger: 'eta', late: 409 });
  });

  test('cancel while waiting for parts stops the wait, closes the request and tells the tenant and the technician', async () => {
    await system.publishRules(testRules());
    const tenant = takeTenant();
    const { number, key } = await inProgressOrder(tenant);
    const eta = new Date(Date.now() + 2 * 3600_000).toISOString();
    expect(
      (
        await system
          .as(key)
          .post(`/work-orders/${number}/visit/parts-needed`)
          .send({ parts: [{ name: 'compressor', quantity: 1 }], eta })
      ).status,
    ).toBe(202);
    await system.waitForAgreement(number, 'waiting_parts');

    const cancelled = await system
      .as('coordinator')
      .post(`/work-orders/${number}/cancel`)
      .send({ reason: 'tenant moved out' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', parts: null, cancelReason: 'tenant moved out' });
    expect(await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result()).toEqual({
      number,
      status: 'cancelled',
    });
    const row = await system.rowOf(number);
    expect(row).toMatchObject({ status: 'cancelled', waiting_until: null });
    expect(
      (
        await system.db.pool.query(
          'SELECT cancelled_at IS NOT NULL AS closed, arrived_at FROM parts_requests WHERE work_order_number = $1',
          [number],
        )
      ).rows,
    ).toEqual([{ closed: true, arrived_at: null }]);
    expect(await liveBookings(number)).toBe(0);
    await waitForSms(number, 'cancelled');
    await new Promise((r) => setTimeout(r, 300));
    const kinds = await smsKinds(number);
    expect(kinds.filter((k) => k === 'tenant:cancelled')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'technician:cancelled')).toHaveLength(1);
    const technicianText = (await system.outboundSms(number)).find(
      (m) => m.recipient_type === 'technician' && m.kind === 'cancelled',
    )!;
    expect(technicianText.body).toContain('tenant moved out');
    await recordHistoryIfAsked(system.env.address, workOrderWorkflowId(number), 'parts-needed-cancelled-while-waiting');
  });
});

describe('no access', () => {
  test('a first failed visit asks the tenant for a time; silence proposes one anyway; a second failure climbs the ladder until the tenant answers', async () => {
    await system.publishRules({
      ...testRules({ accessReplyWaitSeconds: 2, accessEscalationStepSeconds: 2 }),
      visit: { photoMaxDistanceMeters: 150, photoTimeSlackSeconds: 3600, accessAttemptsBeforeEscalation: 2 },
    });
    const tenant = takeTenant();
    const first = await scheduledOrder(tenant);
    const { number } = first;

    expect(
      (
        await system
          .as(first.key)
          .post(`/work-orders/${number}/visit/no-access`)
          .send({ note: 'nobody answered, door locked' })
      ).status,
    ).toBe(202);
    const waiting = await system.waitForAgreement(number, 'waiting_access');
    expect(waiting.state.access).toEqual({ attempts: 1, escalation: null, tenantProblems: 1 });
    expect(waiting.state.deadlines.accessReplyBy).not.toBeNull();
    expect(await liveBookings(number)).toBe(0);

    // Nobody answers within 2 s: a visit is proposed anyway, and the tenant confirms it.
    const reproposed = await system.waitForAgreement(number, 'awaiting_confirmation');
    expect(reproposed.state.access).toEqual({ attempts: 1, escalation: null, tenantProblems: 1 });
    expect(await system.waitForEvent(number, 'access_reply_timed_out')).toContain('no_access');
    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-yes2-${number}`, tenantId: tenant.id });
    const second = await system.waitForAgreement(number, 'scheduled');
    const key = keyFor(second.state.assignment!.technicianId);

    // The second failure starts the ladder: case worker, legal, eviction notice, two seconds apart.
    expect((await system.as(key).post(`/work-orders/${number}/visit/no-access`).send({})).status).toBe(202);
    for (const step of ['case_worker', 'legal', 'eviction_notice']) {
      await system.waitForState(number, (s) => s.access?.escalation === step, 15_000);
      const { state, attributes } = await system.waitForAgreement(number, 'waiting_access');
      // The ladder may have moved on between the two reads; agreement is what matters, and the step seen.
      expect(['case_worker', 'legal', 'eviction_notice'].indexOf(state.access!.escalation!)).toBeGreaterThanOrEqual(
        ['case_worker', 'legal', 'eviction_notice'].indexOf(step),
      );
      expect(attributes.needsCoordinator).toBe(true);
      expect(state.pendingDecision?.kind).toBe('access');
    }
    const atTop = await system.waitForAgreement(number, 'waiting_access');
    expect(atTop.state.access).toEqual({ attempts: 2, escalation: 'eviction_notice', tenantProblems: 2 });
    expect(atTop.state.deadlines.accessReplyBy).toBeNull();
    expect(
      (await system.as('coordinator').get('/queues/escalations')).body.items.map((i: { number: number }) => i.number),
    ).toContain(number);
    expect((await eventsOf(number, 'access_escalated')).map((e) => e.payload.step)).toEqual([
      'case_worker',
      'legal',
      'eviction_notice',
    ]);
    await waitForSms(number, 'access_escalation', 3);
    const kinds = await smsKinds(number);
    expect(kinds.filter((k) => k === 'tenant:access_request')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'tenant:access_escalation')).toHaveLength(3);
    expect(
      (await system.db.pool.query('SELECT attempt FROM access_problems WHERE tenant_id = $1 ORDER BY id', [tenant.id]))
        .rows,
    ).toEqual([{ attempt: 1 }, { attempt: 2 }]);

    // The tenant finally answers with a time: the ladder ends and a visit no earlier than that is proposed.
    const reply = await system.textFrom(tenant.phone, 'ok you can come tomorrow at 10am');
    expect(reply.status).toBe(200);
    const arranged = await system.waitForAgreement(number, 'awaiting_confirmation');
    expect(arranged.state.access).toEqual({ attempts: 2, escalation: null, tenantProblems: 2 });
    expect(arranged.state.pendingDecision).toBeNull();
    expect(arranged.attributes.accessEscalation).toBeUndefined();
    const [event] = await eventsOf(number, 'access_arranged');
    expect(event).toMatchObject({ actor_type: 'tenant', payload: { by: 'tenant' } });
    expect(new Date(arranged.state.assignment!.slot.start).getTime()).toBeGreaterThanOrEqual(
      new Date(String(event!.payload.proposedStart)).getTime(),
    );

    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
        .status,
    ).toBe(200);
    await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result();
    await recordHistoryIfAsked(
      system.env.address,
      workOrderWorkflowId(number),
      'no-access-twice-ladder-tenant-answered-cancelled',
    );
  });

  test('on the ladder a coordinator can book the time they arranged by phone; a NO from the tenant is recorded and changes nothing', async () => {
    await system.publishRules({
      ...testRules({ accessReplyWaitSeconds: 60, accessEscalationStepSeconds: 60 }),
      visit: { photoMaxDistanceMeters: 150, photoTimeSlackSeconds: 3600, accessAttemptsBeforeEscalation: 1 },
    });
    const tenant = takeTenant();
    const { number, key, technicianId } = await scheduledOrder(tenant);
    expect(
      (await system.as(key).post(`/work-orders/${number}/visit/no-access`).send({ note: 'dog loose in the unit' }))
        .status,
    ).toBe(202);
    await system.waitForState(number, (s) => s.access?.escalation === 'case_worker');
    await system.waitForAgreement(number, 'waiting_access');

    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(tenantReplySignal, { answer: 'no', messageSid: `SM-no-${number}`, tenantId: tenant.id });
    await system.waitForEvent(number, 'access_refused');
    expect((await system.liveState(number)).access?.escalation).toBe('case_worker');

    const accept = await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' });
    expect(accept.status).toBe(422);
    const start = new Date(Date.now() + 3 * 86400_000);
    start.setUTCHours(15, 0, 0, 0);
    const slot = { start: start.toISOString(), end: new Date(start.getTime() + 3600_000).toISOString() };
    const booked = await system
      .as('coordinator')
      .post(`/work-orders/${number}/assignment`)
      .send({ action: 'override', technicianId, slot, reason: 'tenant agreed by phone to Thursday 10am', force: true });
    expect(booked.status).toBe(200);
    expect(booked.body).toMatchObject({ status: 'awaiting_confirmation', access: { attempts: 1, escalation: null } });
    const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
    expect(state.assignment).toMatchObject({ technicianId, slot, decidedBy: 'override' });
    expect((await eventsOf(number, 'access_arranged'))[0]).toMatchObject({
      actor_type: 'coordinator',
      payload: { by: 'coordinator' },
    });
    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
        .status,
    ).toBe(200);
  });
});

describe('photos and review', () => {
  test('photos taken away from the building are refused with nothing stored; an incomplete set is refused by the review; a complete set goes to review', async () => {
    await system.publishRules(testRules());
    const tenant = takeTenant();
    const { number, key, technicianId } = await inProgressOrder(tenant);
    const photoRows = async () =>
      (
        await system.db.pool.query('SELECT kind FROM photos WHERE work_order_number = $1 ORDER BY kind', [number])
      ).rows.map((r) => r.kind);

    // Taken across town (about 5 km away): refused, nothing stored, the order still in progress.
    const building = (
      await system.db.pool.query(
        'SELECT latitude, longitude FROM buildings b JOIN work_orders w ON w.building_id = b.id WHERE w.number = $1',
        [number],
      )
    ).rows[0];
    const far = await system.uploadPhotos(number, key, {
      at: { latitude: building.latitude + 0.045, longitude: building.longitude },
    });
    expect(far.status).toBe(422);
    expect(far.body.message).toMatch(/m from the building/);
    expect(await photoRows()).toEqual([]);
    await system.waitForAgreement(number, 'in_progress');

    // Before and after only: stored, but the review refuses the set and the technician is told what is missing.
    expect((await system.uploadPhotos(number, key, { kinds: ['before', 'after'] })).status).toBe(202);
    const refused = await system.waitForState(number, (s) => s.photoReview?.complete === false);
    expect(refused.photoReview!.issues.join(' ')).toMatch(/cleanup/);
    await system.waitForEvent(number, 'photos_refused');
    const inProgress = await system.waitForAgreement(number, 'in_progress');
    expect(inProgress.state.photos).toBeNull();
    const nudge = await waitForSms(number, 'photos_incomplete');
    expect(nudge).toHaveLength(1);
    expect(nudge[0]!.recipient_type).toBe('technician');
    expect(nudge[0]!.body).toMatch(/cleanup/);

    // All three: the review accepts them with its reasoning; only references reached the workflow.
    expect((await system.uploadPhotos(number, key, { notes: 'replaced the trap' })).status).toBe(202);
    const ready = await system.waitForAgreement(number, 'ready_review');
    expect(ready.state.photoReview).toMatchObject({ complete: true, issues: [], provider: 'deterministic' });
    expect(ready.state.photos).toMatchObject({ technicianId, notes: 'replaced the trap' });
    expect(ready.state.photos!.photos.map((p) => p.kind).sort()).toEqual(['after', 'before', 'cleanup']);
    const decisions = (
      await system.db.pool.query(
        `SELECT output->>'complete' AS complete, reasoning FROM decisions WHERE work_order_number = $1 AND kind = 'photo_review' ORDER BY id`,
        [number],
      )
    ).rows;
    expect(decisions.map((d) => d.complete)).toEqual(['false', 'true']);
    expect(decisions.every((d) => d.reasoning.length > 20)).toBe(true);
    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
        .status,
    ).toBe(200);
  });

  test('a rejection sends the technician the notes and back to work; the approval completes the order and the tenant rates it by text', async () => {
    await system.publishRules(testRules());
    const tenant = takeTenant();
    const { number, key, technicianId } = await inProgressOrder(tenant);
    expect((await system.uploadPhotos(number, key)).status).toBe(202);
    await system.waitForAgreement(number, 'ready_review');

    const rejected = await system
      .as('coordinator')
      .post(`/work-orders/${number}/review`)
      .send({ decision: 'reject', notes: 'the cabinet floor is still wet, check the slip nut' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'failed_review', attempts: { review: 1 } });
    await system.waitForAgreement(number, 'failed_review');
    await system.waitForEvent(number, 'review_rejected');
    const notes = await waitForSms(number, 'review_rejected');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('the cabinet floor is still wet');

    // The redo: back on site, new photos, approved.
    expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
    await system.waitForAgreement(number, 'in_progress');
    expect((await system.uploadPhotos(number, key, { notes: 'tightened the slip nut, dry now' })).status).toBe(202);
    await system.waitForAgreement(number, 'ready_review');
    const approved = await system
      .as('coordinator')
      .post(`/work-orders/${number}/review`)
      .send({ decision: 'approve', notes: 'dry, good' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('completed');
    const done = await system.waitForAgreement(number, 'completed');
    expect(done.state.assignment!.technicianId).toBe(technicianId);
    expect(await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result()).toEqual({
      number,
      status: 'completed',
    });

    const survey = await waitForSms(number, 'survey_request');
    expect(survey).toHaveLength(1);
    expect(survey[0]!.to_phone).toBe(tenant.phone);
    const reply = await system.textFrom(tenant.phone, '4 fixed quickly but left some dust');
    expect(reply.status).toBe(200);
    const stored = (
      await system.db.pool.query(
        'SELECT rating, comment, tenant_id::int AS tenant FROM surveys WHERE work_order_number = $1',
        [number],
      )
    ).rows;
    expect(stored).toEqual([{ rating: 4, comment: 'fixed quickly but left some dust', tenant: tenant.id }]);
    expect((await eventsOf(number, 'survey_answered'))[0]).toMatchObject({
      actor_type: 'tenant',
      payload: { rating: 4 },
    });
    expect(await eventsOf(number, 'review_approved')).toHaveLength(1);
    await recordHistoryIfAsked(
      system.env.address,
      workOrderWorkflowId(number),
      'photos-rejected-redone-approved-survey',
    );
  });
});
