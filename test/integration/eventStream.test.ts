import type { Client as TemporalClient } from '@temporalio/client';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PoolClient } from 'pg';
import { createApp } from '../../api/app';
import { createEventFeed, LISTENER_NAME, type EventFeed } from '../../api/events/eventFeed';
import { streamEvents } from '../../api/events/eventStream';
import { upsertApiKey } from '../../db/queries/apiKeys';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { openEventStream, type SseConnection, type SseMessage } from '../support/sseClient';
import { quietApiLogger } from '../support/quietApiLogger';

// The stream is Postgres only: the app gets a Temporal client that fails loudly if anything touches it.
const noTemporal = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`the event stream must not use Temporal (touched ${String(property)})`);
    },
  },
) as TemporalClient;

const KEYS = {
  coordinator: 'stream-coordinator-key-000',
  ops: 'stream-ops-key-00000000000',
  technician: 'stream-technician-key-0000',
};

let db: TestDatabase;
let feed: EventFeed;
let server: Server;
let baseUrl: string;
let direct: Server;
let directUrl: string;
const streamLog: string[] = [];
let orderA: number;
let orderB: number;
const open: SseConnection[] = [];
const feedLog: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { history: false });
  const tech = (await db.pool.query<{ id: number }>('SELECT min(id)::int AS id FROM technicians')).rows[0]!.id;
  await upsertApiKey(db.pool, { name: 'coordinator', role: 'coordinator', secret: KEYS.coordinator });
  await upsertApiKey(db.pool, { name: 'ops', role: 'ops', secret: KEYS.ops });
  await upsertApiKey(db.pool, { name: 'technician', role: 'technician', secret: KEYS.technician, technicianId: tech });
  [orderA, orderB] = [await insertWorkOrder(), await insertWorkOrder()];
  feed = createEventFeed({ pool: db.pool, log: (message) => feedLog.push(message) });
  const app = createApp({
    logger: quietApiLogger(),
    pool: db.pool,
    temporal: noTemporal,
    taskQueue: 'unused',
    photoStorageDir: '/nonexistent',
    sms: {},
    eventFeed: feed,
  });
  server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The stream itself with short timers (the route's are 15 s heartbeats and 60 s before a stalled client is dropped).
  const bare = express();
  bare.get('/stream', (req, res) => {
    const after = req.header('last-event-id');
    streamEvents(req, res, {
      feed,
      pool: db.pool,
      filter: { workOrderNumber: Number(req.query.workOrderId) },
      after: after ? Number(after) : null,
      heartbeatMs: 50,
      stallMs: 300,
      log: (m) => streamLog.push(m),
    });
  });
  direct = await new Promise((resolve) => {
    const listening = bare.listen(0, '127.0.0.1', () => resolve(listening));
  });
  directUrl = `http://127.0.0.1:${(direct.address() as AddressInfo).port}/stream`;
});

afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

afterAll(async () => {
  await feed?.close();
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => direct?.close(resolve));
  await db?.drop();
});

async function insertWorkOrder(): Promise<number> {
  const { rows } = await db.pool.query<{ number: number }>(
    `INSERT INTO work_orders (number, building_id, unit_id, tenant_id, description, source)
     SELECT nextval('work_order_number_seq'), u.building_id, u.id, t.id, 'stream test', 'api' FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1
     RETURNING number::int AS number`,
  );
  return rows[0]!.number;
}

let keyCounter = 0;
const INSERT_EVENT = `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key)
                      VALUES ($1, $2, 'system', 'test', 'test', $3, $4) RETURNING id::int AS id`;

/** One event in its own transaction; resolves with its id. */
async function insertEvent(
  workOrder: number | null,
  type = 'note',
  payload: Record<string, unknown> = {},
): Promise<{ id: number }> {
  const { rows } = await db.pool.query<{ id: number }>(INSERT_EVENT, [
    workOrder,
    type,
    JSON.stringify(payload),
    `stream-test/${++keyCounter}`,
  ]);
  return { id: rows[0]!.id };
}

async function insertIn(client: PoolClient, workOrder: number, type = 'note'): Promise<number> {
  return (await client.query<{ id: number }>(INSERT_EVENT, [workOrder, type, '{}', `stream-test/${++keyCounter}`]))
    .rows[0]!.id;
}

async function connect(
  query = '',
  headers: Record<string, string> = {},
  key: string = KEYS.coordinator,
): Promise<SseConnection> {
  const connection = await openEventStream(`${baseUrl}/events/stream${query}`, {
    Authorization: `Bearer ${key}`,
    ...headers,
  });
  open.push(connection);
  return connection;
}

const ids = (messages: SseMessage[]) => messages.map((m) => Number(m.id));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A stream without Last-Event-ID starts at the feed's horizon when it connects: once the feed is ready, every event
 * committed from then on is above it. (Before the feed's first reading, an event committed meanwhile may fall below.)
 */
const settled = async () => {
  await feed.ready();
};

test('401 without a key or with an unknown one, 403 for a technician, 400 for a bad cursor, 404 for an unknown work order', async () => {
  expect((await openEventStream(`${baseUrl}/events/stream`)).status).toBe(401);
  expect((await connect('', {}, 'not-a-key-at-all-000000')).status).toBe(401);
  const technician = await connect('', {}, KEYS.technician);
  expect(technician.status).toBe(403);
  expect(JSON.parse(technician.body)).toMatchObject({ error: 'forbidden' });
  const badHeader = await connect('', { 'Last-Event-ID': 'yesterday' });
  expect(badHeader.status).toBe(400);
  expect(JSON.parse(badHeader.body).issues).toEqual([expect.objectContaining({ path: 'headers.last-event-id' })]);
  const badQuery = await connect('?lastEventId=-1&color=red');
  expect(badQuery.status).toBe(400);
  expect(
    JSON.parse(badQuery.body)
      .issues.map((i: { path: string }) => i.path)
      .sort(),
  ).toEqual(['query', 'query.lastEventId']);
  expect((await connect('?workOrderId=999999')).status).toBe(404);
  const ops = await connect();
  expect(ops.status).toBe(200);
  expect(ops.headers['content-type']).toBe('text/event-stream; charset=utf-8');
  expect(ops.retry).not.toBeNull();
});

test('live: events committed after connecting arrive in id order, as SSE with id, type and the record (their latency: npm run bench:events)', async () => {
  const stream = await connect(`?workOrderId=${orderA}`);
  await settled();
  const committed: Array<{ id: number }> = [];
  for (let i = 0; i < 20; i++) committed.push(await insertEvent(orderA, i % 2 ? 'assigned' : 'note', { i }));
  const got = await stream.waitForCount(20);
  expect(ids(got)).toEqual(committed.map((c) => c.id));
  expect(got[1]!.event).toBe('assigned');
  expect(JSON.parse(got[1]!.data)).toMatchObject({
    id: committed[1]!.id,
    workOrderNumber: orderA,
    type: 'assigned',
    actorType: 'system',
    payload: { i: 1 },
  });
});

test('disconnect, events while away, resume with Last-Event-ID (header, or lastEventId): nothing missed, nothing twice', async () => {
  const first = await connect();
  await settled();
  const before = [await insertEvent(orderA), await insertEvent(orderB), await insertEvent(orderA)];
  const seen = await first.waitForCount(before.length);
  expect(ids(seen)).toEqual(before.map((e) => e.id));
  first.close();
  await first.ended;

  const away = [
    await insertEvent(orderB),
    await insertEvent(orderA),
    await insertEvent(null, 'rules_published'),
    await insertEvent(orderA),
  ];
  const lastSeen = seen[seen.length - 1]!.id!;
  const resumed = await connect('', { 'Last-Event-ID': lastSeen });
  const live = await insertEvent(orderB);
  const after = await resumed.waitForCount(away.length + 1);
  expect(ids(after)).toEqual([...away, live].map((e) => e.id));

  // An EventSource keeps its first URL: on reconnect its header is newer than the query and wins.
  const viaQuery = await connect(`?lastEventId=${before[0]!.id}`);
  const headerWins = await connect(`?lastEventId=${before[0]!.id}`, { 'Last-Event-ID': String(away[1]!.id) });
  expect(ids(await viaQuery.waitForCount(before.length - 1 + away.length + 1))).toEqual(
    [...before.slice(1), ...away, live].map((e) => e.id),
  );
  expect(ids(await headerWins.waitForCount(away.length - 2 + 1))).toEqual([...away.slice(2), live].map((e) => e.id));
  await sleep(200);
  expect(viaQuery.messages).toHaveLength(before.length - 1 + away.length + 1);
  expect(headerWins.messages).toHaveLength(away.length - 2 + 1);
});

test('filters: workOrderId, type, both; from lastEventId=0 a work order replays its whole log', async () => {
  const byOrder = await connect(`?workOrderId=${orderB}`);
  const byType = await connect('?type=parts_needed');
  const both = await connect(`?workOrderId=${orderA}&type=parts_needed`);
  await settled();
  const a1 = await insertEvent(orderA, 'parts_needed');
  const b1 = await insertEvent(orderB, 'note');
  const b2 = await insertEvent(orderB, 'parts_needed');
  await insertEvent(null, 'rules_published');
  const a2 = await insertEvent(orderA, 'note');
  expect(ids(await byOrder.waitForCount(2))).toEqual([b1.id, b2.id]);
  expect(ids(await byType.waitForCount(2))).toEqual([a1.id, b2.id]);
  expect(ids(await both.waitForCount(1))).toEqual([a1.id]);
  await insertEvent(orderA, 'parts_needed');
  await both.waitForCount(2);
  expect(byOrder.messages).toHaveLength(2);

  const history = (
    await db.pool.query<{ id: number }>('SELECT id::int AS id FROM events WHERE work_order_number = $1 ORDER BY id', [
      orderA,
    ])
  ).rows.map((r) => r.id);
  const replay = await connect(`?workOrderId=${orderA}&lastEventId=0`);
  expect(ids(await replay.waitForCount(history.length))).toEqual(history);
  expect(history).toContain(a2.id);
});

test('an id committed before an earlier one is held back until the earlier commits, or is passed when it rolls back', async () => {
  const stream = await connect(`?workOrderId=${orderA}`);
  await settled();
  const slow = await db.pool.connect();
  try {
    await slow.query('BEGIN');
    const earlier = await insertIn(slow, orderA);
    const later = await insertEvent(orderA);
    expect(later.id).toBeGreaterThan(earlier);
    // Sending `later` now would skip `earlier` for good: it must wait.
    await sleep(300);
    expect(stream.messages).toHaveLength(0);
    await slow.query('COMMIT');
    expect(ids(await stream.waitForCount(2))).toEqual([earlier, later.id]);

    await slow.query('BEGIN');
    await insertIn(slow, orderA);
    const afterRollback = await insertEvent(orderA);
    await sleep(100);
    expect(stream.messages).toHaveLength(2);
    await slow.query('ROLLBACK');
    expect(ids(await stream.waitForCount(3)).slice(2)).toEqual([afterRollback.id]);

    // An idempotent retry draws an id and inserts nothing: a hole no commit fills.
    await db.pool.query(`${INSERT_EVENT.replace('RETURNING', 'ON CONFLICT (idempotency_key) DO NOTHING RETURNING')}`, [
      orderA,
      'note',
      '{}',
      `stream-test/${keyCounter}`,
    ]);
    const next = await insertEvent(orderA);
    expect(ids(await stream.waitForCount(4)).slice(3)).toEqual([next.id]);
  } finally {
    await slow.query('ROLLBACK').catch(() => undefined);
    slow.release();
  }
});

test('a client that stops reading gets everything, in order, once it reads again', async () => {
  const stream = await connect(`?workOrderId=${orderB}`);
  await settled();
  stream.pause();
  // 20 MB: more than the kernel buffers of a loopback connection hold, so the server's writes back up.
  const big = 'x'.repeat(20_000);
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key)
     SELECT $1, 'bulk', 'system', 'test', 'test', jsonb_build_object('i', i, 'pad', $2::text), 'stream-test/bulk/' || i FROM generate_series(1, 1000) i
     RETURNING id::int AS id`,
    [orderB, big],
  );
  await sleep(500);
  expect(stream.messages.length).toBeLessThan(rows.length);
  stream.resume();
  const got = await stream.waitForCount(rows.length, 30_000);
  expect(ids(got)).toEqual(rows.map((r) => r.id).sort((x, y) => x - y));
});

test('the LISTEN connection is killed: it reconnects and events keep arriving, none lost', async () => {
  const stream = await connect(`?workOrderId=${orderA}`);
  await settled();
  const listeners = async () =>
    (
      await db.pool.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
        [LISTENER_NAME],
      )
    ).rows.map((r) => r.pid);
  const [pid] = await listeners();
  expect(pid).toBeDefined();
  await db.pool.query('SELECT pg_terminate_backend($1)', [pid]);
  const during = [await insertEvent(orderA), await insertEvent(orderA)];
  expect(ids(await stream.waitForCount(2))).toEqual(during.map((e) => e.id));
  for (let i = 0; i < 100 && !(await listeners()).some((p) => p !== pid); i++) await sleep(50);
  expect((await listeners()).filter((p) => p !== pid)).toHaveLength(1);
  expect(feedLog).toEqual([
    expect.stringMatching(/LISTEN connection lost \(terminating connection/),
    expect.stringMatching(/LISTEN connection back/),
  ]);
  const afterReconnect = await insertEvent(orderA);
  expect(ids(await stream.waitForCount(3)).slice(2)).toEqual([afterReconnect.id]);
});

test('heartbeats while nothing happens; a client that stops reading is dropped, and resumes with Last-Event-ID losing nothing', async () => {
  const idle = await openEventStream(`${directUrl}?workOrderId=${orderB}`);
  open.push(idle);
  await sleep(300);
  expect(idle.comments.filter((c) => c === 'ping').length).toBeGreaterThanOrEqual(2);
  expect(idle.messages).toHaveLength(0);
  // Alone on this server from here: a second reader of the 20 MB could be dropped too on a busy machine.
  idle.close();
  await idle.ended;

  await settled();
  const from = (await db.pool.query<{ id: number }>('SELECT max(id)::int AS id FROM events')).rows[0]!.id;
  const stalled = await openEventStream(`${directUrl}?workOrderId=${orderB}`);
  open.push(stalled);
  stalled.pause();
  const { rows } = await db.pool.query<{ id: number }>(
    `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key)
     SELECT $1, 'bulk', 'system', 'test', 'test', jsonb_build_object('i', i, 'pad', $2::text), 'stream-test/stall/' || i FROM generate_series(1, 1000) i
     RETURNING id::int AS id`,
    // 20 MB: more than the kernel buffers of a loopback connection hold, so the server's writes back up.
    [orderB, 'y'.repeat(20_000)],
  );
  for (let i = 0; i < 200 && streamLog.length === 0; i++) await sleep(50);
  expect(streamLog).toEqual([expect.stringMatching(/a client read nothing for 300 ms; disconnected/)]);
  // The client reads what reached it before the connection was cut, then reconnects as an EventSource would.
  stalled.resume();
  await stalled.ended;
  const before = ids(stalled.messages);
  expect(before.length).toBeLessThan(rows.length);
  const resumed = await openEventStream(`${directUrl}?workOrderId=${orderB}`, {
    'Last-Event-ID': String(before.length > 0 ? before[before.length - 1] : from),
  });
  open.push(resumed);
  const after = ids(await resumed.waitForCount(rows.length - before.length, 30_000));
  expect([...before, ...after]).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
});
