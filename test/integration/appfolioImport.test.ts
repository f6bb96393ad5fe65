import { WorkflowNotFoundError } from '@temporalio/common';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workOrderWorkflowId } from '../../workflows/definitions';
import { startSystem, type TestSystem } from '../support/system';

/**
 * POST /imports/appfolio on the real stack with a work order report as AppFolio exports it (BOM, CRLF, a blank line
 * after the header, a heading line per property, a Total line, quoted multi-line descriptions) and the Reports API's
 * JSON of the same orders (generated with Python's csv module, not our parser).
 */
const FIXTURES = path.join(__dirname, '../fixtures/appfolio');
const CSV = readFileSync(path.join(FIXTURES, 'work_orders.csv'), 'utf8');
const JSON_EXPORT = JSON.parse(readFileSync(path.join(FIXTURES, 'work_orders.json'), 'utf8')) as {
  results: Array<Record<string, unknown>>;
};
const CSV_LINES = CSV.split('\r\n');

const OPEN = [
  '4101-1',
  '4102-1',
  '4103-1',
  '4104-1',
  '4105-1',
  '4106-1',
  '4112-1',
  '4113-1',
  '4121-1',
  '4124-1',
  '4125-1',
  '4126-1',
  '4130-1',
  '4131-1',
  '4134-1',
  '4138-1',
  '4141-1',
  '4142-1',
  '4143-1',
  '4146-1',
  '4147-1',
  '4150-1',
  '4153-1',
  '4154-1',
  '4155-1',
];

const KEYSTONE = 'Keystone Plumbing & Roofing';
const LIBERTY = 'Liberty Electric & Air';

/** Closed at AppFolio: kept as records, in our status, done when AppFolio says (cancelled ones have no completion time). */
const CLOSED: Record<
  string,
  {
    status: 'completed' | 'cancelled';
    completedAt: string | null;
    vendor: string | null;
    vendorCostCents: number | null;
    technician: string | null;
  }
> = {
  '4107-1': {
    status: 'completed',
    completedAt: '2026-01-08T05:00:00.000Z',
    vendor: KEYSTONE,
    vendorCostCents: 24500,
    technician: null,
  },
  '4108-1': {
    status: 'completed',
    completedAt: '2025-12-15T05:00:00.000Z',
    vendor: null,
    vendorCostCents: null,
    technician: 'Ray Delgado',
  },
  '4109-1': {
    status: 'completed',
    completedAt: '2026-01-12T05:00:00.000Z',
    vendor: LIBERTY,
    vendorCostCents: 18000,
    technician: null,
  },
  '4110-1': {
    status: 'completed',
    completedAt: '2026-01-14T05:00:00.000Z',
    vendor: null,
    vendorCostCents: null,
    technician: 'Ray Delgado',
  },
  '4111-1': { status: 'cancelled', completedAt: null, vendor: null, vendorCostCents: null, technician: null },
  '4123-1': { status: 'completed', completedAt: null, vendor: null, vendorCostCents: null, technician: null },
  '4127-1': {
    status: 'completed',
    completedAt: '2025-11-30T05:00:00.000Z',
    vendor: null,
    vendorCostCents: null,
    technician: 'Victor Alvarez',
  },
  '4128-1': { status: 'cancelled', completedAt: null, vendor: KEYSTONE, vendorCostCents: null, technician: null },
  '4135-1': {
    status: 'completed',
    completedAt: '2025-12-22T05:00:00.000Z',
    vendor: KEYSTONE,
    vendorCostCents: 125000,
    technician: null,
  },
  '4139-1': {
    status: 'completed',
    completedAt: '2026-01-11T05:00:00.000Z',
    vendor: LIBERTY,
    vendorCostCents: 9550,
    technician: null,
  },
  '4144-1': {
    status: 'completed',
    completedAt: '2026-01-05T05:00:00.000Z',
    vendor: null,
    vendorCostCents: null,
    technician: 'Tasha Greene',
  },
  '4148-1': {
    status: 'completed',
    completedAt: '2026-01-05T05:00:00.000Z',
    vendor: KEYSTONE,
    vendorCostCents: 31000,
    technician: null,
  },
  '4149-1': { status: 'cancelled', completedAt: null, vendor: null, vendorCostCents: null, technician: null },
  '4151-1': {
    status: 'completed',
    completedAt: '2026-01-02T05:00:00.000Z',
    vendor: null,
    vendorCostCents: null,
    technician: 'Victor Alvarez',
  },
  '4152-1': {
    status: 'completed',
    completedAt: '2026-01-12T05:00:00.000Z',
    vendor: KEYSTONE,
    vendorCostCents: 0,
    technician: null,
  },
  '4157-1': {
    status: 'completed',
    completedAt: '2026-01-10T05:00:00.000Z',
    vendor: null,
    vendorCostCents: null,
    technician: 'Ray Delgado',
  },
};

/** Spreadsheet row (the header is row 1), AppFolio number, every reason. */
const SKIPPED: Array<{ row: number; appfolioId: string | null; reasons: string[] }> = [
  { row: 17, appfolioId: '4114-1', reasons: ['unit "105" is not in Building A'] },
  { row: 18, appfolioId: '4115-1', reasons: ['no Unit (orders for a whole property are not imported)'] },
  { row: 19, appfolioId: '4116-1', reasons: ['unknown AppFolio status "On Hold"'] },
  { row: 20, appfolioId: '4117-1', reasons: ['vendor "Acme Rooter Co" is not one of our vendors'] },
  { row: 21, appfolioId: '4118-1', reasons: ['vendor "QuickFix Handyman Services" is not approved'] },
  { row: 22, appfolioId: '4119-1', reasons: ['Assigned User "Jordan Mills" is not one of our technicians'] },
  { row: 23, appfolioId: '4101-1', reasons: ['duplicate of row 4 (same Work Order Number)'] },
  { row: 24, appfolioId: '4120-1', reasons: ['unknown AppFolio priority "ASAP"'] },
  { row: 26, appfolioId: '4122-1', reasons: ['no Job Description'] },
  { row: 34, appfolioId: '4129-1', reasons: ['unknown AppFolio status "In Progress"'] },
  { row: 37, appfolioId: '4132-1', reasons: ['Amount "TBD" is not an amount'] },
  { row: 38, appfolioId: '4133-1', reasons: ['Created At "13/45/2025" is not a date (MM/DD/YYYY)'] },
  { row: 41, appfolioId: '4136-1', reasons: ['unit "207" is not in Building B'] },
  { row: 44, appfolioId: null, reasons: ['no Work Order Number'] },
  { row: 45, appfolioId: '4140-1', reasons: ['unknown AppFolio status "Cancelled"'] },
  {
    row: 51,
    appfolioId: '4145-1',
    reasons: [
      'unknown AppFolio status "Pending Owner Approval"',
      'vendor "Philly Pest Pros" is not one of our vendors',
    ],
  },
  {
    row: 62,
    appfolioId: '4156-1',
    reasons: ['unit "305" is not in Building C', 'vendor "QuickFix Handyman Services" is not approved'],
  },
  { row: 63, appfolioId: '4143-1', reasons: ['duplicate of row 49 (same Work Order Number)'] },
  { row: 66, appfolioId: '4137-1', reasons: ['property "Willow Court" is not one of our buildings'] },
];

interface ReportRow {
  row: number;
  appfolioId: string | null;
  outcome: 'created' | 'updated' | 'unchanged' | 'skipped';
  number?: number;
  status?: string;
  workflowId?: string;
  reasons?: string[];
  changes?: Array<{ field: string; from: string | null; to: string | null }>;
  applied?: string[];
  note?: string;
}

let system: TestSystem;
/** AppFolio number → our work order number, from the first import. */
const numberOf = new Map<string, number>();

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

function postCsv(body: string, role: 'admin' | 'coordinator' = 'admin') {
  return system.as(role).post('/imports/appfolio').set('Content-Type', 'text/csv').send(body);
}

function postJson(body: unknown) {
  return system
    .as('admin')
    .post('/imports/appfolio')
    .set('Content-Type', 'application/json')
    .send(JSON.stringify(body));
}

/** The fixture's line of one order (none of those used here spans several lines), edited. */
function lineOf(appfolioId: string, edit: (line: string) => string): string {
  const line = CSV_LINES.find((l) => l.includes(`,${appfolioId},`));
  if (!line) throw new Error(`no line for ${appfolioId}`);
  const edited = edit(line);
  if (edited === line) throw new Error(`the edit changed nothing in ${appfolioId}`);
  return edited;
}

function csvOf(lines: string[]): string {
  return [CSV_LINES[0]!, ...lines].join('\r\n');
}

async function importSnapshot() {
  const { rows: orders } = await system.db.pool.query(
    `SELECT number::int AS number, external_id, metadata->'appfolio' AS facts, CASE WHEN source = 'import' AND status IN ('completed', 'cancelled') AND NOT EXISTS
            (SELECT 1 FROM events e WHERE e.idempotency_key = 'work-order-' || w.number || '/created') THEN row_to_json(w)::jsonb - 'metadata' END AS record
       FROM work_orders w ORDER BY number`,
  );
  const { rows: events } = await system.db.pool.query(
    `SELECT count(*)::int AS n, max(id)::int AS last FROM events WHERE source = 'import'`,
  );
  const runs = await Promise.all(
    OPEN.map(
      async (id) =>
        (await system.env.client.workflow.getHandle(workOrderWorkflowId(numberOf.get(id)!)).describe()).runId,
    ),
  );
  return { orders, events: events[0], runs };
}

async function workflowCount(): Promise<number> {
  return (await system.env.client.workflow.count('WorkflowType = "workOrderWorkflow"')).count;
}

async function waitForWorkflowCount(n: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await workflowCount()) !== n) {
    if (Date.now() > deadline)
      throw new Error(`expected ${n} work order workflows, visibility shows ${await workflowCount()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the export is imported: open orders with their workflow, closed ones as records, every other row skipped with its reasons', async () => {
  const res = await postCsv(CSV);
  expect(res.status).toBe(200);
  expect({
    created: res.body.created,
    updated: res.body.updated,
    unchanged: res.body.unchanged,
    skipped: res.body.skipped,
  }).toEqual({ created: 41, updated: 0, unchanged: 0, skipped: 19 });
  const rows: ReportRow[] = res.body.rows;
  expect(rows).toHaveLength(60);

  expect(rows.filter((r) => r.outcome === 'skipped')).toEqual(SKIPPED.map((s) => ({ ...s, outcome: 'skipped' })));
  const created = rows.filter((r) => r.outcome === 'created');
  for (const r of created) numberOf.set(r.appfolioId!, r.number!);
  expect(created.filter((r) => r.status === 'created').map((r) => r.appfolioId)).toEqual(OPEN);
  expect(created.filter((r) => r.status !== 'created').map((r) => [r.appfolioId, r.status])).toEqual(
    Object.entries(CLOSED).map(([id, c]) => [id, c.status]),
  );

  // Open orders: the record, its 'created' and 'imported' events by the admin, a running workflow starting at triage.
  for (const id of OPEN) {
    const number = numberOf.get(id)!;
    expect(created.find((r) => r.appfolioId === id)!.workflowId).toBe(workOrderWorkflowId(number));
    const described = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe();
    expect([id, described.status.name]).toEqual([id, 'RUNNING']);
    const { rows: events } = await system.db.pool.query(
      `SELECT type, actor_type, actor_id FROM events WHERE work_order_number = $1 AND source = 'import' ORDER BY id`,
      [number],
    );
    expect(events).toEqual([
      { type: 'created', actor_type: 'admin', actor_id: 'admin' },
      { type: 'imported', actor_type: 'admin', actor_id: 'admin' },
    ]);
  }
  // The workflow takes it from there, as for any new order.
  await system.waitForState(
    numberOf.get('4101-1')!,
    (state) => state.status !== 'created' && state.status !== 'triage',
  );

  const { rows: open } = await system.db.pool.query(
    `SELECT external_id, source, requested_priority, tenant_id, description, metadata->'appfolio' AS facts FROM work_orders WHERE external_source = 'appfolio' AND external_id = ANY($1)`,
    [OPEN],
  );
  const byId = new Map(open.map((o) => [o.external_id as string, o]));
  expect(open.every((o) => o.source === 'import')).toBe(true);
  expect(byId.get('4105-1')).toMatchObject({
    requested_priority: 'emergency',
    facts: { status: 'New', priority: 'Emergency' },
  });
  expect(byId.get('4102-1')).toMatchObject({
    requested_priority: 'high',
    facts: { status: 'Assigned', assignedUser: 'Ray Delgado' },
  });
  expect(byId.get('4103-1')!.description).toBe(
    'Bathroom ceiling stain is spreading.\nResident says: "it drips when the upstairs shower runs"\nPlease check unit 203 too, same riser',
  );
  expect(byId.get('4103-1')!.facts).toMatchObject({
    vendor: KEYSTONE,
    scheduledStart: '2026-02-03T09:00',
    createdAt: '2026-01-15',
  });
  expect(byId.get('4121-1')!.description).toBe('Garbage disposal jammed, hums but does not spin');
  expect(byId.get('4112-1')).toMatchObject({
    tenant_id: null,
    facts: { status: 'Estimated', workOrderType: 'Unit Turn' },
  });
  expect(byId.get('4153-1')!.facts.unit).toBe('Unit 102');

  // Closed orders: the record as AppFolio last saw it, one 'imported' event, no workflow.
  for (const [id, expected] of Object.entries(CLOSED)) {
    const number = numberOf.get(id)!;
    const { rows: record } = await system.db.pool.query(
      `SELECT w.status, w.completed_at, v.name AS vendor, w.vendor_cost_cents, t.name AS technician, w.source FROM work_orders w
         LEFT JOIN vendors v ON v.id = w.vendor_id LEFT JOIN technicians t ON t.id = w.assigned_technician_id WHERE w.number = $1`,
      [number],
    );
    expect([id, { ...record[0], completed_at: record[0].completed_at?.toISOString() ?? null }]).toEqual([
      id,
      {
        status: expected.status,
        completed_at: expected.completedAt,
        vendor: expected.vendor,
        vendor_cost_cents: expected.vendorCostCents,
        technician: expected.technician,
        source: 'import',
      },
    ]);
    const { rows: events } = await system.db.pool.query(
      `SELECT type, actor_type, payload FROM events WHERE work_order_number = $1 ORDER BY id`,
      [number],
    );
    expect(events).toEqual([
      {
        type: 'imported',
        actor_type: 'admin',
        payload: expect.objectContaining({ appfolioId: id, workflow: false, status: expected.status }),
      },
    ]);
    await expect(system.env.client.workflow.getHandle(workOrderWorkflowId(number)).describe()).rejects.toBeInstanceOf(
      WorkflowNotFoundError,
    );
  }
  const { rows: dated } = await system.db.pool.query(
    `SELECT created_at, priority, tenant_id FROM work_orders WHERE external_id = '4107-1'`,
  );
  expect(dated[0]).toMatchObject({ created_at: new Date('2026-01-02T05:00:00.000Z'), priority: 'medium' });
  const { rows: resident } = await system.db.pool.query(
    `SELECT t.name FROM work_orders w JOIN tenants t ON t.id = w.tenant_id WHERE w.external_id = '4107-1'`,
  );
  expect(resident[0]?.name).toBe('Sofia Rossi');
  await waitForWorkflowCount(OPEN.length);
});

test('importing the same file again changes nothing: no row, event or workflow written', async () => {
  const before = await importSnapshot();
  const res = await postCsv(CSV);
  expect(res.status).toBe(200);
  expect([res.body.created, res.body.updated, res.body.unchanged, res.body.skipped]).toEqual([0, 0, 41, 19]);
  for (const r of res.body.rows as ReportRow[]) {
    if (r.outcome === 'skipped') continue;
    expect([r.appfolioId, r.outcome, r.number]).toEqual([r.appfolioId, 'unchanged', numberOf.get(r.appfolioId!)]);
  }
  expect(await importSnapshot()).toEqual(before);
  expect(await workflowCount()).toBe(OPEN.length);
});

test("the Reports API's JSON of the same export changes nothing either; rows are skipped for the same reasons", async () => {
  const before = await importSnapshot();
  const res = await postJson(JSON_EXPORT);
  expect(res.status).toBe(200);
  expect([res.body.created, res.body.updated, res.body.unchanged, res.body.skipped]).toEqual([0, 0, 41, 19]);
  const skipped = (res.body.rows as ReportRow[]).filter((r) => r.outcome === 'skipped');
  const withoutRows = (reasons: string[]) => reasons.map((reason) => reason.replace(/row \d+/, 'row N'));
  expect(skipped.map((r) => [r.appfolioId, withoutRows(r.reasons!)])).toEqual(
    SKIPPED.map((s) => [s.appfolioId, withoutRows(s.reasons)]),
  );
  // JSON rows are numbered by their index in `results`.
  expect(skipped.find((r) => r.appfolioId === '4114-1')!.row).toBe(
    JSON_EXPORT.results.findIndex((r) => r.work_order_number === '4114-1'),
  );
  expect(await importSnapshot()).toEqual(before);
});

test('a changed row updates a closed record with the new values, an open order only with AppFolio’s facts; a reopened record is not imported', async () => {
  const changed = csvOf([
    lineOf('4107-1', (l) => l.replace('01/08/2026,245.00', '01/09/2026,260.00')),
    lineOf('4128-1', (l) => l.replace(',Canceled,', ',Completed,')),
    lineOf('4102-1', (l) =>
      l.replace(',Assigned,', ',Completed,').replace('water bill doubled', 'water bill doubled; flapper replaced'),
    ),
    lineOf('4111-1', (l) => l.replace(',Canceled,', ',New,')),
  ]);
  const openBefore = (
    await system.db.pool.query(`SELECT status, description FROM work_orders WHERE number = $1`, [
      numberOf.get('4102-1'),
    ])
  ).rows[0];
  const res = await postCsv(changed);
  expect(res.status).toBe(200);
  expect([res.body.created, res.body.updated, res.body.unchanged, res.body.skipped]).toEqual([0, 3, 0, 1]);
  const [record, cancelledToCompleted, open, reopened] = res.body.rows as ReportRow[];
  expect(record).toMatchObject({
    row: 2,
    appfolioId: '4107-1',
    outcome: 'updated',
    changes: [
      { field: 'Completed On', from: '2026-01-08', to: '2026-01-09' },
      { field: 'Amount', from: '245.00', to: '260.00' },
    ],
    applied: ['vendorCostCents', 'completedAt'],
  });
  expect(record!.note).toBeUndefined();
  expect(cancelledToCompleted).toMatchObject({
    appfolioId: '4128-1',
    outcome: 'updated',
    changes: [{ field: 'Status', from: 'Canceled', to: 'Completed' }],
    applied: ['status'],
  });
  expect(open).toMatchObject({
    appfolioId: '4102-1',
    outcome: 'updated',
    changes: [
      {
        field: 'Job Description',
        from: 'Toilet keeps running all night, water bill doubled',
        to: 'Toilet keeps running all night, water bill doubled; flapper replaced',
      },
      { field: 'Status', from: 'Assigned', to: 'Completed' },
    ],
    applied: [],
  });
  expect(open!.note).toContain('workflow owns its status');
  expect(reopened).toMatchObject({ appfolioId: '4111-1', outcome: 'skipped', number: numberOf.get('4111-1') });
  expect(reopened!.reasons![0]).toContain(
    'was imported cancelled; AppFolio now says "New": a reopened order is not imported',
  );

  const { rows: records } = await system.db.pool.query(
    `SELECT external_id, status, completed_at, vendor_cost_cents, description, metadata->'appfolio'->>'status' AS appfolio_status FROM work_orders WHERE external_id = ANY($1) ORDER BY external_id`,
    [['4102-1', '4107-1', '4111-1', '4128-1']],
  );
  const [openRow, recordRow, reopenedRow, statusRow] = records;
  expect(recordRow).toMatchObject({
    status: 'completed',
    completed_at: new Date('2026-01-09T05:00:00.000Z'),
    vendor_cost_cents: 26000,
  });
  expect(statusRow).toMatchObject({ status: 'completed', completed_at: null, appfolio_status: 'Completed' });
  expect(reopenedRow).toMatchObject({ status: 'cancelled', appfolio_status: 'Canceled' });
  // The workflow owns the open order: AppFolio's "Completed" and new text are facts, not our status or description.
  expect(openRow).toMatchObject({ description: openBefore.description, appfolio_status: 'Completed' });
  expect(openRow.status).not.toBe('completed');
  const described = await system.env.client.workflow.getHandle(workOrderWorkflowId(numberOf.get('4102-1')!)).describe();
  expect(described.status.name).toBe('RUNNING');

  const { rows: events } = await system.db.pool.query(
    `SELECT work_order_number::int AS number, actor_type, payload->'applied' AS applied, idempotency_key FROM events WHERE type = 'import_updated' ORDER BY id`,
  );
  expect(events).toEqual([
    {
      number: numberOf.get('4107-1'),
      actor_type: 'admin',
      applied: ['vendorCostCents', 'completedAt'],
      idempotency_key: `work-order-${numberOf.get('4107-1')}/import-update-1`,
    },
    {
      number: numberOf.get('4128-1'),
      actor_type: 'admin',
      applied: ['status'],
      idempotency_key: `work-order-${numberOf.get('4128-1')}/import-update-1`,
    },
    {
      number: numberOf.get('4102-1'),
      actor_type: 'admin',
      applied: [],
      idempotency_key: `work-order-${numberOf.get('4102-1')}/import-update-1`,
    },
  ]);

  const again = await postCsv(changed);
  expect([again.body.created, again.body.updated, again.body.unchanged, again.body.skipped]).toEqual([0, 0, 3, 1]);

  // Back to the original export: each goes back, with a second update event of its own.
  const back = await postCsv(CSV);
  expect([back.body.created, back.body.updated, back.body.unchanged, back.body.skipped]).toEqual([0, 3, 38, 19]);
  const { rows: restored } = await system.db.pool.query(
    `SELECT status, completed_at, vendor_cost_cents FROM work_orders WHERE external_id = ANY($1) ORDER BY external_id`,
    [['4107-1', '4128-1']],
  );
  expect(restored).toEqual([
    { status: 'completed', completed_at: new Date('2026-01-08T05:00:00.000Z'), vendor_cost_cents: 24500 },
    { status: 'cancelled', completed_at: null, vendor_cost_cents: null },
  ]);
  const { rows: keys } = await system.db.pool.query(
    `SELECT count(*)::int AS n FROM events WHERE type = 'import_updated' AND idempotency_key LIKE '%/import-update-2'`,
  );
  expect(keys[0].n).toBe(3);
});

test('two imports of the same new orders at once create each order once, with one workflow each', async () => {
  const ids = { '4101-1': '5101-1', '4102-1': '5102-1', '4107-1': '5107-1', '4111-1': '5111-1', '4124-1': '5124-1' };
  const csv = csvOf(Object.entries(ids).map(([from, to]) => lineOf(from, (l) => l.replace(`,${from},`, `,${to},`))));
  const [a, b] = await Promise.all([postCsv(csv), postCsv(csv)]);
  expect([a.status, b.status]).toEqual([200, 200]);
  expect(a.body.created + b.body.created).toBe(5);
  expect(a.body.unchanged + b.body.unchanged).toBe(5);
  const numbersA = (a.body.rows as ReportRow[]).map((r) => r.number);
  expect((b.body.rows as ReportRow[]).map((r) => r.number)).toEqual(numbersA);

  const { rows } = await system.db.pool.query(
    `SELECT external_id, count(*)::int AS n FROM work_orders WHERE external_id = ANY($1) GROUP BY external_id ORDER BY external_id`,
    [Object.values(ids)],
  );
  expect(rows).toEqual(
    Object.values(ids)
      .sort()
      .map((id) => ({ external_id: id, n: 1 })),
  );
  const { rows: events } = await system.db.pool.query(
    `SELECT count(*)::int AS n FROM events WHERE type = 'imported' AND payload->>'appfolioId' = ANY($1)`,
    [Object.values(ids)],
  );
  expect(events[0].n).toBe(5);
  for (const r of a.body.rows as ReportRow[]) {
    if (!['5101-1', '5102-1', '5124-1'].includes(r.appfolioId!)) continue;
    expect((await system.env.client.workflow.getHandle(workOrderWorkflowId(r.number!)).describe()).status.name).toBe(
      'RUNNING',
    );
  }
  await waitForWorkflowCount(OPEN.length + 3);
});

test('an export bigger than the API’s usual 100 kB JSON limit is read whole', async () => {
  const description = 'Intercom does not work; resident says the buzzer never rings, packages are left outside';
  const lines = Array.from({ length: 1500 }, (_, i) => `W-${i},Willow Court,2B,"${description}, try ${i}",New`);
  const body = ['Work Order Number,Property Name,Unit,Job Description,Status', ...lines].join('\r\n');
  expect(Buffer.byteLength(body)).toBeGreaterThan(100_000);
  const res = await postCsv(body);
  expect(res.status).toBe(200);
  expect([res.body.created, res.body.skipped]).toEqual([0, 1500]);
  expect(res.body.rows[1499]).toEqual({
    row: 1501,
    appfolioId: 'W-1499',
    outcome: 'skipped',
    reasons: ['property "Willow Court" is not one of our buildings'],
  });
});

describe('refused imports write nothing', () => {
  let countBefore: number;
  beforeAll(async () => {
    countBefore = (await system.db.pool.query('SELECT count(*)::int AS n FROM work_orders')).rows[0].n;
  });
  afterAll(async () => {
    expect((await system.db.pool.query('SELECT count(*)::int AS n FROM work_orders')).rows[0].n).toBe(countBefore);
  });

  test('only an admin imports: 401 without a key, 403 for a coordinator', async () => {
    const anonymous = await system
      .as('admin')
      .post('/imports/appfolio')
      .set('Authorization', '')
      .set('Content-Type', 'text/csv')
      .send(CSV);
    expect(anonymous.status).toBe(401);
    const coordinator = await postCsv(CSV, 'coordinator');
    expect([coordinator.status, coordinator.body.error]).toEqual([403, 'forbidden']);
  });

  test.each([
    ['text/plain', 'Work Order Number,Status\r\n1,New'],
    ['application/xml', '<workOrders/>'],
    ['application/x-www-form-urlencoded', 'rows=1'],
  ])('%s is a 415', async (type, body) => {
    const res = await system.as('admin').post('/imports/appfolio').set('Content-Type', type).send(body);
    expect([res.status, res.body.error]).toEqual([415, 'unsupported_media_type']);
  });

  test('a body with no content type is a 415', async () => {
    const res = await system.as('admin').post('/imports/appfolio');
    expect(res.status).toBe(415);
  });

  const header = 'Work Order Number,Property Name,Unit,Job Description,Status';
  test.each([
    [
      'an unterminated quote',
      `${header}\r\n1,Building A,101,"leak,New\r\n2,Building A,102,drip,New`,
      [{ path: 'body', message: 'line 2: a quoted field is never closed' }],
    ],
    [
      'a text after a closing quote',
      `${header}\r\n1,Building A,101,"leak" here,New`,
      [{ path: 'body', message: expect.stringContaining('line 2: unexpected') }],
    ],
    [
      'missing columns',
      'Work Order Number,Unit\r\n1,101',
      [{ path: 'body.columns', message: 'missing columns: Status, Job Description, Property Name (or Property)' }],
    ],
    [
      'a column twice',
      `${header},status\r\n1,Building A,101,leak,New,New`,
      [{ path: 'body.columns.status', message: 'this column appears twice' }],
    ],
    [
      'a row wider than the header',
      `${header}\r\n1,Building A,101,leak,New\r\n2,Building A,102,drip,New,oops`,
      [{ path: 'body.rows.3', message: '6 fields, the header has 5' }],
    ],
    ['only a header', `${header}\r\n\r\n`, [{ path: 'body.rows', message: 'the export has no work orders' }]],
    ['nothing', '', [{ path: 'body', message: 'the first line must be the header of the work order report' }]],
  ])('CSV with %s is a 400 naming where', async (_what, body, issues) => {
    const res = await postCsv(body);
    expect([res.status, res.body.error, res.body.issues]).toEqual([400, 'invalid_request', issues]);
  });

  const row = {
    'Work Order Number': '1',
    'Property Name': 'Building A',
    Unit: '101',
    'Job Description': 'leak',
    Status: 'New',
  };
  test.each([
    [
      'a value that is not text',
      { rows: [row, row, { ...row, Status: { name: 'New' } }] },
      [{ path: 'body.rows.2.Status', message: 'a text, a number or null' }],
    ],
    ['a row that is not an object', { rows: [row, 'New'] }, [{ path: 'body.rows.1', message: expect.any(String) }]],
    ['no rows', { rows: [] }, [{ path: 'body.rows', message: 'the export has no work orders' }]],
    ['rows that are not a list', { rows: 'all of them' }, [{ path: 'body.rows', message: expect.any(String) }]],
    ['a bare list', [row], [{ path: 'body', message: expect.any(String) }]],
    [
      'the same column twice in a row',
      { rows: [{ ...row, status: 'New' }] },
      [{ path: 'body.rows.0.status', message: 'the same column as "Status"' }],
    ],
    [
      'missing columns',
      { results: [{ work_order_number: '1', status: 'New' }] },
      [{ path: 'body.columns', message: 'missing columns: Job Description, Unit, Property Name (or Property)' }],
    ],
  ])('JSON with %s is a 400 naming where', async (_what, body, issues) => {
    const res = await postJson(body);
    expect([res.status, res.body.error, res.body.issues]).toEqual([400, 'invalid_request', issues]);
  });

  test('unparseable JSON is a 400; an export over 5 MB a 413', async () => {
    const broken = await system
      .as('admin')
      .post('/imports/appfolio')
      .set('Content-Type', 'application/json')
      .send('{"rows": [');
    expect(broken.status).toBe(400);
    const huge = await postCsv(`${header}\r\n${'1,Building A,101,leak,New\r\n'.repeat(220_000)}`);
    expect(huge.status).toBe(413);
  });
});
