import { quietActivityEnvironment } from '../support/activityEnvironment';
import type { Pool } from 'pg';
import { createAssignmentActivities, type BookingResult } from '../../activities/assignment';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createPool } from '../../db/pool';
import { createTestDatabase, insertBareWorkOrders, type TestDatabase } from '../support/database';

const ATTEMPTS = 50;
const HOUR_MS = 3_600_000;

let db: TestDatabase;
// Its own pool, big enough that the attempts really reach Postgres at the same time.
let pool: Pool;
let bookTechnician: ReturnType<typeof createAssignmentActivities>['bookTechnician'];
let technicianId: number;
const { env } = quietActivityEnvironment();

const newOrders = (count: number) => insertBareWorkOrders(pool, count);

function book(number: number, slot: { start: string; end: string }): Promise<BookingResult> {
  return env.run(bookTechnician, { number, technicianId, slot }) as Promise<BookingResult>;
}

async function liveBookings(): Promise<Array<{ work_order_number: number; start: Date; end: Date }>> {
  const { rows } = await pool.query(
    `SELECT work_order_number::int AS work_order_number, lower(during) AS start, upper(during) AS "end"
       FROM technician_bookings WHERE technician_id = $1 AND released_at IS NULL ORDER BY lower(during)`,
    [technicianId],
  );
  return rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, 20);
  bookTechnician = createAssignmentActivities({ pool, classifier: createHeuristicClassifier() }).bookTechnician;
  await pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building R', '1 Race St', 39.95, -75.16)`,
  );
  await pool.query(`INSERT INTO units (building_id, label) SELECT id, '101' FROM buildings`);
  const tech = await pool.query<{ id: string }>(
    `INSERT INTO technicians (name, phone, skills) VALUES ('Sam', '+15550002222', '{plumbing}') RETURNING id`,
  );
  technicianId = Number(tech.rows[0]!.id);
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

test(`${ATTEMPTS} concurrent bookings of one technician for the same slot: exactly one wins`, async () => {
  const orders = await newOrders(ATTEMPTS);
  const slot = { start: '2031-05-06T14:00:00.000Z', end: '2031-05-06T15:30:00.000Z' };

  const results = await Promise.all(orders.map((number) => book(number, slot)));

  const winners = orders.filter((_, i) => results[i]!.ok);
  expect(winners).toHaveLength(1);
  const losers = results.filter((r) => !r.ok);
  expect(losers).toHaveLength(ATTEMPTS - 1);
  for (const loser of losers) expect(loser).toMatchObject({ ok: false, reason: 'double_booked' });
  const live = await liveBookings();
  expect(live).toHaveLength(1);
  expect(live[0]).toMatchObject({
    work_order_number: winners[0],
    start: new Date(slot.start),
    end: new Date(slot.end),
  });
});

test(`${ATTEMPTS} concurrent bookings of one technician for different, non-overlapping slots: all go through`, async () => {
  const before = await liveBookings();
  const orders = await newOrders(ATTEMPTS);
  const firstStart = Date.parse('2031-06-02T13:00:00.000Z');
  // Back to back: each slot ends exactly when the next starts, which '[)' ranges allow.
  const slots = orders.map((_, i) => ({
    start: new Date(firstStart + i * HOUR_MS).toISOString(),
    end: new Date(firstStart + (i + 1) * HOUR_MS).toISOString(),
  }));

  const results = await Promise.all(orders.map((number, i) => book(number, slots[i]!)));

  expect(results).toEqual(orders.map(() => ({ ok: true })));
  const live = await liveBookings();
  expect(live).toHaveLength(before.length + ATTEMPTS);
  expect(live.filter((b) => orders.includes(b.work_order_number)).map((b) => b.start.toISOString())).toEqual(
    slots.map((s) => s.start),
  );
});
