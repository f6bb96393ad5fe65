import { readdir } from 'node:fs/promises';
import type request from 'supertest';
import { CUT_MARK } from '../../domain/sms/heldTexts';
import { MAX_DESCRIPTION_LENGTH } from '../../domain/description';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import {
  createAccessFixtures,
  historyLengths,
  holdingRules,
  tableCounts,
  type AccessFixtures,
} from '../support/matrixFixtures';
import { startSystem, type KEYS, type TestSystem } from '../support/system';

/**
 * Issue 14: text nobody can store (U+0000, a surrogate without its pair, control characters) and numbers past what
 * the database holds are the sender's mistake: a 400 naming the field and nothing written, never a 500 nor a frozen
 * work order. A tenant's SMS is never refused: the bad characters are replaced, and that is noted.
 */

let system: TestSystem;
let f: AccessFixtures;

const NUL = '\u0000';
const LONE = '\ud800';

/** The paths of a 4xx answer's issues. */
const issuePaths = (res: request.Response) => ((res.body?.issues ?? []) as Array<{ path: string }>).map((i) => i.path);

async function photoFileCount(): Promise<number> {
  const entries = await readdir(system.photoStorageDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

/** Everything a refused request could have written: every table, the fixtures' workflow histories, the photo folder. */
async function footprint() {
  const [tables, histories, photos] = await Promise.all([
    tableCounts(system),
    historyLengths(system, [f.orderOfTechnician1, f.orderOfTechnician2, f.unassignedOrder]),
    photoFileCount(),
  ]);
  return { tables, histories, photos };
}

beforeAll(async () => {
  system = await startSystem({ rules: holdingRules() });
  f = await createAccessFixtures(system);
  // The fixtures' workflows finish their last steps (texts to the tenant and technicians) before anything is compared.
  let last = JSON.stringify(await footprint());
  for (let settled = 0; settled < 3;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = JSON.stringify(await footprint());
    settled = now === last ? settled + 1 : 0;
    last = now;
  }
});

afterAll(async () => {
  await system?.stop();
});

describe('bad text in a body is a 400 naming the field, and nothing is written', () => {
  const future = () => new Date(Date.now() + 3 * 86_400_000).toISOString();
  const slot = () => {
    const start = new Date(Date.now() + 5 * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
  };

  const cases: Array<{
    what: string;
    as: keyof typeof KEYS;
    method: 'post' | 'put';
    url: () => string;
    body: () => object;
    path: string;
  }> = [
    {
      what: 'a description with NUL',
      as: 'coordinator',
      method: 'post',
      url: () => '/work-orders',
      body: () => ({ unitId: f.unitId, description: `The sink leaks${NUL}` }),
      path: 'body.description',
    },
    {
      what: 'a description with a lone surrogate',
      as: 'coordinator',
      method: 'post',
      url: () => '/work-orders',
      body: () => ({ unitId: f.unitId, description: `The sink ${LONE} leaks` }),
      path: 'body.description',
    },
    {
      what: 'a description with an escape character',
      as: 'coordinator',
      method: 'post',
      url: () => '/work-orders',
      body: () => ({ unitId: f.unitId, description: 'The sink \u001b[31mleaks' }),
      path: 'body.description',
    },
    {
      what: "a building's name",
      as: 'admin',
      method: 'post',
      url: () => '/buildings',
      body: () => ({ name: `Poison${NUL}Court`, address: '1 Test St', latitude: 39.95, longitude: -75.16 }),
      path: 'body.name',
    },
    {
      what: "a unit's label",
      as: 'admin',
      method: 'post',
      url: () => '/units',
      body: () => ({ buildingId: f.buildingId, label: `9${LONE}` }),
      path: 'body.label',
    },
    {
      what: "a technician's name",
      as: 'admin',
      method: 'post',
      url: () => '/technicians',
      body: () => ({ name: `Alex${NUL}`, phone: '+12675550177', skills: ['plumbing'] }),
      path: 'body.name',
    },
    {
      what: "a tenant's name",
      as: 'admin',
      method: 'post',
      url: () => '/tenants',
      body: () => ({ unitId: f.unitId, name: `${LONE}Robin`, phone: '+12155550177' }),
      path: 'body.name',
    },
    {
      what: "a vendor's name",
      as: 'admin',
      method: 'post',
      url: () => '/vendors',
      body: () => ({ name: `Pipes${NUL}Inc`, phone: '+12155550178', skills: ['plumbing'] }),
      path: 'body.name',
    },
    {
      what: 'a no-access note',
      as: 'technician1',
      method: 'post',
      url: () => `/work-orders/${f.orderOfTechnician1}/visit/no-access`,
      body: () => ({ note: `nobody home ${NUL}` }),
      path: 'body.note',
    },
    {
      what: 'a part name',
      as: 'technician1',
      method: 'post',
      url: () => `/work-orders/${f.orderOfTechnician1}/visit/parts-needed`,
      body: () => ({ parts: [{ name: `P-trap${NUL}` }], eta: future() }),
      path: 'body.parts.0.name',
    },
    {
      what: 'a parts-arrived note',
      as: 'technician1',
      method: 'post',
      url: () => `/work-orders/${f.orderOfTechnician1}/visit/parts-arrived`,
      body: () => ({ note: `at the office ${LONE}` }),
      path: 'body.note',
    },
    {
      what: 'a photo id',
      as: 'technician1',
      method: 'post',
      url: () => `/work-orders/${f.orderOfTechnician1}/visit/photos`,
      body: () => ({ photos: [{ id: `abc${NUL}`, kind: 'before' }] }),
      path: 'body.photos.0.id',
    },
    {
      what: 'a cancel reason',
      as: 'coordinator',
      method: 'post',
      url: () => `/work-orders/${f.unassignedOrder}/cancel`,
      body: () => ({ reason: `duplicate${NUL}` }),
      path: 'body.reason',
    },
    {
      what: 'a reject note',
      as: 'coordinator',
      method: 'post',
      url: () => `/work-orders/${f.orderOfTechnician1}/review`,
      body: () => ({ decision: 'reject', notes: `the tap ${LONE} still drips` }),
      path: 'body.notes',
    },
    {
      what: 'an override reason',
      as: 'coordinator',
      method: 'post',
      url: () => `/work-orders/${f.unassignedOrder}/assignment`,
      body: () => ({
        action: 'override',
        technicianId: f.technicianIds[0],
        slot: slot(),
        reason: `tenant asked${NUL}`,
      }),
      path: 'body.reason',
    },
    {
      what: 'a schedule name',
      as: 'scheduler',
      method: 'post',
      url: () => '/schedules',
      body: () => ({
        id: 'poison',
        name: `Boilers${NUL}`,
        timeZone: 'America/New_York',
        schedule: { cron: ['0 6 * * 1'] },
        rules: { seasonal: {} },
      }),
      path: 'body.name',
    },
    {
      what: 'a pause note',
      as: 'scheduler',
      method: 'post',
      url: () => '/schedules/no-such-plan/pause',
      body: () => ({ note: `replaced ${LONE}` }),
      path: 'body.note',
    },
  ];

  test.each(cases.map((c) => [c.what, c] as const))('%s', async (_what, c) => {
    const before = await footprint();
    const res = await system.as(c.as)[c.method](c.url()).send(c.body());
    expect({ status: res.status, paths: issuePaths(res) }).toEqual({ status: 400, paths: [c.path] });
    expect(res.body.issues[0].message).toMatch(/U\+(0000|D800|001B)/);
    expect(await footprint()).toEqual(before);
  });

  test('JSON carries them as escapes: the raw body with \\u0000 and \\ud800 is refused the same', async () => {
    const raw = `{"unitId": ${f.unitId}, "description": "leak \\u0000 and \\ud800"}`;
    const res = await system.as('coordinator').post('/work-orders').set('Content-Type', 'application/json').send(raw);
    expect({ status: res.status, paths: issuePaths(res) }).toEqual({ status: 400, paths: ['body.description'] });
  });

  test('rules: a note with NUL, a time zone nobody has', async () => {
    const before = await footprint();
    const current = (await system.as('coordinator').get('/rules')).body as {
      version: number;
      rules: { scheduling: object };
    };
    const badNote = await system
      .as('coordinator')
      .put('/rules')
      .send({ rules: current.rules, expectedVersion: current.version, note: `tuning${NUL}` });
    expect({ status: badNote.status, paths: issuePaths(badNote) }).toEqual({ status: 400, paths: ['body.note'] });
    const rules = { ...current.rules, scheduling: { ...current.rules.scheduling, timeZone: 'Mars/Olympus_Mons' } };
    const badZone = await system.as('coordinator').put('/rules').send({ rules, expectedVersion: current.version });
    expect({ status: badZone.status, paths: issuePaths(badZone) }).toEqual({
      status: 400,
      paths: ['body.rules.scheduling.timeZone'],
    });
    expect(await footprint()).toEqual(before);
  });
});

describe('an AppFolio import', () => {
  test('a row with a bad cell is skipped with the reason naming its column; the good row is imported', async () => {
    const { rows } = await system.db.pool.query<{ building: string; label: string }>(
      'SELECT b.name AS building, u.label FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = $1',
      [f.unitId],
    );
    const row = (number: string, cells: Record<string, string>) => ({
      'Work Order Number': number,
      'Property Name': rows[0]!.building,
      Unit: rows[0]!.label,
      'Job Description': 'Hall light flickers',
      Status: 'New',
      ...cells,
    });
    const before = await tableCounts(system);
    const res = await system
      .as('admin')
      .post('/imports/appfolio')
      .send({
        rows: [
          row('9100-1', { 'Job Description': `Hall light${NUL} flickers` }),
          row('9100-2', { 'Vendor ID': `V${LONE}` }),
          row(`9100${NUL}-3`, {}),
          row('9100-4', {}),
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r: { outcome: string; reasons?: string[] }) => [r.outcome, r.reasons ?? []])).toEqual([
      ['skipped', ['Job Description contains U+0000 (NUL) at position 11: remove it']],
      ['skipped', ['Vendor ID contains an unpaired surrogate (U+D800) at position 2: not valid Unicode']],
      ['skipped', ['Work Order Number contains U+0000 (NUL) at position 5: remove it']],
      ['created', []],
    ]);
    const after = await tableCounts(system);
    expect(after.work_orders).toBe(before.work_orders! + 1);
  });
});

describe('queries and paths past what the database holds are a 400', () => {
  const TOO_BIG = '99999999999999999999';

  test.each([
    ['/events?type=%00', 'query.type'],
    [`/events?after=${TOO_BIG}`, 'query.after'],
    [`/work-orders?cursor=${TOO_BIG}`, 'query.cursor'],
    [`/work-orders?buildingId=${TOO_BIG}`, 'query.buildingId'],
    [`/work-orders/${TOO_BIG}`, 'params.id'],
    [`/buildings?cursor=${TOO_BIG}`, 'query.cursor'],
    [`/tenants?unitId=${TOO_BIG}`, 'query.unitId'],
    [`/technicians/${TOO_BIG}`, 'params.id'],
    [`/sms/messages?workOrderId=${TOO_BIG}`, 'query.workOrderId'],
    [`/sms/messages?before=${TOO_BIG}`, 'query.before'],
    ['/analytics/summary?from=0000-01-01&to=0000-03-01', 'query.from'],
    [`/rules/${TOO_BIG}`, 'params.version'],
  ])('GET %s names %s', async (url, path) => {
    const res = await system.as('admin').get(url);
    expect({ status: res.status, paths: issuePaths(res) }).toEqual({
      status: 400,
      paths: expect.arrayContaining([path]),
    });
  });

  test("a stream's Last-Event-ID past the safe integers is a 400", async () => {
    const res = await system.as('ops').get('/events/stream').set('Last-Event-ID', TOO_BIG);
    expect({ status: res.status, paths: [...new Set(issuePaths(res))] }).toEqual({
      status: 400,
      paths: ['headers.last-event-id'],
    });
  });

  test('the largest cursor there is still reads a page', async () => {
    const page = await system.as('coordinator').get(`/work-orders?cursor=${Number.MAX_SAFE_INTEGER}&limit=1`);
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(1);
    expect((await system.as('ops').get(`/events?after=${Number.MAX_SAFE_INTEGER}`)).body.items).toEqual([]);
  });
});

describe('a photo taken at no time there is', () => {
  test('takenAt in year 0000 or 9999 is a 400 naming it, with no file left in the photo folder and no row', async () => {
    const number = f.orderOfTechnician2;
    const { tenantId } = await system.unitWithTenant();
    await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-bad-text-${number}`, tenantId });
    await system.waitForAgreement(number, 'scheduled');
    expect((await system.as('technician2').post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
    await system.waitForAgreement(number, 'in_progress');

    for (const takenAt of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z']) {
      const files = await photoFileCount();
      const res = await system.uploadPhotos(number, 'technician2', { kinds: ['before'], takenAt });
      expect({ takenAt, status: res.status, paths: issuePaths(res) }).toEqual({
        takenAt,
        status: 400,
        paths: ['body.manifest.0.takenAt'],
      });
      expect(await photoFileCount()).toBe(files);
    }
    const rows = await system.db.pool.query('SELECT count(*)::int AS n FROM photos WHERE work_order_number = $1', [
      number,
    ]);
    expect(rows.rows[0].n).toBe(0);
    // The same upload taken now is stored: the refusal was the time's.
    expect((await system.uploadPhotos(number, 'technician2', { kinds: ['before'] })).status).toBe(202);
  });
});

describe('SMS', () => {
  async function tenantNotInFixtures(): Promise<{ id: number; phone: string }> {
    const { rows } = await system.db.pool.query<{ id: number; phone: string }>(
      'SELECT id::int AS id, phone FROM tenants WHERE unit_id <> $1 ORDER BY id LIMIT 1',
      [f.unitId],
    );
    return rows[0]!;
  }

  test("a tenant's text with NUL and an escape character opens the order with U+FFFD in their place, and says so", async () => {
    const tenant = await tenantNotInFixtures();
    const sid = `SM${'d'.repeat(32)}`;
    const res = await system.textFrom(tenant.phone, `The bathroom sink${NUL} leaks under the \u001bcabinet`, sid);
    expect(res.status).toBe(200);
    const number = Number(/#(\d+)/.exec(res.text)?.[1]);
    expect(number).toBeGreaterThan(0);
    const order = (await system.db.pool.query('SELECT description FROM work_orders WHERE number = $1', [number]))
      .rows[0];
    expect(order.description).toBe('The bathroom sink\uFFFD leaks under the \uFFFDcabinet');
    const stored = (await system.db.pool.query('SELECT body FROM sms_messages WHERE provider_sid = $1', [sid])).rows[0];
    expect(stored.body).toBe(order.description);
    const noted = (
      await system.db.pool.query(
        `SELECT work_order_number::int AS number, payload FROM events WHERE type = 'sms_text_repaired'`,
      )
    ).rows;
    expect(noted).toEqual([
      { number, payload: { messageSid: sid, from: tenant.phone, replaced: 2, characters: ['U+0000', 'U+001B'] } },
    ]);

    // Twilio delivers it again: the same answer, nothing new.
    const again = await system.textFrom(tenant.phone, `The bathroom sink${NUL} leaks under the \u001bcabinet`, sid);
    expect(again.text).toBe(res.text);
    expect(
      (await system.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE type = 'sms_text_repaired'`)).rows[0].n,
    ).toBe(1);
  });

  test('an unknown sender whose texts add up past a description opens the order, cut, with the whole texts kept in the hold', async () => {
    const stranger = '+15559990101';
    const { rows } = await system.db.pool.query<{ building: string; label: string; tenantId: number }>(
      'SELECT b.name AS building, u.label, t.id::int AS "tenantId" FROM units u JOIN buildings b ON b.id = u.building_id JOIN tenants t ON t.unit_id = u.id WHERE u.id = $1 ORDER BY t.id LIMIT 1',
      [f.unitId],
    );
    const unit = rows[0]!;
    const long = (what: string) =>
      `${what}: `
        .concat('the water keeps coming through the ceiling and the paint is bubbling '.repeat(30))
        .slice(0, 1500)
        .trim();
    const texts = [long('first'), long('second'), long('third')];
    for (const t of texts) {
      const asked = await system.textFrom(stranger, t);
      expect(asked.status).toBe(200);
      expect(asked.text).toContain('Please include your unit number');
    }
    const matched = await system.textFrom(stranger, `${unit.building} - ${unit.label}`);
    expect(matched.status).toBe(200);
    const number = Number(/#(\d+)/.exec(matched.text)?.[1]);
    expect(number).toBeGreaterThan(0);

    const order = (
      await system.db.pool.query(
        'SELECT tenant_id::int AS "tenantId", description, metadata FROM work_orders WHERE number = $1',
        [number],
      )
    ).rows[0];
    expect(order.tenantId).toBe(unit.tenantId);
    expect(order.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
    expect(order.description.startsWith(`${texts[0]} / ${texts[1]} / third`)).toBe(true);
    expect(order.description.endsWith(CUT_MARK)).toBe(true);
    const hold = (
      await system.db.pool.query(
        'SELECT id::int AS id, texts, status, work_order_number::int AS number FROM sms_intake_holds WHERE phone = $1',
        [stranger],
      )
    ).rows;
    expect(hold).toEqual([
      { id: expect.any(Number), texts: [...texts, `${unit.building} - ${unit.label}`], status: 'matched', number },
    ]);
    expect(order.metadata.sms.heldTexts).toEqual({ holdId: hold[0].id, texts: 4, descriptionCut: true });

    // The number's next text is answered as usual.
    const later = await system.textFrom(stranger, long('fourth'));
    expect(later.status).toBe(200);
  });
});
