/**
 * `npm run bench:triage [-- --history 100000 --samples 200 --warmup 20 --orders 100 --rate 2 --order-warmup 6 --timeout 120]`
 *
 * Two measurements of the triage path, each against a baseline measured in the same run:
 *
 * 1. Context assembly: the `enrichContext` activity (tenant history, unit history, requests in the window, similar
 *    issues in the building by trigram similarity, then the update that stores the context), called directly on
 *    `--samples` fresh work orders inserted in SQL for random units. Measured once on an empty history (baseline),
 *    then again after `--history` completed work orders (default 100,000, over 3 years, every demo unit) are
 *    bulk-inserted with `INSERT … SELECT generate_series` and the table is vacuumed and analyzed. Each query the
 *    activity sends is timed on its way through the pool, and each SELECT is run again under
 *    `EXPLAIN (ANALYZE, BUFFERS)` at the large history, so the plan (is the trigram index used?) is visible. The
 *    similar-issues query of every call is planned again (EXPLAIN) at both sizes and its scans counted, and at the
 *    large history each call's stored top 5 is compared with the building's whole window read with similarity().
 * 2. Webhook to assigned: with the worker running (heuristic classifier, `DEFAULT_RULES`) and the large history in
 *    place, `--orders` signed inbound SMS that the heuristic classifier auto-assigns, sent open-loop at `--rate` per
 *    second; each is timed from the POST to the moment its row reaches `awaiting_confirmation` (the database is
 *    polled every 20 ms). Baseline: the same messages' POST to TwiML answer (the intake part). The events' own
 *    timestamps split the time into the workflow's steps.
 *
 * Everything runs in this process on the test harness (test/support/system.ts): a Temporal dev server, a fresh
 * Postgres database (dropped at the end), the worker (outbox SMS) and the API. Prints markdown tables and the
 * conditions, writes the run to .data/bench/triage-<timestamp>.json; exits 1 when a stored top 5 differs from the
 * whole window's, a call's similar-issues plan does not read the building's trigram index, a message got no work
 * order or a work order was not routed in time.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { createActivities } from '../../activities';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { DEFAULT_RULES } from '../../domain/rules';
import type { SmsLanguage } from '../../domain/sms/templates';
import { workOrderWorkflowId } from '../../workflows/definitions';
import type { TestSystem } from '../../test/support/system';
import {
  childProcesses,
  describeMachine,
  EVENT_LOOP_RESOLUTION_MS,
  gitState,
  lagMs,
  machineBusySeconds,
  postgresCpuMeter,
  runBench,
  sleep,
  sum,
  temporalServer,
  writeRun,
  type Bench,
} from './harness';
import { markdownTable, mib, ms, ratio, summarize, type Summary } from './stats';
import { autoMessage, checkAutoTexts, type Tenant } from './workload';

interface Options {
  /** Completed work orders bulk-inserted before the second context measurement. */
  history: number;
  /** enrichContext calls measured at each history size. */
  samples: number;
  /** enrichContext calls before each measurement, discarded. */
  warmup: number;
  /** Inbound SMS measured from webhook to assigned; 0 skips part 2. */
  orders: number;
  /** Messages per second (open loop). */
  rate: number;
  /** Messages sent (and routed) before part 2's measurement, discarded. */
  orderWarmup: number;
  /** Seconds to wait, after the last message, for every work order to be routed. */
  timeoutSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      history: { type: 'string', default: '100000' },
      samples: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
      orders: { type: 'string', default: '100' },
      rate: { type: 'string', default: '2' },
      'order-warmup': { type: 'string', default: '6' },
      timeout: { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:triage -- [--history H=100000] [--samples S=200] [--warmup W=20] [--orders N=100] [--rate R=2] [--order-warmup 6] [--timeout 120]',
    );
    process.exit(0);
  }
  const num = (name: string, raw: string, min: number, integer = true): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min)
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${raw}`);
    return value;
  };
  const rate = num('rate', values.rate, 0.01, false);
  return {
    history: num('history', values.history, 0),
    samples: num('samples', values.samples, 1),
    warmup: num('warmup', values.warmup, 0),
    orders: num('orders', values.orders, 0),
    rate,
    orderWarmup: num('order-warmup', values['order-warmup'], 0),
    timeoutSeconds: num('timeout', values.timeout, 1),
  };
}

// ---- texts ----------------------------------------------------------------------------------------------------------

/** What tenants report, for the history and the fresh orders of part 1: every trade, a few emergencies, both languages. */
const PROBLEMS: ReadonlyArray<{ text: string; language: SmsLanguage }> = [
  ...[
    'The kitchen sink drain is clogged and backing up',
    'The kitchen sink is leaking under the cabinet',
    'Bathroom faucet keeps dripping all night',
    "Toilet won't flush, it keeps running",
    'Toilet is clogged and the pipe behind it is leaking',
    'The shower drain is clogged and water backs up into the tub',
    'No hot water since this morning',
    'Water heater is making a loud banging noise',
    'Water stain on the bathroom ceiling and it is dripping',
    'Burst pipe under the bathroom sink, water everywhere',
    'No heat in the apartment since last night',
    'The AC is blowing warm air',
    'The thermostat is not responding and the radiator is cold',
    'Radiator in the living room is banging and hissing',
    'The fridge stopped working, food is getting warm',
    'Dishwasher leaks water all over the floor',
    "Stove burner won't light",
    'The washer and dryer both stopped spinning',
    'The outlet in the bedroom sparks when I plug something in',
    'The outlet in the kitchen stopped working and the breaker keeps tripping',
    'Lights in the hallway keep flickering',
    'Smoke detector keeps chirping in the hallway',
    "Front door lock is broken, the key won't turn",
    'Locked out of my apartment, lost my keys',
    'Seeing roaches in the kitchen again',
    'Saw a mouse in the kitchen and droppings under the sink',
    "Bedroom window is cracked and won't close",
    'There is a hole in the bedroom wall behind the door',
    'I smell gas near the stove',
  ].map((text) => ({ text, language: 'en' as const })),
  ...[
    'Hay una fuga de agua debajo del fregadero',
    'El fregadero está tapado y la tubería gotea',
    'El inodoro está tapado y no baja el agua',
    'La ducha no calienta, solo sale agua fría',
    'No hay agua caliente desde ayer',
    'Hay una gotera en el techo del baño',
    'No hay calefacción desde anoche',
    'El termostato no responde y el radiador no calienta',
    'El aire acondicionado no enfría',
    'La nevera no enfría',
    'La estufa no prende',
    'La lavadora y la secadora no funcionan',
    'El enchufe de la cocina echa chispas',
    'Los enchufes de la sala no funcionan y el interruptor tampoco',
    'La luz del pasillo parpadea',
    'El detector de humo no para de sonar',
    'La cerradura de la puerta está rota',
    'Me quedé afuera, perdí las llaves',
    'Hay cucarachas en la cocina',
    'Hay ratones en la cocina',
    'La ventana del cuarto está rota y entra el frío',
    'Huele a gas en la cocina',
  ].map((text) => ({ text, language: 'es' as const })),
];
// Small variations around the same problems (8 × 8 per text), so trigram similarity compares near-duplicates.
const PREFIXES: Record<SmsLanguage, string[]> = {
  en: ['', '', 'Hi, ', 'Hello. ', 'Good morning, ', 'Hi there! ', 'Sorry to bother you, ', 'Urgent: '],
  es: ['', '', 'Hola, ', 'Buenos días. ', 'Buenas tardes, ', 'Disculpe, ', 'Hola! ', 'Urgente: '],
};
const SUFFIXES: Record<SmsLanguage, string[]> = {
  en: [
    '',
    '.',
    '. Please help.',
    '. It started this morning.',
    '. Someone is home all day.',
    '. Thanks',
    ' again.',
    '. Since yesterday.',
  ],
  es: [
    '',
    '.',
    '. Por favor ayúdenme.',
    '. Empezó esta mañana.',
    '. Hay alguien en casa todo el día.',
    '. Gracias',
    ' otra vez.',
    '. Desde ayer.',
  ],
};

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so two runs insert the same fresh orders. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- part 1: context assembly ---------------------------------------------------------------------------------------

interface Unit {
  id: number;
  buildingId: number;
  tenantId: number | null;
}

interface QueryTiming {
  label: string;
  sql: string;
  values: unknown[];
  ms: number;
}

/** The queries enrichContext sends, by what they look for; 'other' when its SQL changed beyond these patterns. */
function queryLabel(sql: string): string {
  if (/^\s*UPDATE work_orders SET metadata/i.test(sql)) return 'store the context (UPDATE)';
  if (/similarity\(/i.test(sql)) return 'similar issues in the building (trigram)';
  if (/count\(\*\)/i.test(sql)) return "tenant's requests in the window (count)";
  if (/WHERE unit_id = \$1/i.test(sql)) return 'unit history (last 10)';
  if (/WHERE tenant_id = \$1/i.test(sql)) return 'tenant history (last 10)';
  if (/SELECT tenant_id, unit_id, building_id, description/i.test(sql)) return 'load the order';
  return 'other';
}
const QUERY_ORDER = [
  'load the order',
  'tenant history (last 10)',
  'unit history (last 10)',
  "tenant's requests in the window (count)",
  'similar issues in the building (trigram)',
  'store the context (UPDATE)',
  'other',
];

/** The pool the activities get: the same pool, with each `query` timed (pool wait + round trip + execution) into `sink`. */
function timedPool(pool: Pool, sink: { current: QueryTiming[] | null }): Pool {
  return new Proxy(pool, {
    get(target, property) {
      if (property !== 'query') return Reflect.get(target, property) as unknown;
      return async (sql: string, values?: unknown[]) => {
        const started = performance.now();
        const result = await target.query(sql, values);
        sink.current?.push({ label: queryLabel(sql), sql, values: values ?? [], ms: performance.now() - started });
        return result;
      };
    },
  });
}

/** Fresh orders (status triage, created now) for random units, as the intake would write them; returns their numbers. */
async function insertFreshOrders(pool: Pool, units: Unit[], count: number, next: () => number): Promise<number[]> {
  const rows = Array.from({ length: count }, () => {
    const unit = units[Math.floor(next() * units.length)]!;
    const problem = PROBLEMS[Math.floor(next() * PROBLEMS.length)]!;
    const prefix = PREFIXES[problem.language][Math.floor(next() * 8)]!;
    const suffix = SUFFIXES[problem.language][Math.floor(next() * 8)]!;
    return { unit, description: `${prefix}${problem.text}${suffix}` };
  });
  const { rows: inserted } = await pool.query<{ number: number }>(
    `INSERT INTO work_orders (status, building_id, unit_id, tenant_id, description, source, metadata)
     SELECT 'triage', b, u, t, d, 'sms', '{"bench":"fresh"}' FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[]) AS x(b, u, t, d)
     RETURNING number::int AS number`,
    [
      rows.map((r) => r.unit.buildingId),
      rows.map((r) => r.unit.id),
      rows.map((r) => r.unit.tenantId),
      rows.map((r) => r.description),
    ],
  );
  return inserted.map((r) => r.number).sort((a, b) => a - b);
}

interface ContextRun {
  historyRows: number;
  totalMs: number[];
  /** One list of timed queries per measured call, in the order sent. */
  queries: QueryTiming[][];
  similarFound: number[];
}

/** Calls enrichContext on each order, one at a time, timing the whole call and each query it sends. */
async function measureContext(
  enrich: ReturnType<typeof createActivities>['enrichContext'],
  sink: { current: QueryTiming[] | null },
  numbers: number[],
  warmup: number,
  historyRows: number,
): Promise<ContextRun> {
  const run: ContextRun = { historyRows, totalMs: [], queries: [], similarFound: [] };
  for (const [i, number] of numbers.entries()) {
    sink.current = [];
    const started = performance.now();
    const result = await enrich({ number, context: DEFAULT_RULES.context });
    const elapsed = performance.now() - started;
    if (i >= warmup) {
      run.totalMs.push(elapsed);
      run.queries.push(sink.current);
      run.similarFound.push(result.similarInBuilding);
    }
    sink.current = null;
  }
  return run;
}

const SECONDS_PER_DAY = 86_400;
const HISTORY_YEARS = 3;

/**
 * `count` completed work orders, oldest first (so numbers grow with time), spread evenly over the last 3 years
 * across every demo unit, each with a technician, a visit and its 'created' and 'completed' events; then VACUUM
 * ANALYZE, as autovacuum would have left a table that grew over years (the trigram index's pending list flushed).
 */
async function insertHistory(
  pool: Pool,
  units: Unit[],
  technicianIds: number[],
  count: number,
): Promise<{ insertMs: number; eventsMs: number; vacuumMs: number }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT setseed(0.4242)');
    const started = performance.now();
    await client.query(
      `WITH p AS (
         SELECT g,
                1 + floor(random() * cardinality($1::bigint[]))::int AS ui,
                1 + floor(random() * cardinality($4::text[]))::int AS ti,
                1 + floor(random() * 8)::int AS pi,
                1 + floor(random() * 8)::int AS si,
                random() AS r1, random() AS r2, random() AS r3
           FROM generate_series(1, $10::int) AS g
       ), q AS (
         -- Evenly spaced, the newest 3 days old (its visit is over), an hour of jitter.
         SELECT p.*, now() - interval '3 days' - make_interval(secs => ($10::int - g) * $11::float8 + r3 * 3600) AS created
           FROM p
       )
       INSERT INTO work_orders (status, priority, building_id, unit_id, tenant_id, description, source, metadata,
                                assigned_technician_id, scheduled_start, scheduled_end, created_at, updated_at, completed_at)
       SELECT 'completed',
              CASE WHEN r1 < 0.05 THEN 'emergency' WHEN r1 < 0.30 THEN 'high' WHEN r1 < 0.85 THEN 'medium' ELSE 'low' END,
              ($2::bigint[])[ui], ($1::bigint[])[ui], ($3::bigint[])[ui],
              CASE WHEN ($5::text[])[ti] = 'es' THEN ($7::text[])[pi] || ($4::text[])[ti] || ($9::text[])[si]
                   ELSE ($6::text[])[pi] || ($4::text[])[ti] || ($8::text[])[si] END,
              CASE WHEN r2 < 0.7 THEN 'sms' ELSE 'api' END,
              '{"seed":"bench-history"}'::jsonb,
              ($12::bigint[])[1 + floor(r2 * cardinality($12::bigint[]))::int],
              visit, visit + interval '90 minutes', created, visit + interval '90 minutes', visit + interval '90 minutes'
         FROM (SELECT q.*, created + make_interval(hours => 2 + floor(r1 * 70)::int) AS visit FROM q) AS v
        ORDER BY g`,
      [
        units.map((u) => u.id),
        units.map((u) => u.buildingId),
        units.map((u) => u.tenantId),
        PROBLEMS.map((p) => p.text),
        PROBLEMS.map((p) => p.language),
        PREFIXES.en,
        PREFIXES.es,
        SUFFIXES.en,
        SUFFIXES.es,
        count,
        (HISTORY_YEARS * 365 * SECONDS_PER_DAY) / Math.max(1, count),
        technicianIds,
      ],
    );
    const insertMs = performance.now() - started;
    const eventsStarted = performance.now();
    await client.query(
      `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key, at)
       SELECT number, e.type, 'system', 'bench', source, '{}', 'bench/history/' || number || '/' || e.type, CASE e.type WHEN 'created' THEN created_at ELSE completed_at END
         FROM work_orders, (VALUES ('created'), ('completed')) AS e(type)
        WHERE metadata->>'seed' = 'bench-history'
        ORDER BY number, e.type DESC`,
    );
    const eventsMs = performance.now() - eventsStarted;
    const vacuumStarted = performance.now();
    await client.query('VACUUM (ANALYZE) work_orders');
    await client.query('VACUUM (ANALYZE) events');
    return { insertMs, eventsMs, vacuumMs: performance.now() - vacuumStarted };
  } finally {
    client.release();
  }
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

interface Explained {
  label: string;
  executionMs: number;
  planningMs: number;
  sharedBlocks: number;
  shape: string;
  /** The rows the scans looked at but threw away (filter + recheck), over the whole plan. */
  rowsDiscarded: number;
}

function planShape(node: PlanNode): string {
  const scans: string[] = [];
  const walk = (n: PlanNode): void => {
    if (/Scan/.test(n['Node Type'])) {
      const rows = n['Actual Rows'] === undefined ? '' : ` (${n['Actual Rows']} rows)`;
      scans.push(
        `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${rows}`,
      );
    }
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return scans.join(' + ');
}

function discarded(node: PlanNode): number {
  return (
    (node['Rows Removed by Filter'] ?? 0) +
    (node['Rows Removed by Index Recheck'] ?? 0) +
    sum((node.Plans ?? []).map(discarded))
  );
}

/** EXPLAIN (ANALYZE, BUFFERS) of the SELECTs enrichContext sent, with their own parameters. */
async function explainQueries(pool: Pool, calls: QueryTiming[][]): Promise<Explained[]> {
  const explained: Explained[] = [];
  for (const queries of calls) {
    for (const q of queries) {
      if (!/^\s*SELECT/i.test(q.sql) || q.label === 'load the order') continue;
      const { rows } = await pool.query<{
        'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>;
      }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, q.values);
      const plan = rows[0]!['QUERY PLAN'][0]!;
      explained.push({
        label: q.label,
        executionMs: plan['Execution Time'],
        planningMs: plan['Planning Time'],
        sharedBlocks: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0),
        shape: planShape(plan.Plan),
        rowsDiscarded: discarded(plan.Plan),
      });
    }
  }
  return explained;
}

/** The scans the planner picks for the similar-issues query of every call (EXPLAIN without ANALYZE), counted by shape. */
async function similarPlanShapes(pool: Pool, calls: QueryTiming[][]): Promise<Map<string, number>> {
  const shapes = new Map<string, number>();
  for (const q of calls.flatMap((call) => call.filter((c) => c.label === 'similar issues in the building (trigram)'))) {
    const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${q.sql}`,
      q.values,
    );
    const shape = planShape(rows[0]!['QUERY PLAN'][0]!.Plan);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  }
  return shapes;
}

/**
 * The rule the similar-issues query implements, read the slow way: every order of the building's window, similarity()
 * computed on each (no trigram operator, no trigram index), the same order and limit. Compared with what each call
 * stored, at the moment it was gathered; the orders it differs on.
 */
async function differFromWholeWindow(
  pool: Pool,
  numbers: number[],
): Promise<Array<{ number: number; stored: string; wholeWindow: string }>> {
  const differing: Array<{ number: number; stored: string; wholeWindow: string }> = [];
  for (const number of numbers) {
    const { rows } = await pool.query<{
      stored: Array<{ number: number; similarity: number }>;
      whole: Array<{ number: number; similarity: number }>;
    }>(
      `SELECT o.metadata->'context'->'similarInBuilding' AS stored,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('number', s.number, 'similarity', s.similarity) ORDER BY s.similarity DESC, s.number DESC), '[]')
                 FROM (SELECT w.number::int AS number, round(similarity(w.description, o.description)::numeric, 2)::float AS similarity
                         FROM work_orders w
                        WHERE w.building_id = o.building_id AND w.number <> o.number
                          AND w.created_at > (o.metadata->'context'->>'gatheredAt')::timestamptz - make_interval(days => $2)
                          AND similarity(w.description, o.description) > 0.3
                        ORDER BY 2 DESC, 1 DESC LIMIT 5) AS s) AS whole
         FROM work_orders o WHERE o.number = $1`,
      [number, DEFAULT_RULES.context.similarIssueWindowDays],
    );
    const row = rows[0]!;
    const stored = JSON.stringify((row.stored ?? []).map((r) => [r.number, r.similarity]));
    const wholeWindow = JSON.stringify(row.whole.map((r) => [r.number, r.similarity]));
    if (stored !== wholeWindow) differing.push({ number, stored, wholeWindow });
  }
  return differing;
}

async function textPlan(pool: Pool, q: QueryTiming): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

function perQuery(run: ContextRun): Map<string, number[]> {
  const byLabel = new Map<string, number[]>();
  for (const call of run.queries) for (const q of call) byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), q.ms]);
  return byLabel;
}

// ---- part 2: webhook to assigned ------------------------------------------------------------------------------------

interface Sent {
  index: number;
  sid: string;
  from: string;
  body: string;
  /** Date.now() at the POST, to compare with the database's event timestamps (same machine clock). */
  postedAtEpochMs: number;
  postedAt: number;
  answeredAt: number | null;
  status: number;
  number: number | null;
  /** When the 20 ms poll first saw the row routed (awaiting_confirmation, needs_assignment or escalated). */
  routedAt: number | null;
  routedStatus: string | null;
  error?: string;
}

const ROUTED = ['awaiting_confirmation', 'needs_assignment', 'escalated'];
const POLL_MS = 20;

/** Sends `count` messages open-loop at `rate`/s and follows each to its routing; resolves when all are routed or `timeoutSeconds` after the last POST. */
async function sendAndFollow(
  system: TestSystem,
  tenants: Tenant[],
  first: number,
  count: number,
  rate: number,
  timeoutSeconds: number,
  stopped: () => boolean,
): Promise<Sent[]> {
  const pool = system.db.pool;
  const sent: Sent[] = [];
  const pending = new Map<number, Sent>();
  let sending = true;

  const poller = (async () => {
    while ((sending || pending.size > 0) && !stopped()) {
      if (pending.size > 0) {
        const { rows } = await pool.query<{ number: number; status: string }>(
          'SELECT number::int AS number, status FROM work_orders WHERE number = ANY($1::bigint[])',
          [[...pending.keys()]],
        );
        const seen = performance.now();
        for (const row of rows) {
          if (!ROUTED.includes(row.status)) continue;
          const s = pending.get(row.number)!;
          s.routedAt = seen;
          s.routedStatus = row.status;
          pending.delete(row.number);
        }
      }
      await sleep(POLL_MS);
    }
  })();

  const posts: Array<Promise<void>> = [];
  const start = performance.now();
  for (let k = 0; k < count && !stopped(); k++) {
    const wait = start + (k * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const { from, body } = autoMessage(first + k, tenants);
    const s: Sent = {
      index: first + k,
      sid: `SM${randomBytes(16).toString('hex')}`,
      from,
      body,
      postedAtEpochMs: Date.now(),
      postedAt: performance.now(),
      answeredAt: null,
      status: 0,
      number: null,
      routedAt: null,
      routedStatus: null,
    };
    sent.push(s);
    posts.push(
      (async () => {
        try {
          const response = await system.textFrom(s.from, s.body, s.sid);
          s.answeredAt = performance.now();
          s.status = response.status;
          const number = Number(/#(\d+)/.exec(response.text)?.[1] ?? Number.NaN);
          if (Number.isInteger(number)) {
            s.number = number;
            pending.set(number, s);
          } else {
            s.error = `no work order number in the answer: ${response.text.slice(0, 200)}`;
          }
        } catch (err) {
          s.answeredAt = performance.now();
          s.error = (err as Error).message;
        }
      })(),
    );
  }
  await Promise.all(posts);
  const deadline = performance.now() + timeoutSeconds * 1000;
  while (pending.size > 0 && performance.now() < deadline && !stopped()) await sleep(50);
  sending = false;
  pending.clear();
  await poller;
  return sent;
}

interface RowDetail {
  number: number;
  status: string;
  outcome: string | null;
  reasons: string[] | null;
  priority: string | null;
  confidence: number | null;
  technicianId: number | null;
  scheduledStartEpochMs: number | null;
}

async function rowDetails(pool: Pool, numbers: number[]): Promise<Map<number, RowDetail>> {
  const { rows } = await pool.query<RowDetail>(
    `SELECT number::int AS number, status, routing->>'outcome' AS outcome, routing->'reasons' AS reasons, priority,
            (classification->>'confidence')::float AS confidence, assigned_technician_id::int AS "technicianId",
            (extract(epoch FROM scheduled_start) * 1000)::float AS "scheduledStartEpochMs"
       FROM work_orders WHERE number = ANY($1::bigint[])`,
    [numbers],
  );
  return new Map(rows.map((r) => [r.number, r]));
}

/** Steps of the workflow, between the transactions that wrote these events (their `at` is the transaction's start). */
const STEPS: ReadonlyArray<{ from: string; to: string; label: string }> = [
  { from: 'POST', to: 'created', label: 'POST → `created` event (HTTP, signature, store the SMS, find the tenant)' },
  {
    from: 'created',
    to: 'triage_started',
    label:
      '`created` → `triage_started` (start the workflow, commit, first workflow task; recordIntake, loadCurrentRules, applyChange)',
  },
  {
    from: 'triage_started',
    to: 'context_enriched',
    label: '`triage_started` → `context_enriched` (enrichContext at the large history, applyChange)',
  },
  {
    from: 'context_enriched',
    to: 'classified',
    label: '`context_enriched` → `classified` (classifyWorkOrder: cache, heuristic, decision row; applyChange)',
  },
  {
    from: 'classified',
    to: 'assigned',
    label: '`classified` → `assigned` (proposeAssignment, 2 × recordDecision, bookTechnician, applyChange)',
  },
  { from: 'assigned', to: 'SEEN', label: '`assigned` → seen by the poll (commit, then up to 20 ms of polling)' },
];

async function eventTimes(pool: Pool, numbers: number[]): Promise<Map<number, Map<string, number>>> {
  const { rows } = await pool.query<{ number: number; type: string; at: number }>(
    `SELECT work_order_number::int AS number, type, (extract(epoch FROM at) * 1000)::float AS at
       FROM events WHERE work_order_number = ANY($1::bigint[]) AND type IN ('created', 'triage_started', 'context_enriched', 'classified', 'assigned', 'queued_for_review', 'escalated')
      ORDER BY id`,
    [numbers],
  );
  const byNumber = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const times = byNumber.get(r.number) ?? new Map<string, number>();
    if (!times.has(r.type)) times.set(r.type, r.at);
    byNumber.set(r.number, times);
  }
  return byNumber;
}

/** The parts of a history event this benchmark reads (no enum: the kind is told by which attributes are set). */
interface HistoryEvent {
  eventId?: { toString(): string } | number | null;
  eventTime?: { seconds?: { toString(): string } | number | null; nanos?: number | null } | null;
  workflowExecutionStartedEventAttributes?: object | null;
  workflowTaskScheduledEventAttributes?: object | null;
  workflowTaskStartedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
  workflowTaskCompletedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  activityTaskStartedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
  activityTaskCompletedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
}

const id = (value: { toString(): string } | number | null | undefined): number =>
  Number(value?.toString() ?? Number.NaN);
const eventMs = (e: HistoryEvent): number => id(e.eventTime?.seconds) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;

interface WorkflowTimes {
  /** WorkflowExecutionStarted → the first `sendSms` scheduled (right after the `assigned` change committed). */
  spanMs: number;
  workflowTasks: number;
  workflowTaskWaitMs: number;
  workflowTaskRunMs: number;
  activities: number;
  activityWaitMs: number;
  activityRunMs: number;
  runByActivity: Map<string, number[]>;
}

/** Splits a work order's triage into the server's and the worker's parts, from its Temporal history's own timestamps. */
function workflowTimes(events: HistoryEvent[]): WorkflowTimes | null {
  const start = events.find((e) => e.workflowExecutionStartedEventAttributes);
  const end = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendSms');
  if (!start || !end) return null;
  const before = events.filter((e) => id(e.eventId) < id(end.eventId));
  const scheduled = new Map(
    before
      .filter((e) => e.workflowTaskScheduledEventAttributes || e.activityTaskScheduledEventAttributes)
      .map((e) => [id(e.eventId), e]),
  );
  const started = new Map<number, HistoryEvent>();
  const times: WorkflowTimes = {
    spanMs: eventMs(end) - eventMs(start),
    workflowTasks: 0,
    workflowTaskWaitMs: 0,
    workflowTaskRunMs: 0,
    activities: 0,
    activityWaitMs: 0,
    activityRunMs: 0,
    runByActivity: new Map(),
  };
  for (const e of before) {
    const startedOf = e.workflowTaskStartedEventAttributes ?? e.activityTaskStartedEventAttributes;
    if (startedOf) {
      const from = scheduled.get(id(startedOf.scheduledEventId));
      if (!from) continue;
      started.set(id(startedOf.scheduledEventId), e);
      if (e.workflowTaskStartedEventAttributes) times.workflowTaskWaitMs += eventMs(e) - eventMs(from);
      else times.activityWaitMs += eventMs(e) - eventMs(from);
    }
    const completedOf = e.workflowTaskCompletedEventAttributes ?? e.activityTaskCompletedEventAttributes;
    if (completedOf) {
      const from = started.get(id(completedOf.scheduledEventId));
      if (!from) continue;
      const run = eventMs(e) - eventMs(from);
      if (e.workflowTaskCompletedEventAttributes) {
        times.workflowTasks += 1;
        times.workflowTaskRunMs += run;
      } else {
        const name =
          scheduled.get(id(completedOf.scheduledEventId))?.activityTaskScheduledEventAttributes?.activityType?.name ??
          'unknown';
        times.activities += 1;
        times.activityRunMs += run;
        times.runByActivity.set(name, [...(times.runByActivity.get(name) ?? []), run]);
      }
    }
  }
  return times;
}

// ---- run ------------------------------------------------------------------------------------------------------------

const median = (values: number[]): number => summarize(values).p50;

async function main(bench: Bench): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const runStarted = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const code = gitState();
  checkAutoTexts();

  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return 130;
  const pool = system.db.pool;
  const memoryBefore = process.memoryUsage();
  let peakRss = memoryBefore.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  sampler.unref();

  const units = (
    await pool.query<{ id: number; building_id: number; tenant_id: number | null }>(
      'SELECT u.id::int, u.building_id::int, (SELECT t.id::int FROM tenants t WHERE t.unit_id = u.id ORDER BY t.id LIMIT 1) AS tenant_id FROM units u ORDER BY u.id',
    )
  ).rows.map((r): Unit => ({ id: r.id, buildingId: r.building_id, tenantId: r.tenant_id }));
  const technicianIds = (await pool.query<{ id: number }>('SELECT id::int FROM technicians ORDER BY id')).rows.map(
    (r) => r.id,
  );
  const tenants = (
    await pool.query<{ phone: string; language: string }>('SELECT phone, language FROM tenants ORDER BY id')
  ).rows.map((r): Tenant => ({ phone: r.phone, language: r.language === 'es' ? 'es' : 'en' }));
  const buildings = new Set(units.map((u) => u.buildingId)).size;
  if (units.length === 0 || tenants.length === 0 || technicianIds.length === 0)
    throw new Error('the demo portfolio was not seeded');

  // ---- 1. context assembly ----
  const sink: { current: QueryTiming[] | null } = { current: null };
  const { enrichContext } = createActivities({ pool: timedPool(pool, sink), classifier: createHeuristicClassifier() });
  const next = random(20261122);
  const calls = options.warmup + options.samples;

  console.error(`context assembly: ${calls} enrichContext calls on an empty history (${options.warmup} warm-up)…`);
  const freshEmpty = await insertFreshOrders(pool, units, calls, next);
  const empty = await measureContext(enrichContext, sink, freshEmpty, options.warmup, 0);
  const plansEmpty = await similarPlanShapes(pool, empty.queries);
  await pool.query('DELETE FROM work_orders WHERE number = ANY($1::bigint[])', [freshEmpty]);
  if (bench.interrupted) return 130;

  console.error(
    `bulk-inserting ${options.history} completed work orders over ${HISTORY_YEARS} years across ${units.length} units in ${buildings} buildings…`,
  );
  const bulk = await insertHistory(pool, units, technicianIds, options.history);
  const historyRows = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM work_orders')).rows[0]!.n);
  const sizes = (
    await pool.query<{ database: string; work_orders: string; trigram_index: string; events: string }>(
      `SELECT pg_database_size(current_database()) AS database, pg_total_relation_size('work_orders') AS work_orders,
              pg_relation_size('work_orders_building_recent_trgm_idx') AS trigram_index, pg_total_relation_size('events') AS events`,
    )
  ).rows[0]!;
  const windowRows = (
    await pool.query<{ building: number; in_window: number; total: number }>(
      `SELECT building_id::int AS building, count(*) FILTER (WHERE created_at > now() - make_interval(days => $1))::int AS in_window, count(*)::int AS total
         FROM work_orders GROUP BY building_id ORDER BY building_id`,
      [DEFAULT_RULES.context.similarIssueWindowDays],
    )
  ).rows;
  console.error(
    `  ${options.history} orders in ${ms(bulk.insertMs)} ms, their events in ${ms(bulk.eventsMs)} ms, VACUUM ANALYZE in ${ms(bulk.vacuumMs)} ms; ` +
      `database ${mib(Number(sizes.database))}`,
  );
  if (bench.interrupted) return 130;

  console.error(`context assembly: ${calls} enrichContext calls on ${historyRows} work orders…`);
  const freshLarge = await insertFreshOrders(pool, units, calls, next);
  const large = await measureContext(enrichContext, sink, freshLarge, options.warmup, historyRows);
  const explainSample = large.queries.slice(0, 20);
  const explained = await explainQueries(pool, explainSample);
  // The similar-issues query of the call with the median similar-issues time, in full.
  const similarCalls = large.queries
    .map((call) => call.find((q) => q.label === 'similar issues in the building (trigram)'))
    .filter((q): q is QueryTiming => q !== undefined);
  const medianSimilar = [...similarCalls].sort((a, b) => a.ms - b.ms)[Math.floor(similarCalls.length / 2)];
  const similarPlan = medianSimilar ? await textPlan(pool, medianSimilar) : 'no similar-issues query was sent';
  const plansLarge = await similarPlanShapes(pool, large.queries);
  const measuredLarge = freshLarge.slice(options.warmup);
  const differing = await differFromWholeWindow(pool, measuredLarge);
  await pool.query('DELETE FROM work_orders WHERE number = ANY($1::bigint[])', [freshLarge]);
  if (bench.interrupted) return 130;

  const emptySummary = summarize(empty.totalMs);
  const largeSummary = summarize(large.totalMs);
  const historyLabel = `${historyRows.toLocaleString('en-US')} work orders`;
  const contextRows: Array<[string, Summary, boolean]> = [
    ['baseline: empty history', emptySummary, true],
    [`history of ${historyLabel}`, largeSummary, false],
  ];
  const contextTable = markdownTable(
    [
      'enrichContext (one call at a time)',
      'n',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'mean ms',
      'calls/s',
      'p50 ÷ empty',
      'p95 ÷ empty',
    ],
    contextRows.map(([label, summary, baseline]) => [
      label,
      String(summary.n),
      ms(summary.p50),
      ms(summary.p95),
      ms(summary.p99),
      ms(summary.max),
      ms(summary.mean),
      (1000 / summary.mean).toFixed(0),
      baseline ? '—' : ratio(summary.p50, emptySummary.p50),
      baseline ? '—' : ratio(summary.p95, emptySummary.p95),
    ]),
    [false, true, true, true, true, true, true, true, true, true],
  );
  const emptyQueries = perQuery(empty);
  const largeQueries = perQuery(large);
  const labels = QUERY_ORDER.filter((l) => emptyQueries.has(l) || largeQueries.has(l));
  const explainedBy = (label: string) => explained.filter((e) => e.label === label);
  const queryTable = markdownTable(
    [
      'query (the 4 in the middle run in parallel)',
      'empty p50 ms',
      'empty p95 ms',
      'large p50 ms',
      'large p95 ms',
      'p95 ÷ empty',
      'EXPLAIN exec p50 ms',
      'buffers p50',
      'rows discarded p50',
      'plan at the large history',
    ],
    labels.map((label) => {
      const e = summarize(emptyQueries.get(label) ?? []);
      const l = summarize(largeQueries.get(label) ?? []);
      const x = explainedBy(label);
      return [
        label,
        ms(e.p50),
        ms(e.p95),
        ms(l.p50),
        ms(l.p95),
        ratio(l.p95, e.p95),
        x.length ? ms(median(x.map((v) => v.executionMs))) : '—',
        x.length ? String(median(x.map((v) => v.sharedBlocks))) : '—',
        x.length ? String(median(x.map((v) => v.rowsDiscarded))) : '—',
        x[0]?.shape ?? '—',
      ];
    }),
    [false, true, true, true, true, true, true, true, true, false],
  );
  const similarExplained = explainedBy('similar issues in the building (trigram)');
  const similarExec = summarize(similarExplained.map((e) => e.executionMs));
  const similarPlanning = summarize(similarExplained.map((e) => e.planningMs));
  const found = summarize(large.similarFound);
  const shapesText = (shapes: Map<string, number>) => [...shapes].map(([shape, n]) => `${n} × ${shape}`).join('; ');
  const contextChecks = [
    {
      name: "similar issues at the large history: every stored top 5 is the whole window's (similarity() on every order of the building's window)",
      ok: differing.length === 0,
      detail: `${measuredLarge.length - differing.length}/${measuredLarge.length}${differing[0] ? `; first difference, order ${differing[0].number}: stored ${differing[0].stored}, whole window ${differing[0].wholeWindow}` : ''}`,
    },
    {
      name: 'similar issues at the large history: every call planned through work_orders_building_recent_trgm_idx',
      ok: [...plansLarge.keys()].every((shape) => shape.includes('work_orders_building_recent_trgm_idx')),
      detail: shapesText(plansLarge),
    },
  ];

  // ---- 2. webhook to assigned ----
  let webhook: Awaited<ReturnType<typeof webhookToAssigned>> | null = null;
  if (options.orders > 0) webhook = await webhookToAssigned(system, tenants, options, () => bench.interrupted);
  if (bench.interrupted) return 130;
  clearInterval(sampler);
  const memoryAfter = process.memoryUsage();
  const childrenAfter = await childProcesses();

  const machine = await describeMachine(pool);
  const conditions = {
    date: runStarted.toISOString(),
    ...machine,
    loadAverage1mAtStart: loadAtStart.toFixed(2),
    code,
    history: options.history,
    historyRows,
    portfolio: `${buildings} buildings, ${units.length} units, ${tenants.length} tenants, ${technicianIds.length} technicians`,
    historyShape: `completed, created evenly over ${HISTORY_YEARS} years, uniform over units; ${PROBLEMS.length} problem texts (en/es) × 8 prefixes × 8 suffixes; 2 events each`,
    inWindowPerBuilding: windowRows.map((r) => `${r.in_window} of ${r.total}`).join(', '),
    samples: options.samples,
    warmup: options.warmup,
    contextRules: DEFAULT_RULES.context,
    pgTrgmThreshold: (await pool.query<{ t: string }>('SELECT show_limit()::text AS t')).rows[0]!.t,
    orders: options.orders,
    rate: options.rate,
    orderWarmup: options.orderWarmup,
    sms: 'outbox (no Twilio REST calls)',
    classifier: 'heuristic (no AI calls)',
    rules: 'DEFAULT_RULES (production durations and thresholds: auto-assign at 0.85)',
    client:
      'system.textFrom (supertest: signs the form, one new HTTP connection per request), in the same process as the API and the worker',
  };
  const memory = {
    processRssBefore: memoryBefore.rss,
    processRssAfter: memoryAfter.rss,
    processRssPeak: Math.max(peakRss, memoryAfter.rss),
    heapUsedBefore: memoryBefore.heapUsed,
    heapUsedAfter: memoryAfter.heapUsed,
    temporalServerRssAfter: sum(temporalServer(childrenAfter).map((c) => c.rssBytes)),
    databaseBytes: Number(sizes.database),
    workOrdersTableBytes: Number(sizes.work_orders),
    trigramIndexBytes: Number(sizes.trigram_index),
    eventsTableBytes: Number(sizes.events),
  };

  const checks = [...contextChecks, ...(webhook?.checks ?? [])];
  const report = [
    `## Triage benchmark — ${conditions.date}`,
    '',
    '### 1. Context assembly (enrichContext)',
    '',
    contextTable,
    '',
    queryTable,
    '',
    `Similar issues at the large history: EXPLAIN (ANALYZE, BUFFERS) execution p50 ${ms(similarExec.p50)} ms, max ${ms(similarExec.max)} ms, planning p50 ${ms(similarPlanning.p50)} ms (${similarExplained.length} orders); ` +
      `similar orders found per call p50 ${found.p50}, max ${found.max} (limit 5). Per building, orders in the ${DEFAULT_RULES.context.similarIssueWindowDays}-day window: ${conditions.inWindowPerBuilding}.`,
    '',
    `The planner's choice for the similar-issues query of every measured call (EXPLAIN): on the empty history ${shapesText(plansEmpty)}; ` +
      `at the large history ${shapesText(plansLarge)}. ${measuredLarge.length - differing.length} of ${measuredLarge.length} calls at the large history stored the top 5 that the whole window gives with similarity() on every order.`,
    '',
    'Plan of the similar-issues query (the call with the median time):',
    '',
    '```',
    similarPlan,
    '```',
    '',
    `Bulk insert: ${options.history} orders ${ms(bulk.insertMs / 1000)} s, ${2 * options.history} events ${ms(bulk.eventsMs / 1000)} s, VACUUM ANALYZE ${ms(bulk.vacuumMs / 1000)} s. ` +
      `Database ${mib(memory.databaseBytes)}: work_orders ${mib(memory.workOrdersTableBytes)} with its indexes (trigram index ${mib(memory.trigramIndexBytes)}), events ${mib(memory.eventsTableBytes)}.`,
    ...(webhook ? ['', '### 2. Webhook to assigned', '', ...webhook.report] : []),
    '',
    'Conditions:',
    `- machine: ${conditions.cores} cores (${conditions.cpuModel}), ${conditions.totalMemory} RAM, ${conditions.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start`,
    `- software: Node ${conditions.node}; ${conditions.temporalCli}; Postgres ${conditions.postgres}; pg_trgm.similarity_threshold ${conditions.pgTrgmThreshold}`,
    `- code: ${conditions.code}`,
    `- portfolio: ${conditions.portfolio}; history ${conditions.historyShape}`,
    `- context: ${options.samples} calls per history size after ${options.warmup} warm-up, one at a time, on fresh orders (status triage, random units, same texts); rules.context ${JSON.stringify(DEFAULT_RULES.context)}`,
    `- webhook: ${options.orders} messages at ${options.rate}/s (open loop) after ${options.orderWarmup} warm-up; SMS ${conditions.sms}; classifier ${conditions.classifier}; rules ${conditions.rules}; worker in this process`,
    `- client: ${conditions.client}`,
    '',
    `Memory: process RSS ${mib(memory.processRssBefore)} after start, ${mib(memory.processRssAfter)} at the end (peak ${mib(memory.processRssPeak)}); heap used ${mib(memory.heapUsedBefore)} → ${mib(memory.heapUsedAfter)}; ` +
      `Temporal dev server RSS ${mib(memory.temporalServerRssAfter)} at the end.`,
    '',
    'Checks:',
    ...checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
  console.log(report);

  const file = await writeRun('triage', runStarted, {
    benchmark: 'triage',
    options,
    conditions,
    context: {
      bulkInsert: bulk,
      empty: { ...emptySummary, samplesMs: rounded(empty.totalMs) },
      large: { historyRows, ...largeSummary, samplesMs: rounded(large.totalMs), similarFound: found },
      ratios: { p50: largeSummary.p50 / emptySummary.p50, p95: largeSummary.p95 / emptySummary.p95 },
      queries: Object.fromEntries(
        labels.map((l) => [
          l,
          { empty: summarize(emptyQueries.get(l) ?? []), large: summarize(largeQueries.get(l) ?? []) },
        ]),
      ),
      explain: explained,
      similarPlan,
      similarPlans: { empty: Object.fromEntries(plansEmpty), large: Object.fromEntries(plansLarge) },
      similarDifferFromWholeWindow: differing,
      windowRowsPerBuilding: windowRows,
    },
    checks,
    webhook: webhook?.json ?? null,
    memory,
    tables: {
      context: contextTable,
      queries: queryTable,
      webhook: webhook?.table ?? null,
      steps: webhook?.stepsTable ?? null,
      workflow: webhook?.workflowTable ?? null,
    },
  });
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  return checks.some((c) => !c.ok) ? 1 : 0;
}

async function webhookToAssigned(system: TestSystem, tenants: Tenant[], options: Options, stopped: () => boolean) {
  const pool = system.db.pool;
  if (options.orderWarmup > 0) {
    console.error(`webhook to assigned: warm-up, ${options.orderWarmup} messages at ${options.rate}/s…`);
    await sendAndFollow(system, tenants, 0, options.orderWarmup, options.rate, options.timeoutSeconds, stopped);
  }
  console.error(`webhook to assigned: ${options.orders} messages at ${options.rate}/s…`);
  const cpuBefore = process.cpuUsage();
  const machineBefore = await machineBusySeconds();
  const serverCpuBefore = sum(temporalServer(await childProcesses()).map((c) => c.cpuSeconds));
  const postgresCpu = postgresCpuMeter(pool);
  const eventLoop = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  eventLoop.enable();
  const measureStarted = performance.now();
  const sent = await sendAndFollow(
    system,
    tenants,
    options.orderWarmup,
    options.orders,
    options.rate,
    options.timeoutSeconds,
    stopped,
  );
  const wallSeconds = (performance.now() - measureStarted) / 1000;
  const cpuUsed = process.cpuUsage(cpuBefore);
  const machineBusy = (await machineBusySeconds()) - machineBefore;
  const serverCpu = sum(temporalServer(await childProcesses()).map((c) => c.cpuSeconds)) - serverCpuBefore;
  const postgresSeconds = await postgresCpu.stop();
  eventLoop.disable();
  const cpu = {
    wallSeconds,
    processSeconds: (cpuUsed.user + cpuUsed.system) / 1e6,
    temporalServerSeconds: serverCpu,
    /** Postgres backends of this run's database. */
    postgresSeconds,
    machineBusySeconds: machineBusy,
    eventLoopLagMs: {
      p50: lagMs(eventLoop.percentile(50)),
      p99: lagMs(eventLoop.percentile(99)),
      max: lagMs(eventLoop.max),
    },
  };

  const numbers = sent.flatMap((s) => (s.number === null ? [] : [s.number]));
  const details = await rowDetails(pool, numbers);
  const events = await eventTimes(pool, numbers);
  const cachedRows = (
    await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE work_order_number = ANY($1::bigint[]) AND type = 'classified' AND (payload->>'cached')::boolean`,
      [numbers],
    )
  ).rows[0]!.n;

  const histories: WorkflowTimes[] = [];
  for (const number of numbers) {
    const history = await system.env.client.workflow
      .getHandle(workOrderWorkflowId(number))
      .fetchHistory()
      .catch(() => null);
    const times = history ? workflowTimes((history.events ?? []) as HistoryEvent[]) : null;
    if (times) histories.push(times);
  }

  const answered = sent.filter((s) => s.status === 200 && s.number !== null);
  const routed = answered.filter((s) => s.routedAt !== null);
  const outcomeOf = (s: Sent) => details.get(s.number!)?.outcome ?? 'none';
  const auto = routed.filter((s) => s.routedStatus === 'awaiting_confirmation');
  const review = routed.filter((s) => s.routedStatus === 'needs_assignment');
  const escalated = routed.filter((s) => s.routedStatus === 'escalated');

  const answerMs = answered.map((s) => s.answeredAt! - s.postedAt);
  const assignedMs = auto.map((s) => s.routedAt! - s.postedAt);
  const routedMs = routed.map((s) => s.routedAt! - s.postedAt);
  const answerSummary = summarize(answerMs);
  const assignedSummary = summarize(assignedMs);
  const routedSummary = summarize(routedMs);
  // The same auto-assigned orders timed by the database's own 'assigned' event (no polling granularity).
  const assignedByEvent = auto.flatMap((s) => {
    const at = events.get(s.number!)?.get('assigned');
    return at === undefined ? [] : [at - s.postedAtEpochMs];
  });
  const assignedByEventSummary = summarize(assignedByEvent);

  const rows: Array<[string, Summary]> = [
    ['webhook → row `awaiting_confirmation` (auto-assigned)', assignedSummary],
    ['webhook → routed, any outcome (auto, review or escalated)', routedSummary],
    ['baseline: webhook → TwiML answer "Work order #N" (same messages)', answerSummary],
  ];
  const table = markdownTable(
    ['measurement', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms', 'p50 ÷ answer p50', 'p95 ÷ answer p95'],
    rows.map(([label, s], i) => [
      label,
      String(s.n),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      ms(s.mean),
      i === rows.length - 1 ? '—' : ratio(s.p50, answerSummary.p50),
      i === rows.length - 1 ? '—' : ratio(s.p95, answerSummary.p95),
    ]),
    [false, true, true, true, true, true, true, true, true],
  );

  // Where the time goes, for the auto-assigned orders: between the events' transactions (database clock = this machine's clock).
  const stepDurations = STEPS.map((step) => {
    const values = auto.flatMap((s) => {
      const times = events.get(s.number!);
      const from = step.from === 'POST' ? s.postedAtEpochMs : times?.get(step.from);
      const to = step.to === 'SEEN' ? s.postedAtEpochMs + (s.routedAt! - s.postedAt) : times?.get(step.to);
      return from === undefined || to === undefined ? [] : [to - from];
    });
    return { ...step, summary: summarize(values) };
  });
  const totalStepP50 = sum(stepDurations.map((d) => d.summary.p50));
  const stepsTable = markdownTable(
    ['step (auto-assigned orders)', 'p50 ms', 'p95 ms', 'share of the p50 sum'],
    stepDurations.map((d) => [
      d.label,
      ms(d.summary.p50),
      ms(d.summary.p95),
      `${((100 * d.summary.p50) / totalStepP50).toFixed(0)}%`,
    ]),
    [false, true, true, true],
  );

  const part = (label: string, count: (t: WorkflowTimes) => number, pick: (t: WorkflowTimes) => number) => {
    const summary = summarize(histories.map(pick));
    return [
      label,
      String(median(histories.map(count))),
      ms(summary.p50),
      ms(summary.p95),
      `${((100 * summary.p50) / median(histories.map((t) => t.spanMs))).toFixed(0)}%`,
    ];
  };
  const workflowTable = markdownTable(
    [
      'inside the workflow: workflow started → first `sendSms` scheduled (sums per order)',
      'count',
      'p50 ms',
      'p95 ms',
      'share of the span p50',
    ],
    [
      part(
        'workflow tasks waiting for the worker (scheduled → started)',
        (t) => t.workflowTasks,
        (t) => t.workflowTaskWaitMs,
      ),
      part(
        'workflow tasks running in the worker (started → completed)',
        (t) => t.workflowTasks,
        (t) => t.workflowTaskRunMs,
      ),
      part(
        'activities waiting for the worker (scheduled → started)',
        (t) => t.activities,
        (t) => t.activityWaitMs,
      ),
      part(
        'activities running (started → completed)',
        (t) => t.activities,
        (t) => t.activityRunMs,
      ),
      part(
        'the rest (server between a completion and the next task, event timestamps)',
        () => 0,
        (t) => t.spanMs - t.workflowTaskWaitMs - t.workflowTaskRunMs - t.activityWaitMs - t.activityRunMs,
      ),
      part(
        'span',
        () => 0,
        (t) => t.spanMs,
      ),
    ],
    [false, true, true, true, true],
  );
  const byActivity = new Map<string, number[]>();
  for (const t of histories)
    for (const [name, runs] of t.runByActivity) byActivity.set(name, [...(byActivity.get(name) ?? []), ...runs]);
  const activityRuns = [...byActivity]
    .map(([name, runs]) => ({ name, perOrder: runs.length / histories.length, ...summarize(runs) }))
    .sort((a, b) => b.p50 * b.perOrder - a.p50 * a.perOrder);

  const daysAhead = auto.flatMap((s) => {
    const start = details.get(s.number!)?.scheduledStartEpochMs;
    return start === null || start === undefined ? [] : [(start - s.postedAtEpochMs) / 86_400_000];
  });
  const days = summarize(daysAhead);
  const byTechnician = new Map<number, number>();
  for (const s of auto) {
    const tech = details.get(s.number!)?.technicianId;
    if (tech !== null && tech !== undefined) byTechnician.set(tech, (byTechnician.get(tech) ?? 0) + 1);
  }
  const notAuto = routed.filter((s) => s.routedStatus !== 'awaiting_confirmation');
  const reasons = new Map<string, number>();
  for (const s of notAuto) {
    const why = (details.get(s.number!)?.reasons ?? []).join('; ') || outcomeOf(s);
    reasons.set(why, (reasons.get(why) ?? 0) + 1);
  }
  const quarter = Math.max(1, Math.floor(auto.length / 4));
  const firstQuarter = summarize(assignedMs.slice(0, quarter));
  const lastQuarter = summarize(assignedMs.slice(-quarter));

  const failedHttp = sent.filter((s) => s.status !== 200 || s.number === null);
  const checks = [
    {
      name: 'every message got its work order number',
      ok: failedHttp.length === 0 && sent.length === options.orders,
      detail: `${answered.length}/${options.orders}${failedHttp[0] ? `; first failure: ${failedHttp[0].status} ${failedHttp[0].error ?? ''}` : ''}`,
    },
    {
      name: `every work order routed within ${options.timeoutSeconds} s of the last message`,
      ok: routed.length === answered.length,
      detail: `${routed.length}/${answered.length}`,
    },
    {
      name: 'auto-assigned rows agree with their routing decision',
      ok: auto.every((s) => outcomeOf(s) === 'auto_assign'),
      detail: `${auto.filter((s) => outcomeOf(s) === 'auto_assign').length}/${auto.length}`,
    },
  ];

  const report = [
    table,
    '',
    `Triage, classification, proposal and booking add ${ms(assignedSummary.p50 - answerSummary.p50)} ms at p50 and ${ms(assignedSummary.p95 - answerSummary.p95)} ms at p95 to the intake answer. ` +
      `Timed by the \`assigned\` event's own timestamp instead of the poll: p50 ${ms(assignedByEventSummary.p50)} ms, p95 ${ms(assignedByEventSummary.p95)} ms (the event is written at the start of the transaction that commits the status).`,
    '',
    `Outcomes: ${auto.length} auto-assigned, ${review.length} to the review queue, ${escalated.length} escalated, ${answered.length - routed.length} not routed in time` +
      `${reasons.size ? ` (why not auto: ${[...reasons].map(([why, n]) => `${n} × ${why}`).join('; ')})` : ''}. ` +
      `Auto-assigned per technician: ${[...byTechnician].map(([id, n]) => `#${id} ${n}`).join(', ')}; proposed visit ${ms(days.p50)} days ahead at p50, ${ms(days.max)} at most. ` +
      `${cachedRows} of ${numbers.length} classifications came from the cache (same normalized text within the hour).`,
    '',
    `Drift: webhook → assigned p50 ${ms(firstQuarter.p50)} ms in the first quarter of the messages, ${ms(lastQuarter.p50)} ms in the last.`,
    '',
    stepsTable,
    '',
    workflowTable,
    '',
    `Activity run time (started → completed) p50 per call: ${activityRuns.map((a) => `${a.name} ${ms(a.p50)} ms${a.perOrder > 1.01 ? ` (× ${a.perOrder.toFixed(0)})` : ''}`).join(', ')}. From ${histories.length} workflow histories.`,
    '',
    `CPU while measuring (${cpu.wallSeconds.toFixed(1)} s wall, ${os.cpus().length} cores): this process ${cpu.processSeconds.toFixed(1)} s, Temporal dev server ${cpu.temporalServerSeconds.toFixed(1)} s, ` +
      `Postgres backends of this database ${cpu.postgresSeconds.toFixed(1)} s, everything else (other Postgres processes, other programs) ${(cpu.machineBusySeconds - cpu.processSeconds - cpu.temporalServerSeconds - cpu.postgresSeconds).toFixed(1)} s (machine busy ${cpu.machineBusySeconds.toFixed(1)} of ${(cpu.wallSeconds * os.cpus().length).toFixed(1)} core-s); ` +
      `event-loop lag p50 ${ms(cpu.eventLoopLagMs.p50)} ms, p99 ${ms(cpu.eventLoopLagMs.p99)} ms, max ${ms(cpu.eventLoopLagMs.max)} ms.`,
  ];
  const json = {
    sent: sent.length,
    outcomes: {
      auto: auto.length,
      review: review.length,
      escalated: escalated.length,
      notRouted: answered.length - routed.length,
      reasons: Object.fromEntries(reasons),
    },
    assigned: { ...assignedSummary, samplesMs: rounded(assignedMs) },
    assignedByEvent: assignedByEventSummary,
    routed: routedSummary,
    answer: { ...answerSummary, samplesMs: rounded(answerMs) },
    ratios: { p50: assignedSummary.p50 / answerSummary.p50, p95: assignedSummary.p95 / answerSummary.p95 },
    steps: stepDurations.map((d) => ({ from: d.from, to: d.to, label: d.label, ...d.summary })),
    daysAhead: days,
    byTechnician: Object.fromEntries(byTechnician),
    cachedClassifications: cachedRows,
    drift: { firstQuarterP50: firstQuarter.p50, lastQuarterP50: lastQuarter.p50 },
    workflow: {
      histories: histories.length,
      spanMs: summarize(histories.map((t) => t.spanMs)),
      workflowTasksPerOrder: median(histories.map((t) => t.workflowTasks)),
      workflowTaskWaitMs: summarize(histories.map((t) => t.workflowTaskWaitMs)),
      workflowTaskRunMs: summarize(histories.map((t) => t.workflowTaskRunMs)),
      activitiesPerOrder: median(histories.map((t) => t.activities)),
      activityWaitMs: summarize(histories.map((t) => t.activityWaitMs)),
      activityRunMs: summarize(histories.map((t) => t.activityRunMs)),
      activityRuns,
    },
    cpu,
  };
  return { report, table, stepsTable, workflowTable, checks, json };
}

function rounded(values: number[]): number[] {
  return values.map((v) => Math.round(v * 100) / 100);
}

runBench(main);
