import { DAYS_OF_WEEK, MONTHS, type CalendarSpec, type ScheduleSpec } from '@temporalio/client';
import type { ScheduleSpecBody } from './scheduleBody';

type Field = number | number[] | '*' | undefined;

function mapField<T>(value: Field, map: (n: number) => T): T | T[] | '*' | undefined {
  if (value === undefined || value === '*') return value;
  return Array.isArray(value) ? value.map(map) : map(value);
}

const same = (n: number) => n;

/** The API's schedule (numbers for months and weekdays, seconds for intervals) as a Temporal ScheduleSpec. */
export function toTemporalSpec(schedule: ScheduleSpecBody, timeZone: string): ScheduleSpec {
  const calendars = schedule.calendars?.map((c): CalendarSpec => ({
    second: mapField(c.second, same),
    minute: mapField(c.minute, same),
    hour: mapField(c.hour, same),
    dayOfMonth: mapField(c.dayOfMonth, same),
    month: mapField(c.month, (n) => MONTHS[n - 1]!),
    dayOfWeek: mapField(c.dayOfWeek, (n) => DAYS_OF_WEEK[n]!),
    comment: c.comment,
  }));
  return {
    ...(calendars ? { calendars } : {}),
    ...(schedule.cron ? { cronExpressions: schedule.cron } : {}),
    ...(schedule.intervals
      ? {
          intervals: schedule.intervals.map((i) => ({
            every: i.everySeconds * 1000,
            offset: (i.offsetSeconds ?? 0) * 1000,
          })),
        }
      : {}),
    timezone: timeZone,
  };
}
