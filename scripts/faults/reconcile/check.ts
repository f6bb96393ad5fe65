/** How the reconciliation's checks are written down, and its patience with Temporal's visibility. */
import { sleep } from '../../async';
import type { Check } from '../reconcile';

/** The first few problems, in one line. */
function sample<T>(items: T[], max = 5): string {
  const shown = items
    .slice(0, max)
    .map((i) => (typeof i === 'string' ? i : JSON.stringify(i)))
    .join('; ');
  return items.length > max ? `${shown}; ... (${items.length} in all)` : shown;
}

/** Records into `checks` a check that passes with no problems (its detail then `ok`), or shows the first problems. */
export type CheckRecorder = (name: string, problems: string[], ok: string) => void;

export function checkRecorder(checks: Check[]): CheckRecorder {
  return (name, problems, ok) =>
    checks.push({ name, pass: problems.length === 0, detail: problems.length === 0 ? ok : sample(problems) });
}

/** Visibility trails the workflows by a moment (and more after a server restart): polls until `settled` or 20 s. */
export async function eventually<T>(
  read: () => Promise<T>,
  settled: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (settled(value) || Date.now() > deadline) return value;
    await sleep(500);
  }
}
