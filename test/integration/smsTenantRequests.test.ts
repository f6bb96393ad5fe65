import { startSystem, type TestSystem } from '../support/system';

/**
 * Issue 16 item 3 and 6a through the signed webhook on the real Temporal server: a tenant asks about their order and
 * opens nothing, cancels by text (asked once, YES within the window), a text that is no repair goes to the holds, and
 * an opted-out number gets no text in the webhook's answer.
 */

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
  unitId: number;
  language: string;
}

let tenants: TenantRow[];

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio' });
  tenants = (
    await system.db.pool.query<TenantRow>(
      `SELECT id::int AS id, phone, unit_id::int AS "unitId", language FROM tenants ORDER BY id`,
    )
  ).rows;
});

afterAll(async () => {
  await system?.stop();
});

function takeTenant(language: 'en' | 'es' = 'en'): TenantRow {
  const index = tenants.findIndex((t) => t.language === language);
  if (index < 0) throw new Error('no tenant left for this test');
  return tenants.splice(index, 1)[0]!;
}

/** The webhook's raw TwiML and the text in it ('' when it holds no <Message>). */
async function textWithTwiml(from: string, body: string): Promise<{ xml: string; reply: string }> {
  const res = await system.textFrom(from, body);
  expect(res.status).toBe(200);
  const match = /<Message>([\s\S]*)<\/Message>/.exec(res.text);
  const reply = match
    ? match[1]!
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : '';
  return { xml: res.text, reply };
}

async function text(from: string, body: string): Promise<string> {
  return (await textWithTwiml(from, body)).reply;
}

function numberIn(reply: string): number {
  const match = /#(\d+)/.exec(reply);
  if (!match) throw new Error(`no work order number in "${reply}"`);
  return Number(match[1]);
}

async function ordersOf(tenantId: number): Promise<number> {
  return (await system.db.pool.query('SELECT count(*)::int AS n FROM work_orders WHERE tenant_id = $1', [tenantId]))
    .rows[0].n;
}

/** Until the tenant is asked to confirm a visit (a proposal in the review queue is accepted as a coordinator would); the visit's time as texted. */
async function untilTenantAsked(number: number, phone: string, pattern: RegExp): Promise<string> {
  const state = await system.waitForState(
    number,
    (s) => s.status === 'awaiting_confirmation' || s.pendingDecision?.kind === 'assignment',
  );
  if (state.status !== 'awaiting_confirmation') {
    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/assignment`).send({ action: 'accept' })).status,
    ).toBe(200);
  }
  await system.waitForAgreement(number, 'awaiting_confirmation');
  const [asked] = await system.twilio!.waitForMessages(
    (m) => m.to === phone && m.body.includes(`#${number}`),
    1,
    15_000,
  );
  const when = pattern.exec(asked!.body)?.[1];
  if (!when) throw new Error(`no visit time in "${asked!.body}"`);
  return when;
}

const ASKED_EN = /^Maintenance scheduled (.+?)\. Technician:/;
const ASKED_ES = /^Mantenimiento programado para el (.+?)\. Técnico:/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function cancelEvent(
  number: number,
): Promise<{ actor_type: string; actor_id: string; payload: { reason: string } } | undefined> {
  return (
    await system.db.pool.query(
      `SELECT actor_type, actor_id, payload FROM events WHERE work_order_number = $1 AND type = 'cancelled'`,
      [number],
    )
  ).rows[0];
}

test("status questions open nothing and answer with the status and the visit time; another tenant's number gets no word about it", async () => {
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  const when = await untilTenantAsked(number, tenant.phone, ASKED_EN);
  const before = await ordersOf(tenant.id);

  for (const question of ['when is someone coming', 'whens the guy coming??', `status of #${number}`]) {
    expect(await text(tenant.phone, question)).toMatch(
      new RegExp(
        `^Work order #${number} \\(Kitchen sink is clogged.*\\): visit proposed for ${escape(when)}\\. Reply YES to confirm`,
      ),
    );
  }
  expect(await text(tenant.phone, 'YES')).toMatch(/^Thanks! Your visit/);
  await system.waitForAgreement(number, 'scheduled');
  expect(await text(tenant.phone, 'any update on my repair')).toBe(
    `Work order #${number} (Kitchen sink is clogged and the drain is backing up): technician visit ${when}.`,
  );

  const other = takeTenant();
  const theirs = numberIn(await text(other.phone, 'Something is wrong with the toilet'));
  const probe = await text(tenant.phone, `status of #${theirs}`);
  expect(probe).toBe(`We couldn't find work order #${theirs} for this number. Text "status" to see your orders.`);
  expect(probe).not.toMatch(/toilet/i);

  // Two open orders and none named: both, briefly.
  const second = numberIn(await text(tenant.phone, 'The hallway light fixture flickers all night'));
  const listed = await text(tenant.phone, 'is someone coming today?');
  expect(listed).toMatch(
    new RegExp(
      `^Your open work orders: #${number} \\(Kitchen sink.*\\): technician visit ${escape(when)}; #${second} \\(`,
    ),
  );
  expect(await ordersOf(tenant.id)).toBe(before + 1);
  const logged = (
    await system.db.pool.query(
      `SELECT work_order_number::int AS n FROM sms_messages WHERE direction = 'inbound' AND body = 'any update on my repair' AND from_phone = $1`,
      [tenant.phone],
    )
  ).rows[0];
  expect(logged.n).toBe(number);
});

test('Spanish status questions are answered in Spanish with the visit time', async () => {
  const tenant = takeTenant('es');
  const number = numberIn(await text(tenant.phone, 'La llave del lavabo gotea y el desagüe del fregadero está tapado'));
  const when = await untilTenantAsked(number, tenant.phone, ASKED_ES);
  const before = await ordersOf(tenant.id);
  for (const question of ['a que hora viene el tecnico', '¿cuándo vienen?', `como va mi orden ${number}`]) {
    expect(await text(tenant.phone, question)).toMatch(
      new RegExp(
        `^Orden de trabajo #${number} \\(.+\\): visita propuesta para el ${escape(when)}\\. Responda SÍ para confirmar`,
      ),
    );
  }
  expect(await ordersOf(tenant.id)).toBe(before);
});

test("cancel + YES cancels through the workflow's cancel, as the tenant; the YES is the cancel's, not the visit's it would otherwise confirm", async () => {
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  await untilTenantAsked(number, tenant.phone, ASKED_EN);

  expect(await text(tenant.phone, `cancel ${number}`)).toMatch(
    new RegExp(`^Cancel work order #${number} \\(.+\\)\\? Reply YES to cancel #${number}, or NO to keep it\\.$`),
  );
  expect((await system.liveState(number)).status).toBe('awaiting_confirmation');
  expect(await text(tenant.phone, 'YES')).toBe('');
  const { state } = await system.waitForAgreement(number, 'cancelled');
  expect(state.cancelReason).toBe('cancelled by the tenant by text');
  expect(await cancelEvent(number)).toMatchObject({ actor_type: 'tenant', actor_id: String(tenant.id) });
  expect(await system.waitForEvent(number, 'cancelled')).not.toContain('tenant_confirmed');
  await system.twilio!.waitForMessages((m) => m.to === tenant.phone && /has been cancelled/.test(m.body), 1, 15_000);
  // Asked once: the question is closed, a second YES is an ordinary YES again.
  expect(await text(tenant.phone, 'YES')).toMatch(/^We don't have a visit waiting for your answer/);
});

test('cancel with no reply cancels nothing; once the question lapses a YES confirms the visit; NO keeps the order', async () => {
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  await untilTenantAsked(number, tenant.phone, ASKED_EN);

  expect(await text(tenant.phone, 'cancel my repair')).toMatch(new RegExp(`Reply YES to cancel #${number}`));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await system.liveState(number)).status).toBe('awaiting_confirmation');
  expect(await cancelEvent(number)).toBeUndefined();

  // The window passes with no answer.
  await system.db.pool.query(
    `UPDATE sms_pending_questions SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND status = 'pending'`,
    [tenant.id],
  );
  expect(await text(tenant.phone, 'YES')).toMatch(
    new RegExp(`^Thanks! Your visit on .+ is confirmed \\(work order #${number}\\)`),
  );
  await system.waitForAgreement(number, 'scheduled');
  expect(
    (await system.db.pool.query(`SELECT status FROM sms_pending_questions WHERE tenant_id = $1`, [tenant.id])).rows.map(
      (r) => r.status,
    ),
  ).toEqual(['expired']);

  expect(await text(tenant.phone, `cancel order ${number}`)).toMatch(/Reply YES to cancel/);
  expect(await text(tenant.phone, 'no')).toBe(`OK, work order #${number} stays open.`);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect((await system.liveState(number)).status).toBe('scheduled');
  expect(await cancelEvent(number)).toBeUndefined();
});

test('a visit question texted after the cancel question is newer and takes the YES', async () => {
  const tenant = takeTenant();
  const number = numberIn(await text(tenant.phone, 'Kitchen sink is clogged and the drain is backing up'));
  await untilTenantAsked(number, tenant.phone, ASKED_EN);
  expect(await text(tenant.phone, `cancel ${number}`)).toMatch(/Reply YES to cancel/);
  // As if the workflow had sent its confirmation reminder after the cancel question.
  await system.db.pool.query(
    `INSERT INTO sms_messages (direction, work_order_number, from_phone, to_phone, body, provider, kind, status, created_at)
     VALUES ('outbound', $1, '+15550000000', $2, 'Reminder: maintenance is scheduled', 'twilio', 'confirmation_reminder', 'sent', now() + interval '1 second')`,
    [number, tenant.phone],
  );
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(await text(tenant.phone, 'yes')).toMatch(new RegExp(`is confirmed \\(work order #${number}\\)`));
  await system.waitForAgreement(number, 'scheduled');
  expect(await cancelEvent(number)).toBeUndefined();
});

test('Spanish cancel: "ya no necesito el servicio" asks in Spanish and "sí" cancels', async () => {
  const tenant = takeTenant('es');
  const number = numberIn(await text(tenant.phone, 'La llave del lavabo gotea y el desagüe del fregadero está tapado'));
  // Asked to confirm first: the cancel question must be the last question the tenant was asked when "sí" comes.
  await untilTenantAsked(number, tenant.phone, ASKED_ES);
  expect(await text(tenant.phone, 'ya no necesito el servicio')).toMatch(
    new RegExp(`^¿Cancelar la orden #${number} \\(.+\\)\\? Responda SÍ para cancelarla o NO para mantenerla\\.$`),
  );
  expect(await text(tenant.phone, 'sí')).toBe('');
  await system.waitForAgreement(number, 'cancelled');
  expect(await cancelEvent(number)).toMatchObject({ actor_type: 'tenant', actor_id: String(tenant.id) });
  await system.twilio!.waitForMessages((m) => m.to === tenant.phone && /fue cancelada/.test(m.body), 1, 15_000);
  expect(await text(tenant.phone, `cancelar ${number}`)).toBe(`La orden #${number} ya está cancelada.`);
});

test('a text that is no repair goes to the holds with its reason, opening nothing; bare CANCEL stays an opt-out', async () => {
  const tenant = takeTenant();
  const before = await ordersOf(tenant.id);
  expect(await text(tenant.phone, 'can I paint my bedroom')).toBe(
    'Thanks. We passed your message to a coordinator, who will get back to you. To report a repair, describe it in a text.',
  );
  expect(await text(tenant.phone, 'my rent is late')).toMatch(/^Thanks\. We passed your message/);
  expect(await ordersOf(tenant.id)).toBe(before);
  const holds = (await system.as('coordinator').get('/sms/holds')).body.items as Array<{
    phone: string;
    texts: string[];
    status: string;
    reason: string;
    unitId: number;
  }>;
  const mine = holds.filter((h) => h.phone === tenant.phone);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    status: 'held',
    texts: ['can I paint my bedroom', 'my rent is late'],
    unitId: tenant.unitId,
  });
  expect(mine[0]!.reason).toBe(`tenant ${tenant.id}: not a repair: about rent, the lease or a payment`);

  expect(await text(tenant.phone, 'CANCEL')).toMatch(/START/);
  expect((await system.db.pool.query('SELECT 1 FROM sms_opt_outs WHERE phone = $1', [tenant.phone])).rowCount).toBe(1);
  await text(tenant.phone, 'START');
});

test('an opted-out number gets an empty TwiML: its problem still opens an order, with no acknowledgement', async () => {
  const tenant = takeTenant();
  expect(await text(tenant.phone, 'STOP')).toMatch(/START/);
  const before = await ordersOf(tenant.id);
  const { xml, reply } = await textWithTwiml(tenant.phone, 'Kitchen sink is clogged and the drain is backing up');
  expect(reply).toBe('');
  expect(xml).not.toMatch(/<Message/);
  expect(await ordersOf(tenant.id)).toBe(before + 1);
  expect((await textWithTwiml(tenant.phone, 'when is someone coming')).xml).not.toMatch(/<Message/);
  expect((await textWithTwiml(tenant.phone, 'who is this')).xml).not.toMatch(/<Message/);
  // HELP is still answered (carrier rules), and YES opts back in.
  expect(await text(tenant.phone, 'HELP')).toMatch(/STOP/);
  expect(await text(tenant.phone, 'YES')).toMatch(/subscribed again/);
});
