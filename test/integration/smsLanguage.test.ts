import { startSystem, type TestSystem } from '../support/system';

/** A tenant is answered in the language they write in, when their text can tell; the order's texts follow it. */

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
  language: string;
}

let tenants: TenantRow[];

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio' });
  tenants = (await system.db.pool.query<TenantRow>(`SELECT id::int AS id, phone, language FROM tenants ORDER BY id`))
    .rows;
});

afterAll(async () => {
  await system?.stop();
});

function takeTenant(language: 'en' | 'es'): TenantRow {
  const index = tenants.findIndex((t) => t.language === language);
  if (index < 0) throw new Error('no tenant left for this test');
  return tenants.splice(index, 1)[0]!;
}

async function text(from: string, body: string): Promise<string> {
  const res = await system.textFrom(from, body);
  expect(res.status).toBe(200);
  const match = /<Message>([\s\S]*)<\/Message>/.exec(res.text);
  return match
    ? match[1]!
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : '';
}

function numberIn(reply: string): number {
  const match = /#(\d+)/.exec(reply);
  if (!match) throw new Error(`no work order number in "${reply}"`);
  return Number(match[1]);
}

/** Until the tenant is asked to confirm a visit: a proposal routed to the review queue is accepted as a coordinator would. */
async function untilTenantAsked(number: number): Promise<void> {
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
}

async function textsTo(phone: string, count: number): Promise<string[]> {
  return (await system.twilio!.waitForMessages((m) => m.to === phone, count, 15_000)).map((m) => m.body);
}

async function orderLanguage(number: number): Promise<string | null> {
  return (
    await system.db.pool.query(`SELECT metadata->>'tenantLanguage' AS language FROM work_orders WHERE number = $1`, [
      number,
    ])
  ).rows[0].language;
}

async function languageOnFile(tenantId: number): Promise<string> {
  return (await system.db.pool.query(`SELECT language FROM tenants WHERE id = $1`, [tenantId])).rows[0].language;
}

test('a tenant on file as English who texts a problem in Spanish is answered, asked to confirm and thanked in Spanish; their record stays English and their next English text is answered in English', async () => {
  const tenant = takeTenant('en');
  const reply = await text(tenant.phone, 'La llave del lavabo gotea y el desagüe del fregadero está tapado');
  expect(reply).toMatch(/^¡Recibido! Recibimos su solicitud\. Orden de trabajo #\d+\./);
  const number = numberIn(reply);
  expect(await orderLanguage(number)).toBe('es');

  await untilTenantAsked(number);
  const [confirmation] = await textsTo(tenant.phone, 1);
  expect(confirmation).toMatch(
    new RegExp(`^Mantenimiento programado para el .+ Orden #${number}\\. Responda SÍ para confirmar`),
  );

  // "YES" can't tell a language: the order's is kept.
  expect(await text(tenant.phone, 'YES')).toMatch(
    new RegExp(`^¡Gracias! Su visita del .+ está confirmada \\(orden #${number}\\)`),
  );
  await system.waitForAgreement(number, 'scheduled');
  expect(await languageOnFile(tenant.id)).toBe('en');

  const next = await text(tenant.phone, 'The hallway light fixture flickers all night');
  expect(next).toMatch(/^Got it! We received your request\. Work order #\d+\./);
  expect(await orderLanguage(numberIn(next))).toBe('en');
});

test('a tenant on file as Spanish who answers "ok" stays in Spanish, and so after "yes thank you", a stock phrase', async () => {
  const tenant = takeTenant('es');
  const number = numberIn(await text(tenant.phone, 'La llave del lavabo gotea y el desagüe del fregadero está tapado'));
  await untilTenantAsked(number);
  expect((await textsTo(tenant.phone, 1))[0]).toMatch(/^Mantenimiento programado/);

  expect(await text(tenant.phone, 'ok')).toMatch(
    new RegExp(`^¡Gracias! Su visita del .+ está confirmada \\(orden #${number}\\)`),
  );
  await system.waitForAgreement(number, 'scheduled');
  expect(await text(tenant.phone, 'yes thank you')).toMatch(/^No tenemos ninguna visita pendiente de su respuesta\./);
  expect(await orderLanguage(number)).toBe('es');
  expect(await languageOnFile(tenant.id)).toBe('es');
});

test('a time proposed in another language moves the order to it: the next visit is proposed in it', async () => {
  const tenant = takeTenant('en');
  const number = numberIn(await text(tenant.phone, 'The kitchen faucet is dripping and the sink drain is clogged'));
  expect(await orderLanguage(number)).toBe('en');
  await untilTenantAsked(number);
  const first = await system.liveState(number);
  expect((await textsTo(tenant.phone, 1))[0]).toMatch(/^Maintenance scheduled /);

  expect(await text(tenant.phone, 'no puedo ese dia, mejor el jueves a las 3')).toBe(
    `Gracias por avisarnos. Buscaremos otro horario para la orden #${number} y le enviaremos un mensaje.`,
  );
  expect(await orderLanguage(number)).toBe('es');
  await system.waitForEvent(number, 'tenant_proposed_time');
  const moved = (s: Awaited<ReturnType<TestSystem['liveState']>>) =>
    s.status === 'awaiting_confirmation' && s.assignment?.slot.start !== first.assignment!.slot.start;
  const second = await system.waitForState(number, (s) => moved(s) || s.pendingDecision?.kind === 'assignment', 20_000);
  if (!moved(second)) await untilTenantAsked(number);
  const [, proposedAgain] = await textsTo(tenant.phone, 2);
  expect(proposedAgain).toMatch(new RegExp(`^Mantenimiento programado para el .+ Orden #${number}\\.`));
  expect(await languageOnFile(tenant.id)).toBe('en');
});

test('an unknown number that writes its problem in Spanish is answered in Spanish once its unit is found, whatever the tenant on file speaks', async () => {
  const onFile = (
    await system.db.pool.query<{ unit: string; language: string }>(
      `SELECT u.label AS unit, t.language FROM tenants t JOIN units u ON u.id = t.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE b.name = 'Building A' AND t.language = 'en' ORDER BY t.id LIMIT 1`,
    )
  ).rows[0]!;
  const stranger = '+15559990101';
  expect(await text(stranger, 'se me tapo el baño y se sale el agua')).toContain('Edificio A - 205');
  const matched = await text(stranger, `Edificio A - ${onFile.unit}`);
  expect(matched).toMatch(/^¡Recibido!/);
  expect(await orderLanguage(numberIn(matched))).toBe('es');
});
