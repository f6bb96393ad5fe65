/**
 * Reading a benchmark's JSON for the suite's table (report.ts): a value at a path, numbers, counts, ratios and
 * percentiles as the table prints them, and the row's shape. Pure.
 */
import { ms } from './stats';

export interface Figure {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  conditions: string;
}

type Json = Record<string, unknown>;

/** `json` at `path` ("a.b.c") when every step is an object, else undefined. */
export function at(json: unknown, path: string): unknown {
  let value: unknown = json;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Json)[key];
  }
  return value;
}

export const num = (json: unknown, path: string): number => {
  const value = at(json, path);
  return typeof value === 'number' ? value : Number.NaN;
};

export const times = (a: number, b: number): string => (Number.isFinite(a) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
export const count = (value: number): string => (Number.isFinite(value) ? value.toLocaleString('en-US') : 'n/a');
export const seconds = (milliseconds: number): string =>
  Number.isFinite(milliseconds) ? `${(milliseconds / 1000).toFixed(1)} s` : 'n/a';

export function percentiles(json: unknown, path: string, which: Array<'p50' | 'p95' | 'p99'>): string {
  return `${which.map((p) => `${p} ${ms(num(json, `${path}.${p}`))}`).join(' / ')} ms`;
}

export function ratios(json: unknown, path: string, base: string, which: Array<'p50' | 'p95' | 'p99'>): string {
  return which.map((p) => `${p} ${times(num(json, `${path}.${p}`), num(json, `${base}.${p}`))}`).join(' / ');
}
