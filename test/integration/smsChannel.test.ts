import { workOrderWorkflowId } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { OUR_NUMBER, startSystem, testRules, type TestSystem } from '../support/system';

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
  unitId: number;
  unitLabel: string;
  building: string;
  language: string;
}

let tenants: TenantRow[];

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio' });
  tenants = (
    await system.db.pool.query<TenantRow>(
      `SELECT t.id::int AS id, t.phone, u.id::int AS "unitId", u.label AS "unitLabel", b.name AS building, t.language
         FROM tenants t JOIN units u ON u.id = t.unit_id JOIN buildings b ON b.id = u.building_id ORDER BY t.id`,
    )
  ).rows;
});

afterAll(async () => {
  await system?.stop();
});

/** A tenant no other test uses (each test's orders and answers stay its own). */
function takeTenant(match: (t: TenantRow) => boolean = (t) => t.language === 'en'): TenantRow {
  const index = tenants.findIndex(match);
  if (index < 0) throw new Error('no tenant left for this test');
  return tenants.splice(index, 1)[0]!;
}

function twimlMessage(xml: string): string {
  const match = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  return match
    ? match[1]!
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : '';
}

async function text(from: string, body: string, messageSid?: string): Promise<string> {
  const res = await system.textFrom(from, body, messageSid);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/text\/xml/);
  return twimlMessage(res.text);
}

function numberIn(reply: string): number {
  const match = /#(\d+)/.exec(reply);
  if (!match) throw new Error(`no work order number in "${reply}"`);
  return Number(match[1]);
}

async function eventTypes(number: number): Promise<string[]> {
  return (
    await system.db.pool.query('SELECT type FROM events WHERE work_order_number = $1 ORDER BY id', [number])
  ).rows.map((r) => r.type);
}

async function techPhone(id: number): Promise<string> {
  return (await system.db.pool.query('SELECT phone FROM technicians WHERE id = $1', [id])).rows[0].phone;
}

test('a tenant texts a problem, gets the work order number in the answer, is asked through Twilio to confirm, and YES confirms', async () => {
  const tenant = takeTenant();
  const reply = await text(tenant.phone, 'The kitchen faucet is dripping and the sink drain is clogged');
  expect(reply).toMatch(/^Got it!.*Work order #\d+/);
  const number = numberIn(reply);
  const row = (
    await system.db.pool.query(
      'SELECT source, tenant_id::int AS "tenantId", unit_id::int AS "unitId" FROM work_orders WHERE number = $1',
      [number],
    )
  ).rows[0];
  expect(row).toEqual({ source: 'sms', tenantId: tenant.id, unitId: tenant.unitId });

  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  const [toTenant] = await system.twilio!.waitForMessages((m) => m.to === tenant.phone, 1, 10_000);
  expect(toTenant!.body).toMatch(/^Maintenance scheduled .+\. /);
  expect(toTenant!.body).toContain('Reply YES to confirm');
  expect(toTenant!.from).toBe(OUR_NUMBER);
  expect(toTenant!.statusCallback).toBe(`${system.baseUrl}/webhooks/twilio/status`);
  // The technician is told once the tenant confirms, not before.
  const technicianPhone = await techPhone(state.assignment!.technicianId);
  expect(system.twilio!.messagesTo(technicianPhone).filter((m) => m.body.includes(`#${number}`))).toHaveLength(0);

  const confirmed = await text(tenant.phone, 'Yes');
  expect(confirmed).toContain(`#${number}`);
  await system.waitForAgreement(number, 'scheduled');
  const [toTechnician] = await system.twilio!.waitForMessages(
    (m) => m.to === technicianPhone && m.body.includes(`#${number}`),
    1,
    10_000,
  );
  expect(toTechnician).toBeDefined();
  const confirmedEvent = (
    await system.db.pool.query(
      `SELECT actor_type, actor_id, payload FROM events WHERE work_order_number = $1 AND type = 'tenant_confirmed'`,
      [number],
    )
  ).rows;
  expect(confirmedEvent).toHaveLength(1);
  expect(confirmedEvent[0]).toMatchObject({ actor_type: 'tenant', actor_id: String(tenant.id) });

  const stored = await system.outboundSms(number);
  expect(stored.map((m) => [m.kind, m.recipient_type, m.status])).toEqual([
    ['confirmation_request', 'tenant', 'queued'],
    ['technician_assignment', 'technician', 'queued'],
  ]);
  expect(stored.every((m) => m.provider_sid?.startsWith('SM'))).toBe(true);

  const detail = await system.as('coordinator').get(`/work-orders/${number}`);
  expect(detail.body.sms.map((m: { direction: string; kind: string | null }) => [m.direction, m.kind])).toEqual([
    ['inbound', null],
    ['outbound', 'confirmation_request'],
    ['inbound', null],
    ['outbound', 'technician_assignment'],
  ]);
  const log = await system.as('ops').get(`/sms/messages?workOrderId=${number}`);
  expect(log.status).toBe(200);
  expect(log.body.items.map((m: { direction: string }) => m.direction).sort()).toEqual([
    'inbound',
    'inbound',
    'outbound',
    'outbound',
  ]);
});

test('the same MessageSid delivered three times at once gives one stored message, one work order and one answer', async () => {
  const tenant = takeTenant();
  const sid = 'SMduplicate00000000000000000000001';
  const replies = await Promise.all(
    [1, 2, 3].map(() => system.textFrom(tenant.phone, 'The bathroom sink is leaking under the cabinet', sid)),
  );
  expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
  expect(new Set(replies.map((r) => r.text)).size).toBe(1);
  const stored = await system.db.pool.query(`SELECT count(*)::int AS n FROM sms_messages WHERE provider_sid = $1`, [
    sid,
  ]);
  expect(stored.rows[0].n).toBe(1);
  const orders = await system.db.pool.query(
    `SELECT number::int AS number FROM work_orders WHERE metadata->'sms'->>'messageSid' = $1`,
    [sid],
  );
  expect(orders.rows).toHaveLength(1);
  expect(numberIn(twimlMessage(replies[0]!.text))).toBe(orders.rows[0].number);

  // A redelivered YES is answered the same and signals nothing twice.
  const number = orders.rows[0].number;
  await system.waitForAgreement(number, 'awaiting_confirmation');
  const yesSid = 'SMduplicateyes00000000000000000001';
  await Promise.all([1, 2, 3].map(() => system.textFrom(tenant.phone, 'YES', yesSid)));
  await system.waitForAgreement(number, 'scheduled');
  expect((await eventTypes(number)).filter((t) => t === 'tenant_confirmed')).toHaveLength(1);
});

test('a missing or bad signature is refused with 403 and stores nothing', async () => {
  const tenant = takeTenant();
  const sid = 'SMbadsignature0000000000000000001';
  const forged = await system.postSignedWebhook(
    '/webhooks/twilio/sms',
    { MessageSid: sid, From: tenant.phone, To: OUR_NUMBER, Body: 'leak' },
    'bm90LWEtc2lnbmF0dXJl',
  );
  expect(forged.status).toBe(403);
  const unsigned = await system.postSignedWebhook(
    '/webhooks/twilio/sms',
    { MessageSid: sid, From: tenant.phone, To: OUR_NUMBER, Body: 'leak' },
    '',
  );
  expect(unsigned.status).toBe(403);
  const stored = await system.db.pool.query(`SELECT count(*)::int AS n FROM sms_messages WHERE provider_sid = $1`, [
    sid,
  ]);
  expect(stored.rows[0].n).toBe(0);
  const malformed = await system.postSignedWebhook('/webhooks/twilio/sms', {
    From: tenant.phone,
    To: OUR_NUMBER,
    Body: 'no sid',
  });
  expect(malformed.status).toBe(400);
  expect(malformed.body.issues.map((i: { path: string }) => i.path)).toContain('body.MessageSid');
});

test('an unknown number is asked for its unit; the follow-up is matched to the tenant on file and keeps the problem text', async () => {
  const stranger = '+15559990001';
  const onFile = takeTenant((t) => t.building === 'Building A');
  const first = await text(stranger, 'Water is coming through my ceiling from upstairs');
  expect(first).toContain('Please include your unit number (Building A - 205)');
  const again = await text(stranger, 'please help');
  expect(again).toContain('Please include your unit number (Building A - 205)');
  const matched = await text(stranger, `${onFile.building} - ${onFile.unitLabel}`);
  const number = numberIn(matched);
  const row = (
    await system.db.pool.query(
      'SELECT tenant_id::int AS "tenantId", unit_id::int AS "unitId", description, metadata FROM work_orders WHERE number = $1',
      [number],
    )
  ).rows[0];
  expect(row.tenantId).toBe(onFile.id);
  expect(row.unitId).toBe(onFile.unitId);
  expect(row.description).toContain('Water is coming through my ceiling from upstairs');
  expect(row.description).toContain('please help');
  expect(row.metadata.sms).toMatchObject({ from: stranger, unknownNumber: true });

  // Two first texts at the same moment from one unknown number share one hold; nothing is lost.
  const hurried = '+15559990003';
  const answers = await Promise.all([
    text(hurried, 'The stove will not light'),
    text(hurried, 'and the oven smells odd'),
  ]);
  expect(answers.every((a) => a.includes('Please include your unit number'))).toBe(true);
  const hurriedHolds = await system.db.pool.query(`SELECT texts FROM sms_intake_holds WHERE phone = $1`, [hurried]);
  expect(hurriedHolds.rows).toHaveLength(1);
  expect([...hurriedHolds.rows[0].texts].sort()).toEqual(
    ['The stove will not light', 'and the oven smells odd'].sort(),
  );

  const lost = '+15559990002';
  expect(await text(lost, 'My heater is broken')).toContain('Please include your unit number');
  const held = await text(lost, 'Building A - 999');
  expect(held).not.toMatch(/#\d+/);
  const holds = await system.as('coordinator').get('/sms/holds');
  expect(holds.body.items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ phone: lost, status: 'held', texts: ['My heater is broken', 'Building A - 999'] }),
    ]),
  );
});

test('a tenant with several orders waiting for an answer is asked which one; YES with a number confirms that one', async () => {
  const tenant = takeTenant();
  const a = numberIn(await text(tenant.phone, 'The kitchen sink drain is clogged and backing up'));
  const b = numberIn(await text(tenant.phone, 'The bathroom faucet is dripping and the sink drips all night'));
  await system.waitForAgreement(a, 'awaiting_confirmation');
  await system.waitForAgreement(b, 'awaiting_confirmation');

  const which = await text(tenant.phone, 'yes');
  expect(which).toContain(`#${a}`);
  expect(which).toContain(`#${b}`);
  expect((await system.rowOf(a)).status).toBe('awaiting_confirmation');
  expect((await system.rowOf(b)).status).toBe('awaiting_confirmation');

  await text(tenant.phone, `YES ${b}`);
  await system.waitForAgreement(b, 'scheduled');
  expect((await system.rowOf(a)).status).toBe('awaiting_confirmation');
  // With one order left waiting, a plain answer goes to it.
  await text(tenant.phone, 'NO');
  await system.waitForEvent(a, 'tenant_declined');

  // A new problem while others are open is a new work order.
  const c = numberIn(await text(tenant.phone, 'Also the hallway light fixture flickers'));
  expect(c).not.toBe(a);
  expect(c).not.toBe(b);
});

test('another time proposed by text reschedules from that time on', async () => {
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'Kitchen sink drain is clogged and the pipe under it drips'));
  const first = await system.waitForAgreement(number, 'awaiting_confirmation');
  const ack = await text(tenant.phone, 'Can you come next friday at 3pm instead?');
  expect(ack).toContain(`#${number}`);
  await system.waitForEvent(number, 'tenant_proposed_time');
  const second = await system.waitForState(
    number,
    (s) => s.status === 'awaiting_confirmation' && s.assignment?.slot.start !== first.state.assignment!.slot.start,
    20_000,
  );
  const event = (
    await system.db.pool.query(
      `SELECT payload FROM events WHERE work_order_number = $1 AND type = 'tenant_proposed_time'`,
      [number],
    )
  ).rows[0];
  expect(event.payload.proposal).toBe('Can you come next friday at 3pm instead?');
  expect(event.payload.proposedStart).not.toBeNull();
  expect(new Date(second.assignment!.slot.start).getTime()).toBeGreaterThanOrEqual(
    new Date(event.payload.proposedStart).getTime(),
  );
  expect(second.assignment!.slot.start).not.toBe(first.state.assignment!.slot.start);
});

test('no answer gets a reminder, then goes to the coordinator', async () => {
  await system.publishRules(testRules({ confirmationWaitSeconds: 6, confirmationReminderSeconds: 2 }));
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'The garbage disposal is jammed and the sink is clogged'));
  await system.waitForState(number, (s) => s.status === 'escalated', 30_000);
  const kinds = (await system.outboundSms(number)).filter((m) => m.recipient_type === 'tenant').map((m) => m.kind);
  expect(kinds).toEqual(['confirmation_request', 'confirmation_reminder']);
  const toTenant = system.twilio!.messagesTo(tenant.phone);
  expect(toTenant).toHaveLength(2);
  expect(await eventTypes(number)).toContain('confirmation_timed_out');
  await system.publishRules(testRules());
});

test('a confirmed visit gets its day-before and hour-before reminders, and "on my way" texts the tenant the ETA', async () => {
  await system.publishRules(testRules({ visitReminderDayBeforeSeconds: 20, visitReminderHourBeforeSeconds: 12 }));
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'Something is wrong with the toilet'));
  await system.waitForState(number, (s) => s.pendingDecision?.kind === 'assignment');
  const technicians = (await system.db.pool.query('SELECT id::int AS id FROM technicians ORDER BY id')).rows.map(
    (r) => r.id,
  );
  const start = new Date(Date.now() + 28_000);
  const slot = { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  expect(
    (
      await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({
        action: 'override',
        technicianId: technicians[0],
        slot,
        reason: 'tenant is home this morning',
        force: true,
      })
    ).status,
  ).toBe(200);
  await text(tenant.phone, 'Yes');
  await system.waitForAgreement(number, 'scheduled');

  // The confirmation request, then the two reminders.
  const texts = await system.twilio!.waitForMessages((m) => m.to === tenant.phone, 3, 30_000);
  expect(texts[1]!.body).toContain(`#${number}`);
  const reminders = (await system.outboundSms(number)).filter((m) => m.kind === 'visit_reminder');
  expect(reminders.map((m) => m.idempotency_key.replace(/^.*-/, ''))).toEqual(['day', 'hour']);

  const textsBefore = system.twilio!.messagesTo(tenant.phone).length;
  expect(
    (await system.as('technician1').post(`/work-orders/${number}/visit/on-my-way`).send({ etaMinutes: 20 })).status,
  ).toBe(202);
  await system.twilio!.waitForMessages((m) => m.to === tenant.phone, textsBefore + 1, 10_000);
  expect((await system.outboundSms(number)).map((m) => m.kind)).toContain('on_the_way');
  expect(await eventTypes(number)).toContain('technician_on_the_way');
  expect(
    (await system.as('technician1').post(`/work-orders/${number}/visit/on-my-way`).send({ etaMinutes: 0 })).status,
  ).toBe(400);
  await system.publishRules(testRules());
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'test finished' })).status,
  ).toBe(200);
  await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result();
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'sms-override-confirmed-reminders-on-the-way-cancelled',
  );
});

test('STOP opts the number out: the order goes on without asking them, nothing is texted, the coordinator is told; START opts back in; HELP helps', async () => {
  const tenant = takeTenant();
  const stop = await text(tenant.phone, 'STOP');
  expect(stop).toMatch(/START/);
  const number = (
    await system
      .as('coordinator')
      .post('/work-orders')
      .send({ tenantId: tenant.id, description: 'The kitchen sink drain is clogged and backing up' })
  ).body.number;
  await system.waitForEvent(number, 'sms_not_delivered');
  // A tenant who can't be asked is not waited for (issue 16): the visit is scheduled at once.
  const { state } = await system.waitForAgreement(number, 'scheduled');
  expect(state.toldNotAsked).toBe('tenant_opted_out');
  expect(state.tenantOptedOut).toBe(true);
  expect(state.smsProblem).toMatch(/opted out/);
  expect(state.needsCoordinator).toBe(true);
  await system.waitForSearchAttributes(number, (a) => a.needsCoordinator === true);
  const stored = await system.outboundSms(number);
  expect(stored.find((m) => m.kind === 'confirmation_request')).toMatchObject({
    status: 'suppressed',
    provider_sid: null,
  });
  expect(system.twilio!.messagesTo(tenant.phone)).toHaveLength(0);
  expect(await eventTypes(number)).toContain('sms_not_delivered');
  const escalations = await system.as('coordinator').get('/queues/escalations');
  expect(escalations.body.items.map((i: { number: number }) => i.number)).toContain(number);

  expect(await text(tenant.phone, 'START')).toBeTruthy();
  expect(
    (await system.db.pool.query('SELECT count(*)::int AS n FROM sms_opt_outs WHERE phone = $1', [tenant.phone])).rows[0]
      .n,
  ).toBe(0);
  expect(await text(tenant.phone, 'HELP')).toMatch(/STOP/);
});

test('an undelivered text is sent again, and after the last attempt the coordinator is told', async () => {
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'The bathroom sink drain is clogged and the faucet drips'));
  await system.waitForAgreement(number, 'awaiting_confirmation');
  const [first] = await system.twilio!.waitForMessages((m) => m.to === tenant.phone, 1, 10_000);
  expect((await system.twilio!.sendStatusCallback(first!.sid, 'undelivered', '30003')).status).toBe(204);

  const [second] = await system.twilio!.waitForMessages(
    (m) => m.to === tenant.phone && m.sid !== first!.sid,
    1,
    10_000,
  );
  expect(second!.body).toBe(first!.body);
  expect((await system.twilio!.sendStatusCallback(second!.sid, 'failed', '30005')).status).toBe(204);
  const flagged = await system.waitForState(number, (s) => s.smsProblem !== null);
  expect(flagged.smsProblem).toMatch(/after 2 attempts/);
  expect(flagged.needsCoordinator).toBe(true);
  const types = await system.waitForEvent(number, 'sms_undeliverable');
  expect(types.filter((t) => t === 'sms_delivery_failed')).toHaveLength(2);
  expect(types).toContain('sms_undeliverable');
  expect(system.twilio!.messagesTo(tenant.phone)).toHaveLength(2);
  const statuses = (await system.outboundSms(number)).filter((m) => m.recipient_type === 'tenant').map((m) => m.status);
  expect(statuses).toEqual(['undelivered', 'failed']);

  // A receipt repeated by Twilio changes nothing more.
  await system.twilio!.sendStatusCallback(second!.sid, 'failed', '30005');
  expect((await eventTypes(number)).filter((t) => t === 'sms_delivery_failed')).toHaveLength(2);
});
