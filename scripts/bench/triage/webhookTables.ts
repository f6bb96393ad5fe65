/** Part 2's tables: webhook to assigned against the intake answer, the time between the events, inside the workflow. */
import { sum } from '../harness';
import { LATENCY_COLUMNS, latencyCells, markdownTable, ms, ratio, summarize, type Summary } from '../stats';
import { median } from './figures';
import { STEPS } from './records';
import type { Sent } from './send';
import type { WorkflowTimes } from './workflowHistory';

/** Webhook → assigned, → routed, and the baseline webhook → answer, with the ratios to the baseline. */
export function latencyTable(assignedSummary: Summary, routedSummary: Summary, answerSummary: Summary): string {
  const rows: Array<[string, Summary]> = [
    ['webhook → row `awaiting_confirmation` (auto-assigned)', assignedSummary],
    ['webhook → routed, any outcome (auto, review or escalated)', routedSummary],
    ['baseline: webhook → TwiML answer "Work order #N" (same messages)', answerSummary],
  ];
  const table = markdownTable(
    ['measurement', ...LATENCY_COLUMNS, 'p50 ÷ answer p50', 'p95 ÷ answer p95'],
    rows.map(([label, s], i) => [
      label,
      ...latencyCells(s),
      i === rows.length - 1 ? '—' : ratio(s.p50, answerSummary.p50),
      i === rows.length - 1 ? '—' : ratio(s.p95, answerSummary.p95),
    ]),
    'after-label',
  );
  return table;
}

/** Where the time goes, for the auto-assigned orders: between the events' transactions (database clock = this machine's clock). */
export function stepDurations(auto: Sent[], events: Map<number, Map<string, number>>) {
  return STEPS.map((step) => {
    const values = auto.flatMap((s) => {
      const times = events.get(s.number!);
      const from = step.from === 'POST' ? s.postedAtEpochMs : times?.get(step.from);
      const to = step.to === 'SEEN' ? s.postedAtEpochMs + (s.routedAt! - s.postedAt) : times?.get(step.to);
      return from === undefined || to === undefined ? [] : [to - from];
    });
    return { ...step, summary: summarize(values) };
  });
}

export function stepsTable(durations: ReturnType<typeof stepDurations>): string {
  const totalStepP50 = sum(durations.map((d) => d.summary.p50));
  return markdownTable(
    ['step (auto-assigned orders)', 'p50 ms', 'p95 ms', 'share of the p50 sum'],
    durations.map((d) => [
      d.label,
      ms(d.summary.p50),
      ms(d.summary.p95),
      `${((100 * d.summary.p50) / totalStepP50).toFixed(0)}%`,
    ]),
    'after-label',
  );
}

/** The workflow's span split into tasks and activities waiting and running, summed per order. */
export function workflowTable(histories: WorkflowTimes[]): string {
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
  return markdownTable(
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
    'after-label',
  );
}

/** Each activity's run time per call, the ones that cost most per order first. */
export function activityRuns(histories: WorkflowTimes[]) {
  const byActivity = new Map<string, number[]>();
  for (const t of histories)
    for (const [name, runs] of t.runByActivity) byActivity.set(name, [...(byActivity.get(name) ?? []), ...runs]);
  return [...byActivity]
    .map(([name, runs]) => ({ name, perOrder: runs.length / histories.length, ...summarize(runs) }))
    .sort((a, b) => b.p50 * b.perOrder - a.p50 * a.perOrder);
}
