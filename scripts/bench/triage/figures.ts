/** What both parts' reports share: a median, samples rounded for the run's JSON, and the shape of a check. */
import { summarize } from '../stats';

export const median = (values: number[]): number => summarize(values).p50;

export function rounded(values: number[]): number[] {
  return values.map((v) => Math.round(v * 100) / 100);
}

/** A condition the run must meet: printed under "Checks:", and the exit code is 1 when one fails. */
export interface BenchCheck {
  name: string;
  ok: boolean;
  detail: string;
}
