/** Part 1's report: the context assembly's tables, its checks, its section of the printed report and of the run's JSON. */
import { DEFAULT_RULES } from '../../../domain/rules';
import { LATENCY_COLUMNS, latencyCells, markdownTable, mib, ms, ratio, summarize, type Summary } from '../stats';
import { perQuery, type ContextRun, type HistoryLoad, type LargeHistoryRun } from './context';
import { median, rounded, type BenchCheck } from './figures';
import type { Options } from './options';
import type { Explained } from './plans';
import { QUERY_ORDER, SIMILAR_ISSUES } from './queries';

export interface ContextResults extends LargeHistoryRun {
  empty: ContextRun;
  plansEmpty: Map<string, number>;
  load: HistoryLoad;
}

/** enrichContext's time per call at both history sizes, against the empty history. */
function contextTable(empty: ContextRun, large: ContextRun, historyRows: number): string {
  const emptySummary = summarize(empty.totalMs);
  const largeSummary = summarize(large.totalMs);
  const historyLabel = `${historyRows.toLocaleString('en-US')} work orders`;
  const contextRows: Array<[string, Summary, boolean]> = [
    ['baseline: empty history', emptySummary, true],
    [`history of ${historyLabel}`, largeSummary, false],
  ];
  const contextTable = markdownTable(
    ['enrichContext (one call at a time)', ...LATENCY_COLUMNS, 'calls/s', 'p50 ÷ empty', 'p95 ÷ empty'],
    contextRows.map(([label, summary, baseline]) => [
      label,
      ...latencyCells(summary),
      (1000 / summary.mean).toFixed(0),
      baseline ? '—' : ratio(summary.p50, emptySummary.p50),
      baseline ? '—' : ratio(summary.p95, emptySummary.p95),
    ]),
    'after-label',
  );
  return contextTable;
}

/** Each query's time at both sizes, with what EXPLAIN found at the large history. */
function queryTable(empty: ContextRun, large: ContextRun, explained: Explained[]): string {
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
  return queryTable;
}

const shapesText = (shapes: Map<string, number>) => [...shapes].map(([shape, n]) => `${n} × ${shape}`).join('; ');

/** Every stored top 5 is the whole window's, and every call's similar-issues plan reads the trigram index. */
function contextChecks({ differing, measuredLarge, plansLarge }: LargeHistoryRun): BenchCheck[] {
  return [
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
}

/** "### 1. Context assembly": the tables, the similar-issues figures and plan, the bulk insert. */
function contextSection(r: ContextResults, options: Options, tables: { context: string; queries: string }): string[] {
  const { load, differing, measuredLarge } = r;
  const similarExplained = r.explained.filter((e) => e.label === SIMILAR_ISSUES);
  const similarExec = summarize(similarExplained.map((e) => e.executionMs));
  const similarPlanning = summarize(similarExplained.map((e) => e.planningMs));
  const found = summarize(r.large.similarFound);
  const inWindowPerBuilding = load.windowRows.map((w) => `${w.in_window} of ${w.total}`).join(', ');
  return [
    '### 1. Context assembly (enrichContext)',
    '',
    tables.context,
    '',
    tables.queries,
    '',
    `Similar issues at the large history: EXPLAIN (ANALYZE, BUFFERS) execution p50 ${ms(similarExec.p50)} ms, max ${ms(similarExec.max)} ms, planning p50 ${ms(similarPlanning.p50)} ms (${similarExplained.length} orders); ` +
      `similar orders found per call p50 ${found.p50}, max ${found.max} (limit 5). Per building, orders in the ${DEFAULT_RULES.context.similarIssueWindowDays}-day window: ${inWindowPerBuilding}.`,
    '',
    `The planner's choice for the similar-issues query of every measured call (EXPLAIN): on the empty history ${shapesText(r.plansEmpty)}; ` +
      `at the large history ${shapesText(r.plansLarge)}. ${measuredLarge.length - differing.length} of ${measuredLarge.length} calls at the large history stored the top 5 that the whole window gives with similarity() on every order.`,
    '',
    'Plan of the similar-issues query (the call with the median time):',
    '',
    '```',
    r.similarPlan,
    '```',
    '',
    `Bulk insert: ${options.history} orders ${ms(load.insertMs / 1000)} s, ${2 * options.history} events ${ms(load.eventsMs / 1000)} s, VACUUM ANALYZE ${ms(load.vacuumMs / 1000)} s. ` +
      `Database ${mib(Number(load.sizes.database))}: work_orders ${mib(Number(load.sizes.work_orders))} with its indexes (trigram index ${mib(Number(load.sizes.trigram_index))}), events ${mib(Number(load.sizes.events))}.`,
  ];
}

/** The run's JSON `context`: every figure of part 1, the samples rounded. */
function contextJson(r: ContextResults) {
  const { empty, large, load } = r;
  const emptySummary = summarize(empty.totalMs);
  const largeSummary = summarize(large.totalMs);
  const emptyQueries = perQuery(empty);
  const largeQueries = perQuery(large);
  const labels = QUERY_ORDER.filter((l) => emptyQueries.has(l) || largeQueries.has(l));
  return {
    bulkInsert: { insertMs: load.insertMs, eventsMs: load.eventsMs, vacuumMs: load.vacuumMs },
    empty: { ...emptySummary, samplesMs: rounded(empty.totalMs) },
    large: {
      historyRows: load.historyRows,
      ...largeSummary,
      samplesMs: rounded(large.totalMs),
      similarFound: summarize(large.similarFound),
    },
    ratios: { p50: largeSummary.p50 / emptySummary.p50, p95: largeSummary.p95 / emptySummary.p95 },
    queries: Object.fromEntries(
      labels.map((l) => [
        l,
        { empty: summarize(emptyQueries.get(l) ?? []), large: summarize(largeQueries.get(l) ?? []) },
      ]),
    ),
    explain: r.explained,
    similarPlan: r.similarPlan,
    similarPlans: { empty: Object.fromEntries(r.plansEmpty), large: Object.fromEntries(r.plansLarge) },
    similarDifferFromWholeWindow: r.differing,
    windowRowsPerBuilding: load.windowRows,
  };
}

export function contextReport(r: ContextResults, options: Options) {
  const tables = {
    context: contextTable(r.empty, r.large, r.load.historyRows),
    queries: queryTable(r.empty, r.large, r.explained),
  };
  return { tables, checks: contextChecks(r), section: contextSection(r, options, tables), json: contextJson(r) };
}
