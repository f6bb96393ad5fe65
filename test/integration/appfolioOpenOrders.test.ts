/**
 * Importing open AppFolio orders (issue 17 item 7) through POST /imports/appfolio on the real Temporal server and
 * Postgres: an open order of the same unit and problem already here (a tenant's own order) is matched instead of
 * duplicated, and said how; the orders an import opens never text their tenants unless notifyTenants=true.
 */
import { workOrderWorkflowId } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, testRules, type TestSystem } from '../support/system';

let system: TestSystem;
let units: Array<{ unitId: number; tenantId: number; building: string; label: string; phone: string }>;

beforeAll(async () => {
  system = await startSystem();
  await system.publishRules(testRules());
  units = (
    await system.db.pool.query(
      `SELECT DISTINCT ON (u.id) u.id::int AS "unitId", t.id::int AS "tenantId", b.name AS building, u.label, t.phone
         FROM units u JOIN buildings b ON b.id = u.building_id JOIN tenants t ON t.unit_id = u.id
        WHERE t.phone IS NOT NULL ORDER BY u.id, t.id LIMIT 3`,
    )
  ).rows;
});

afterAll(async () => {
  await system?.stop();
});

const HEADER = 'Work Order Number,Property Name,Unit,Job Description,Status';
const csvRow = (id: string, unit: (typeof units)[number], description: string) =>
  `${id},${unit.building},${unit.label},"${description}",New`;

function importCsv(lines: string[], query = '') {
  return system
    .as('admin')
    .post(`/imports/appfolio${query}`)
    .set('Content-Type', 'text/csv')
    .send([HEADER, ...lines].join('\r\n'));
}

async function ordersOfUnit(unitId: number): Promise<number[]> {
  return (
    await system.db.pool.query<{ number: number }>(
      'SELECT number::int AS number FROM work_orders WHERE unit_id = $1 ORDER BY number',
      [unitId],
    )
  ).rows.map((r) => r.number);
}

async function tenantTexts(number: number): Promise<string[]> {
  return (await system.outboundSms(number))
    .filter((m) => m.recipient_type === 'tenant')
    .map((m) => `${m.kind}:${m.status}`);
}

async function cancel(number: number): Promise<void> {
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
}

test("an open AppFolio order for the faucet the tenant already texted about is matched to the tenant's order, not opened again", async () => {
  const unit = units[0]!;
  const own = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ tenantId: unit.tenantId, description: 'The kitchen faucet is dripping a lot, all night' });
  expect(own.status).toBe(201);
  const number: number = own.body.number;
  await system.waitForState(number, (s) => s.classification !== null);
  // Another problem of the same trade in the same unit is another order, and the answer says which it was not matched to;
  // so is a faucet in another room (rooms that differ never match).
  const notMatched = `not matched to open #${number} of the same unit and trade: the descriptions name different things`;
  const other = await importCsv([csvRow('5202-1', unit, 'Toilet running constantly')]);
  expect(other.body.rows[0]).toMatchObject({ outcome: 'created', note: notMatched });
  const bathroom = await importCsv([csvRow('5203-1', unit, 'Bathroom faucet drips')]);
  expect(bathroom.body.rows[0]).toMatchObject({ outcome: 'created', note: notMatched });
  const before = await ordersOfUnit(unit.unitId);

  const answer = await importCsv([csvRow('5201-1', unit, 'Kitchen faucet drips')]);
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ created: 0, matched: 1, updated: 0, unchanged: 0, skipped: 0 });
  expect(answer.body.rows).toEqual([
    {
      row: 2,
      appfolioId: '5201-1',
      outcome: 'matched',
      number,
      how: 'same unit, open, both name "faucet", both plumbing',
    },
  ]);
  expect(await ordersOfUnit(unit.unitId)).toEqual(before);
  const row = (
    await system.db.pool.query(
      "SELECT external_source, external_id, metadata->'appfolio'->>'status' AS status, description FROM work_orders WHERE number = $1",
      [number],
    )
  ).rows[0];
  expect(row).toEqual({
    external_source: 'appfolio',
    external_id: '5201-1',
    status: 'New',
    description: 'The kitchen faucet is dripping a lot, all night',
  });
  const events = (
    await system.db.pool.query(
      `SELECT actor_type, payload FROM events WHERE work_order_number = $1 AND type = 'import_matched'`,
      [number],
    )
  ).rows;
  expect(events).toEqual([
    {
      actor_type: 'admin',
      payload: expect.objectContaining({ appfolioId: '5201-1', sharedWords: ['faucet'], sharedSkills: ['plumbing'] }),
    },
  ]);

  // The same export again: the row is now the matched order's own, unchanged.
  expect((await importCsv([csvRow('5201-1', unit, 'Kitchen faucet drips')])).body.rows).toEqual([
    { row: 2, appfolioId: '5201-1', outcome: 'unchanged', number },
  ]);
  for (const n of [number, other.body.rows[0].number, bathroom.body.rows[0].number]) await cancel(n);
});

test('an imported open order texts nobody in the unit by default: its visit is booked without asking the tenant', async () => {
  const unit = units[1]!;
  const answer = await importCsv([csvRow('5301-1', unit, 'Kitchen sink is clogged and the drain is backing up')]);
  expect(answer.body.rows[0]).toMatchObject({ outcome: 'created' });
  const number: number = answer.body.rows[0].number;
  const { state } = await system.waitForAgreement(number, 'scheduled');
  expect(state.toldNotAsked).toBe('tenant_not_notified');
  expect(state.smsProblem).toBeNull();
  expect(state.needsCoordinator).toBe(false);
  const scheduled = (
    await system.db.pool.query(
      `SELECT payload FROM events WHERE work_order_number = $1 AND type = 'scheduled_without_confirmation'`,
      [number],
    )
  ).rows;
  expect(scheduled[0].payload.reason).toBe('tenant_not_notified');
  const imported = (
    await system.db.pool.query(`SELECT payload FROM events WHERE work_order_number = $1 AND type = 'imported'`, [
      number,
    ])
  ).rows;
  expect(imported[0].payload.notifyTenant).toBe(false);
  // The technician is still told; the tenant is texted nothing, cancel included.
  await cancel(number);
  await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).result();
  expect(await tenantTexts(number)).toEqual([]);
  expect(system.twilio ? system.twilio.messagesTo(unit.phone) : []).toHaveLength(0);
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'import-quiet-tenant-scheduled-cancelled',
  );
});

test('with notifyTenants=true the imported order asks its tenant like their own order would', async () => {
  const unit = units[2]!;
  const answer = await importCsv(
    [csvRow('5401-1', unit, 'Kitchen sink is clogged and the drain is backing up')],
    '?notifyTenants=true',
  );
  expect(answer.status).toBe(200);
  const number: number = answer.body.rows[0].number;
  await system.waitForAgreement(number, 'awaiting_confirmation');
  const deadline = Date.now() + 10_000;
  while (!(await tenantTexts(number)).some((t) => t.startsWith('confirmation_request')) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  expect((await tenantTexts(number))[0]).toMatch(/^confirmation_request:/);
  await cancel(number);
});

test('notifyTenants is true or false, nothing else; no other query parameter; refused before anything is written', async () => {
  const count = async () => (await system.db.pool.query('SELECT count(*)::int AS n FROM work_orders')).rows[0].n;
  const before = await count();
  const row = [csvRow('5501-1', units[2]!, 'Bedroom window broken')];
  const maybe = await importCsv(row, '?notifyTenants=maybe');
  expect(maybe.status).toBe(400);
  expect(maybe.body.issues).toEqual([{ path: 'query.notifyTenants', message: 'true or false' }]);
  const unknown = await importCsv(row, '?notify=true');
  expect(unknown.status).toBe(400);
  expect(unknown.body.issues[0].path).toBe('query');
  expect(await count()).toBe(before);
});
