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
 *
 * This file runs the phases in order and holds the history's bulk load (the one INSERT into events outside
 * db/queries/events.ts, see test/unit/oneEventWriter.test.ts); the parts are in triage/.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { DEFAULT_RULES } from '../../domain/rules';
import type { TestSystem } from '../../test/support/system';
import { gitState, runBench, type Bench } from './harness';
import { mib, ms } from './stats';
import { contextOnEmptyHistory, contextOnLargeHistory, contextProbe, type HistoryLoad } from './triage/context';
import { contextReport } from './triage/contextReport';
import { HISTORY_YEARS, PREFIXES, PROBLEMS, SUFFIXES } from './triage/generated';
import { sampleMemory } from './triage/memory';
import { parseOptions, type Options } from './triage/options';
import { loadPortfolio, type Portfolio, type Unit } from './triage/portfolio';
import { describeConditions, reportRun } from './triage/report';
import { readRecords, sendMessages } from './triage/webhook';
import { webhookReport } from './triage/webhookReport';
import { checkAutoTexts } from './workload';

const SECONDS_PER_DAY = 86_400;

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

/** The history bulk-inserted, then the figures the report reads of it: rows, sizes, orders in each building's window. */
async function loadHistory(pool: Pool, portfolio: Portfolio, options: Options): Promise<HistoryLoad> {
  const { units, technicianIds, buildings } = portfolio;
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
  return { ...bulk, historyRows, sizes, windowRows };
}

/** Part 2 with its report, or null when `--orders 0`. */
async function webhookPart(bench: Bench, system: TestSystem, portfolio: Portfolio, options: Options) {
  if (options.orders === 0) return null;
  const { sent, cpu } = await sendMessages(system, portfolio.tenants, options, () => bench.interrupted);
  return webhookReport(sent, cpu, await readRecords(system, sent), options);
}

async function main(bench: Bench): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const loadAtStart = os.loadavg()[0]!;
  const code = gitState();
  checkAutoTexts();

  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return 130;
  const pool = system.db.pool;
  const memory = sampleMemory();
  const portfolio = await loadPortfolio(pool);

  // ---- 1. context assembly ----
  const probe = contextProbe(pool, portfolio.units, options);
  const { empty, plansEmpty } = await contextOnEmptyHistory(probe);
  if (bench.interrupted) return 130;
  const load = await loadHistory(pool, portfolio, options);
  if (bench.interrupted) return 130;
  const large = await contextOnLargeHistory(probe, load.historyRows);
  if (bench.interrupted) return 130;
  const context = contextReport({ empty, plansEmpty, ...large, load }, options);

  // ---- 2. webhook to assigned ----
  const webhook = await webhookPart(bench, system, portfolio, options);
  if (bench.interrupted) return 130;

  const memoryFigures = await memory.stop(load.sizes);
  const conditions = await describeConditions(pool, { started, loadAtStart, code, options, portfolio, load });
  return reportRun({ started, options, conditions, memory: memoryFigures, context, webhook });
}

runBench(main);
