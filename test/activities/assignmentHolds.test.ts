import { quietActivityEnvironment } from '../support/activityEnvironment';
import type { Pool } from 'pg';
import { createAssignmentActivities } from '../../activities/assignment';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createPool } from '../../db/pool';
import type { AssignmentProposal } from '../../domain/assignment';
import { DEFAULT_RULES } from '../../domain/rules';
import { zonedTimeToUtc } from '../../domain/zonedTime';
import { createTestDatabase, insertBareWorkOrders, type TestDatabase } from '../support/database';

const BURST = 12;
const HOLD_MS = 60_000;
/** Monday 5 May 2031, 6:00 in the rules' zone, before the workday: a minute later the first slots are the same. */
const MONDAY_6AM = zonedTimeToUtc(2031, 5, 5, 6, DEFAULT_RULES.scheduling.timeZone);

let db: TestDatabase;
let pool: Pool;
let clock = MONDAY_6AM;
const { env } = quietActivityEnvironment();

function activities(proposalHoldMs = HOLD_MS) {
  return createAssignmentActivities({
    pool,
    classifier: createHeuristicClassifier(),
    now: () => clock,
    proposalHoldMs,
  });
}

const newOrders = (count: number) => insertBareWorkOrders(pool, count);

function propose(number: number, proposalHoldMs = HOLD_MS): Promise<AssignmentProposal> {
  return env.run(activities(proposalHoldMs).proposeAssignment, {
    number,
    classification: { priority: 'medium' as const, skillsRequired: ['plumbing' as const], estimatedMinutes: 60 },
    scheduling: DEFAULT_RULES.scheduling,
    excludedSlots: [],
  }) as Promise<AssignmentProposal>;
}

const slotKey = (p: AssignmentProposal) => `${p.best!.technicianId} ${p.best!.slot.start}`;

async function holds(): Promise<Array<{ work_order_number: number; technician_id: number; start: Date }>> {
  return (
    await pool.query(
      `SELECT work_order_number::int, technician_id::int, lower(during) AS start FROM technician_holds ORDER BY work_order_number`,
    )
  ).rows;
}

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createPool(db.url, 20);
  await pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building H', '1 Hold St', 39.95, -75.16)`,
  );
  await pool.query(`INSERT INTO units (building_id, label) SELECT id, '101' FROM buildings`);
  await pool.query(
    `INSERT INTO technicians (name, phone, skills, max_orders_per_day) VALUES ('Pat', '+15550003331', '{plumbing}', 8), ('Lee', '+15550003332', '{plumbing}', 8)`,
  );
});

afterEach(async () => {
  await pool.query('DELETE FROM technician_holds');
  await pool.query('DELETE FROM technician_bookings');
  clock = MONDAY_6AM;
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

test('without holds, a burst of proposals all names the same first slot: the race the holds prevent', async () => {
  const orders = await newOrders(BURST);
  const proposals = await Promise.all(orders.map((n) => propose(n, 0)));
  expect(new Set(proposals.map(slotKey)).size).toBe(1);
  expect(await holds()).toEqual([]);
});

test(`${BURST} proposals at once: each holds a different slot, and every one of them books`, async () => {
  const orders = await newOrders(BURST);
  const proposals = await Promise.all(orders.map((n) => propose(n)));

  expect(new Set(proposals.map(slotKey)).size).toBe(BURST);
  expect((await holds()).map((h) => h.work_order_number)).toEqual(orders);
  const booked = await Promise.all(
    orders.map((number, i) =>
      env.run(activities().bookTechnician, {
        number,
        technicianId: proposals[i]!.best!.technicianId,
        slot: proposals[i]!.best!.slot,
      }),
    ),
  );
  expect(booked).toEqual(orders.map(() => ({ ok: true })));
  // Booking turns the hold into the booking.
  expect(await holds()).toEqual([]);
});

test("an order proposed again replaces its own hold and never avoids it; another order's expired hold no longer counts", async () => {
  const [first, second] = await newOrders(2);
  const original = await propose(first!);
  expect(slotKey(await propose(first!))).toBe(slotKey(original));
  expect(await holds()).toHaveLength(1);

  expect(slotKey(await propose(second!))).not.toBe(slotKey(original));
  clock = new Date(MONDAY_6AM.getTime() + HOLD_MS + 1000);
  await pool.query('DELETE FROM technician_holds WHERE work_order_number = $1', [second]);
  // The first order's hold has expired: the second order may have that slot now (the best one for it too).
  const later = await propose(second!);
  expect(later.best!.slot.start).toBe(original.best!.slot.start);
});

test('releasing a booking drops the hold too; a proposal with nobody fitting leaves none', async () => {
  const [order] = await newOrders(1);
  await propose(order!);
  await env.run(activities().releaseBooking, { number: order!, reason: 'cancelled' });
  expect(await holds()).toEqual([]);

  await propose(order!);
  const none = (await env.run(activities().proposeAssignment, {
    number: order!,
    classification: { priority: 'medium' as const, skillsRequired: ['roofing' as const], estimatedMinutes: 60 },
    scheduling: DEFAULT_RULES.scheduling,
    excludedSlots: [],
  })) as AssignmentProposal;
  expect(none.best).toBeNull();
  expect(await holds()).toEqual([]);
});
