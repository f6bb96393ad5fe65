/**
 * The suite's rows for the capacity figures (report.ts): the saturating run's knee, an order's workflow cost, and
 * the latencies with many orders open (a YES to an evicted order, `GET /work-orders/:id`). Pure.
 */
import { at, count, num, percentiles, ratios, times, type Figure } from './reportCells';

/** The saturating run's row: orders/s at the knee against the empty workflow's knee, same server and worker. */
export function capacityFigure(j: unknown, failedNote: string): Figure {
  const saturated = at(j, 'saturation.orderKnee.saturated') === true;
  const categories = at(j, 'saturation.profiled.summary.categories');
  const profile = Array.isArray(categories)
    ? `; profile at the knee: ${(categories as Array<{ name: string; share: number }>)
        .slice(0, 4)
        .map((c) => `${c.name} ${(100 * c.share).toFixed(0)}%`)
        .join(', ')}`
    : '';
  return {
    figure:
      '**Capacity: work orders/s at the knee of a saturating run** (more in flight until the rate stops rising; ratio to the empty workflow at its knee)',
    value: `${num(j, 'saturation.orderKnee.knee.perSecond').toFixed(2)} orders/s at ${count(num(j, 'saturation.orderKnee.knee.concurrency'))} in flight (best ${num(j, 'saturation.orderKnee.best.perSecond').toFixed(2)} at ${count(num(j, 'saturation.orderKnee.best.concurrency'))})`,
    baseline: `\`benchEmptyWorkflow\` at its knee (${count(num(j, 'saturation.emptyKnee.knee.concurrency'))} in flight), before and after the orders: ${num(j, 'saturation.emptyPerSecond').toFixed(1)}/s`,
    ratio: `**${num(j, 'saturation.ratio').toFixed(3)}×**`,
    conditions:
      `ladder ${String((at(j, 'options.ladder') as number[] | undefined)?.join(', ') ?? '?')} in flight, ${num(j, 'options.stepSeconds')} s a step rated after ${num(j, 'options.warmSeconds')} s; ` +
      `${saturated ? 'plateau reached' : '**the rate still rose at the last step: a lower bound**'}; targets ≥ 0.25× and ≥ 15 orders/s${profile}${failedNote}`,
  };
}

/** Workflow tasks and history events of an order up to awaiting_confirmation, against an empty workflow's. */
export function costFigure(j: unknown): Figure {
  const tasks = num(j, 'cost.toAwaitingConfirmation.workflowTasks');
  const events = num(j, 'cost.toAwaitingConfirmation.events');
  return {
    figure: 'Per order: workflow tasks and history events up to `awaiting_confirmation`',
    value: `${tasks} workflow tasks, ${events} events (${num(j, 'cost.toAwaitingConfirmation.activities')} activities, ${num(j, 'cost.toAwaitingConfirmation.localActivities')} local)`,
    baseline: 'empty workflow: 1 workflow task, 5 events',
    ratio: `${times(tasks, 1)} tasks / ${times(events, 5)} events`,
    conditions:
      `median of ${count(num(j, 'cost.sampled'))} histories of the latency run's orders; at rest (texts sent, on its timers) ${num(j, 'cost.atRest.workflowTasks')} tasks, ${num(j, 'cost.atRest.events')} events; ` +
      'targets ≤ 4 tasks, ≤ 30 events',
  };
}

/** With many orders open: a tenant's YES to an evicted order, and `GET /work-orders/:id`. */
export function openOrderLatencyFigures(j: unknown, failedNote: string): Figure[] {
  const n = count(num(j, 'parked.total'));
  const figures: Figure[] = [];
  if (at(j, 'yes.evicted')) {
    figures.push({
      figure: `A tenant's YES to an evicted order → \`scheduled\` (${n} open, cache ${count(num(j, 'memory.cacheSize'))})`,
      value: percentiles(j, 'yes.evicted', ['p50', 'p95']),
      baseline: `YES to a cached order: ${percentiles(j, 'yes.cached', ['p50', 'p95'])}`,
      ratio: ratios(j, 'yes.evicted', 'yes.cached', ['p50', 'p95']),
      conditions: `${count(num(j, 'yes.evicted.n'))} + ${count(num(j, 'yes.cached.n'))} YES at ${num(j, 'yes.rate')}/s in turn; ${count(num(j, 'yes.cache.misses'))} worker cache misses; target p95 ≤ 250 ms${failedNote}`,
    });
  }
  if (at(j, 'reads.detail')) {
    figures.push({
      figure: `\`GET /work-orders/:id\` with ${n} orders open`,
      value: percentiles(j, 'reads.detail', ['p50', 'p95']),
      baseline: `\`GET /healthz\`: ${percentiles(j, 'reads.health', ['p50', 'p95'])}`,
      ratio: ratios(j, 'reads.detail', 'reads.health', ['p50', 'p95']),
      conditions: `${count(num(j, 'reads.detail.n'))} each, interleaved, ${count(num(j, 'reads.concurrency'))} in flight; target p95 ≤ 20 ms${failedNote}`,
    });
  }
  return figures;
}
