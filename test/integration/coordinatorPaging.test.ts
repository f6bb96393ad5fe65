import request from 'supertest';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import { ensurePagerRunning } from '../../workers/pager';
import { KEYS, startSystem, testRules, type TestSystem } from '../support/system';

/**
 * Coordinators on call, paged by SMS (issue 16 item 2), on the real Temporal server and Postgres with the fake
 * Twilio: the pager workflow sweeps every second; tenants text through the signed webhook; coordinators answer by
 * text. Orders: a safety emergency escalates at once; "Something is wrong with the toilet" waits in review, and a
 * review wait of a second pages.
 */

let system: TestSystem;
const ANA = '+12155550801';
const BEN = '+12155550802';
const ADMIN = '+12155550809';
const STRANGER = '+12155550899';

function pagingRules(paging: Partial<Rules['paging']> = {}): Rules {
  const base = testRules({ emergencySlaSeconds: 3600, confirmationWaitSeconds: 3600 });
  return {
    ...base,
    paging: {
      ...DEFAULT_RULES.paging,
      sweepSeconds: 1,
      reviewMaxWaitSeconds: 1,
      maxPagesPerHour: 2,
      adminPhone: null,
      ...paging,
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ALWAYS = [{ kind: 'weekly', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' }];

function twimlMessage(xml: string): string {
  const match = /<Message>([\s\S]*)<\/Message>/.exec(xml);
  return match
    ? match[1]!
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
    : '';
}

async function text(from: string, body: string): Promise<string> {
  const res = await system.textFrom(from, body);
  expect(res.status).toBe(200);
  return twimlMessage(res.text);
}

async function tenantPhones(): Promise<string[]> {
  const { rows } = await system.db.pool.query<{ phone: string }>('SELECT phone FROM tenants ORDER BY id LIMIT 6');
  return rows.map((r) => r.phone);
}

/** The order a tenant's text opened (the latest with this description from this tenant). */
async function orderFrom(phone: string, description: string): Promise<number> {
  const { rows } = await system.db.pool.query<{ number: number }>(
    `SELECT w.number::int AS number FROM work_orders w JOIN tenants t ON t.id = w.tenant_id WHERE t.phone = $1 AND w.description = $2 ORDER BY w.number DESC LIMIT 1`,
    [phone, description],
  );
  if (!rows[0]) throw new Error(`no order from ${phone}`);
  return rows[0].number;
}

async function addCoordinator(name: string, phone: string, onCall: unknown[], language = 'en'): Promise<number> {
  const res = await system.as('admin').post('/coordinators').send({ name, phone, language, onCall });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function setOnCall(id: number, windows: unknown[]): Promise<void> {
  const res = await system.as('admin').put(`/coordinators/${id}/on-call`).send({ windows });
  expect(res.status).toBe(200);
}

async function pagesOf(
  number: number,
): Promise<Array<{ cause: string; status: string; acked_by: string | null; acked_actor: string | null }>> {
  return (
    await system.db.pool.query(
      'SELECT cause, status, acked_by, acked_actor FROM coordinator_pages WHERE work_order_number = $1 ORDER BY id',
      [number],
    )
  ).rows;
}

async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: never happened; last ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

const textsTo = (phone: string) => system.twilio!.messagesTo(phone);

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio', rules: pagingRules() });
  expect(await ensurePagerRunning(system.env.client, system.taskQueue)).toBe('started');
  expect(await ensurePagerRunning(system.env.client, system.taskQueue)).toBe('running');
});

afterAll(async () => {
  await system?.stop();
});

const BURST = 'A pipe burst under the sink and water is flooding the kitchen';
const TOILET = 'Something is wrong with the toilet';

describe('coordinators on call, paged by SMS', () => {
  let ana: number;
  let escalated: number;
  let tenants: string[];

  test('an escalated order pages the on-call coordinator once per cause, across sweeps and a worker restart', async () => {
    tenants = await tenantPhones();
    ana = await addCoordinator('Ana Ruiz', ANA, ALWAYS);
    await text(tenants[0]!, BURST);
    escalated = await orderFrom(tenants[0]!, BURST);
    await system.waitForEvent(escalated, 'escalated');
    const [page] = await system.twilio!.waitForMessages(
      (m) => m.to === ANA && m.body.includes(`#${escalated}`),
      1,
      30_000,
    );
    expect(page!.body).toMatch(new RegExp(`^PAGE order #${escalated}: escalated\\.`));
    expect(page!.body).toContain(`Reply ACK ${escalated}`);

    await system.stopWorker();
    await sleep(1500);
    await system.startWorker();
    await sleep(4000);
    expect(textsTo(ANA).filter((m) => m.body.includes(`#${escalated}`))).toHaveLength(1);
    expect((await pagesOf(escalated)).map((p) => [p.cause, p.status])).toEqual([['escalated', 'sent']]);
    // The text is in the order's conversation, as the coordinator's.
    const logged = (await system.outboundSms(escalated)).filter((m) => m.recipient_type === 'coordinator');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.kind).toBe('coordinator_page');
  });

  test('a stranger’s "ACK 1107" is told it is not theirs and acknowledges nothing', async () => {
    const reply = await text(STRANGER, `ACK ${escalated}`);
    expect(reply).toContain('not a coordinator');
    expect((await pagesOf(escalated))[0]!.acked_by).toBeNull();
    const events = await system.db.pool.query(
      `SELECT 1 FROM events WHERE work_order_number = $1 AND type = 'coordinator_acknowledged'`,
      [escalated],
    );
    expect(events.rowCount).toBe(0);
    // Nor does a tenant's: theirs is a tenant's text (lane T decides what it does), never a coordinator's answer.
    await text(tenants[1]!, `ACK ${escalated}`);
    expect((await pagesOf(escalated))[0]!.acked_by).toBeNull();
  });

  test('"ACK 1107" by text is recorded as that coordinator’s: the page and a coordinator_acknowledged event', async () => {
    const reply = await text(ANA, `ack ${escalated}`);
    expect(reply).toContain(`Acknowledged: #${escalated}`);
    const [page] = await pagesOf(escalated);
    expect(Number(page!.acked_by)).toBe(ana);
    expect(page!.acked_actor).toBe(`coordinator:coordinators/${ana}`);
    const { rows } = await system.db.pool.query(
      `SELECT actor_type, actor_id, source, payload FROM events WHERE work_order_number = $1 AND type = 'coordinator_acknowledged'`,
      [escalated],
    );
    expect(rows).toEqual([
      {
        actor_type: 'coordinator',
        actor_id: `coordinators/${ana}`,
        source: 'sms',
        payload: expect.objectContaining({ coordinatorId: ana, name: 'Ana Ruiz', via: 'ack', causes: ['escalated'] }),
      },
    ]);
    expect(await text(ANA, `ACK ${escalated}`)).toContain('no open page');
    expect(await text(ANA, 'what now')).toContain('Coordinator commands');
  });

  test('"ACCEPT 1107" books the order’s proposal through the assignment update, with the coordinator as the actor', async () => {
    const reply = await text(ANA, `ACCEPT ${escalated}`);
    expect(reply).toMatch(new RegExp(`^Booked: order #${escalated} with .+\\. Recorded as your decision\\.$`));
    const { rows } = await system.db.pool.query(
      `SELECT actor_type, actor_id FROM events WHERE work_order_number = $1 AND type = 'assigned'`,
      [escalated],
    );
    expect(rows).toEqual([{ actor_type: 'coordinator', actor_id: `coordinators/${ana}` }]);
    expect(await text(ANA, `ACCEPT ${escalated}`)).toContain('was not booked');
  });

  test('nobody on call: pages wait; a coordinator coming on call gets one digest; past the rate, pages wait', async () => {
    await setOnCall(ana, []);
    const ben = await addCoordinator('Ben Okafor', BEN, [], 'es');
    const first = [tenants[2]!, tenants[3]!];
    for (const phone of first) await text(phone, TOILET);
    const waiting = await Promise.all(first.map((phone) => orderFrom(phone, TOILET)));
    for (const number of waiting)
      await waitFor(
        `review page of ${number}`,
        () => pagesOf(number),
        (p) => p.some((x) => x.cause === 'review_waiting'),
      );
    await sleep(2500);
    for (const number of waiting) expect((await pagesOf(number)).map((p) => p.status)).toEqual(['pending']);
    expect(textsTo(BEN)).toHaveLength(0);

    await setOnCall(ben, ALWAYS);
    const [digest] = await system.twilio!.waitForMessages((m) => m.to === BEN, 1, 15_000);
    expect(digest!.body).toMatch(/^2 órdenes le necesitan: /);
    for (const number of waiting) expect(digest!.body).toContain(`#${number}`);

    // The second text of the hour: a single page. The third waits (rate 2 an hour).
    await text(tenants[4]!, TOILET);
    const third = await orderFrom(tenants[4]!, TOILET);
    await system.twilio!.waitForMessages((m) => m.to === BEN && m.body.includes(`#${third}`), 1, 15_000);
    await text(tenants[5]!, TOILET);
    const fourth = await orderFrom(tenants[5]!, TOILET);
    await waitFor(
      `review page of ${fourth}`,
      () => pagesOf(fourth),
      (p) => p.length > 0,
    );
    await sleep(3000);
    expect(textsTo(BEN)).toHaveLength(2);
    expect((await pagesOf(fourth)).map((p) => p.status)).toEqual(['pending']);
    const listed = await system.as('ops').get(`/coordinators/pages?workOrderId=${fourth}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ cause: 'review_waiting', status: 'pending' });
    expect(listed.body.counts.pending).toBeGreaterThanOrEqual(1);

    // A higher rate in the rules lets it go at the next sweep.
    await system.publishRules(pagingRules({ maxPagesPerHour: 3 }));
    await system.twilio!.waitForMessages((m) => m.to === BEN && m.body.includes(`#${fourth}`), 1, 15_000);
    expect(textsTo(BEN)).toHaveLength(3);

    // ACK with no number: everything texted to Ben, recorded as his.
    const acked = await text(BEN, 'RECIBIDO');
    expect(acked).toMatch(/^Recibido: /);
    for (const number of [...waiting, third, fourth]) expect(Number((await pagesOf(number))[0]!.acked_by)).toBe(ben);
    await request(system.app)
      .patch(`/coordinators/${ben}`)
      .set('Authorization', `Bearer ${KEYS.admin}`)
      .send({ active: false })
      .expect(200);
  });

  test('nobody on call and an admin contact in the rules: the admin contact is paged', async () => {
    await system.publishRules(pagingRules({ maxPagesPerHour: 3, adminPhone: ADMIN }));
    const onCall = await system.as('coordinator').get('/coordinators/on-call');
    expect(onCall.body).toMatchObject({ coordinators: [], paged: 'admin_contact' });
    await text(tenants[0]!, TOILET);
    const number = await orderFrom(tenants[0]!, TOILET);
    const [page] = await system.twilio!.waitForMessages(
      (m) => m.to === ADMIN && m.body.includes(`#${number}`),
      1,
      15_000,
    );
    expect(page!.body).toContain(`PAGE order #${number}: waiting for your decision.`);
    // The order still waits for a coordinator as before.
    expect((await system.rowOf(number)).needs_coordinator).toBe(true);
    const { rows } = await system.db.pool.query(`SELECT recipient_type FROM sms_messages WHERE to_phone = $1`, [ADMIN]);
    expect(rows.map((r) => r.recipient_type)).toEqual(['admin']);
  });

  test('the admin API: field-path 400s, one phone one person (409), admins only for changes', async () => {
    const bad = await system
      .as('admin')
      .post('/coordinators')
      .send({
        name: 'X',
        phone: '2155550123',
        onCall: [
          { kind: 'dates', start: '2026-12-24T18:00', end: '2026-12-24T08:00' },
          { kind: 'weekly', days: [0], start: '24:00', end: '7pm' },
        ],
      });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.onCall.0.end',
      'body.onCall.1.days.0',
      'body.onCall.1.end',
      'body.onCall.1.start',
      'body.phone',
    ]);
    const taken = await system.as('admin').post('/coordinators').send({ name: 'Twin', phone: ANA });
    expect(taken.status).toBe(409);
    const tenantsPhone = await system.as('admin').post('/coordinators').send({ name: 'Tenant', phone: tenants[0] });
    expect(tenantsPhone.status).toBe(409);
    expect(
      (await system.as('coordinator').post('/coordinators').send({ name: 'Nope', phone: '+12155550870' })).status,
    ).toBe(403);
    const listed = await system.as('coordinator').get('/coordinators?active=true');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { phone: string }) => c.phone)).toEqual([ANA]);
    const deactivated = await system.as('admin').post(`/coordinators/${ana}/deactivate`);
    expect(deactivated.body).toMatchObject({ id: ana, active: false });
    // A deactivated coordinator's ACK is a stranger's.
    expect(await text(ANA, `ACK ${escalated}`)).toContain('not a coordinator');
  });
});
