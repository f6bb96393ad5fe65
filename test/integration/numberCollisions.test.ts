import { defaultPayloadConverter } from '@temporalio/common';
import { upsertApiKey } from '../../db/queries/apiKeys';
import { advanceWorkOrderNumbersPast, nextWorkOrderNumber } from '../../db/queries/workOrderNumbers';
import { seedDemoData } from '../../db/seed/seed';
import { alignNumbersWithTemporal } from '../../db/numbering/takenNumbers';
import { NUMBER_CLAIM_MEMO } from '../../db/numbering/workflowHolders';
import { createLogger } from '../../observability/logger';
import { workOrderWorkflowId } from '../../workflows/definitions';
import type { WorkOrderInput } from '../../domain/workOrderContract';
import type { preventivePlanWorkflow } from '../../workflows/preventive';
import { KEYS, startSystem, testRules, type TestSystem } from '../support/system';

/**
 * Postgres and Temporal out of step: the database is dropped (or restored from an older backup) while the same
 * Temporal server keeps every workflow, so the sequence hands out numbers whose workflow ids older orders hold.
 */

let system: TestSystem;
// Long waits: the older orders sit still in Temporal while the database under them is replaced.
const rules = testRules({ confirmationWaitSeconds: 3600, reviewWaitSeconds: 3600 });
const apiLog: Array<Record<string, unknown>> = [];

interface OlderOrder {
  number: number;
  runId: string;
  status: string;
  description: string;
}
const older: OlderOrder[] = [];

beforeAll(async () => {
  system = await startSystem({
    rules,
    observability: {
      apiLogger: createLogger({
        level: 'info',
        service: 'api',
        destination: { write: (line: string) => void apiLog.push(JSON.parse(line)) },
      }),
    },
  });
  const { unitId } = await system.unitWithTenant();
  const tenant = await firstTenant();
  const viaApi = await createViaApi(unitId, 'The closet door squeaks when it opens');
  const viaSms = await textIn(
    tenant.phone,
    'The bedroom window will not close all the way',
    'SMolderlife00000000000000000000001',
  );
  const cancelled = await createViaApi(unitId, 'The hallway light flickers at night');
  for (const number of [viaApi, viaSms, cancelled]) await settled(number);
  expect(
    (await system.as('coordinator').post(`/work-orders/${cancelled}/cancel`).send({ reason: 'fixed by the tenant' }))
      .status,
  ).toBe(200);
  await system.env.client.workflow.getHandle(workOrderWorkflowId(cancelled)).result();
  for (const number of [viaApi, viaSms, cancelled]) {
    const described = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe();
    older.push({
      number,
      runId: described.runId,
      status: described.status.name,
      description: (await inputOf(number)).description,
    });
  }
  expect(older.map((o) => o.number)).toEqual([1001, 1002, 1003]);
  expect(older.map((o) => o.status)).toEqual(['RUNNING', 'RUNNING', 'COMPLETED']);
});

afterAll(async () => {
  await system?.stop();
});

async function firstTenant(): Promise<{ id: number; phone: string }> {
  const { rows } = await system.db.pool.query<{ id: number; phone: string }>(
    'SELECT id::int AS id, phone FROM tenants ORDER BY id LIMIT 1',
  );
  return rows[0]!;
}

async function createViaApi(unitId: number, description: string): Promise<number> {
  const res = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  expect(res.status).toBe(201);
  return res.body.number as number;
}

async function textIn(phone: string, body: string, messageSid: string): Promise<number> {
  const res = await system.textFrom(phone, body, messageSid);
  expect(res.status).toBe(200);
  const number = /#(\d+)/.exec(res.text)?.[1];
  if (!number) throw new Error(`no work order number in the reply: ${res.text}`);
  // Answered at once, started after: what the tests read next is the workflow.
  await system.waitForWorkflowStart(Number(number));
  return Number(number);
}

/** What the workflow holding this number's id was started with: whose order it is. */
async function inputOf(number: number): Promise<WorkOrderInput> {
  const history = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).fetchHistory();
  const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  return defaultPayloadConverter.fromPayload<WorkOrderInput>(payload);
}

/** Past triage: nothing of it is still in flight when the next test replaces the database under it. */
async function settled(number: number): Promise<void> {
  await system.waitForState(number, (s) => s.status !== 'created' && s.status !== 'triage');
}

async function runsOf(number: number): Promise<number> {
  let runs = 0;
  for await (const _run of system.env.client.workflow.list({ query: `WorkflowId = '${workOrderWorkflowId(number)}'` }))
    runs++;
  return runs;
}

/** The database dropped and created again, migrated and seeded, with the keys the tests use; Temporal keeps running. */
async function replaceDatabase(options: { sequenceRestartsAt?: number } = {}): Promise<void> {
  await system.db.recreate();
  await seedDemoData(system.db.pool, { history: false, rules });
  for (const [name, role] of [
    ['coordinator', 'coordinator'],
    ['scheduler', 'scheduler'],
  ] as const)
    await upsertApiKey(system.db.pool, { name, role, secret: KEYS[name] });
  if (options.sequenceRestartsAt)
    await system.db.pool.query(`ALTER SEQUENCE work_order_number_seq RESTART WITH ${options.sequenceRestartsAt}`);
}

/** Every older order's workflow is the same run as before, started with its own input, and the only run of its id. */
async function expectOlderOrdersUntouched(): Promise<void> {
  for (const order of older) {
    const described = await system.env.client.workflow.getHandle(workOrderWorkflowId(order.number)).describe();
    expect({ number: order.number, runId: described.runId, status: described.status.name }).toEqual({
      number: order.number,
      runId: order.runId,
      status: order.status,
    });
    expect((await inputOf(order.number)).description).toBe(order.description);
    expect(await runsOf(order.number)).toBe(1);
  }
}

async function skips(): Promise<
  Array<{ taken: number | null; holder: string | null; from: number | null; to: number | null }>
> {
  const { rows } = await system.db.pool.query(
    `SELECT taken_number::int AS taken, holder->>'workflowId' AS holder, skipped_from::int AS "from", skipped_to::int AS "to" FROM work_order_number_skips ORDER BY id`,
  );
  return rows;
}

test('a database dropped while Temporal keeps its workflows: a text, then an API order, each get a new number and a workflow of their own', async () => {
  await replaceDatabase();
  const tenant = await firstTenant();
  const unit = await system.unitWithTenant();

  // The text's number (1001) is held by the older API order's running workflow.
  const sid = 'SMnewlife0000000000000000000000001';
  const fromText = await textIn(tenant.phone, 'The kitchen drawer is off its track', sid);
  const fromApi = await createViaApi(unit.unitId, 'The bathroom fan rattles');
  expect([fromText, fromApi]).toEqual([1004, 1005]);

  expect(await inputOf(fromText)).toMatchObject({
    number: fromText,
    tenantId: tenant.id,
    description: 'The kitchen drawer is off its track',
    source: 'sms',
  });
  expect((await system.env.client.workflow.getHandle(workOrderWorkflowId(fromText)).describe()).memo).toEqual({
    [NUMBER_CLAIM_MEMO]: `sms:${sid}`,
  });
  expect(await inputOf(fromApi)).toMatchObject({
    number: fromApi,
    unitId: unit.unitId,
    description: 'The bathroom fan rattles',
    source: 'api',
  });
  for (const number of [fromText, fromApi]) {
    await system.waitForEvent(number, 'classified');
    await settled(number);
  }
  expect(
    (
      await system.db.pool.query(
        'SELECT work_order_number::int AS n, started_at IS NOT NULL AS started FROM workflow_start_requests WHERE start_key = $1',
        [`sms:${sid}`],
      )
    ).rows,
  ).toEqual([{ n: fromText, started: true }]);
  // The same text delivered again is the same order.
  expect(await textIn(tenant.phone, 'The kitchen drawer is off its track', sid)).toBe(fromText);

  await expectOlderOrdersUntouched();
  expect(await skips()).toEqual([{ taken: 1001, holder: 'work-order-1001', from: 1002, to: 1003 }]);
  const logged = apiLog.filter((l) => l.level === 'error' && String(l.msg).includes('work order number 1001'));
  expect(logged).toHaveLength(1);
  expect(String(logged[0]!.msg)).toContain(`the text ${sid}`);
});

test('restored from an older backup: an API order whose number belongs to an older, closed order skips it; a text after it gets the next', async () => {
  // The backup was taken after 1001 and 1002: the sequence comes back at 1003, the cancelled (closed) order's number.
  await replaceDatabase({ sequenceRestartsAt: 1003 });
  const tenant = await firstTenant();
  const unit = await system.unitWithTenant();

  const fromApi = await createViaApi(unit.unitId, 'The balcony door sticks');
  const fromText = await textIn(tenant.phone, 'The oven light is out', 'SMrestored000000000000000000000001');
  expect([fromApi, fromText]).toEqual([1006, 1007]);
  expect(await inputOf(fromApi)).toMatchObject({
    number: fromApi,
    description: 'The balcony door sticks',
    source: 'api',
  });
  expect(await inputOf(fromText)).toMatchObject({
    number: fromText,
    tenantId: tenant.id,
    description: 'The oven light is out',
    source: 'sms',
  });
  for (const number of [fromApi, fromText]) await settled(number);
  // The undone attempt left nothing under the taken number.
  expect(
    (await system.db.pool.query('SELECT number::int AS n FROM work_orders WHERE source = $1 ORDER BY number', ['api']))
      .rows,
  ).toEqual([{ n: fromApi }]);
  expect(
    (await system.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE work_order_number = 1003`)).rows[0].n,
  ).toBe(0);

  await expectOlderOrdersUntouched();
  expect(await skips()).toEqual([{ taken: 1003, holder: 'work-order-1003', from: 1004, to: 1005 }]);
  expect(
    apiLog.some(
      (l) =>
        l.level === 'error' && String(l.msg).includes('work order number 1003 (for a new api work order) is taken'),
    ),
  ).toBe(true);
});

test('a preventive run after the database was dropped opens its order under a number no workflow holds', async () => {
  await replaceDatabase();
  const { rows } = await system.db.pool.query<{ id: number }>(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Reset Court', '1 Test Street, Philadelphia, PA 19104', 39.95, -75.19) RETURNING id::int AS id`,
  );
  const buildingId = rows[0]!.id;
  await system.db.pool.query(
    `INSERT INTO equipment (building_id, kind, label, installed_on, typical_life_years) VALUES ($1, 'boiler', 'Basement boiler', now() - interval '18 years', 20)`,
    [buildingId],
  );
  const plan = await system
    .as('scheduler')
    .post('/schedules')
    .send({
      id: 'reset-court',
      name: 'Reset Court',
      timeZone: 'America/New_York',
      schedule: { calendars: [{ dayOfMonth: 1, hour: 6 }] },
      rules: { buildingIds: [buildingId], equipment: {} },
    });
  expect(plan.status).toBe(201);

  const run = await system.env.client.workflow.execute<typeof preventivePlanWorkflow>('preventivePlanWorkflow', {
    workflowId: 'reset-court-run',
    taskQueue: system.taskQueue,
    args: [{ planId: 'reset-court' }],
  });
  expect(run).toMatchObject({ due: 1, opened: 1, started: 1, alreadyStarted: 0 });
  const order = (
    await system.db.pool.query<{ number: number; description: string }>(
      `SELECT number::int AS number, description FROM work_orders WHERE source = 'preventive'`,
    )
  ).rows;
  expect(order).toHaveLength(1);
  expect(order[0]!.number).toBe(1008);
  expect(await inputOf(1008)).toMatchObject({
    number: 1008,
    buildingId,
    description: order[0]!.description,
    source: 'preventive',
  });
  await system.waitForEvent(1008, 'classified');
  await settled(1008);

  await expectOlderOrdersUntouched();
  expect(await skips()).toEqual([{ taken: 1001, holder: 'work-order-1001', from: 1002, to: 1007 }]);
});

test('npm start’s check moves the numbers past every work order workflow before any order starts, recorded; never backwards', async () => {
  await replaceDatabase();
  const log: string[] = [];
  expect(await alignNumbersWithTemporal(system.db.pool, system.env.client, (message) => log.push(message))).toEqual({
    from: 1001,
    to: 1008,
  });
  expect(log).toEqual([expect.stringContaining('numbers 1001-1008 skipped, new work orders start at 1009')]);
  expect(await alignNumbersWithTemporal(system.db.pool, system.env.client, (message) => log.push(message))).toBeNull();
  expect(await skips()).toEqual([{ taken: null, holder: null, from: 1001, to: 1008 }]);

  expect(await createViaApi((await system.unitWithTenant()).unitId, 'The porch step is loose')).toBe(1009);
  expect(await skips()).toHaveLength(1);
  // Far past (a namespace shared with numbers from elsewhere): moved in one step, and never back.
  expect(await advanceWorkOrderNumbersPast(system.db.pool, 500_000)).toEqual({ from: 1010, to: 500_000 });
  expect(await advanceWorkOrderNumbersPast(system.db.pool, 2000)).toBeNull();
  expect(await nextWorkOrderNumber(system.db.pool)).toBe(500_001);
});
