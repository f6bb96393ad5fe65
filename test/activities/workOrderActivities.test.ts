import { quietActivityEnvironment } from '../support/activityEnvironment';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createActivities, type Activities } from '../../activities';
import { applyChangeIn, type ChangeRequest } from '../../activities/workOrders';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;
let activities: Activities;
const { env, logged } = quietActivityEnvironment();
/** Runs an activity in the mock activity context, keeping its argument and result types. */
const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  env.run(fn, ...args) as Promise<R>;
let technicianId: number;

async function newOrder(): Promise<number> {
  const { rows } = await db.pool.query<{ number: string }>(
    `INSERT INTO work_orders (building_id, unit_id, description, source) SELECT building_id, id, 'leak under the sink', 'api' FROM units LIMIT 1 RETURNING number`,
  );
  return Number(rows[0]!.number);
}

beforeAll(async () => {
  db = await createTestDatabase();
  activities = createActivities({ pool: db.pool, classifier: createHeuristicClassifier() });
  await db.pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building T', '1 Test St', 40.7, -74.0)`,
  );
  await db.pool.query(`INSERT INTO units (building_id, label) SELECT id, '101' FROM buildings`);
  const tech = await db.pool.query<{ id: string }>(
    `INSERT INTO technicians (name, phone, skills) VALUES ('Pat', '+15550001111', '{plumbing,general}') RETURNING id`,
  );
  technicianId = Number(tech.rows[0]!.id);
});

afterAll(async () => {
  await db?.drop();
});

/** The workflow's first change of an order. */
function triageStarted(number: number): ChangeRequest {
  return {
    number,
    idempotencyKey: `work-order-${number}/1-triage_started`,
    to: 'triage',
    event: { type: 'triage_started', actor: { type: 'system', id: 'workflow' }, source: 'workflow' },
  };
}

test('a status change retried with the same key writes one event and one update', async () => {
  const number = await newOrder();
  const request = triageStarted(number);
  const first = await run(activities.applyChange, request);
  const retried = await run(activities.applyChange, request);
  expect(first).toMatchObject({ applied: true, status: 'triage' });
  expect(retried).toEqual({ applied: false, eventId: first.eventId, status: 'triage' });
  const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM events WHERE work_order_number = $1', [number]);
  expect(rows[0].n).toBe(1);
});

test('the same change run twice at once (a retried step racing its first run): one event, the second run told so', async () => {
  const number = await newOrder();
  const request: ChangeRequest = { ...triageStarted(number), patch: { needsCoordinator: false } };
  const first = await db.pool.connect();
  const second = await db.pool.connect();
  try {
    await first.query('BEGIN');
    const firstResult = await applyChangeIn(first, request);
    await second.query('BEGIN');
    // Waits for the row the first run holds; reads the events before the first run commits.
    const secondResult = applyChangeIn(second, request);
    await waitUntilBlocked(second);
    await first.query('COMMIT');
    expect(await secondResult).toEqual({ applied: false, eventId: firstResult.eventId, status: 'triage' });
    await second.query('COMMIT');
  } finally {
    first.release();
    second.release();
  }
  const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM events WHERE work_order_number = $1', [number]);
  expect(rows[0].n).toBe(1);
});

/** Until the client's backend waits on a lock (pg_stat_activity), so the race is the one the test means. */
async function waitUntilBlocked(client: PoolClient): Promise<void> {
  const pid = (client as unknown as { processID: number }).processID;
  for (let i = 0; i < 200; i++) {
    const { rows } = await db.pool.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (rows[0]?.wait_event_type === 'Lock') return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the second run never waited for the row lock');
}

test('a forbidden transition fails without retry and writes nothing', async () => {
  const number = await newOrder();
  await expect(
    run(activities.applyChange, {
      number,
      idempotencyKey: `work-order-${number}/1-completed`,
      to: 'completed',
      event: { type: 'review_approved', actor: { type: 'system', id: 'workflow' }, source: 'workflow' },
    }),
  ).rejects.toMatchObject({ type: 'ForbiddenTransition', nonRetryable: true });
  const { rows } = await db.pool.query(
    'SELECT status, (SELECT count(*)::int FROM events WHERE work_order_number = $1) AS events FROM work_orders WHERE number = $1',
    [number],
  );
  expect(rows[0]).toEqual({ status: 'created', events: 0 });
  expect(logged.filter((line) => line.includes(`cannot go from created to completed`))).toHaveLength(1);
});

test('events are append-only', async () => {
  const number = await newOrder();
  await run(activities.applyChange, {
    number,
    idempotencyKey: `k-${number}`,
    event: { type: 'note', actor: { type: 'ops', id: 'pat' }, source: 'test' },
  });
  await expect(
    db.pool.query('UPDATE events SET type = $1 WHERE work_order_number = $2', ['tampered', number]),
  ).rejects.toThrow(/append-only/);
  await expect(db.pool.query('DELETE FROM events WHERE work_order_number = $1', [number])).rejects.toThrow(
    /append-only/,
  );
});

test('two concurrent bookings of one technician for overlapping slots: the database lets exactly one through', async () => {
  const [a, b] = [await newOrder(), await newOrder()];
  const slotA = { start: '2031-03-04T14:00:00.000Z', end: '2031-03-04T15:30:00.000Z' };
  const slotB = { start: '2031-03-04T15:00:00.000Z', end: '2031-03-04T16:00:00.000Z' };
  const results = await Promise.all([
    run(activities.bookTechnician, { number: a, technicianId, slot: slotA }),
    run(activities.bookTechnician, { number: b, technicianId, slot: slotB }),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, reason: 'double_booked' });

  // A retry of the booking that went through is a no-op; a back-to-back slot is fine.
  const winner = results[0]!.ok ? { number: a, slot: slotA } : { number: b, slot: slotB };
  expect(await run(activities.bookTechnician, { number: winner.number, technicianId, slot: winner.slot })).toEqual({
    ok: true,
  });
  const { rows } = await db.pool.query(
    'SELECT count(*)::int AS n FROM technician_bookings WHERE technician_id = $1 AND released_at IS NULL',
    [technicianId],
  );
  expect(rows[0].n).toBe(1);
  const loser = winner.number === a ? b : a;
  expect(
    await run(activities.bookTechnician, {
      number: loser,
      technicianId,
      slot: { start: '2031-03-04T16:00:00.000Z', end: '2031-03-04T17:00:00.000Z' },
    }),
  ).toEqual({ ok: true });
});

test('classification is cached by normalized text and recorded once per key', async () => {
  const number = await newOrder();
  await db.pool.query(`INSERT INTO rules (version, rules, created_by) VALUES (1, '{}', 'test') ON CONFLICT DO NOTHING`);
  const first = await run(activities.classifyWorkOrder, {
    number,
    rulesVersion: 1,
    cacheSeconds: 3600,
    idempotencyKey: `c-${number}`,
  });
  const second = await run(activities.classifyWorkOrder, {
    number,
    rulesVersion: 1,
    cacheSeconds: 3600,
    idempotencyKey: `c-${number}`,
  });
  expect(first.cached).toBe(false);
  expect(second.cached).toBe(true);
  expect(second.classification).toEqual(first.classification);
  const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM decisions WHERE work_order_number = $1`, [
    number,
  ]);
  expect(rows[0].n).toBe(1);
});
