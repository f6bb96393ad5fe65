/**
 * The suite's summary (`npm run bench`, all.ts): one row per figure the issue asks for, read from the runs the
 * benchmarks wrote (their JSON), each with its value, the baseline measured in the same run, the ratio and the
 * conditions; and the markdown page (docs/benchmarks.md). Pure: no I/O, no clock.
 */
import { capacityFigure, costFigure, openOrderLatencyFigures } from './capacityFigures';
import type { Machine } from './harness';
import { at, count, num, percentiles, ratios, seconds, times, type Figure } from './reportCells';
import { kib, markdownTable, mib, ms } from './stats';
import { longRunFigures, timersMemoryCells, timersPickupCells } from './timersFigures';
import type { LongTimersRun } from './timersLongRun';

export { at, type Figure } from './reportCells';

export interface BenchmarkRun {
  name: string;
  /** Exit code of the benchmark's process (0: every check passed). */
  code: number | null;
  seconds: number;
  /** The machine's 1-minute load average when it started (anything else running shows here). */
  loadAtStart: string;
  /** The run's JSON as the benchmark wrote it; null when it wrote none. */
  json: unknown;
  /** What the benchmark printed on stdout (its own tables and conditions). */
  report: string;
}

export interface Suite {
  startedAt: string;
  totalSeconds: number;
  machine: Machine;
  loadAverage1mAtEnd: string;
  code: string;
  command: string;
  runs: BenchmarkRun[];
  /** Why a benchmark ran at the size it did (e.g. the timers' N picked to fit the time budget). */
  notes: string[];
}

/**
 * The figures of the issue, from whichever benchmarks ran; a benchmark that did not run or failed to write its JSON
 * gives a row saying so. `longRun`: the published 10,000-order timers run (timersLongRun.ts), shown beside the suite's.
 */
export function figuresOf(runs: readonly BenchmarkRun[], longRun: LongTimersRun | null = null): Figure[] {
  const find = (name: string) => runs.find((r) => r.name === name);
  const missing = (figure: string, name: string): Figure => {
    const run = find(name);
    const why = !run ? 'not run' : run.json === null ? `no result (exit code ${run.code})` : 'incomplete result';
    return { figure, value: why, baseline: '—', ratio: '—', conditions: `\`scripts/bench/${name}.ts\`` };
  };
  const failed = (run: BenchmarkRun) =>
    run.code === 0 ? '' : ` **(a check failed: exit code ${run.code}, see its report)**`;
  const figures: Figure[] = [];

  const intake = find('intake');
  if (intake?.json) {
    const j = intake.json;
    figures.push({
      figure: 'Intake: SMS webhook → TwiML answer ("Work order #N")',
      value: percentiles(j, 'measurements.intake', ['p50', 'p95', 'p99']),
      baseline: `HELP on the same route (webhook path, creates nothing): ${percentiles(j, 'measurements.help', ['p50', 'p95', 'p99'])}`,
      ratio: ratios(j, 'measurements.intake', 'measurements.help', ['p50', 'p95', 'p99']),
      conditions:
        `N ${count(num(j, 'options.messages'))} per kind after ${count(num(j, 'options.warmup'))} warm-up, concurrency ${count(num(j, 'options.concurrency'))} (closed loop), blocks interleaved with the baseline; ` +
        `the worker triages the new orders in the same process meanwhile${failed(intake)}`,
    });
  } else figures.push(missing('Intake: SMS webhook → TwiML answer ("Work order #N")', 'intake'));

  const triage = find('triage');
  if (triage?.json && at(triage.json, 'webhook.assigned')) {
    const j = triage.json;
    figures.push({
      figure: 'Webhook → assigned (heuristic classifier, auto path: row `awaiting_confirmation`)',
      value: percentiles(j, 'webhook.assigned', ['p50', 'p95']),
      baseline: `TwiML answer of the same texts: ${percentiles(j, 'webhook.answer', ['p50', 'p95'])}`,
      ratio: ratios(j, 'webhook.assigned', 'webhook.answer', ['p50', 'p95']),
      conditions:
        `N ${count(num(j, 'webhook.assigned.n'))} auto-assigned of ${count(num(j, 'options.orders'))} texts at ${num(j, 'options.rate')}/s (open loop) after ${count(num(j, 'options.orderWarmup'))} warm-up; ` +
        `${count(num(j, 'context.large.historyRows'))} work orders in the database; DEFAULT_RULES; 20 ms database poll${failed(triage)}`,
    });
  } else
    figures.push(
      missing('Webhook → assigned (heuristic classifier, auto path: row `awaiting_confirmation`)', 'triage'),
    );

  const throughput = find('throughput');
  if (throughput?.json) {
    const j = throughput.json;
    if (at(j, 'saturation.orderKnee')) figures.push(capacityFigure(j, failed(throughput)));
    if (at(j, 'cost.toAwaitingConfirmation')) figures.push(costFigure(j));
    figures.push({
      figure:
        '**Throughput, latency run: work orders/s through intake, classification and assignment with a few in flight** (ratio to the empty workflow)',
      value: `${num(j, 'orders.perSecond').toFixed(2)} orders/s`,
      baseline: `\`benchEmptyWorkflow\` on the same server and worker: ${num(j, 'emptyPerSecond').toFixed(1)}/s (mean of ${num(j, 'emptyBefore.perSecond').toFixed(1)} before and ${num(j, 'emptyAfter.perSecond').toFixed(1)} after)`,
      ratio: `**${num(j, 'ratio').toFixed(3)}×**`,
      conditions:
        `N ${count(num(j, 'options.orders'))} texts by ${count(num(j, 'options.concurrency'))} clients, each texting again once its ${at(j, 'options.burst') === true ? 'text is answered' : 'order is routed'}, timed to the last one routed; ${count(num(j, 'orders.autoAssigned'))} auto-assigned, ` +
        `${count(num(j, 'orders.lostBookingRace'))} to review after losing the booking race 3 times; ${num(j, 'perOrder.workflowTasks')} workflow tasks + ${num(j, 'perOrder.activities')} activities per order ` +
        `(empty: 1 workflow task); ${String(at(j, 'conditions.technicians') ?? '').replace(/ \(.*\)$/, '')}; ${count(num(j, 'options.empty'))} empty workflows per baseline, started by as many clients as fast as they are answered${failed(throughput)}`,
    });
  } else
    figures.push(
      missing(
        '**Throughput: work orders/s through intake, classification and assignment** (headline: ratio to the empty workflow)',
        'throughput',
      ),
    );

  if (triage?.json && at(triage.json, 'context.large')) {
    const j = triage.json;
    figures.push({
      figure: `Context assembly (\`enrichContext\`) with ${count(num(j, 'context.large.historyRows'))} historical work orders`,
      value: `p95 ${ms(num(j, 'context.large.p95'))} ms (p50 ${ms(num(j, 'context.large.p50'))})`,
      baseline: `empty history: p95 ${ms(num(j, 'context.empty.p95'))} ms (p50 ${ms(num(j, 'context.empty.p50'))})`,
      ratio: `p95 ${times(num(j, 'context.large.p95'), num(j, 'context.empty.p95'))} / p50 ${times(num(j, 'context.large.p50'), num(j, 'context.empty.p50'))}`,
      conditions:
        `N ${count(num(j, 'context.large.n'))} calls one at a time after ${count(num(j, 'options.warmup'))} warm-up, on fresh orders; history completed over 3 years across the demo's 3 buildings (worst case per building), ` +
        `then VACUUM ANALYZE${failed(triage)}`,
    });
  } else figures.push(missing('Context assembly (`enrichContext`) with 100,000 historical work orders', 'triage'));

  const timers = find('timers');
  if (timers?.json) {
    const j = timers.json;
    const n = num(j, 'parked.total');
    figures.push({
      figure: 'Open work orders waiting on timers: worker RSS, cached vs evicted',
      ...timersMemoryCells(j),
      conditions:
        `${count(num(j, 'parked.onTimers'))} of ${count(n)} on their confirmation timers (12 h reminder, 24 h wait), the rest in needs_assignment; worker in its own process; ` +
        (at(j, 'extrapolated10k.rssBoundedBytes') !== undefined
          ? `cache bounded at ${count(num(j, 'memory.cacheSize'))}: ${mib(num(j, 'memory.openRss'))} with all ${count(n)} open; ` +
            (Number.isFinite(num(j, 'memory.cachedRssPerWorkflow'))
              ? `${kib(num(j, 'memory.cachedRssPerWorkflow'))} RSS per cached workflow → **10,000 open extrapolated: ${mib(num(j, 'extrapolated10k.rssBoundedBytes'))}** (all 10,000 cached: ${mib(num(j, 'extrapolated10k.rssAllCachedBytes'))}; `
              : 'under 100 cached, no cost per cached workflow to extrapolate from (') +
            '10,000 not created: '
          : `${kib(num(j, 'memory.cachedRssPerWorkflow'))} RSS per cached workflow → **10,000 extrapolated: ${mib(num(j, 'extrapolated10k.rssCachedBytes'))}** (10,000 not created: `) +
        `${num(j, 'extrapolated10k.creationMinutes').toFixed(0)} min at the ${num(j, 'creation.perSecond').toFixed(2)}/s measured); the SDK's default cache here holds ${count(num(j, 'sdkDefaultMaxCachedWorkflows'))}${failed(timers)}`,
    });
    figures.push({
      figure:
        'Restarted worker picking them up (SIGKILL → every order answered its state query through the new worker)',
      value: `${seconds(num(j, 'crash.pickupMs'))} for ${count(n)} (new worker polling after ${seconds(num(j, 'crash.startMs'))})`,
      ...timersPickupCells(j),
      conditions:
        `picked up = the new worker fetched and replayed each history (${count(num(j, 'options.queries'))} queries in flight); steady ${num(j, 'crash.steadyPerSecond').toFixed(0)} orders/s → ` +
        `**10,000 extrapolated: ${num(j, 'extrapolated10k.pickupSeconds').toFixed(0)} s**${failed(timers)}`,
    });
    figures.push(...openOrderLatencyFigures(j, failed(timers)));
  } else {
    figures.push(missing('Open work orders waiting on timers: worker RSS, cached vs evicted', 'timers'));
    figures.push(
      missing(
        'Restarted worker picking them up (SIGKILL → every order answered its state query through the new worker)',
        'timers',
      ),
    );
  }

  if (longRun) figures.push(...longRunFigures(longRun));

  const events = find('eventStream');
  if (events?.json && at(events.json, 'openLoop')) {
    const j = events.json;
    figures.push({
      figure: 'Event stream latency: COMMIT acknowledged → SSE client read the event',
      value: `p95 ${ms(num(j, 'openLoop.p95'))} ms (p50 ${ms(num(j, 'openLoop.p50'))}); one at a time: p95 ${ms(num(j, 'oneByOne.p95'))} ms`,
      baseline: `bare LISTEN connection notified: p95 ${ms(num(j, 'baseline.p95'))} ms (p50 ${ms(num(j, 'baseline.p50'))})`,
      ratio: `p95 ${times(num(j, 'openLoop.p95'), num(j, 'baseline.p95'))}`,
      conditions:
        `open loop ${count(num(j, 'options.events'))} events at ${count(num(j, 'options.rate'))}/s over ${count(num(j, 'options.writers'))} writers (overlapping transactions), ` +
        `${count(num(j, 'options.clients'))} streams reading all (+ as many filtered); Postgres and the API only${failed(events)}`,
    });
  } else figures.push(missing('Event stream latency: COMMIT acknowledged → SSE client read the event', 'eventStream'));
  return figures;
}

/** A benchmark's printed report without the banner the Temporal dev server prints when it starts. */
export function withoutServerBanner(report: string): string {
  return report
    .split('\n')
    .filter((line) => !/^(CLI \S+ \(Server [^)]*\)|Server:\s+\S+:\d+|UI:\s+http\S*|Metrics:\s+http\S*)\s*$/.test(line))
    .join('\n')
    .replace(/^\s+/, '');
}

/**
 * The page: the machine, the summary table, the notes, a comparison with an earlier run when one is kept
 * (docs/benchmarks-before-after.md, written by hand: earlier code measured other figures), then each benchmark's report.
 */
export function renderMarkdown(suite: Suite, figures: readonly Figure[], beforeAfter: string | null = null): string {
  const m = suite.machine;
  const table = markdownTable(
    ['figure', 'value', 'baseline (same run)', 'ratio', 'conditions'],
    figures.map((f) =>
      [f.figure, f.value, f.baseline, f.ratio, f.conditions].map((cell) =>
        cell.replace(/\|/g, '\\|').replace(/\n/g, ' '),
      ),
    ),
  );
  const runs = markdownTable(
    ['benchmark', 'exit code', 'wall time', '1-minute load average at its start'],
    suite.runs.map((r) => [`\`${r.name}\``, String(r.code), `${r.seconds.toFixed(0)} s`, r.loadAtStart]),
    'after-label',
  );
  return [
    '# Benchmarks',
    '',
    `\`${suite.command}\` on ${suite.startedAt.slice(0, 10)}, ${Math.floor(suite.totalSeconds / 60)} min ${Math.round(suite.totalSeconds % 60)} s in all. ` +
      'Every figure is measured against a baseline measured in the same run, on the same machine; each benchmark runs alone (one after the other), on its own Temporal dev server and fresh database.',
    '',
    `**Machine:** ${m.cores} cores (${m.cpuModel}), ${m.totalMemory} RAM, ${m.platform}. **Software:** Node ${m.node}; Postgres ${m.postgres}; Temporal CLI: ${m.temporalCli}. ` +
      `**Load:** 1-minute load average ${m.loadAverage1m} at the start, ${suite.loadAverage1mAtEnd} at the end (the machine is shared: anything else running slows every figure). **Code:** ${suite.code}.`,
    '',
    'All in one process per benchmark unless said: the API, the worker (heuristic classifier, outbox SMS: no network calls) and the client share the cores with the Temporal dev server and Postgres.',
    '',
    table,
    '',
    ...(suite.notes.length ? ['Notes:', '', ...suite.notes.map((n) => `- ${n}`), ''] : []),
    runs,
    '',
    ...(beforeAfter ? ['## Before and after', '', beforeAfter.trim(), ''] : []),
    '',
    "## Each benchmark's report",
    '',
    ...suite.runs.flatMap((r) => [
      `<details><summary><code>${r.name}</code> (exit code ${r.code}, ${r.seconds.toFixed(0)} s)</summary>`,
      '',
      withoutServerBanner(r.report).trim() || '(no report)',
      '',
      '</details>',
      '',
    ]),
  ].join('\n');
}
