/**
 * The timers benchmark's printed report (timers.ts runs it): the memory and restart table, the latencies with many
 * orders open (a tenant's YES to an evicted order, `GET /work-orders/:id`), the notes that read them. Pure.
 */
import type { ReadRun } from './apiReads';
import type { Creation, TimerSample } from './parkOrders';
import type { Pickup } from './pickup';
import { kib, markdownTable, mib, ms, ratio, summarize, type Summary } from './stats';
import type { YesRun } from './tenantYes';
import type { WorkerStatus } from './worker';

export interface TimersFigures {
  n: number;
  onTimers: number;
  /** maxCachedWorkflows of workers 1 and 2. */
  cacheSize: number;
  idleRss: number;
  /** Worker 1 after creating them all (and settling); then after a full collection of its main thread's heap. */
  openRss: number;
  openAfterGc: { rssBytes: number; heapUsedBytes: number };
  /** Worker 1's RSS trend per parked order once its cache was full (NaN with too few points). */
  growthPerOrderBytes: number;
  settled: WorkerStatus;
  firstReadyMs: number;
  creation: Creation;
  timers: TimerSample;
  reads: ReadRun;
  yes: YesRun | null;
  crash: Pickup;
  evicted: Pickup;
  cachedRssPerWorkflow: number;
  creationPerSecond: number;
  at10k: {
    rssBoundedBytes: number;
    /** Worker 1's RSS if its growth after the cache filled went on linearly to 10,000. */
    rssGrowingBytes: number;
    rssAllCachedBytes: number;
    pickupSeconds: number;
    pickupNoCacheSeconds: number;
    creationMinutes: number;
  };
}

const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

export function memoryTable(f: TimersFigures): string {
  const bounded = f.cacheSize < f.n;
  return markdownTable(
    ['measurement', `measured (${f.n} open orders)`, 'per open order', 'at 10,000 (extrapolated unless measured)'],
    [
      ['worker RSS, idle (worker 1 polling, before the first order)', mib(f.idleRss), '—', '—'],
      [
        `**worker RSS with them all open** (worker 1 after creating them; cache ${bounded ? `bounded at ${f.cacheSize}` : `for all, ${f.cacheSize}`}: ${f.settled.numCachedWorkflows} cached)`,
        `${mib(f.openRss)} (${mib(f.openAfterGc.rssBytes)} after a full GC of its main thread, heap ${mib(f.openAfterGc.heapUsedBytes)})`,
        Number.isFinite(f.growthPerOrderBytes)
          ? `${f.growthPerOrderBytes >= 0 ? '+' : ''}${kib(f.growthPerOrderBytes)} per order once the cache was full (trend)`
          : '—',
        f.n >= 10_000
          ? `${mib(f.openRss)} (measured)`
          : bounded
            ? [
                Number.isFinite(f.at10k.rssBoundedBytes)
                  ? `${mib(f.at10k.rssBoundedBytes)} if only the cache grew (worker 3 + ${f.cacheSize} cached)`
                  : '',
                Number.isFinite(f.at10k.rssGrowingBytes)
                  ? `${mib(f.at10k.rssGrowingBytes)} if worker 1's trend went on`
                  : '',
              ]
                .filter(Boolean)
                .join('; ') || '—'
            : mib(f.at10k.rssAllCachedBytes),
      ],
      [
        `worker RSS, ${f.crash.after.numCachedWorkflows} cached (worker 2, after replaying them all)`,
        mib(f.crash.rssAfterBytes),
        Number.isFinite(f.cachedRssPerWorkflow)
          ? `${kib(f.cachedRssPerWorkflow)} per cached workflow`
          : 'n/a (under 100 cached)',
        Number.isFinite(f.at10k.rssAllCachedBytes)
          ? `${mib(f.at10k.rssAllCachedBytes)} if all 10,000 were cached`
          : '—',
      ],
      [
        'worker RSS, evicted (worker 3, maxCachedWorkflows 0, after replaying them all)',
        mib(f.evicted.rssAfterBytes),
        '—',
        `${mib(f.evicted.rssAfterBytes)} (flat)`,
      ],
      ['**crash restart: SIGKILL → new worker polling**', seconds(f.crash.startMs), '—', '(independent of N)'],
      [
        'crash restart: SIGKILL → every order answered its state query through the new worker (picked up)',
        seconds(f.crash.pickupMs),
        `${ms(1000 / f.crash.steadyPerSecond)} ms (${f.crash.steadyPerSecond.toFixed(0)}/s steady)`,
        `${f.at10k.pickupSeconds.toFixed(0)} s`,
      ],
      [
        'graceful restart, no cache: stop → every order answered (each a full replay)',
        seconds(f.evicted.pickupMs),
        `${ms(1000 / f.evicted.steadyPerSecond)} ms (${f.evicted.steadyPerSecond.toFixed(0)}/s steady)`,
        `${f.at10k.pickupNoCacheSeconds.toFixed(0)} s`,
      ],
      [
        'creating them through the SMS webhook (first text → last parked)',
        seconds(f.creation.wallMs),
        `${f.creationPerSecond.toFixed(2)}/s`,
        `${f.at10k.creationMinutes.toFixed(0)} min`,
      ],
    ],
    'after-label',
  );
}

export function latencyTable(f: TimersFigures): string {
  const row = (label: string, s: Summary, base: Summary | null) => [
    label,
    String(s.n),
    ms(s.p50),
    ms(s.p95),
    ms(s.max),
    base ? `${ratio(s.p50, base.p50)} / ${ratio(s.p95, base.p95)}` : '—',
  ];
  const rows = [
    ...(f.yes
      ? [
          row(
            "**a tenant's YES to an evicted order → `scheduled`**",
            f.yes.evicted,
            f.yes.cached.n ? f.yes.cached : null,
          ),
          row("baseline: a tenant's YES to a cached order → `scheduled`", f.yes.cached, null),
        ]
      : []),
    row('**`GET /work-orders/:id`** (from Postgres)', f.reads.detail, f.reads.health),
    row('baseline: `GET /healthz` (same API, no auth, no database)', f.reads.health, null),
  ];
  return markdownTable(
    [`with ${f.n} orders open`, 'n', 'p50 ms', 'p95 ms', 'max ms', 'p50 / p95 ÷ baseline'],
    rows,
    'after-label',
  );
}

export function notes(f: TimersFigures, machineCores: number, orders: number, queries: number): string[] {
  const crashLatency = summarize(f.crash.queryLatencyMs);
  const evictedLatency = summarize(f.evicted.queryLatencyMs);
  const yes = f.yes;
  return [
    `${f.onTimers} orders wait in awaiting_confirmation on their confirmation timer (${f.timers.onTimer} of ${f.timers.sampled} sampled histories end on an open timer of ${f.timers.timerHours.length ? summarize(f.timers.timerHours).p50 : 'n/a'} h; ` +
      `${summarize(f.timers.historyEvents).p50} history events at p50); ${f.creation.statuses.needs_assignment ?? 0} wait in needs_assignment without a timer (their booking lost the race to concurrent orders).`,
    '',
    yes
      ? `YES: ${yes.evicted.n} evicted and ${yes.cached.n} cached orders texted in turn at ${yes.rate}/s, each \`YES <number>\` from its tenant; timed from the POST to the row seen \`scheduled\` (50 ms poll). ` +
        `The worker counted ${yes.cache.misses} cache misses and ${yes.cache.hits} hits meanwhile (a miss: a task for a workflow it had evicted, sent to its sticky queue, so it fetched the whole history and replayed it; ` +
        `${yes.evicted.n} expected, fewer when a task waited past the sticky queue's 10 s and came with its whole history on the normal queue, a replay all the same). ` +
        (yes.failed.length ? `Failed: ${yes.failed.slice(0, 5).join('; ')}.` : '')
      : `YES: not measured, the cache (${f.cacheSize}) holds every order: run with more orders than --cache.`,
    '',
    `\`GET /work-orders/:id\`: ${f.reads.detail.n + f.reads.health.n} requests in interleaved blocks of 25 each, ${f.reads.concurrency} in flight over keep-alive connections ${f.reads.client === 'own process' ? 'from a client in its own process' : "from a client in the API's process"}, orders spread over all ${f.n}; ${f.reads.errors} errors${f.reads.firstError ? ` (first: ${f.reads.firstError})` : ''}.`,
    '',
    `Worker 1's RSS while creating them (parked orders → cached workflows: RSS): ${f.creation.points.map((p) => `${p.parked} → ${p.cached}: ${mib(p.rssBytes)}`).join('; ')}. ` +
      `It also grows with what the activities allocated (connections, JIT), so the cache's own cost is read from workers 2 and 3, which only replayed.`,
    `The workflows run in the SDK's workflow threads (reuseV8Context): the main thread's heap does not hold them (worker 1 ${mib(f.settled.heapUsed)}, worker 2 ${mib(f.crash.after.heapUsed)}, worker 3 ${mib(f.evicted.after.heapUsed)}), RSS (all threads) does. ` +
      `Worker 1 ready ${ms(f.firstReadyMs)} ms after its fork (Node, tsx, the bundle).`,
    '',
    `State query latency through the restarted worker (${queries} in flight): after the crash p50 ${ms(crashLatency.p50)} ms, p95 ${ms(crashLatency.p95)} ms, max ${ms(crashLatency.max)} ms; ` +
      `without a cache p50 ${ms(evictedLatency.p50)} ms, p95 ${ms(evictedLatency.p95)} ms. CPU while picking up after the crash: worker ${f.crash.cpu.workerSeconds.toFixed(1)} s, Temporal dev server ${f.crash.cpu.temporalServerSeconds.toFixed(1)} s ` +
      `(machine busy ${f.crash.cpu.machineBusySeconds.toFixed(1)} of ${(f.crash.cpu.wallSeconds * machineCores).toFixed(1)} core-s); without a cache: worker ${f.evicted.cpu.workerSeconds.toFixed(1)} s, server ${f.evicted.cpu.temporalServerSeconds.toFixed(1)} s.`,
    '',
    `At 10,000: the cache's cost per workflow is worker 2's RSS minus worker 3's, both after replaying the same ${f.n} histories, over the ${f.crash.after.numCachedWorkflows} worker 2 keeps; ` +
      `with the cache bounded at ${f.cacheSize}, 10,000 open = worker 3 + ${Math.min(f.cacheSize, 10_000)} × that, whatever N. The pickup = the time to the first 10% answered + the rest at the steady rate measured after them. ` +
      (f.n >= 10_000
        ? `This run parked ${f.n.toLocaleString('en-US')}: the figures above at 10,000 are measured, not extrapolated.`
        : `Creating 10,000 through the full path at the rate measured here would take ${f.at10k.creationMinutes.toFixed(0)} minutes on this machine, which is why the run parks ${orders}.`),
  ];
}
