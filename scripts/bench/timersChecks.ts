/** What the timers benchmark checks before it trusts its figures (timers.ts); exit code 1 when one fails. */
import type { TimersOptions } from './timersOptions';
import type { TimersFigures } from './timersReport';
import type { YesPick } from './tenantYes';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export function timersChecks(options: TimersOptions, f: TimersFigures, pick: YesPick): Check[] {
  const { n, onTimers, creation, timers, reads, yes, crash, evicted, cacheSize } = f;
  return [
    {
      name: 'every text got its work order number',
      ok: n === options.orders,
      detail: `${n}/${options.orders}${creation.firstError ? `; first error: ${creation.firstError}` : ''}`,
    },
    {
      name: 'every order parked (awaiting_confirmation with its texts sent, or needs_assignment)',
      ok: onTimers + (creation.statuses.needs_assignment ?? 0) === n,
      detail: JSON.stringify(creation.statuses),
    },
    {
      name: 'every sampled awaiting_confirmation order waits on an open timer',
      ok: timers.onTimer === timers.sampled,
      detail: `${timers.onTimer} of ${timers.sampled} sampled`,
    },
    {
      name: 'every GET /work-orders/:id and /healthz answered 200',
      ok: reads.errors === 0,
      detail: `${reads.errors} errors${reads.firstError ? `; first: ${reads.firstError}` : ''}`,
    },
    ...(yes
      ? [
          {
            name: "every tenant's YES got its order scheduled",
            ok: yes.failed.length === 0,
            detail: `${yes.evicted.n + yes.cached.n} of ${pick.evicted.length + pick.cached.length}${yes.failed.length ? `; ${yes.failed.slice(0, 3).join('; ')}` : ''}`,
          },
          {
            name: 'the YES to evicted orders missed the worker cache, the YES to cached ones did not (at least one miss, and no more than one per evicted order)',
            ok: yes.cache.misses >= 1 && yes.cache.misses <= pick.evicted.length,
            detail: `${yes.cache.misses} misses, ${yes.cache.hits} hits; ${pick.evicted.length} evicted, ${pick.cached.length} cached`,
          },
        ]
      : []),
    {
      name: 'every order answered its state query after the crash restart',
      ok: crash.answered === n,
      detail: `${crash.answered}/${n}${crash.firstError ? `; first error: ${crash.firstError}` : ''}`,
    },
    {
      name: 'every order answered its state query without a cache',
      ok: evicted.answered === n,
      detail: `${evicted.answered}/${n}${evicted.firstError ? `; first error: ${evicted.firstError}` : ''}`,
    },
    {
      name: 'the restarted worker keeps as many as its cache holds',
      ok: crash.after.numCachedWorkflows >= Math.min(n, cacheSize),
      detail: `${crash.after.numCachedWorkflows} cached, cache ${cacheSize}`,
    },
  ];
}
