import { zonedTimeToUtc } from '../zonedTime';

/**
 * Dates and amounts as AppFolio writes them. The CSV export has `MM/DD/YYYY`, sometimes with a time
 * (`01/22/2026 9:30 AM`); the Reports API has `YYYY-MM-DD`, maybe with a time and an offset. A date without an
 * offset is the property manager's wall clock: it is kept as written (`2026-01-22`, `2026-01-22T09:30`) so the same
 * export reads the same whatever our time zone, and turned into an instant in the rules' time zone only when stored.
 */

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function local(year: number, month: number, day: number, hour?: number, minute?: number): string | null {
  if (!validDay(year, month, day)) return null;
  if (hour === undefined || minute === undefined) return `${year}-${pad(month)}-${pad(day)}`;
  if (hour > 23 || minute > 59) return null;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

/** The date as kept in the import's facts, or null when it is not a date. */
export function normalizeAppfolioDate(text: string): string | null {
  const us = US_DATE.exec(text.trim());
  if (us) {
    const [, month, day, year, hourText, minuteText, , meridiem] = us;
    if (hourText === undefined) return local(Number(year), Number(month), Number(day));
    let hour = Number(hourText);
    if (meridiem) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (meridiem.toLowerCase().startsWith('p') ? 12 : 0);
    }
    return local(Number(year), Number(month), Number(day), hour, Number(minuteText));
  }
  const iso = ISO_DATE.exec(text.trim());
  if (!iso) return null;
  const [, year, month, day, hour, minute, , zone] = iso;
  const wallClock = local(
    Number(year),
    Number(month),
    Number(day),
    hour === undefined ? undefined : Number(hour),
    minute === undefined ? undefined : Number(minute),
  );
  if (!wallClock || !zone) return wallClock;
  const instant = new Date(text.trim().replace(' ', 'T'));
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

/** The instant a normalized date stands for: a wall-clock date in `timeZone` (midnight when there is no time). */
export function appfolioDateToInstant(normalized: string, timeZone: string): Date {
  if (normalized.endsWith('Z')) return new Date(normalized);
  const [date, time] = normalized.split('T');
  const [year, month, day] = date!.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time ? (time.split(':').map(Number) as [number, number]) : [0, 0];
  return new Date(zonedTimeToUtc(year, month, day, hour, timeZone).getTime() + minute * 60_000);
}

const AMOUNT = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "$1,234.50", "1234.5", "0.00" in cents; null for anything else (negative, "TBD", three decimals). */
export function appfolioAmountCents(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (!match) return null;
  const cents = Number(match[1]!.replace(/,/g, '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents <= 2_147_483_647 ? cents : null;
}
