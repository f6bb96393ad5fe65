import { z } from 'zod';
import { localParts, zonedTimeToUtc } from './zonedTime';

/** ISO weekdays: Monday is 1, Sunday is 7. */
const ISO_WEEKDAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** When a tenant can let a technician in: on these weekdays, from startHour to endHour, wall-clock time in the rules' time zone. */
export const availabilityWindowSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
  })
  .strict()
  .refine((w) => w.startHour < w.endHour, { message: 'a window must end after it starts', path: ['endHour'] });

export const availabilityWindowsSchema = z.array(availabilityWindowSchema);

export type AvailabilityWindow = z.infer<typeof availabilityWindowSchema>;

function isoWeekday(at: Date, timeZone: string): number {
  const weekday = localParts(at, timeZone).weekday;
  return weekday === 0 ? 7 : weekday;
}

/** The window's bounds on the local day of `at`; computed per day so a DST change that day is accounted for. */
function boundsOn(at: Date, window: AvailabilityWindow, timeZone: string): { start: Date; end: Date } {
  const day = localParts(at, timeZone);
  const start = zonedTimeToUtc(day.year, day.month, day.day, window.startHour, timeZone);
  if (window.endHour < 24)
    return { start, end: zonedTimeToUtc(day.year, day.month, day.day, window.endHour, timeZone) };
  const nextNoon = zonedTimeToUtc(day.year, day.month, day.day, 12, timeZone).getTime() + 86_400_000;
  const next = localParts(new Date(nextNoon), timeZone);
  return { start, end: zonedTimeToUtc(next.year, next.month, next.day, 0, timeZone) };
}

/** The window that holds the whole of [start, end), if any. */
export function windowContaining(
  start: Date,
  end: Date,
  windows: readonly AvailabilityWindow[],
  timeZone: string,
): AvailabilityWindow | undefined {
  const weekday = isoWeekday(start, timeZone);
  return windows.find((window) => {
    if (!window.days.includes(weekday)) return false;
    const bounds = boundsOn(start, window, timeZone);
    return start >= bounds.start && end <= bounds.end;
  });
}

export function withinWindows(
  start: Date,
  end: Date,
  windows: readonly AvailabilityWindow[],
  timeZone: string,
): boolean {
  return windowContaining(start, end, windows, timeZone) !== undefined;
}

/** `Mon–Fri`, `Tue, Thu` or `Sat`: runs of consecutive days joined with a dash. */
function describeDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of sorted) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) =>
      run.length >= 3
        ? `${ISO_WEEKDAY_NAMES[run[0]!]}–${ISO_WEEKDAY_NAMES[run[run.length - 1]!]}`
        : run.map((d) => ISO_WEEKDAY_NAMES[d]).join(', '),
    )
    .join(', ');
}

/** `Mon–Fri 17–20`, as a coordinator reads it in the reasoning. */
export function describeWindow(window: AvailabilityWindow): string {
  return `${describeDays(window.days)} ${window.startHour}–${window.endHour}`;
}
