import { quietActivityEnvironment } from '../support/activityEnvironment';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import {
  createAutoPathActivities,
  type BeginTriageResult,
  type ProposeAndBookResult,
  type TriageResult,
} from '../../activities/autoPath';
import type { ChangeRequest } from '../../domain/workOrderChange';
import { DEFAULT_RULES } from '../../domain/rules';
import type { WorkOrderInput } from '../../domain/workOrderContract';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * A worker that crashes after a step's transaction committed, but before the workflow task that ran it completed,
 * runs the step again: it must answer what it answered then (the rules version, the classification, the booking)
 * and write nothing twice, even when the world moved on in between.
 */

let db: TestDatabase;
const { env } = quietActivityEnvironment();
const SYSTEM = { type: 'system', id: 'workflow' } as const;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building R', '1 Rerun St', 39.95, -75.16)`,
  );
  await db.pool.query(`INSERT INTO units (building_id, label) SELECT id, '101' FROM buildings`);
  await db.pool.query(
    `INSERT INTO technicians (name, phone, skills, max_orders_per_day) VALUES ('Pat', '+15550004441', '{plumbing}', 8), ('Lee', '+15550004442', '{plumbing}', 8)`,
  );
  await db.pool.query(`INSERT INTO rules (version, rules, created_by) VALUES (1, $1, 'test')`, [
    JSON.stringify(DEFAULT_RULES),
  ]);
});

afterAll(async () => {
  await db?.drop();
});

const steps = () => createAutoPathActivities({ pool: db.pool, classifier: createHeuristicClassifier() });

async function newOrder(description: string): Promise<WorkOrderInput> {
  const { rows } = await db.pool.query<{ number: string; unit_id: string; building_id: string }>(
    `INSERT INTO work_orders (building_id, unit_id, description, source)
     SELECT building_id, id, $1, 'api' FROM units LIMIT 1 RETURNING number, unit_id, building_id`,
    [description],
  );
  const row = rows[0]!;
  return {
    number: Number(row.number),
    buildingId: Number(row.building_id),
    unitId: Number(row.unit_id),
    tenantId: null,
    description,
    source: 'api',
    requestedPriority: null,
    createdBy: { type: 'coordinator', id: 'test' },
  } as WorkOrderInput;
}

function change(number: number, key: string, to?: ChangeRequest['to']): ChangeRequest {
  return {
    number,
    idempotencyKey: key,
    to,
    event: { type: key.split('-').at(-1)!, actor: SYSTEM, source: 'workflow' },
    patch: { needsCoordinator: false, pendingDecision: null },
  };
}

async function countEvents(number: number): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<{ type: string; n: number }>(
    'SELECT type, count(*)::int AS n FROM events WHERE work_order_number = $1 GROUP BY type',
    [number],
  );
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

test('run again, each step answers what it answered the first time and writes nothing twice', async () => {
  const input = await newOrder('The kitchen sink is dripping under the sink, the pipe drips all day');
  const { number } = input;
  const begin = { input, change: change(number, `w/${number}/1-triage_started`, 'triage') };
  const first: BeginTriageResult = await env.run(steps().beginTriage, begin);
  await db.pool.query(`INSERT INTO rules (version, rules, created_by) VALUES (2, $1, 'test')`, [
    JSON.stringify(DEFAULT_RULES),
  ]);
  const again: BeginTriageResult = await env.run(steps().beginTriage, begin);
  expect({ first: first.version, again: again.version }).toEqual({ first: 1, again: 1 });

  const triage = {
    number,
    rulesVersion: 1,
    cacheSeconds: 3600,
    context: DEFAULT_RULES.context,
    emergencySlaSeconds: 3600,
    keys: { contextEnriched: `w/${number}/2`, classification: `w/${number}/3`, classified: `w/${number}/4` },
    coordinator: { needsCoordinator: false, pendingDecision: null },
  };
  const classified: TriageResult = await env.run(steps().triageOrder, triage);
  // The same text in the building since would be context the first run did not have.
  await newOrder('The kitchen sink is dripping under the sink, the pipe drips all day');
  const reclassified: TriageResult = await env.run(steps().triageOrder, triage);
  expect(reclassified).toEqual(classified);

  const propose = {
    proposal: {
      number,
      classification: { ...classified.classification, priority: classified.priority },
      scheduling: DEFAULT_RULES.scheduling,
      excludedSlots: [],
    },
    rulesVersion: 1,
    thresholds: { autoAssign: 0, review: 0 },
    routing: { classificationConfidence: classified.classification.confidence, safety: false, slaDeadline: null },
    classifierUnavailable: null,
    keys: { proposal: `w/${number}/5`, routing: `w/${number}/6` },
    assigned: change(number, `w/${number}/7-assigned`, 'awaiting_confirmation'),
  };
  const booked: ProposeAndBookResult = await env.run(steps().proposeAndBook, propose);
  expect(booked).toMatchObject({ booking: { ok: true }, assigned: true });
  const rebooked: ProposeAndBookResult = await env.run(steps().proposeAndBook, propose);
  expect(rebooked).toEqual(booked);

  expect(await countEvents(number)).toMatchObject({
    triage_started: 1,
    context_enriched: 1,
    classified: 1,
    assigned: 1,
  });
  const bookings = await db.pool.query(
    'SELECT technician_id::int AS "technicianId" FROM technician_bookings WHERE work_order_number = $1',
    [number],
  );
  expect(bookings.rows).toEqual([{ technicianId: booked.proposal.best!.technicianId }]);
});
