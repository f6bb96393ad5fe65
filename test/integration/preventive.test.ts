import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { localParts } from '../../domain/zonedTime';
import { localDateOf, type LocalDate } from '../../domain/preventive/periods';
import type { preventivePlanWorkflow } from '../../workflows/preventive';
import { preventiveScheduleId, type PreventiveRunInput } from '../../workflows/preventiveDefinitions';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, type TestSystem } from '../support/system';

/** Preventive plans on the real stack: the API, Temporal Schedules and the run workflow, Postgres. */

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

/** A building of this test's own, so the demo data's equipment and history never count. */
async function building(name: string, units: string[]): Promise<{ id: number; units: number[] }> {
  const { rows } = await system.db.pool.query<{ id: number }>(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ($1, '1 Test Street, Philadelphia, PA 19104', 39.95, -75.19) RETURNING id::int AS id`,
    [name],
  );
  const id = rows[0]!.id;
  const unitIds: number[] = [];
  for (const label of units) {
    const unit = await system.db.pool.query<{ id: number }>(
      'INSERT INTO units (building_id, label) VALUES ($1, $2) RETURNING id::int AS id',
      [id, label],
    );
    unitIds.push(unit.rows[0]!.id);
  }
  return { id, units: unitIds };
}

function shiftDays(d: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

const isoDay = (d: LocalDate) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
const yearsAgo = (years: number) => isoDay(shiftDays(localDateOf(new Date(), TIME_ZONE), -Math.round(years * 365.25)));

async function addSeasonalTask(buildingId: number, name: string, dueInDays: number, leadDays: number): Promise<void> {
  const due = shiftDays(localDateOf(new Date(), TIME_ZONE), dueInDays);
  await system.db.pool.query(
    `INSERT INTO seasonal_tasks (building_id, name, description, due_month, due_day, lead_days) VALUES ($1, $2, 'Drain and flush before the heating season.', $3, $4, $5)`,
    [buildingId, name, due.month, due.day, leadDays],
  );
}

async function preventiveOrders(planId: string): Promise<
  Array<{
    number: number;
    key: string;
    status: string;
    unitId: number;
    tenantId: number | null;
    metadata: { preventive: Record<string, unknown> };
  }>
> {
  const { rows } = await system.db.pool.query(
    `SELECT number::int AS number, preventive_key AS key, status, unit_id::int AS "unitId", tenant_id::int AS "tenantId", metadata
       FROM work_orders WHERE source = 'preventive' AND preventive_key LIKE $1 || '/%' ORDER BY number`,
    [planId],
  );
  return rows;
}

async function finishedRuns(
  planId: string,
): Promise<Array<{ due: number; opened: number; started: number; alreadyStarted: number }>> {
  return (await finishedRunsWithIds(planId)).map(({ workflowId: _id, ...counts }) => counts);
}

async function finishedRunsWithIds(
  planId: string,
): Promise<Array<{ workflowId: string; due: number; opened: number; started: number; alreadyStarted: number }>> {
  const { rows } = await system.db.pool.query(
    `SELECT workflow_id AS "workflowId", due, opened, started, already_started AS "alreadyStarted" FROM preventive_runs
      WHERE plan_id = $1 AND finished_at IS NOT NULL ORDER BY began_at`,
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

/** Work order workflows Temporal has for a building (visibility lags a little behind the starts). */
async function workOrderWorkflowIds(buildingId: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of system.env.client.workflow.list({
    query: `WorkflowType = 'workOrderWorkflow' AND BuildingId = '${buildingId}'`,
  }))
    ids.push(wf.workflowId);
  return ids.sort();
}

/** Triggers through the API once the schedule has no run in progress (Temporal notices a finished run a moment later). */
async function triggerWhenIdle(planId: string): Promise<void> {
  await until(
    `runs in progress of ${planId}`,
    async () => (await system.as('scheduler').get(`/schedules/${planId}`)).body.runningWorkflowIds as string[],
    (ids) => ids.length === 0,
  );
  const res = await system.as('scheduler').post(`/schedules/${planId}/trigger`);
  expect(res.status).toBe(202);
}

describe('a plan created through the API', () => {
  let site: { id: number; units: number[] };

  beforeAll(async () => {
    site = await building('Preventive Court', ['101', '102']);
    await system.db.pool.query(
      `INSERT INTO tenants (unit_id, name, phone) VALUES ($1, 'Pat Preventive', '+12155550990')`,
      [site.units[0]],
    );
    await system.db.pool.query(
      `INSERT INTO equipment (building_id, unit_id, kind, label, installed_on, typical_life_years) VALUES
         ($1, NULL, 'boiler', 'Basement boiler', $3, 20),
         ($1, NULL, 'water_heater', 'Water heater', $4, 12),
         ($1, $2, 'refrigerator', 'Fridge in 101', $5, 14)`,
      [site.id, site.units[0], yearsAgo(18), yearsAgo(2), yearsAgo(15)],
    );
    await addSeasonalTask(site.id, 'Drain boilers', 10, 30);
    await addSeasonalTask(site.id, 'Clean gutters', 100, 30);
  });

  test('is a Temporal Schedule in the plan’s time zone, listed with its next run times', async () => {
    const res = await system
      .as('scheduler')
      .post('/schedules')
      .send({
        id: 'court-monthly',
        name: 'Preventive Court, monthly',
        timeZone: TIME_ZONE,
        schedule: { calendars: [{ dayOfMonth: 1, hour: 6 }] },
        rules: { buildingIds: [site.id], equipment: { lifeShare: 0.8 }, seasonal: {} },
      });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/schedules/court-monthly');
    expect(res.body).toMatchObject({
      id: 'court-monthly',
      scheduleId: preventiveScheduleId('court-monthly'),
      state: { paused: false },
      runs: [],
    });
    expect(res.body.nextRunTimes.length).toBeGreaterThanOrEqual(3);
    for (const at of res.body.nextRunTimes as string[]) {
      const local = localParts(new Date(at), TIME_ZONE);
      expect([local.day, local.hour, local.minute]).toEqual([1, 6, 0]);
    }

    const described = await system.env.client.schedule.getHandle(preventiveScheduleId('court-monthly')).describe();
    expect(described.spec.timezone).toBe(TIME_ZONE);
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);

    const list = await system.as('ops').get('/schedules');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((p: { id: string }) => p.id === 'court-monthly');
    expect(listed.nextRunTimes).toEqual(res.body.nextRunTimes);
  });

  test('a triggered run opens the due work orders and starts their workflows; a second trigger opens nothing more', async () => {
    await triggerWhenIdle('court-monthly');
    const [first] = await waitForRuns('court-monthly', 1);
    expect(first).toEqual({ due: 3, opened: 3, started: 3, alreadyStarted: 0 });

    const orders = await preventiveOrders('court-monthly');
    expect(orders.map((o) => o.metadata.preventive.rule).sort()).toEqual(['equipment', 'equipment', 'seasonal']);
    const year = String(localDateOf(new Date(), TIME_ZONE).year);
    expect(
      orders
        .filter((o) => o.metadata.preventive.rule === 'equipment')
        .every((o) => o.key.startsWith(`court-monthly/${year}/equipment-`)),
    ).toBe(true);
    // The fridge is booked in its unit with its tenant; the boiler and the seasonal task in the common areas.
    const fridge = orders.find((o) => o.metadata.preventive.rule === 'equipment' && o.unitId === site.units[0])!;
    expect(fridge.tenantId).not.toBeNull();
    expect(orders.filter((o) => o.unitId !== site.units[0]).every((o) => o.tenantId === null)).toBe(true);
    for (const order of orders) await system.waitForEvent(order.number, 'triage_started');
    const workflows = await until(
      'work order workflows',
      () => workOrderWorkflowIds(site.id),
      (ids) => ids.length >= 3,
    );
    expect(workflows).toEqual(orders.map((o) => `work-order-${o.number}`).sort());
    await recordHistoryIfAsked(
      system.env.address,
      (await finishedRunsWithIds('court-monthly'))[0]!.workflowId,
      'preventive-run-equipment-and-seasonal-three-orders',
    );

    await triggerWhenIdle('court-monthly');
    const runs = await waitForRuns('court-monthly', 2);
    expect(runs[1]).toEqual({ due: 3, opened: 0, started: 0, alreadyStarted: 0 });
    expect((await preventiveOrders('court-monthly')).map((o) => o.number)).toEqual(orders.map((o) => o.number));
    await sleep(1000);
    expect(await workOrderWorkflowIds(site.id)).toEqual(workflows);

    const created = await system.db.pool.query(
      `SELECT count(*)::int AS n FROM events WHERE type = 'created' AND work_order_number = ANY($1)`,
      [orders.map((o) => o.number)],
    );
    expect(created.rows[0].n).toBe(3);
    const view = await system.as('scheduler').get('/schedules/court-monthly');
    expect(view.body.runs).toHaveLength(2);
    expect(view.body.recentActions.length).toBeGreaterThanOrEqual(2);
  });

  test('overlapping runs open each work order once', async () => {
    const other = await building('Overlap House', ['1']);
    await addSeasonalTask(other.id, 'Drain boilers', 5, 30);
    await system.db.pool.query(
      `INSERT INTO equipment (building_id, kind, label, installed_on, typical_life_years) VALUES ($1, 'roof', 'Roof', $2, 25)`,
      [other.id, yearsAgo(24)],
    );
    const res = await system
      .as('scheduler')
      .post('/schedules')
      .send({
        id: 'overlap-house',
        name: 'Overlap House',
        timeZone: TIME_ZONE,
        schedule: { cron: ['0 7 * * MON'] },
        rules: { buildingIds: [other.id], equipment: {}, seasonal: {} },
      });
    expect(res.status).toBe(201);

    // The schedule would skip a run while another is in progress (and two triggers in one second share a workflow
    // id): two runs started at once past it show the database alone keeps them apart.
    const input: PreventiveRunInput = { planId: 'overlap-house' };
    const runIds = ['overlap-house-a', 'overlap-house-b'];
    await Promise.all(
      runIds.map((workflowId) =>
        system.env.client.workflow.start<typeof preventivePlanWorkflow>('preventivePlanWorkflow', {
          workflowId,
          taskQueue: system.taskQueue,
          args: [input],
        }),
      ),
    );
    const results = await Promise.all(
      runIds.map((id) => system.env.client.workflow.getHandle<typeof preventivePlanWorkflow>(id).result()),
    );
    expect(results.map((r) => r.due)).toEqual([2, 2]);
    const second = runIds.find((_id, i) => results[i]!.alreadyStarted > 0);
    if (second)
      await recordHistoryIfAsked(system.env.address, second, 'preventive-run-overlapping-orders-already-started');
    const runs = await waitForRuns('overlap-house', 2);
    expect(runs.map((r) => r.due)).toEqual([2, 2]);
    expect(runs.reduce((sum, r) => sum + r.opened, 0)).toBe(2);
    expect(runs.reduce((sum, r) => sum + r.started, 0)).toBe(2);
    const orders = await preventiveOrders('overlap-house');
    expect(orders).toHaveLength(2);
    const workflows = await until(
      'work order workflows',
      () => workOrderWorkflowIds(other.id),
      (ids) => ids.length >= 2,
    );
    expect(workflows).toEqual(orders.map((o) => `work-order-${o.number}`).sort());
  });

  test('a trigger while a run is in progress is a 409, and the schedule itself skips overlapping runs', async () => {
    await system.stopWorker();
    try {
      await triggerWhenIdle('overlap-house');
      await until(
        'a run in progress',
        async () => (await system.as('scheduler').get('/schedules/overlap-house')).body.runningWorkflowIds as string[],
        (ids) => ids.length === 1,
      );
      const again = await system.as('scheduler').post('/schedules/overlap-house/trigger');
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('in progress');
      const handle = system.env.client.schedule.getHandle(preventiveScheduleId('overlap-house'));
      await handle.trigger(ScheduleOverlapPolicy.SKIP);
      await until(
        'skipped actions',
        async () => (await handle.describe()).info.numActionsSkippedOverlap,
        (n) => n >= 1,
      );
    } finally {
      await system.startWorker();
    }
    const runs = await waitForRuns('overlap-house', 3);
    expect(runs).toHaveLength(3);
    expect(runs[2]).toMatchObject({ due: 2, opened: 0 });
    expect(await preventiveOrders('overlap-house')).toHaveLength(2);
  });

  test('pause with a note, unpause', async () => {
    const note = 'Boiler room closed for renovation until November';
    const paused = await system.as('scheduler').post('/schedules/court-monthly/pause').send({ note });
    expect(paused.status).toBe(200);
    expect(paused.body.state).toMatchObject({ paused: true, note, pausedBy: 'scheduler' });
    const described = await system.env.client.schedule.getHandle(preventiveScheduleId('court-monthly')).describe();
    expect(described.state).toMatchObject({ paused: true, note });
    // Paused means no scheduled runs; a scheduler may still run it on purpose.
    const runsBefore = (await finishedRuns('court-monthly')).length;
    await triggerWhenIdle('court-monthly');
    await waitForRuns('court-monthly', runsBefore + 1);
    const event = await system.db.pool.query(
      `SELECT actor_type, actor_id, payload FROM events WHERE type = 'schedule_paused' ORDER BY id DESC LIMIT 1`,
    );
    expect(event.rows[0]).toMatchObject({
      actor_type: 'scheduler',
      actor_id: 'scheduler',
      payload: { planId: 'court-monthly', note },
    });

    const unpaused = await system
      .as('scheduler')
      .post('/schedules/court-monthly/unpause')
      .send({ note: 'Renovation done' });
    expect(unpaused.status).toBe(200);
    expect(unpaused.body.state).toMatchObject({ paused: false, note: 'Renovation done', pausedBy: null });
    expect(
      (await system.env.client.schedule.getHandle(preventiveScheduleId('court-monthly')).describe()).state.paused,
    ).toBe(false);
  });

  test('delete: the schedule is gone, the plan answers 404, its work orders stay', async () => {
    const before = await preventiveOrders('court-monthly');
    const res = await system.as('scheduler').delete('/schedules/court-monthly');
    expect(res.status).toBe(204);
    expect((await system.as('scheduler').get('/schedules/court-monthly')).status).toBe(404);
    expect((await system.as('scheduler').post('/schedules/court-monthly/trigger')).status).toBe(404);
    expect((await system.as('scheduler').post('/schedules/court-monthly/pause').send({ note: 'x' })).status).toBe(404);
    expect((await system.as('scheduler').delete('/schedules/court-monthly')).status).toBe(404);
    await expect(
      system.env.client.schedule.getHandle(preventiveScheduleId('court-monthly')).describe(),
    ).rejects.toBeInstanceOf(ScheduleNotFoundError);
    const list = await system.as('scheduler').get('/schedules');
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain('court-monthly');
    expect(await preventiveOrders('court-monthly')).toEqual(before);
  });
});

describe('the recurring-problem rule', () => {
  test('three similar orders in a building within the window open exactly one investigation, once', async () => {
    const leaky = await building('Leaky Towers', ['101', '201', '301']);
    const dry = await building('Dry Gardens', ['101']);
    const insertOrder = async (buildingId: number, unitId: number, description: string, daysAgo: number) => {
      const { rows } = await system.db.pool.query<{ number: number }>(
        `INSERT INTO work_orders (building_id, unit_id, description, source, status, created_at) VALUES ($1, $2, $3, 'sms', 'completed', now() - make_interval(days => $4))
         RETURNING number::int AS number`,
        [buildingId, unitId, description, daysAgo],
      );
      return rows[0]!.number;
    };
    const outside = await insertOrder(leaky.id, leaky.units[0]!, 'Water leaking through the bathroom ceiling', 400);
    const inWindow = [
      await insertOrder(leaky.id, leaky.units[0]!, 'Water leaking through the bathroom ceiling', 300),
      await insertOrder(leaky.id, leaky.units[1]!, 'The kitchen ceiling is dripping', 120),
      await insertOrder(leaky.id, leaky.units[2]!, 'Big leak in the living room ceiling, brown stain', 10),
    ];
    await insertOrder(leaky.id, leaky.units[1]!, 'Kitchen faucet drips all night', 30);
    await insertOrder(dry.id, dry.units[0]!, 'Ceiling leak in the hallway', 20);

    const res = await system
      .as('scheduler')
      .post('/schedules')
      .send({
        id: 'leak-watch',
        name: 'Recurring leaks',
        timeZone: TIME_ZONE,
        schedule: { intervals: [{ everySeconds: 7 * 86_400 }] },
        rules: {
          buildingIds: [leaky.id, dry.id],
          patterns: [
            {
              name: 'ceiling-leak',
              title: 'Recurring ceiling leaks',
              terms: ['ceiling|techo', 'leak|drip|gotera'],
              count: 3,
              windowDays: 365,
            },
          ],
        },
      });
    expect(res.status).toBe(201);

    await triggerWhenIdle('leak-watch');
    await waitForRuns('leak-watch', 1);
    const investigations = await preventiveOrders('leak-watch');
    expect(investigations).toHaveLength(1);
    const [investigation] = investigations;
    expect(investigation!.key).toBe(`leak-watch/pattern-ceiling-leak/from-${inWindow[0]}/building-${leaky.id}`);
    expect(investigation!.metadata.preventive).toMatchObject({
      rule: 'pattern',
      pattern: 'ceiling-leak',
      orders: inWindow,
    });
    expect(investigation!.metadata.preventive.orders).not.toContain(outside);
    const row = await system.db.pool.query(
      'SELECT building_id::int AS "buildingId", description FROM work_orders WHERE number = $1',
      [investigation!.number],
    );
    expect(row.rows[0].buildingId).toBe(leaky.id);
    expect(row.rows[0].description).toContain(inWindow.map((n) => `#${n}`).join(', '));
    await system.waitForEvent(investigation!.number, 'triage_started');

    // Again, and again with one more leak: the three are covered, one new one is not a pattern.
    await triggerWhenIdle('leak-watch');
    await waitForRuns('leak-watch', 2);
    await insertOrder(leaky.id, leaky.units[0]!, 'Ceiling leak again in the bathroom', 1);
    await triggerWhenIdle('leak-watch');
    const runs = await waitForRuns('leak-watch', 3);
    expect(runs.map((r) => [r.due, r.opened])).toEqual([
      [1, 1],
      [0, 0],
      [0, 0],
    ]);
    expect((await preventiveOrders('leak-watch')).map((o) => [o.number, o.key])).toEqual([
      [investigation!.number, investigation!.key],
    ]);
  });
});

describe('the API’s answers', () => {
  const plan = {
    id: 'answers',
    name: 'Answers',
    timeZone: 'UTC',
    schedule: { intervals: [{ everySeconds: 3600 }] },
    rules: { seasonal: {} },
  };

  test('bad input is a 400 naming the fields; a bad id in the path too', async () => {
    const res = await system
      .as('scheduler')
      .post('/schedules')
      .send({
        id: 'Not An Id',
        name: '',
        timeZone: 'Mars/Olympus',
        schedule: { calendars: [{ hour: 25 }] },
        rules: { equipment: { lifeShare: -1 } },
      });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(
      [
        'body.id',
        'body.name',
        'body.rules.equipment.lifeShare',
        'body.schedule.calendars.0.hour',
        'body.timeZone',
      ].sort(),
    );
    const badId = await system.as('scheduler').get('/schedules/Bad_Id!');
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0].path).toBe('params.id');
    const noNote = await system.as('scheduler').post('/schedules/whatever/pause').send({});
    expect(noNote.status).toBe(400);
    expect(noNote.body.issues[0].path).toBe('body.note');
  });

  test('a cron expression Temporal refuses is a 400 and leaves nothing behind', async () => {
    const res = await system
      .as('scheduler')
      .post('/schedules')
      .send({ ...plan, id: 'bad-cron', schedule: { cron: ['99 99 * * *'] } });
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('body.schedule');
    expect((await system.as('scheduler').get('/schedules/bad-cron')).status).toBe(404);
    const rows = await system.db.pool.query(`SELECT 1 FROM preventive_plans WHERE id = 'bad-cron'`);
    expect(rows.rowCount).toBe(0);
  });

  test('unknown ids 404, a taken id 409, other roles 403; a deleted id can be used again', async () => {
    expect((await system.as('scheduler').get('/schedules/no-such-plan')).status).toBe(404);
    expect((await system.as('scheduler').post('/schedules/no-such-plan/unpause').send({})).status).toBe(404);
    expect((await system.as('coordinator').post('/schedules').send(plan)).status).toBe(403);
    expect((await system.as('technician1').get('/schedules')).status).toBe(403);

    expect((await system.as('scheduler').post('/schedules').send(plan)).status).toBe(201);
    const again = await system.as('scheduler').post('/schedules').send(plan);
    expect(again.status).toBe(409);
    expect((await system.as('scheduler').delete('/schedules/answers')).status).toBe(204);
    const recreated = await system
      .as('admin')
      .post('/schedules')
      .send({ ...plan, pausedNote: 'not yet' });
    expect(recreated.status).toBe(201);
    expect(recreated.body.state).toMatchObject({ paused: true, note: 'not yet', pausedBy: 'admin' });
  });
});
