/**
 * The throughput benchmark's printed sections (throughput.ts runs it): the latency run's table, the saturating
 * ladder and its knee, the profile of the step at the knee, and the cost of an order in its history. Pure.
 */
import type { Cpu } from './cpuUse';
import type { EmptyRun } from './emptyWorkflows';
import { costLine, type SampledCost } from './historyCost';
import type { OrderRun } from './orderRuns';
import { renderProfileSummary, type ProfileSummary } from './profileSummary';
import type { Saturation } from './saturation';
import { markdownTable, ms, summarize } from './stats';

export function latencyTable(before: EmptyRun, orders: OrderRun, after: EmptyRun): string {
  const emptyRow = (label: string, run: EmptyRun) => {
    const latency = summarize(run.latencyMs);
    return [
      label,
      String(run.completed),
      (run.wallMs / 1000).toFixed(1),
      run.perSecond.toFixed(1),
      ms(latency.p50),
      ms(latency.p95),
      `${(orders.perSecond / run.perSecond).toFixed(3)}×`,
    ];
  };
  const orderRow = (label: string, n: number, perSecond: number, latencyMs: number[]) => {
    const latency = summarize(latencyMs);
    return [
      label,
      String(n),
      (orders.wallMs / 1000).toFixed(1),
      perSecond.toFixed(2),
      ms(latency.p50),
      ms(latency.p95),
      '—',
    ];
  };
  return markdownTable(
    ['measurement', 'n', 'wall s', 'per second', 'latency p50 ms', 'latency p95 ms', 'orders/s ÷ this'],
    [
      emptyRow('baseline: empty workflow, before the orders (start → result seen)', before),
      orderRow(
        'work orders: SMS webhook → routed (auto-assigned, or to review after losing the booking race)',
        orders.routed,
        orders.perSecond,
        orders.routedLatencyMs,
      ),
      orderRow(
        '… of which auto-assigned (`awaiting_confirmation`)',
        orders.autoAssigned,
        orders.autoPerSecond,
        orders.latencyMs,
      ),
      emptyRow('baseline: empty workflow, after the orders', after),
    ],
    'after-label',
  );
}

const cpuCell = (cpu: Cpu) =>
  `${cpu.processSeconds.toFixed(1)} / ${cpu.temporalServerSeconds.toFixed(1)} / ${cpu.postgresSeconds.toFixed(1)} of ${cpu.machineBusySeconds.toFixed(1)}`;

export function ladderTable(s: Saturation): string {
  const concurrencies = [...new Set([...s.empty.map((e) => e.concurrency), ...s.orders.map((o) => o.concurrency)])];
  const rows = concurrencies.map((c) => {
    const e = s.empty.find((x) => x.concurrency === c);
    const o = s.orders.find((x) => x.concurrency === c);
    const mark = (isKnee: boolean, isBest: boolean) => [isKnee ? 'knee' : '', isBest ? 'best' : ''].filter(Boolean);
    const notes = [
      ...mark(s.emptyKnee?.knee === e && !!e, s.emptyKnee?.best === e && !!e).map((m) => `empty ${m}`),
      ...mark(s.orderKnee?.knee === o && !!o, s.orderKnee?.best === o && !!o).map((m) => `orders ${m}`),
    ];
    return [
      String(c),
      e ? e.perSecond.toFixed(1) : '—',
      e ? cpuCell(e.cpu) : '—',
      o ? o.perSecond.toFixed(2) : '—',
      o ? `${ms(o.latency.p50)} / ${ms(o.latency.p95)}` : '—',
      o
        ? `${o.completed} in ${o.windowSeconds.toFixed(1)} s (${o.autoAssigned} of ${o.texted} texted auto, ${o.lostBookingRace} lost race, ${o.crewBookedUp} crew booked up)`
        : '—',
      o ? String(o.technicians) : '—',
      o ? cpuCell(o.cpu) : '—',
      notes.join(', '),
    ];
  });
  return markdownTable(
    [
      'in flight',
      'empty workflows/s',
      'empty CPU s: process / server / Postgres of machine',
      'orders/s',
      'order p50 / p95 ms',
      'orders routed in the window',
      'technicians',
      'orders CPU s: process / server / Postgres of machine',
      '',
    ],
    rows,
    [true, true, true, true, true, false, true, true, false],
  );
}

export function saturationSection(
  s: Saturation,
  options: { stepSeconds: number; warmSeconds: number; emptyStepSeconds: number },
): string[] {
  const o = s.orderKnee;
  const e = s.emptyKnee;
  if (!o || !e) return ['Saturating run: no step completed.'];
  const lines = [
    ladderTable(s),
    '',
    `**Capacity: ${o.knee.perSecond.toFixed(2)} work orders/s at the knee (${o.knee.concurrency} in flight; best step ${o.best.perSecond.toFixed(2)}/s at ${o.best.concurrency}) = ` +
      `${s.ratio.toFixed(3)}× the empty workflow's ${s.emptyPerSecond.toFixed(1)}/s at its knee (${e.knee.concurrency} in flight: ${e.knee.perSecond.toFixed(1)}/s before the orders, ` +
      `${s.emptyAfter ? s.emptyAfter.perSecond.toFixed(1) : 'n/a'}/s after; best ${e.best.perSecond.toFixed(1)}/s at ${e.best.concurrency}).** ` +
      `Targets: ≥ 0.25× and ≥ 15 orders/s.`,
    '',
    (o.saturated
      ? ''
      : `The orders' rate still rose at the last step (${o.best.concurrency} in flight): the ladder ended before the plateau, so this is a lower bound; extend --ladder. `) +
      (e.saturated ? '' : `The empty workflows' rate still rose at the last step: their knee is a lower bound too. `) +
      `Each step: a closed loop of that many clients for ${options.stepSeconds} s (empty workflows ${options.emptyStepSeconds} s), each client starting its next order once its last one is routed ` +
      `(an empty workflow once its result is in), rated on what completed after the first ${options.warmSeconds} s (${options.warmSeconds / 2} s for empty workflows) until the clients stopped; ` +
      `the ladder stops once two steps in a row gain less than 10% over every step before them. The knee is the first step within 10% of the best. ` +
      `Technicians are added before each step so that every order finds a slot.`,
  ];
  return lines;
}

export function profileSection(s: Saturation, summary: ProfileSummary | null, files: string[]): string[] {
  if (!s.profiled || !summary) return [];
  const step = s.profiled.step;
  const knee = s.orderKnee!.knee.perSecond;
  return [
    `### CPU profile of this process at the knee (${step.concurrency} in flight)`,
    '',
    `With the profiler on every thread (0.5 ms sampling) the step ran ${step.perSecond.toFixed(2)} orders/s (${((100 * (step.perSecond - knee)) / knee).toFixed(0)}% against the knee's ${knee.toFixed(2)}/s without it). ` +
      `This process is the API, the worker (activities on the main thread, workflow activations on the SDK's workflow thread) and the client; ` +
      `the Temporal dev server (${step.cpu.temporalServerSeconds.toFixed(1)} s of CPU in the step) and Postgres (${step.cpu.postgresSeconds.toFixed(1)} s) are other processes, not in the profile.`,
    '',
    renderProfileSummary(summary, step.cpu.wallSeconds),
    '',
    `Profiles (Chrome DevTools, Performance → Load profile): ${files.join(', ')}`,
  ];
}

export function costSection(cost: SampledCost): string {
  return (
    `**Per order, median of ${cost.sampled} histories: up to \`awaiting_confirmation\` ${costLine(cost.toAwaitingConfirmation)}** (targets: ≤ 4 workflow tasks, ≤ 30 events); ` +
    `at rest in \`awaiting_confirmation\` (texts sent, waiting on its timers): ${costLine(cost.atRest)}. An empty workflow: 1 workflow task, 5 events.`
  );
}
