/**
 * The suite's cells for the timers benchmark (report.ts), for its own run and for the published 10,000-order run
 * (timersLongRun.ts), whose date and code differ from the suite's. Pure.
 */
import { at, count, num, seconds, times, type Figure } from './reportCells';
import { kib, mib } from './stats';
import type { LongTimersRun } from './timersLongRun';

/** A timers run's memory row cells (the suite's or the long run's): RSS with every order cached, against none and the idle worker. */
export function timersMemoryCells(j: unknown): Pick<Figure, 'value' | 'baseline' | 'ratio'> {
  return {
    value: `${count(num(j, 'crash.after.numCachedWorkflows'))} cached: ${mib(num(j, 'crash.rssAfterBytes'))}; evicted: ${mib(num(j, 'evicted.rssAfterBytes'))}`,
    baseline: `idle worker (before the first order): ${mib(num(j, 'memory.idleRss'))}`,
    ratio: `cached ÷ evicted ${times(num(j, 'crash.rssAfterBytes'), num(j, 'evicted.rssAfterBytes'))}`,
  };
}

/** A timers run's pickup row cells: after a SIGKILL, against a graceful stop and a worker without a cache. */
export function timersPickupCells(j: unknown): Pick<Figure, 'baseline' | 'ratio'> {
  return {
    baseline: `graceful stop → a worker without a cache answering all: ${seconds(num(j, 'evicted.pickupMs'))}`,
    ratio: times(num(j, 'crash.pickupMs'), num(j, 'evicted.pickupMs')),
  };
}

/** The 10,000-order run's two rows: not the same run as the suite, so its date and code are in the conditions. */
export function longRunFigures(longRun: LongTimersRun): Figure[] {
  const j = longRun.run;
  const n = num(j, 'parked.total');
  const when = `separate run (\`npm run bench:timers10k\`, [its page](benchmarks-timers-10k.md)) on ${String(at(j, 'conditions.date') ?? '?').slice(0, 10)}, code ${String(at(j, 'conditions.code') ?? '?')}, exit code ${longRun.exitCode}`;
  const heap = at(j, 'workerHeapLimitMiB');
  return [
    {
      figure: `**${count(n)} open work orders waiting on timers** (measured): worker RSS, cached vs evicted`,
      ...timersMemoryCells(j),
      conditions:
        `${when}; ${count(num(j, 'parked.onTimers'))} of ${count(n)} on their confirmation timers, the rest in needs_assignment; created through the SMS webhook at ${num(j, 'creation.perSecond').toFixed(2)}/s ` +
        `(${(num(j, 'creation.wallMs') / 60_000).toFixed(0)} min); ${kib(num(j, 'memory.cachedRssPerWorkflow'))} RSS per cached workflow` +
        (typeof heap === 'number' ? `; worker heap limit raised to ${count(heap)} MiB to cache them all` : ''),
    },
    {
      figure: `Restarted worker picking up ${count(n)} (measured; SIGKILL → every order answered its state query)`,
      value: `${seconds(num(j, 'crash.pickupMs'))} (new worker polling after ${seconds(num(j, 'crash.startMs'))})`,
      ...timersPickupCells(j),
      conditions: `${when}; steady ${num(j, 'crash.steadyPerSecond').toFixed(0)} orders/s, ${count(num(j, 'options.queries'))} queries in flight`,
    },
  ];
}
