/**
 * `npm run bench:events [-- --events 1000 --rate 200 --writers 4 --clients 20 --warmup 50]`
 *
 * Commit-to-client latency of GET /events/stream: from the moment an event's COMMIT is acknowledged to the inserting
 * connection until an SSE client has read the event's last line (both timed with performance.now() in this process).
 *   baseline   a bare LISTEN connection on channel 'events': when Postgres delivers the trigger's notification (the floor);
 *   one by one one event at a time, each inserted once the previous one reached the client (no concurrency, no holes);
 *   open loop  `--rate` events/s over `--writers` connections whose transactions overlap (ids commit out of order and
 *              the stream holds them back), with `--clients` unfiltered streams each reading every event, plus as
 *              many streams filtered to another work order that read none of them.
 * Then what the notify trigger costs a writer: single-row inserts and their commit, from one connection and from
 * `--writers` in parallel, with the trigger and with it disabled, interleaved in blocks of 100.
 *
 * Postgres only: a fresh database (dropped at the end) with the demo portfolio and the API (createApp with its event
 * feed) on a real port, all in this process. Checks that every stream got every event it should, once, in id order;
 * exits 1 when one did not. Writes the run to .data/bench/eventStream-<timestamp>.json.
 */
import type { Client as TemporalClient } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client as PgClient, type Pool } from 'pg';
import { createApp } from '../../api/app';
import { createEventFeed, type EventFeed } from '../../api/events/eventFeed';
import { upsertApiKey } from '../../db/queries/apiKeys';
import { appendEvent } from '../../db/queries/events';
import { seedDemoData } from '../../db/seed/seed';
import { createTestDatabase, type TestDatabase } from '../../test/support/database';
import { openEventStream, type SseConnection } from '../../test/support/sseClient';
import { describeMachine, gitState, machineLine, runBench, sleep, writeRun, type Bench } from './harness';
import { LATENCY_COLUMNS, latencyCells, markdownTable, ratio, summarize, type Summary } from './stats';

interface Options {
  events: number;
  rate: number;
  writers: number;
  clients: number;
  warmup: number;
  inserts: number;
}

const KEY = 'bench-event-stream-key-000';

const noTemporal = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`the event stream benchmark does not use Temporal (touched ${String(property)})`);
    },
  },
) as TemporalClient;

function options(): Options {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '200' },
      writers: { type: 'string', default: '4' },
      clients: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '50' },
      inserts: { type: 'string', default: '2000' },
    },
  });
  const n = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got ${values[name]}`);
    return value;
  };
  return {
    events: n('events'),
    rate: n('rate'),
    writers: Math.max(1, n('writers')),
    clients: Math.max(1, n('clients')),
    warmup: n('warmup'),
    inserts: n('inserts'),
  };
}

let keys = 0;
/** Inserts one event in its own transaction on `client`; resolves with its id and when the COMMIT was acknowledged. */
async function insert(client: PgClient | Pool, workOrder: number): Promise<{ id: number; committedAt: number }> {
  const id = await appendEvent(client, {
    number: workOrder,
    type: 'bench',
    actor: { type: 'system', id: 'bench' },
    source: 'bench',
    payload: { n: keys },
    idempotencyKey: `bench/${++keys}`,
    onDuplicateKey: 'throw',
  });
  return { id: id!, committedAt: performance.now() };
}

async function insertWorkOrder(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ number: number }>(
    `INSERT INTO work_orders (number, building_id, unit_id, tenant_id, description, source)
     SELECT nextval('work_order_number_seq'), u.building_id, u.id, t.id, 'event stream benchmark', 'api' FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1
     RETURNING number::int AS number`,
  );
  return rows[0]!.number;
}

/** Latencies of `sent` as read by `stream` (by id); and what the stream got wrong: missing, extra, duplicated or out of order. */
function latencies(
  stream: SseConnection,
  sent: Array<{ id: number; committedAt: number }>,
  fromIndex: number,
): { samples: number[]; problems: string[] } {
  const received = stream.messages.slice(fromIndex);
  const ids = received.map((m) => Number(m.id));
  const problems: string[] = [];
  const expected = sent.map((s) => s.id).sort((a, b) => a - b);
  if (new Set(ids).size !== ids.length) problems.push('an event twice');
  if (ids.some((id, i) => i > 0 && id <= ids[i - 1]!)) problems.push('ids out of order');
  if (ids.length !== expected.length || ids.some((id, i) => id !== expected[i]))
    problems.push(`got ${ids.length} events, expected ${expected.length}`);
  const at = new Map(received.map((m) => [Number(m.id), m.receivedAt]));
  return { samples: sent.map((s) => (at.get(s.id) ?? Number.NaN) - s.committedAt).filter(Number.isFinite), problems };
}

async function main(bench: Bench): Promise<number> {
  const opts = options();
  const startedAt = new Date();
  let db: TestDatabase | null = null;
  let server: Server | null = null;
  const streams: SseConnection[] = [];
  const writers: PgClient[] = [];
  let eventFeed: EventFeed | null = null;
  bench.onStop(async () => {
    for (const s of streams) s.close();
    for (const w of writers) await w.end().catch(() => undefined);
    await eventFeed?.close();
    if (server) await new Promise((resolve) => server!.close(resolve));
    await db?.drop();
  });
  db = await createTestDatabase();
  const pool = db.pool;
  await seedDemoData(pool, { history: false });
  await upsertApiKey(pool, { name: 'bench', role: 'ops', secret: KEY });
  const [measured, other] = [await insertWorkOrder(pool), await insertWorkOrder(pool)];
  eventFeed = createEventFeed({ pool });
  const app = createApp({
    pool,
    temporal: noTemporal,
    taskQueue: 'unused',
    photoStorageDir: '/nonexistent',
    sms: {},
    eventFeed,
    security: { rateLimits: { perKey: 1e9, webhooksPerAddress: 1e9, authFailuresPerAddress: 1e9 } },
  });
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events/stream`;
  const connectStream = async (query = '') => {
    const s = await openEventStream(`${url}${query}`, { Authorization: `Bearer ${KEY}` });
    if (s.status !== 200) throw new Error(`GET /events/stream answered ${s.status}: ${s.body}`);
    streams.push(s);
    return s;
  };
  for (let i = 0; i < opts.writers; i++) {
    const w = new PgClient({ connectionString: db.url });
    await w.connect();
    writers.push(w);
  }
  await eventFeed.ready();

  // Baseline: Postgres' own delivery of the notification to a bare LISTEN connection.
  const listener = new PgClient({ connectionString: db.url });
  await listener.connect();
  writers.push(listener);
  await listener.query('LISTEN events');
  const notified = new Map<number, number>();
  listener.on('notification', (n) =>
    notified.set((JSON.parse(n.payload ?? '{}') as { id: number }).id, performance.now()),
  );

  // One by one, on one unfiltered stream.
  const first = await connectStream();
  const oneByOne: Array<{ id: number; committedAt: number }> = [];
  for (let i = 0; i < opts.warmup + opts.events; i++) {
    const sent = await insert(writers[0]!, measured);
    await first.waitForCount(i + 1, 10_000);
    if (i >= opts.warmup) oneByOne.push(sent);
  }
  const single = latencies(first, oneByOne, opts.warmup);
  const baseline = oneByOne.map((s) => (notified.get(s.id) ?? Number.NaN) - s.committedAt).filter(Number.isFinite);

  // Open loop: overlapping writers, many clients.
  const dashboards = [first];
  for (let i = 1; i < opts.clients; i++) dashboards.push(await connectStream());
  const filtered: SseConnection[] = [];
  for (let i = 0; i < opts.clients; i++) filtered.push(await connectStream(`?workOrderId=${other}`));
  await sleep(200);
  const offsets = dashboards.map((d) => d.messages.length);
  const openLoop: Array<{ id: number; committedAt: number }> = [];
  const intervalMs = 1000 / Math.max(1, opts.rate);
  const loopStarted = performance.now();
  // One insert at a time per connection (a busy writer queues the next); across writers they overlap and commit out of id order.
  const queues = writers.slice(0, opts.writers).map(() => Promise.resolve());
  for (let i = 0; i < opts.events; i++) {
    const due = loopStarted + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const k = i % opts.writers;
    queues[k] = queues[k]!.then(() => insert(writers[k]!, measured)).then((sent) => void openLoop.push(sent));
  }
  await Promise.all(queues);
  const loopSeconds = (performance.now() - loopStarted) / 1000;
  const lastCount = (d: SseConnection, i: number) => offsets[i]! + openLoop.length;
  await Promise.all(dashboards.map((d, i) => d.waitForCount(lastCount(d, i), 30_000)));
  await sleep(200);
  const perClient = dashboards.map((d, i) => latencies(d, openLoop, offsets[i]!));
  const open = perClient.flatMap((c) => c.samples);
  const openFirst = perClient[0]!.samples;
  const problems = [
    ...single.problems.map((p) => `one by one: ${p}`),
    ...perClient.flatMap((c, i) => c.problems.map((p) => `open loop, client ${i}: ${p}`)),
  ];
  if (filtered.some((f) => f.messages.length > 0)) problems.push('a stream filtered to another work order got events');
  for (const s of streams) s.close();

  // What the trigger costs a writer: the same inserts with it on and off, alone and in parallel, in interleaved blocks.
  const parallel = [...new Set([1, opts.writers])];
  const insertCost = new Map<string, number[]>();
  const block = 100;
  for (let done = 0; done < opts.inserts; done += block) {
    for (const n of parallel) {
      for (const mode of ['trigger', 'noTrigger'] as const) {
        await pool.query(`ALTER TABLE events ${mode === 'trigger' ? 'ENABLE' : 'DISABLE'} TRIGGER events_notify`);
        const samples = insertCost.get(`${mode}/${n}`) ?? [];
        insertCost.set(`${mode}/${n}`, samples);
        await Promise.all(
          writers.slice(0, n).map(async (w, wi) => {
            for (let i = wi; i < block; i += n) {
              const t0 = performance.now();
              await insert(w, measured);
              samples.push(performance.now() - t0);
            }
          }),
        );
      }
    }
  }
  await pool.query('ALTER TABLE events ENABLE TRIGGER events_notify');

  const row = (name: string, s: Summary, base?: Summary) => [
    name,
    ...latencyCells(s),
    base ? ratio(s.p50, base.p50) : '—',
    base ? ratio(s.p95, base.p95) : '—',
  ];
  const b = summarize(baseline);
  const rows = [
    row('baseline: COMMIT acknowledged → bare LISTEN connection notified', b),
    row('one by one: COMMIT acknowledged → SSE client read the event', summarize(single.samples), b),
    row(
      `open loop ${opts.rate}/s over ${opts.writers} writers, ${opts.clients} clients: every client's reads`,
      summarize(open),
      b,
    ),
    row('open loop, the first client only', summarize(openFirst), b),
  ];
  console.log(
    markdownTable(['measurement', ...LATENCY_COLUMNS, 'p50 ÷ baseline', 'p95 ÷ baseline'], rows, 'after-label'),
  );
  const cost = (mode: string, n: number) => summarize(insertCost.get(`${mode}/${n}`) ?? []);
  // Commits acknowledged in push order; an id acknowledged after a higher one committed behind it: the stream held the higher one back.
  let highest = 0;
  const late = openLoop.filter((e) => (e.id < highest ? true : ((highest = e.id), false))).length;
  console.log(
    `\nopen loop: ${openLoop.length} events in ${loopSeconds.toFixed(1)} s (${(openLoop.length / loopSeconds).toFixed(0)}/s asked ${opts.rate}/s); ${late} committed after a higher id; ${opts.clients} streams filtered to another order read ${filtered.reduce((n, f) => n + f.messages.length, 0)} events`,
  );
  console.log(
    `\n${markdownTable(
      ['single-row insert + commit', ...LATENCY_COLUMNS, 'p50 ÷ no trigger', 'p95 ÷ no trigger'],
      parallel.flatMap((n) => [
        row(`${n} writer(s): trigger disabled`, cost('noTrigger', n)),
        row(`${n} writer(s): with the notify trigger`, cost('trigger', n), cost('noTrigger', n)),
      ]),
      'after-label',
    )}`,
  );
  const machine = await describeMachine(pool, null);
  console.log(`\n${machineLine(machine)}; load ${machine.loadAverage1m} at the end; ${gitState()}`);
  const file = await writeRun('eventStream', startedAt, {
    options: opts,
    machine,
    baseline: b,
    oneByOne: summarize(single.samples),
    openLoop: summarize(open),
    openLoopFirstClient: summarize(openFirst),
    insertCost: Object.fromEntries([...insertCost].map(([k, v]) => [k, summarize(v)])),
    problems,
  });
  console.log(`run written to ${file}`);
  if (problems.length > 0) {
    console.error(`FAILED: ${problems.join('; ')}`);
    return 1;
  }
  console.log('all checks passed: every stream got every event once, in id order');
  return 0;
}

runBench(main);
