/** Part 2's report: outcomes and latencies of the messages, where the time went, its checks, its JSON. */
import os from 'node:os';
import { ms, summarize } from '../stats';
import { median, rounded, type BenchCheck } from './figures';
import type { Options } from './options';
import type { Sent } from './send';
import type { CpuFigures, WebhookRecords } from './webhook';
import { activityRuns, latencyTable, stepDurations, stepsTable, workflowTable } from './webhookTables';

/** The messages by what became of them, and their latencies from the POST. */
function analyse(sent: Sent[], { details, events }: WebhookRecords) {
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
  return {
    answered,
    routed,
    outcomeOf,
    auto,
    review,
    escalated,
    answerMs,
    assignedMs,
    answerSummary,
    assignedSummary,
    routedSummary,
    assignedByEventSummary,
  };
}
type Analysis = ReturnType<typeof analyse>;

/** When and to whom the auto-assigned visits went, why the others did not, and the drift over the run. */
function assignmentFacts({ auto, routed, outcomeOf, assignedMs }: Analysis, { details }: WebhookRecords) {
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
  return { days, byTechnician, reasons, firstQuarter, lastQuarter };
}

function webhookChecks(sent: Sent[], { answered, routed, auto, outcomeOf }: Analysis, options: Options): BenchCheck[] {
  const failedHttp = sent.filter((s) => s.status !== 200 || s.number === null);
  return [
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
}

function cpuLine(cpu: CpuFigures): string {
  return (
    `CPU while measuring (${cpu.wallSeconds.toFixed(1)} s wall, ${os.cpus().length} cores): this process ${cpu.processSeconds.toFixed(1)} s, Temporal dev server ${cpu.temporalServerSeconds.toFixed(1)} s, ` +
    `Postgres backends of this database ${cpu.postgresSeconds.toFixed(1)} s, everything else (other Postgres processes, other programs) ${(cpu.machineBusySeconds - cpu.processSeconds - cpu.temporalServerSeconds - cpu.postgresSeconds).toFixed(1)} s (machine busy ${cpu.machineBusySeconds.toFixed(1)} of ${(cpu.wallSeconds * os.cpus().length).toFixed(1)} core-s); ` +
    `event-loop lag p50 ${ms(cpu.eventLoopLagMs.p50)} ms, p99 ${ms(cpu.eventLoopLagMs.p99)} ms, max ${ms(cpu.eventLoopLagMs.max)} ms.`
  );
}

type Facts = ReturnType<typeof assignmentFacts>;
type Runs = ReturnType<typeof activityRuns>;
interface Tables {
  table: string;
  stepsTable: string;
  workflowTable: string;
}

/** Part 2's section of the printed report, under "### 2. Webhook to assigned". */
function webhookLines(a: Analysis, facts: Facts, records: WebhookRecords, tables: Tables, runs: Runs, cpu: CpuFigures) {
  const { answered, routed, auto, review, escalated, answerSummary, assignedSummary, assignedByEventSummary } = a;
  const { days, byTechnician, reasons, firstQuarter, lastQuarter } = facts;
  const { numbers, cachedRows, histories } = records;
  return [
    tables.table,
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
    tables.stepsTable,
    '',
    tables.workflowTable,
    '',
    `Activity run time (started → completed) p50 per call: ${runs.map((run) => `${run.name} ${ms(run.p50)} ms${run.perOrder > 1.01 ? ` (× ${run.perOrder.toFixed(0)})` : ''}`).join(', ')}. From ${histories.length} workflow histories.`,
    '',
    cpuLine(cpu),
  ];
}

/** The run's JSON `webhook`: every figure of part 2, the samples rounded. */
function webhookJson(
  sent: Sent[],
  a: Analysis,
  facts: Facts,
  records: WebhookRecords,
  steps: ReturnType<typeof stepDurations>,
  runs: Runs,
  cpu: CpuFigures,
) {
  const { answered, routed, auto, review, escalated, answerSummary, assignedSummary, assignedByEventSummary } = a;
  const { days, byTechnician, reasons, firstQuarter, lastQuarter } = facts;
  const { cachedRows, histories } = records;
  return {
    sent: sent.length,
    outcomes: {
      auto: auto.length,
      review: review.length,
      escalated: escalated.length,
      notRouted: answered.length - routed.length,
      reasons: Object.fromEntries(reasons),
    },
    assigned: { ...assignedSummary, samplesMs: rounded(a.assignedMs) },
    assignedByEvent: assignedByEventSummary,
    routed: a.routedSummary,
    answer: { ...answerSummary, samplesMs: rounded(a.answerMs) },
    ratios: { p50: assignedSummary.p50 / answerSummary.p50, p95: assignedSummary.p95 / answerSummary.p95 },
    steps: steps.map((d) => ({ from: d.from, to: d.to, label: d.label, ...d.summary })),
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
      activityRuns: runs,
    },
    cpu,
  };
}

export function webhookReport(sent: Sent[], cpu: CpuFigures, records: WebhookRecords, options: Options) {
  const a = analyse(sent, records);
  const facts = assignmentFacts(a, records);
  const steps = stepDurations(a.auto, records.events);
  const runs = activityRuns(records.histories);
  const tables: Tables = {
    table: latencyTable(a.assignedSummary, a.routedSummary, a.answerSummary),
    stepsTable: stepsTable(steps),
    workflowTable: workflowTable(records.histories),
  };
  return {
    report: webhookLines(a, facts, records, tables, runs, cpu),
    ...tables,
    checks: webhookChecks(sent, a, options),
    json: webhookJson(sent, a, facts, records, steps, runs, cpu),
  };
}
