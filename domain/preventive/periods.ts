import { localParts } from '../zonedTime';
import type { Period } from './planRules';

/** A calendar day, without a time or a zone. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

export function localDateOf(at: Date, timeZone: string): LocalDate {
  const { year, month, day } = localParts(at, timeZone);
  return { year, month, day };
}

export function parseIsoDate(text: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${text}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function isoDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Days since 1970-01-01, so that differences between dates are whole days whatever the zone. */
export function dayNumber(d: LocalDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2026`, `2026-Q3` or `2026-09`: one work order per target per period. */
export function periodKey(d: LocalDate, every: Period): string {
  if (every === 'year') return String(d.year);
  if (every === 'quarter') return `${d.year}-Q${Math.ceil(d.month / 3)}`;
  return `${d.year}-${String(d.month).padStart(2, '0')}`;
}
