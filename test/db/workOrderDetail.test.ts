import fc from 'fast-check';
import { listEvents } from '../../db/queries/events';
import { getWorkOrderDetail } from '../../db/queries/workOrderDetail';
import { getWorkOrder } from '../../db/queries/workOrders';
import { createTestDatabase, insertBareWorkOrders, type TestDatabase } from '../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('B', '1 Detail St', 40, -75)`,
  );
  await db.pool.query(`INSERT INTO units (building_id, label) SELECT id, '1A' FROM buildings`);
});

afterAll(async () => {
  await db?.drop();
});

/** What `res.json` makes of a value: the route's answer as the client reads it. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** A timestamp with microseconds, which Postgres keeps and a JavaScript Date does not. */
const microsecondTime = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([date, micros]) => date.toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`));

// Postgres's jsonb refuses the NUL character; everything else JSON can carry is fair.
const payload = fc
  .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .filter((value) => !JSON.stringify(value).includes('\\u0000'));

const history = fc.record({
  events: fc.array(fc.record({ payload, at: microsecondTime }), { maxLength: 6 }),
  decisions: fc.array(fc.record({ input: payload, output: payload, at: microsecondTime }), { maxLength: 3 }),
  texts: fc.array(fc.record({ body: fc.string({ maxLength: 40 }), at: microsecondTime }), { maxLength: 3 }),
  eventLimit: fc.integer({ min: 1, max: 8 }),
});
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

async function write(number: number, h: History): Promise<void> {
  for (const [i, e] of h.events.entries()) {
    await db.pool.query(
      `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key, at)
       VALUES ($1, 'noted', 'system', 'test', 'test', $2, $3, $4)`,
      [number, JSON.stringify(e.payload), `detail-${number}-event-${i}`, e.at],
    );
  }
  for (const [i, d] of h.decisions.entries()) {
    await db.pool.query(
      `INSERT INTO decisions (work_order_number, kind, provider, input, output, reasoning, idempotency_key, at)
       VALUES ($1, 'classification', 'test', $2, $3, 'because', $4, $5)`,
      [number, JSON.stringify(d.input), JSON.stringify(d.output), `detail-${number}-decision-${i}`, d.at],
    );
  }
  for (const t of h.texts) {
    await db.pool.query(
      `INSERT INTO sms_messages (direction, work_order_number, from_phone, to_phone, body, provider, status, kind, recipient_type, created_at)
       VALUES ('outbound', $1, '+15550000001', '+15550000002', $2, 'outbox', 'sent', 'test', 'tenant', $3)`,
      [number, t.body, t.at],
    );
  }
}

/** The lists as the route read them before, one query each, through `pg`'s own parsing of every column. */
async function listsReadOneByOne(number: number, eventLimit: number) {
  const decisions = await db.pool.query(
    `SELECT id::int AS id, kind, provider, rules_version AS "rulesVersion", input, output, reasoning, at
       FROM decisions WHERE work_order_number = $1 ORDER BY id`,
    [number],
  );
  const sms = await db.pool.query(
    `SELECT id::int AS id, direction, from_phone AS "from", to_phone AS "to", body, status, kind,
            recipient_type AS "recipientType", created_at AS "createdAt"
       FROM sms_messages WHERE work_order_number = $1 ORDER BY id`,
    [number],
  );
  return {
    events: await listEvents(db.pool, { workOrderNumber: number, limit: eventLimit }),
    decisions: decisions.rows,
    sms: sms.rows,
  };
}

test('the detail read in one statement answers the same JSON as the record and its lists read one by one', async () => {
  await fc.assert(
    fc.asyncProperty(history, async (h) => {
      const [number] = await insertBareWorkOrders(db.pool, 1);
      await write(number!, h);
      const detail = await getWorkOrderDetail(db.pool, number!, h.eventLimit);
      expect(detail).not.toBeNull();
      const { events, decisions, sms, ...record } = detail!;
      expect(asJson(record)).toEqual(asJson(await getWorkOrder(db.pool, number!)));
      expect(asJson({ events, decisions, sms })).toEqual(asJson(await listsReadOneByOne(number!, h.eventLimit)));
      expect(events).toHaveLength(Math.min(h.events.length, h.eventLimit));
    }),
    { numRuns: 40 },
  );
});

test('an order that does not exist reads as null', async () => {
  expect(await getWorkOrderDetail(db.pool, 987_654_321, 10)).toBeNull();
});
