import request from 'supertest';
import { localDateOf, type LocalDate } from '../../domain/preventive/periods';
import type { preventivePlanWorkflow } from '../../workflows/preventive';
import { recordHistoryIfAsked } from '../support/histories';
import { KEYS, startSystem, type TestSystem } from '../support/system';

/**
 * Issue 17 item 5 on the real stack (API, Temporal, Postgres): equipment and seasonal tasks kept through the API, a
 * plan's preview (what a run would open and skip, and why, opening nothing), and one open order per equipment item,
 * seasonal task and recurring pattern across all plans.
 */

let system: TestSystem;
const TIME_ZONE = 'America/New_York';
const DAY_MS = 86_400_000;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const patch = (url: string, body: object, role: keyof typeof KEYS = 'scheduler') =>
  request(system.app).patch(url).set('Authorization', `Bearer ${KEYS[role]}`).send(body);

async function until<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

async function building(name: string, units: string[]): Promise<{ id: number; units: number[] }> {
  const res = await system
    .as('admin')
    .post('/buildings')
    .send({ name, address: '1 Test Street, Philadelphia, PA 19104', latitude: 39.95, longitude: -75.19 });
  expect(res.status).toBe(201);
  const unitIds: number[] = [];
  for (const label of units) {
    const unit = await system.as('admin').post('/units').send({ buildingId: res.body.id, label });
    expect(unit.status).toBe(201);
    unitIds.push(unit.body.id as number);
  }
  return { id: res.body.id as number, units: unitIds };
}

function shiftDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
const isoDay = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const today = () => localDateOf(new Date(), TIME_ZONE);
const yearsAgo = (years: number) => isoDay(shiftDays(today(), -Math.round(years * 365.25)));
/** A seasonal task's month and day, about this many days from today (a day past the 28th is the 28th). */
const dueIn = (days: number) => {
  const d = shiftDays(today(), days);
  return { dueMonth: d.month, dueDay: Math.min(d.day, 28) };
};

async function addEquipment(body: object): Promise<number> {
  const res = await system.as('scheduler').post('/equipment').send(body);
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function addSeasonalTask(body: object): Promise<number> {
  const res = await system
    .as('scheduler')
    .post('/seasonal-tasks')
    .send({ description: 'Drain and flush before the heating season.', ...body });
  expect(res.status).toBe(201);
  return res.body.id as number;
}

async function createPlan(id: string, rules: object): Promise<void> {
  // Runs only when triggered: the next calendar run is a year away at the soonest.
  const res = await system
    .as('scheduler')
    .post('/schedules')
    .send({
      id,
      name: id,
      timeZone: TIME_ZONE,
      schedule: { cron: ['0 5 1 1 *'] },
      rules,
      pausedNote: 'runs when triggered',
    });
  expect(res.status).toBe(201);
}

async function ordersOfBuilding(
  buildingId: number,
): Promise<Array<{ number: number; key: string; target: string; status: string }>> {
  const { rows } = await system.db.pool.query(
    `SELECT number::int AS number, preventive_key AS key, preventive_target AS target, status FROM work_orders
      WHERE source = 'preventive' AND building_id = $1 ORDER BY number`,
    [buildingId],
  );
  return rows;
}

interface RunRow {
  workflowId: string;
  due: number;
  opened: number;
  started: number;
  skipped: Array<{ why: string; target: string; order: { number: number; planId: string }; reason: string }>;
}

async function finishedRuns(planId: string): Promise<RunRow[]> {
  const { rows } = await system.db.pool.query<RunRow>(
    `SELECT workflow_id AS "workflowId", due, opened, started, skipped FROM preventive_runs WHERE plan_id = $1 AND finished_at IS NOT NULL ORDER BY began_at`,
    [planId],
  );
  return rows;
}

const waitForRuns = (planId: string, count: number) =>
  until(
    `finished runs of ${planId}`,
    () => finishedRuns(planId),
    (runs) => runs.length >= count,
  );

/** What the preview must leave as it was: every work order, event, text and run. */
async function footprint(): Promise<Record<string, number>> {
  const { rows } = await system.db.pool.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM work_orders) AS orders, (SELECT count(*)::int FROM events) AS events,
            (SELECT count(*)::int FROM sms_messages) AS texts, (SELECT count(*)::int FROM preventive_runs) AS runs`,
  );
  return rows[0]!;
}

async function leakOrders(buildingId: number, unitIds: number[]): Promise<number[]> {
  const numbers: number[] = [];
  for (const [i, description] of [
    'Water leaking through the bathroom ceiling',
    'The kitchen ceiling is dripping',
    'Big leak in the living room ceiling',
  ].entries()) {
    const { rows } = await system.db.pool.query<{ number: number }>(
      `INSERT INTO work_orders (building_id, unit_id, description, source, status, created_at) VALUES ($1, $2, $3, 'sms', 'completed', now() - make_interval(days => $4))
       RETURNING number::int AS number`,
      [buildingId, unitIds[i % unitIds.length], description, 100 - i * 30],
    );
    numbers.push(rows[0]!.number);
  }
  return numbers;
}

const LEAK_PATTERN = {
  name: 'ceiling-leak',
  title: 'Recurring ceiling leaks',
  terms: ['ceiling|techo', 'leak|drip|gotera'],
  count: 3,
  windowDays: 365,
};

describe('equipment through the API', () => {
  let site: { id: number; units: number[] };
  let other: { id: number; units: number[] };

  beforeAll(async () => {
    site = await building('Equipment Court', ['101']);
    other = await building('Equipment Annex', ['1']);
  });

  test('add, read, list, change, retire; each with its event', async () => {
    const added = await system.as('scheduler').post('/equipment').send({
      buildingId: site.id,
      kind: 'hvac',
      label: 'Rooftop AC unit',
      installedOn: '2012-07-01',
      typicalLifeYears: 15,
    });
    expect(added.status).toBe(201);
    expect(added.headers.location).toBe(`/equipment/${added.body.id}`);
    expect(added.body).toMatchObject({
      buildingId: site.id,
      unitId: null,
      kind: 'hvac',
      label: 'Rooftop AC unit',
      installedOn: '2012-07-01',
      typicalLifeYears: 15,
      retiredOn: null,
      openOrder: null,
    });
    const id = added.body.id as number;
    const inUnit = await addEquipment({
      buildingId: site.id,
      unitId: site.units[0],
      kind: 'refrigerator',
      label: 'Fridge 101',
      installedOn: '2020-01-15',
      typicalLifeYears: 14,
    });

    const read = await system.as('coordinator').get(`/equipment/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(added.body);
    const list = await system.as('ops').get(`/equipment?buildingId=${site.id}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { id: number }) => e.id)).toEqual([id, inUnit]);
    const firstPage = await system.as('ops').get(`/equipment?buildingId=${site.id}&limit=1`);
    expect(firstPage.body).toMatchObject({ items: [{ id }], nextCursor: String(id) });
    expect(
      (await system.as('ops').get(`/equipment?buildingId=${site.id}&kind=refrigerator`)).body.items.map(
        (e: { id: number }) => e.id,
      ),
    ).toEqual([inUnit]);

    const changed = await patch(`/equipment/${id}`, { typicalLifeYears: 18.5, label: 'Rooftop AC' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id, typicalLifeYears: 18.5, label: 'Rooftop AC' });
    const events = await system.db.pool.query(
      `SELECT type, actor_type, payload FROM events WHERE type LIKE 'equipment_%' AND (payload->>'id')::int = $1 ORDER BY id`,
      [id],
    );
    expect(events.rows).toEqual([
      {
        type: 'equipment_added',
        actor_type: 'scheduler',
        payload: { id, buildingId: site.id, label: 'Rooftop AC unit' },
      },
      {
        type: 'equipment_changed',
        actor_type: 'scheduler',
        payload: {
          id,
          buildingId: site.id,
          changes: { typicalLifeYears: { from: 15, to: 18.5 }, label: { from: 'Rooftop AC unit', to: 'Rooftop AC' } },
        },
      },
    ]);
    // The same values again change nothing and say nothing.
    expect((await patch(`/equipment/${id}`, { typicalLifeYears: 18.5 })).status).toBe(200);

    const retired = await system.as('scheduler').delete(`/equipment/${inUnit}`);
    expect(retired.status).toBe(200);
    expect(retired.body.retiredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await system.as('scheduler').delete(`/equipment/${inUnit}`)).body).toEqual(retired.body);
    expect(
      (await system.as('ops').get(`/equipment?buildingId=${site.id}`)).body.items.map((e: { id: number }) => e.id),
    ).toEqual([id]);
    expect(
      (await system.as('ops').get(`/equipment?buildingId=${site.id}&includeRetired=true`)).body.items.map(
        (e: { id: number }) => e.id,
      ),
    ).toEqual([id, inUnit]);
    const more = await system.db.pool.query(
      `SELECT type FROM events WHERE type LIKE 'equipment_%' AND (payload->>'id')::int = ANY($1) ORDER BY id`,
      [[id, inUnit]],
    );
    expect(more.rows.map((r) => r.type)).toEqual([
      'equipment_added',
      'equipment_added',
      'equipment_changed',
      'equipment_retired',
    ]);
    // PATCH puts it back.
    expect((await patch(`/equipment/${inUnit}`, { retiredOn: null })).body.retiredOn).toBeNull();
  });

  test('400 names each bad field; 404 for what does not exist; 409 for a label the building has', async () => {
    const bad = await system.as('scheduler').post('/equipment').send({
      buildingId: 0,
      kind: 'Air Conditioner',
      label: '',
      installedOn: '2020-02-30',
      typicalLifeYears: 0,
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      ['body', 'body.buildingId', 'body.installedOn', 'body.kind', 'body.label', 'body.typicalLifeYears'].sort(),
    );
    expect((await system.as('scheduler').get('/equipment/abc')).body.issues[0].path).toBe('params.id');
    expect((await patch('/equipment/1', {})).body.issues[0].path).toBe('body');

    const id = await addEquipment({
      buildingId: site.id,
      kind: 'boiler',
      label: 'Basement boiler',
      installedOn: '2010-10-01',
      typicalLifeYears: 20,
    });
    const early = await patch(`/equipment/${id}`, { retiredOn: '2009-01-01' });
    expect(early.status).toBe(400);
    expect(early.body.issues).toEqual([{ path: 'body.retiredOn', message: 'retiredOn is before installedOn' }]);
    const elsewhere = await patch(`/equipment/${id}`, { unitId: other.units[0] });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.issues[0].path).toBe('body.unitId');

    const noBuilding = await system
      .as('scheduler')
      .post('/equipment')
      .send({ buildingId: 999_999, kind: 'boiler', label: 'Ghost', installedOn: '2010-10-01', typicalLifeYears: 20 });
    expect(noBuilding.status).toBe(404);
    expect(noBuilding.body.issues[0].path).toBe('body.buildingId');
    expect((await system.as('scheduler').get('/equipment/999999')).status).toBe(404);
    expect((await patch('/equipment/999999', { label: 'x' })).status).toBe(404);
    expect((await system.as('scheduler').delete('/equipment/999999')).status).toBe(404);

    const twice = await system.as('scheduler').post('/equipment').send({
      buildingId: site.id,
      kind: 'boiler',
      label: 'Basement boiler',
      installedOn: '2015-01-01',
      typicalLifeYears: 20,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.issues).toEqual([{ path: 'body.label', message: `taken by /equipment/${id}` }]);
    const renamed = await patch(`/equipment/${id}`, { label: 'Rooftop AC' });
    expect(renamed.status).toBe(409);
    // Another building may have the same label.
    await addEquipment({
      buildingId: other.id,
      kind: 'boiler',
      label: 'Basement boiler',
      installedOn: '2015-01-01',
      typicalLifeYears: 20,
    });
  });

  test('schedulers and admin write; coordinators and ops read', async () => {
    const body = { buildingId: site.id, kind: 'roof', label: 'Roof', installedOn: '2001-01-01', typicalLifeYears: 25 };
    expect((await system.as('coordinator').post('/equipment').send(body)).status).toBe(403);
    expect((await system.as('ops').post('/equipment').send(body)).status).toBe(403);
    expect((await system.as('technician1').get('/equipment')).status).toBe(403);
    const added = await system.as('admin').post('/equipment').send(body);
    expect(added.status).toBe(201);
    expect((await patch(`/equipment/${added.body.id}`, { label: 'Roof membrane' }, 'coordinator')).status).toBe(403);
    expect((await system.as('ops').delete(`/equipment/${added.body.id}`)).status).toBe(403);
    expect((await system.as('coordinator').get(`/equipment/${added.body.id}`)).status).toBe(200);
  });
});

describe('seasonal tasks through the API', () => {
  test('add, change, deactivate and reactivate; 400, 404, 409', async () => {
    const site = await building('Seasonal Row', ['1']);
    const added = await system
      .as('scheduler')
      .post('/seasonal-tasks')
      .send({ buildingId: site.id, name: 'Clean gutters', description: 'Clear the leaves.', dueMonth: 11, dueDay: 15 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      buildingId: site.id,
      name: 'Clean gutters',
      dueMonth: 11,
      dueDay: 15,
      leadDays: 30,
      priority: 'medium',
      active: true,
      openOrder: null,
    });
    const id = added.body.id as number;

    const bad = await system
      .as('scheduler')
      .post('/seasonal-tasks')
      .send({ buildingId: site.id, name: 'x', description: 'y', dueMonth: 4, dueDay: 31, leadDays: 200 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.dueDay', 'body.leadDays']);
    const badDay = await system
      .as('scheduler')
      .post('/seasonal-tasks')
      .send({ buildingId: site.id, name: 'x', description: 'y', dueMonth: 4, dueDay: 31 });
    expect(badDay.status).toBe(400);
    expect(badDay.body.issues).toEqual([{ path: 'body.dueDay', message: 'month 4 has no day 31' }]);
    // Against the task as it is: day 15 of February is fine, and day 31 of November is not.
    expect((await patch(`/seasonal-tasks/${id}`, { dueMonth: 2 })).status).toBe(200);
    expect((await patch(`/seasonal-tasks/${id}`, { dueMonth: 11, dueDay: 31 })).body.issues[0].path).toBe(
      'body.dueDay',
    );
    expect((await patch(`/seasonal-tasks/${id}`, { dueDay: 29 })).body.dueDay).toBe(29);

    expect(
      (
        await system
          .as('scheduler')
          .post('/seasonal-tasks')
          .send({ buildingId: site.id, name: 'Clean gutters', description: 'Again.', dueMonth: 3, dueDay: 1 })
      ).status,
    ).toBe(409);
    expect((await system.as('scheduler').get('/seasonal-tasks/999999')).status).toBe(404);

    const off = await system.as('scheduler').delete(`/seasonal-tasks/${id}`);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await system.as('coordinator').get(`/seasonal-tasks?buildingId=${site.id}`)).body.items).toEqual([]);
    expect(
      (await system.as('coordinator').get(`/seasonal-tasks?buildingId=${site.id}&includeInactive=true`)).body.items,
    ).toHaveLength(1);
    expect((await patch(`/seasonal-tasks/${id}`, { active: true })).body.active).toBe(true);
    const events = await system.db.pool.query(
      `SELECT type FROM events WHERE type LIKE 'seasonal_task_%' AND (payload->>'id')::int = $1 ORDER BY id`,
      [id],
    );
    expect(events.rows.map((r) => r.type)).toEqual([
      'seasonal_task_added',
      'seasonal_task_changed',
      'seasonal_task_changed',
      'seasonal_task_deactivated',
      'seasonal_task_changed',
    ]);
  });
});

describe('a plan’s preview', () => {
  test('lists what a run would open with its reason, and what is not due; opens nothing, texts nobody', async () => {
    const site = await building('Preview Place', ['1A']);
    await system
      .as('admin')
      .post('/tenants')
      .send({ unitId: site.units[0], name: 'Pia Preview', phone: '+12155550871' });
    const old = await addEquipment({
      buildingId: site.id,
      unitId: site.units[0],
      kind: 'water_heater',
      label: 'Water heater 1A',
      installedOn: yearsAgo(11),
      typicalLifeYears: 12,
    });
    const young = await addEquipment({
      buildingId: site.id,
      kind: 'boiler',
      label: 'Boiler',
      installedOn: yearsAgo(2),
      typicalLifeYears: 20,
    });
    const soon = await addSeasonalTask({ buildingId: site.id, name: 'Drain boilers', ...dueIn(10), leadDays: 30 });
    const later = await addSeasonalTask({ buildingId: site.id, name: 'Clean gutters', ...dueIn(120), leadDays: 21 });
    await createPlan('preview-place', { buildingIds: [site.id], equipment: { lifeShare: 0.8 }, seasonal: {} });

    const before = await footprint();
    const res = await system.as('coordinator').post('/schedules/preview-place/preview').send({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      planId: 'preview-place',
      timeZone: TIME_ZONE,
      paused: true,
      localDate: isoDay(today()),
      wouldSkip: [],
    });
    expect(res.body.wouldOpen).toEqual([
      expect.objectContaining({
        target: `equipment-${old}`,
        rule: 'equipment',
        unitId: site.units[0],
        reason: expect.stringMatching(
          /^Water heater 1A is at 9\d% of its 12-year typical life .*; the plan inspects from 80%, once a year$/,
        ),
      }),
      expect.objectContaining({
        target: `seasonal-${soon}`,
        rule: 'seasonal',
        unitId: null,
        reason: expect.stringMatching(
          /^Drain boilers is due \d{4}-\d{2}-\d{2}; it opens from 30 days before until 7 days after$/,
        ),
      }),
    ]);
    expect(res.body.notDue).toEqual([
      {
        rule: 'equipment',
        target: `equipment-${young}`,
        buildingId: site.id,
        reason: expect.stringMatching(
          /^Boiler is at 10% of its 20-year typical life; the plan inspects from 80%, reached on \d{4}-/,
        ),
      },
      {
        rule: 'seasonal',
        target: `seasonal-${later}`,
        buildingId: site.id,
        reason: expect.stringMatching(
          /^Clean gutters is next due \d{4}-\d{2}-\d{2}; it opens from .* \(21 days before\)$/,
        ),
      },
    ]);
    expect(await footprint()).toEqual(before);
    expect(await ordersOfBuilding(site.id)).toEqual([]);

    // At another time: a year on, the young boiler is still not due and the tasks' dates move with the calendar.
    const asOf = new Date(Date.now() + 365 * DAY_MS).toISOString();
    const ahead = await system.as('scheduler').post('/schedules/preview-place/preview').send({ asOf });
    expect(ahead.status).toBe(200);
    expect(ahead.body.asOf).toBe(asOf);

    // After a run, the same preview names the orders that stand.
    await system.env.client.workflow.execute<typeof preventivePlanWorkflow>('preventivePlanWorkflow', {
      workflowId: 'preview-place-run',
      taskQueue: system.taskQueue,
      args: [{ planId: 'preview-place' }],
    });
    const orders = await ordersOfBuilding(site.id);
    expect(orders.map((o) => o.target)).toEqual([`equipment-${old}`, `seasonal-${soon}`]);
    const again = await system.as('ops').post('/schedules/preview-place/preview');
    expect(again.body.wouldOpen).toEqual([]);
    expect(again.body.wouldSkip.map((s: { why: string; reason: string }) => [s.why, s.reason])).toEqual([
      [
        'opened_this_period',
        expect.stringMatching(new RegExp(`^this plan opened #${orders[0]!.number} for \\d{4} already \\(`)),
      ],
      [
        'opened_this_period',
        expect.stringMatching(
          new RegExp(`^this plan opened #${orders[1]!.number} for \\d{4}-\\d{2}-\\d{2} already \\(`),
        ),
      ],
    ]);
    const equipment = await system.as('ops').get(`/equipment/${old}`);
    expect(equipment.body.openOrder).toMatchObject({ number: orders[0]!.number });
  });

  test('400 for a bad body, 404 for an unknown plan, 403 for a technician', async () => {
    const bad = await system
      .as('scheduler')
      .post('/schedules/preview-place/preview')
      .send({ asOf: 'tomorrow', dryRun: true });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'body.asOf']);
    expect((await system.as('scheduler').post('/schedules/no-such-plan/preview').send({})).status).toBe(404);
    expect((await system.as('technician1').post('/schedules/preview-place/preview').send({})).status).toBe(403);
  });
});

describe('two overlapping plans', () => {
  test('triggered together, they open one order per equipment item, seasonal task and pattern, and report what they skipped', async () => {
    const site = await building('Overlap Gardens', ['101', '201', '301']);
    const ac = await addEquipment({
      buildingId: site.id,
      kind: 'hvac',
      label: 'Rooftop AC unit',
      installedOn: yearsAgo(14),
      typicalLifeYears: 15,
    });
    const task = await addSeasonalTask({ buildingId: site.id, name: 'Service the AC', ...dueIn(5), leadDays: 30 });
    const leaks = await leakOrders(site.id, site.units);
    const rules = {
      buildingIds: [site.id],
      equipment: { lifeShare: 0.8, every: 'quarter' },
      seasonal: {},
      patterns: [LEAK_PATTERN],
    };
    await createPlan('overlap-a', rules);
    await createPlan('overlap-b', { ...rules, equipment: { lifeShare: 0.5 } });

    const before = await system.as('scheduler').post('/schedules/overlap-b/preview');
    expect(before.body.wouldOpen.map((c: { target: string }) => c.target).sort()).toEqual(
      [`equipment-${ac}`, `pattern-ceiling-leak/building-${site.id}`, `seasonal-${task}`].sort(),
    );

    const triggers = await Promise.all(
      ['overlap-a', 'overlap-b'].map((id) => system.as('scheduler').post(`/schedules/${id}/trigger`)),
    );
    expect(triggers.map((t) => t.status)).toEqual([202, 202]);
    const runs = [...(await waitForRuns('overlap-a', 1)), ...(await waitForRuns('overlap-b', 1))];

    const orders = await ordersOfBuilding(site.id);
    expect(orders.map((o) => o.target).sort()).toEqual(
      [`equipment-${ac}`, `pattern-ceiling-leak/building-${site.id}`, `seasonal-${task}`].sort(),
    );
    expect(runs.map((r) => r.due)).toEqual([3, 3]);
    expect(runs.reduce((sum, r) => sum + r.opened, 0)).toBe(3);
    expect(runs.reduce((sum, r) => sum + r.started, 0)).toBe(3);
    const skipped = runs.flatMap((r) => r.skipped);
    expect(skipped.map((s) => s.target).sort()).toEqual(orders.map((o) => o.target).sort());
    for (const s of skipped) {
      const order = orders.find((o) => o.target === s.target)!;
      expect(s.why).toBe('open_order_for_target');
      expect(s.order.number).toBe(order.number);
      expect(s.reason).toMatch(
        new RegExp(
          `^an open order already exists for this (equipment|seasonal task|recurring problem in this building): #${order.number} \\(.*opened by plan overlap-[ab]\\)$`,
        ),
      );
    }
    const investigation = await system.db.pool.query(
      `SELECT metadata->'preventive'->'orders' AS orders FROM work_orders WHERE preventive_target = $1`,
      [`pattern-ceiling-leak/building-${site.id}`],
    );
    expect(investigation.rows[0].orders).toEqual(leaks);

    // The run's result says the same, and so does the plan's view.
    const skipper = runs.find((r) => r.skipped.length > 0)!;
    const result = await system.env.client.workflow
      .getHandle<typeof preventivePlanWorkflow>(skipper.workflowId)
      .result();
    await recordHistoryIfAsked(
      system.env.address,
      skipper.workflowId,
      'preventive-run-skips-targets-open-in-another-plan',
    );
    expect(result.skipped).toBe(skipper.skipped.length);
    expect(result.skippedItems).toEqual(skipper.skipped);
    const planId = skipper.workflowId.includes('overlap-a') ? 'overlap-a' : 'overlap-b';
    expect((await system.as('ops').get(`/schedules/${planId}`)).body.runs[0].skipped).toEqual(skipper.skipped);
  });

  test('the database refuses a second open order for a target, whoever writes it', async () => {
    const { rows } = await system.db.pool.query<{ target: string; buildingId: number; unitId: number }>(
      `SELECT preventive_target AS target, building_id::int AS "buildingId", unit_id::int AS "unitId" FROM work_orders
        WHERE preventive_target IS NOT NULL AND status NOT IN ('completed', 'cancelled') LIMIT 1`,
    );
    const open = rows[0]!;
    await expect(
      system.db.pool.query(
        `INSERT INTO work_orders (building_id, unit_id, description, source, preventive_target) VALUES ($1, $2, 'A second inspection', 'preventive', $3)`,
        [open.buildingId, open.unitId, open.target],
      ),
    ).rejects.toMatchObject({ code: '23505', constraint: 'work_orders_one_open_preventive_target' });
  });
});
