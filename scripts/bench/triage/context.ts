/**
 * Part 1, context assembly: enrichContext called directly, one call at a time, on fresh orders for random units, each
 * call and each query it sends timed; once on an empty history, once on the bulk-inserted one, where the plans are
 * read and every stored top 5 is compared with the building's whole window.
 */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { createActivities } from '../../../activities';
import { createHeuristicClassifier } from '../../../activities/adapters/heuristicClassifier';
import { DEFAULT_RULES } from '../../../domain/rules';
import { seededRandom } from '../../triage/splitCorpus';
import { PREFIXES, PROBLEMS, SUFFIXES } from './generated';
import type { Options } from './options';
import { explainQueries, similarPlanShapes, textPlan, type Explained } from './plans';
import type { Unit } from './portfolio';
import { SIMILAR_ISSUES, timedPool, type QuerySink, type QueryTiming } from './queries';
import { differFromWholeWindow } from './wholeWindow';

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

export interface ContextRun {
  historyRows: number;
  totalMs: number[];
  /** One list of timed queries per measured call, in the order sent. */
  queries: QueryTiming[][];
  similarFound: number[];
}

/** Calls enrichContext on each order, one at a time, timing the whole call and each query it sends. */
async function measureContext(
  enrich: ReturnType<typeof createActivities>['enrichContext'],
  sink: QuerySink,
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

/** Each query's times over a run's calls, by label. */
export function perQuery(run: ContextRun): Map<string, number[]> {
  const byLabel = new Map<string, number[]>();
  for (const call of run.queries) for (const q of call) byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), q.ms]);
  return byLabel;
}

/** What the measurements share: the activity on a timed pool, the units, a seeded generator for the fresh orders. */
export interface ContextProbe {
  pool: Pool;
  units: Unit[];
  enrich: ReturnType<typeof createActivities>['enrichContext'];
  sink: QuerySink;
  next: () => number;
  warmup: number;
  calls: number;
}

export function contextProbe(pool: Pool, units: Unit[], options: Options): ContextProbe {
  const sink: QuerySink = { current: null };
  const { enrichContext } = createActivities({ pool: timedPool(pool, sink), classifier: createHeuristicClassifier() });
  // Deterministic (mulberry32), so two runs insert the same fresh orders.
  const next = seededRandom(20261122);
  return {
    pool,
    units,
    enrich: enrichContext,
    sink,
    next,
    warmup: options.warmup,
    calls: options.warmup + options.samples,
  };
}

/** The baseline: the calls on an empty history, and the similar-issues plans they got; the fresh orders deleted after. */
export async function contextOnEmptyHistory(
  probe: ContextProbe,
): Promise<{ empty: ContextRun; plansEmpty: Map<string, number> }> {
  const { pool, calls, warmup } = probe;
  console.error(`context assembly: ${calls} enrichContext calls on an empty history (${warmup} warm-up)…`);
  const freshEmpty = await insertFreshOrders(pool, probe.units, calls, probe.next);
  const empty = await measureContext(probe.enrich, probe.sink, freshEmpty, warmup, 0);
  const plansEmpty = await similarPlanShapes(pool, empty.queries);
  await pool.query('DELETE FROM work_orders WHERE number = ANY($1::bigint[])', [freshEmpty]);
  return { empty, plansEmpty };
}

export interface LargeHistoryRun {
  large: ContextRun;
  /** EXPLAIN (ANALYZE, BUFFERS) of the SELECTs of the first 20 calls. */
  explained: Explained[];
  /** The similar-issues query of the call with the median similar-issues time, its plan in full. */
  similarPlan: string;
  plansLarge: Map<string, number>;
  /** The orders measured (after the warm-up). */
  measuredLarge: number[];
  differing: Array<{ number: number; stored: string; wholeWindow: string }>;
}

/** The calls on the large history, their plans, and each stored top 5 against the whole window; the fresh orders deleted after. */
export async function contextOnLargeHistory(probe: ContextProbe, historyRows: number): Promise<LargeHistoryRun> {
  const { pool, calls, warmup } = probe;
  console.error(`context assembly: ${calls} enrichContext calls on ${historyRows} work orders…`);
  const freshLarge = await insertFreshOrders(pool, probe.units, calls, probe.next);
  const large = await measureContext(probe.enrich, probe.sink, freshLarge, warmup, historyRows);
  const explainSample = large.queries.slice(0, 20);
  const explained = await explainQueries(pool, explainSample);
  const similarCalls = large.queries
    .map((call) => call.find((q) => q.label === SIMILAR_ISSUES))
    .filter((q): q is QueryTiming => q !== undefined);
  const medianSimilar = [...similarCalls].sort((a, b) => a.ms - b.ms)[Math.floor(similarCalls.length / 2)];
  const similarPlan = medianSimilar ? await textPlan(pool, medianSimilar) : 'no similar-issues query was sent';
  const plansLarge = await similarPlanShapes(pool, large.queries);
  const measuredLarge = freshLarge.slice(warmup);
  const differing = await differFromWholeWindow(pool, measuredLarge);
  await pool.query('DELETE FROM work_orders WHERE number = ANY($1::bigint[])', [freshLarge]);
  return { large, explained, similarPlan, plansLarge, measuredLarge, differing };
}

/** The bulk-inserted history, as the report reads it: how long each step took, the sizes, the rows per building. */
export interface HistoryLoad {
  insertMs: number;
  eventsMs: number;
  vacuumMs: number;
  /** Work orders in the table after the load. */
  historyRows: number;
  sizes: { database: string; work_orders: string; trigram_index: string; events: string };
  windowRows: Array<{ building: number; in_window: number; total: number }>;
}
