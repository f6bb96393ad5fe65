/**
 * Where throughput stops rising as the load grows: the knee of a saturating ladder. Pure.
 *
 * A step "gains" when its rate is at least GAIN (10%) above every step before it. The ladder stops once two steps in a
 * row gain nothing (the plateau is clear) or it runs out of steps. The best step is the highest rate; the knee is the
 * first step within 10% of it (more load past it buys at most 10%, and costs latency).
 */
export const GAIN = 1.1;

export interface Rated {
  concurrency: number;
  perSecond: number;
}

export function gained(steps: readonly Rated[], index: number): boolean {
  const before = steps.slice(0, index).map((s) => s.perSecond);
  return before.length === 0 || steps[index]!.perSecond >= GAIN * Math.max(...before);
}

/** True when the last two steps each failed to gain: the plateau is reached, more load is wasted time. */
export function plateauReached(steps: readonly Rated[]): boolean {
  const n = steps.length;
  return n >= 3 && !gained(steps, n - 1) && !gained(steps, n - 2);
}

export interface Knee<T extends Rated> {
  knee: T;
  best: T;
  /** False when the rate still rose at the last step: the ladder ended before the plateau, the knee is a lower bound. */
  saturated: boolean;
}

export function kneeOf<T extends Rated>(steps: readonly T[]): Knee<T> | null {
  const rated = steps.filter((s) => Number.isFinite(s.perSecond));
  if (rated.length === 0) return null;
  const best = rated.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  const knee = rated.find((s) => s.perSecond * GAIN >= best.perSecond)!;
  const last = rated.length - 1;
  return { knee, best, saturated: rated.length >= 2 && !gained(rated, last) };
}
