import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createActivities, type Activities } from '../../activities';
import { DEFAULT_RULES } from '../../domain/rules';
import { readTriageContext } from '../../domain/triageContext';
import { createTestDatabase, type TestDatabase } from '../support/database';

// enrichContext's records, read through the indexes of migration 024: the similar reports are the building's orders of
// the window whose similarity to the text is above 0.3, the most similar first (rounded to 2 places), the newer first
// on a tie, at most 5; the tenant's requests are counted in their own window.

let db: TestDatabase;
let activities: Activities;
let building: number;
let unitA: number;
let unitB: number;
let otherBuildingUnit: number;
let tenant: number;

const TEXT = 'The kitchen sink is leaking under the cabinet';

async function order(
  unit: number,
  description: string,
  daysAgo: number,
  tenantId: number | null = null,
): Promise<number> {
  const { rows } = await db.pool.query<{ number: number }>(
    `INSERT INTO work_orders (status, building_id, unit_id, tenant_id, description, source, created_at)
     SELECT 'completed', building_id, id, $2, $3, 'api', now() - make_interval(days => $4) FROM units WHERE id = $1 RETURNING number::int AS number`,
    [unit, tenantId, description, daysAgo],
  );
  return rows[0]!.number;
}

beforeAll(async () => {
  db = await createTestDatabase();
  activities = createActivities({ pool: db.pool, classifier: createHeuristicClassifier() });
  const buildings = await db.pool.query<{ id: number }>(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building C', '1 Context St', 40.7, -74.0), ('Building D', '2 Context St', 40.7, -74.0) RETURNING id::int AS id`,
  );
  building = buildings.rows[0]!.id;
  const units = await db.pool.query<{ id: number }>(
    `INSERT INTO units (building_id, label) VALUES ($1, '1A'), ($1, '2B'), ($2, '1A') RETURNING id::int AS id`,
    [building, buildings.rows[1]!.id],
  );
  [unitA, unitB, otherBuildingUnit] = units.rows.map((r) => r.id) as [number, number, number];
  tenant = (
    await db.pool.query<{ id: number }>(
      `INSERT INTO tenants (unit_id, name, phone) VALUES ($1, 'Ana', '+15550002222') RETURNING id::int AS id`,
      [unitA],
    )
  ).rows[0]!.id;
});

afterAll(async () => {
  await db?.drop();
});

test('similar reports: the building’s window above 0.3, most similar first, the newer first on a tie, at most 5; the tenant’s requests in their window', async () => {
  const sameOlder = await order(unitB, TEXT, 20);
  const sameNewer = await order(unitB, TEXT, 10);
  const variants = [
    await order(unitA, `Hi, ${TEXT}. Please help.`, 30, tenant),
    await order(unitB, `${TEXT} again.`, 40),
    await order(unitA, `Urgent: ${TEXT}. Since yesterday.`, 50),
    await order(unitB, `Sorry to bother you, ${TEXT}. Someone is home all day.`, 60),
  ];
  const outsideWindow = await order(unitB, TEXT, DEFAULT_RULES.context.similarIssueWindowDays + 5);
  const otherBuilding = await order(otherBuildingUnit, TEXT, 5);
  const unlike = await order(unitB, 'Locked out of my apartment, lost my keys', 5);
  const tenantsOld = await order(unitA, 'Seeing roaches in the kitchen again', 400, tenant); // outside the tenant's 365-day window
  const current = await order(unitA, TEXT, 0, tenant);

  // The expected order, from each candidate's similarity as Postgres computes it.
  const { rows: scored } = await db.pool.query<{ number: number; similarity: number }>(
    `SELECT number::int AS number, round(similarity(description, $1)::numeric, 2)::float AS similarity FROM work_orders WHERE number = ANY($2::bigint[])`,
    [TEXT, [sameOlder, sameNewer, ...variants, unlike]],
  );
  const kept = scored
    .filter((s) => s.number !== unlike)
    .sort((a, b) => b.similarity - a.similarity || b.number - a.number);
  expect(scored.find((s) => s.number === unlike)!.similarity).toBeLessThanOrEqual(0.3);
  expect(kept.every((s) => s.similarity > 0.3)).toBe(true);

  const result = await activities.enrichContext({ number: current, context: DEFAULT_RULES.context });
  expect(result).toEqual({ tenantRequestsInWindow: 1, similarInBuilding: 5 });

  const { rows } = await db.pool.query<{ context: unknown }>(
    `SELECT metadata->'context' AS context FROM work_orders WHERE number = $1`,
    [current],
  );
  const context = readTriageContext(rows[0]!.context);
  expect(context).not.toBeNull();
  expect(context!.similarInBuilding.map((s) => [s.number, s.similarity])).toEqual(
    kept.slice(0, 5).map((s) => [s.number, s.similarity]),
  );
  expect(context!.similarInBuilding.slice(0, 2).map((s) => s.number)).toEqual([sameNewer, sameOlder]);
  for (const left of [current, outsideWindow, otherBuilding, unlike])
    expect(context!.similarInBuilding.map((s) => s.number)).not.toContain(left);
  expect(context!.similarInBuilding[0]).toMatchObject({
    unitLabel: '2B',
    description: TEXT,
    status: 'completed',
    similarity: 1,
    completedAt: null,
    skills: [],
  });
  expect(context).toMatchObject({
    tenantRequestsInWindow: 1,
    requestFrequencyWindowDays: 365,
    repeatWindowDays: DEFAULT_RULES.context.repeatWindowDays,
    equipment: null,
  });
  expect(context!.tenantHistory.map((o) => o.number)).toEqual([tenantsOld, variants[0]]);
});
