/**
 * Who is on call at an instant. Windows are wall-clock times in the rules' time zone, because a rota is written that
 * way ("weeknights 18:00 to 08:00") and must mean 18:00 in winter and in summer alike; the instant is read as local
 * time with Intl (domain/zonedTime.ts), so DST needs no special case: on the spring-forward night 02:30 never
 * happens and on the fall-back night 01:30 happens twice, and both times are on call when a window covers 01:30.
 *
 * Weekly windows repeat (the rota); date windows are one-off stretches (cover, a holiday) and, while one runs, only
 * the coordinators it names are on call: a cover replaces the rota, it does not add to it.
 */
import { localParts } from '../zonedTime';

export const MINUTES_PER_DAY = 24 * 60;

/** ISO weekday (1 Monday .. 7 Sunday), minutes since local midnight; `endMinute` <= `startMinute` runs past midnight. */
export interface WeeklyWindow {
  kind: 'weekly';
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** Local date-times `YYYY-MM-DDTHH:MM` in the rules' time zone; the end is excluded. */
export interface DatesWindow {
  kind: 'dates';
  startsAt: string;
  endsAt: string;
}

export type OnCallWindow = WeeklyWindow | DatesWindow;

export interface CoordinatorOnCall<C> {
  coordinator: C;
  windows: OnCallWindow[];
}

/** The local wall clock at `at`: ISO weekday, minute of the day, and a sortable `YYYY-MM-DDTHH:MM`. */
export function localClock(at: Date, timeZone: string): { weekday: number; minute: number; local: string } {
  const p = localParts(at, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    weekday: p.weekday === 0 ? 7 : p.weekday,
    minute: p.hour * 60 + p.minute,
    local: `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`,
  };
}

export function weeklyCovers(window: WeeklyWindow, clock: { weekday: number; minute: number }): boolean {
  const { weekday, startMinute, endMinute } = window;
  if (endMinute > startMinute)
    return clock.weekday === weekday && clock.minute >= startMinute && clock.minute < endMinute;
  // Past midnight: from the start to the end of its day, then the next day until the end.
  if (clock.weekday === weekday && clock.minute >= startMinute) return true;
  return clock.weekday === (weekday % 7) + 1 && clock.minute < endMinute;
}

export function datesCover(window: DatesWindow, local: string): boolean {
  return local >= window.startsAt.slice(0, 16) && local < window.endsAt.slice(0, 16);
}

/** The coordinators on call at `at`: those with a date window running, if any has one; otherwise the rota's. */
export function onCallAt<C>(entries: Array<CoordinatorOnCall<C>>, at: Date, timeZone: string): C[] {
  const clock = localClock(at, timeZone);
  const covering = entries.filter((e) => e.windows.some((w) => w.kind === 'dates' && datesCover(w, clock.local)));
  if (covering.length > 0) return covering.map((e) => e.coordinator);
  return entries
    .filter((e) => e.windows.some((w) => w.kind === 'weekly' && weeklyCovers(w, clock)))
    .map((e) => e.coordinator);
}

/** "18:30" -> 1110; "24:00" -> 1440 (an end only). */
export function minuteOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}
