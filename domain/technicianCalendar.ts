/**
 * A technician's calendar: weekly working hours, dated time off and a daily capacity. The proposal keeps inside it;
 * a coordinator's override outside it must say so (`force`), and the assignment names what it overrode.
 */
import { availabilityWindowsSchema, describeWindow, windowContaining, type AvailabilityWindow } from './availability';
import type { Rules } from './rules';
import { formatLocal, localParts, zonedTimeToUtc } from './zonedTime';

/** Weekly working hours: windows of whole hours on ISO weekdays (Monday 1), wall-clock time in the rules' time zone. */
export const workingHoursSchema = availabilityWindowsSchema
  .min(1, "at least one window (null: the rules' workday)")
  .max(14);
export type WorkingHours = AvailabilityWindow[];

export interface Interval {
  start: Date;
  end: Date;
}

export interface TimeOff extends Interval {
  id?: number;
  reason?: string | null;
}

const MONDAY_TO_SATURDAY = [1, 2, 3, 4, 5, 6];

/** A technician with no hours of their own works the rules' workday, Monday to Saturday: no routine visits on Sundays. */
export function defaultWorkingHours(
  scheduling: Pick<Rules['scheduling'], 'workdayStartHour' | 'workdayEndHour'>,
): WorkingHours {
  return [{ days: MONDAY_TO_SATURDAY, startHour: scheduling.workdayStartHour, endHour: scheduling.workdayEndHour }];
}

export function workingHoursOf(
  own: WorkingHours | null | undefined,
  scheduling: Pick<Rules['scheduling'], 'workdayStartHour' | 'workdayEndHour'>,
): WorkingHours {
  return own && own.length > 0 ? own : defaultWorkingHours(scheduling);
}

/** `Mon–Fri 8–17, Sat 9–13`. */
export function describeWorkingHours(hours: readonly AvailabilityWindow[]): string {
  return hours.map(describeWindow).join(', ');
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** What a slot asks of a technician beyond their calendar. */
export type CalendarObstacle =
  | { kind: 'outside_working_hours'; detail: string }
  | { kind: 'time_off'; detail: string; timeOffId: number | null }
  | { kind: 'over_capacity'; detail: string };

export interface SlotCheck {
  slot: Interval;
  workingHours: WorkingHours;
  timeOff: readonly TimeOff[];
  maxOrdersPerDay: number;
  /** The technician's other live bookings starting the same local day as the slot. */
  bookedThatDay: number;
  timeZone: string;
  /** An emergency is booked outside working hours and over capacity (as the proposal does); time off still counts. */
  emergency: boolean;
}

function describeTimeOff(off: TimeOff, timeZone: string): string {
  return `${formatLocal(off.start, timeZone)} – ${formatLocal(off.end, timeZone)}${off.reason ? ` (${off.reason})` : ''}`;
}

/** Why the slot falls outside the technician's calendar: each obstacle, in words a coordinator reads; none when it fits. */
export function calendarObstacles(check: SlotCheck): CalendarObstacle[] {
  const { slot, timeZone } = check;
  const obstacles: CalendarObstacle[] = [];
  if (!check.emergency && !windowContaining(slot.start, slot.end, check.workingHours, timeZone)) {
    obstacles.push({
      kind: 'outside_working_hours',
      detail: `${formatLocal(slot.start, timeZone)} – ${formatLocal(slot.end, timeZone)} is outside working hours (${describeWorkingHours(check.workingHours)})`,
    });
  }
  for (const off of check.timeOff) {
    if (overlaps(slot, off))
      obstacles.push({
        kind: 'time_off',
        detail: `on time off ${describeTimeOff(off, timeZone)}`,
        timeOffId: off.id ?? null,
      });
  }
  if (!check.emergency && check.bookedThatDay >= check.maxOrdersPerDay) {
    obstacles.push({
      kind: 'over_capacity',
      detail: `${check.bookedThatDay} of ${check.maxOrdersPerDay} orders already booked that day`,
    });
  }
  return obstacles;
}

/** A local calendar date, `YYYY-MM-DD`. */
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dateParts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Local midnight starting `date` in `timeZone` (DST-safe: the zone's offset that day). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const { year, month, day } = dateParts(date);
  return zonedTimeToUtc(year, month, day, 0, timeZone);
}

/** The date `days` after `date` (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = dateParts(date);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Local midnight ending `date`: the start of the next day. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return startOfLocalDay(addDays(date, 1), timeZone);
}

/**
 * A bound given as a date or an instant: a date is a whole local day (a start is that day's midnight, an end the
 * midnight after it, so `2026-07-01`–`2026-07-03` is three days off); an instant is itself.
 */
export function resolveBound(value: string, side: 'start' | 'end', timeZone: string): Date {
  if (LOCAL_DATE.test(value))
    return side === 'start' ? startOfLocalDay(value, timeZone) : endOfLocalDay(value, timeZone);
  return new Date(value);
}

/** Each local day from `from` to `to` inclusive, with its bounds and its working windows' bounds (empty on a day off). */
export function workingDays(
  from: string,
  to: string,
  hours: WorkingHours,
  timeZone: string,
): Array<{ date: string; start: Date; end: Date; working: Interval[] }> {
  const days: Array<{ date: string; start: Date; end: Date; working: Interval[] }> = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const start = startOfLocalDay(date, timeZone);
    const end = endOfLocalDay(date, timeZone);
    const noon = localParts(new Date((start.getTime() + end.getTime()) / 2), timeZone);
    const isoWeekday = noon.weekday === 0 ? 7 : noon.weekday;
    const { year, month, day } = dateParts(date);
    const working = hours
      .filter((w) => w.days.includes(isoWeekday))
      .map((w) => ({
        start: zonedTimeToUtc(year, month, day, w.startHour, timeZone),
        end: w.endHour === 24 ? end : zonedTimeToUtc(year, month, day, w.endHour, timeZone),
      }))
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    days.push({ date, start, end, working });
  }
  return days;
}
