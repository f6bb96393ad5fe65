/** Analytics cover the work orders created in [from, to): the last 30 days unless asked, never more than 366 days. */
export const ANALYTICS_DEFAULT_DAYS = 30;
export const ANALYTICS_MAX_DAYS = 366;

const DAY_MS = 86_400_000;

export interface AnalyticsWindow {
  from: Date;
  to: Date;
}

export type AnalyticsWindowResult =
  { ok: true; window: AnalyticsWindow } | { ok: false; issues: Array<{ path: 'from' | 'to'; message: string }> };

/** Fills in what was not asked for (to: now; from: 30 days before to) and checks the resulting range. */
export function analyticsWindow(requested: { from?: Date; to?: Date }, now: Date): AnalyticsWindowResult {
  const to = requested.to ?? now;
  const from = requested.from ?? new Date(to.getTime() - ANALYTICS_DEFAULT_DAYS * DAY_MS);
  if (from.getTime() >= to.getTime()) {
    return requested.to
      ? { ok: false, issues: [{ path: 'to', message: 'to must be after from' }] }
      : { ok: false, issues: [{ path: 'from', message: 'from must be in the past when to is not given' }] };
  }
  if (to.getTime() - from.getTime() > ANALYTICS_MAX_DAYS * DAY_MS) {
    return { ok: false, issues: [{ path: 'from', message: `the range may cover at most ${ANALYTICS_MAX_DAYS} days` }] };
  }
  return { ok: true, window: { from, to } };
}
