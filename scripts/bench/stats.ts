/** Summaries of latency samples for the benchmarks in scripts/bench. Pure; no timing of its own. */

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile: the smallest sample with at least p% of the samples at or below it (rank ⌈p/100·n⌉ of the sorted samples). */
export function percentile(sortedAscending: readonly number[], p: number): number {
  if (sortedAscending.length === 0) return Number.NaN;
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(rank, sortedAscending.length) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? Number.NaN : sorted.reduce((sum, x) => sum + x, 0) / n;
  return {
    n,
    min: n === 0 ? Number.NaN : sorted[0]!,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: n === 0 ? Number.NaN : sorted[n - 1]!,
  };
}

/** `a / b` to two decimals, as a string ("3.41×"); "n/a" when b is not a positive number. */
export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : 'n/a';
}

/** Milliseconds with one decimal. */
export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : 'n/a';
}

/** Bytes as MiB with one decimal ("n/a" when not measured). */
export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : 'n/a';
}

/** Bytes as KiB, no decimals ("n/a" when not measured). */
export function kib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(0)} KiB` : 'n/a';
}

/** A markdown table: header row, separator, rows. Cells are printed as given. */
/**
 * `alignRight`: per column; `'after-label'`, the usual shape (a label, then figures): every column right-aligned but the
 * first.
 */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  alignRight: readonly boolean[] | 'after-label' = [],
): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const right = (i: number) => (alignRight === 'after-label' ? i > 0 : alignRight[i]);
  const separator = header.map((_, i) => (right(i) ? '---:' : '---'));
  return [line(header), line(separator), ...rows.map(line)].join('\n');
}

/** The columns every latency table starts with after its label; `latencyCells` fills them. */
export const LATENCY_COLUMNS = ['n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'mean ms'] as const;

export function latencyCells(s: Summary): string[] {
  return [String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ms(s.mean)];
}
