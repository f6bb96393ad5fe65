import { z } from 'zod';
import { planIdSchema, planRulesSchema } from '../../domain/preventive/planRules';
import { text } from '../../domain/text';
import { isTimeZone } from '../../domain/zonedTime';
import { isoInstant } from '../schemas';

/** A calendar field: one value, a list of values, or '*' for every value. */
const field = (min: number, max: number) =>
  z.union([
    z.number().int().min(min).max(max),
    z.array(z.number().int().min(min).max(max)).min(1).max(60),
    z.literal('*'),
  ]);

/** Like cron: omitted second, minute and hour are 0; omitted day, month and weekday are any. */
const calendar = z
  .object({
    second: field(0, 59).optional(),
    minute: field(0, 59).optional(),
    hour: field(0, 23).optional(),
    dayOfMonth: field(1, 31).optional(),
    /** 1 = January */
    month: field(1, 12).optional(),
    /** 0 = Sunday */
    dayOfWeek: field(0, 6).optional(),
    comment: text({ max: 200 }).optional(),
  })
  .strict();

const cron = text({ max: 200 })
  .regex(
    /^(?:@(?:yearly|annually|monthly|weekly|daily|hourly)|\S+(?:\s+\S+){4,6})$/,
    '5 to 7 cron fields, or @yearly, @monthly, @weekly, @daily, @hourly',
  )
  .refine((text) => !/TZ=/i.test(text), 'give the time zone in timeZone, not in the expression');

const interval = z
  .object({
    everySeconds: z
      .number()
      .int()
      .min(1)
      .max(10 * 366 * 86_400),
    offsetSeconds: z
      .number()
      .int()
      .min(0)
      .max(10 * 366 * 86_400)
      .optional(),
  })
  .strict()
  .refine((i) => (i.offsetSeconds ?? 0) < i.everySeconds, {
    message: 'offsetSeconds must be less than everySeconds',
    path: ['offsetSeconds'],
  });

/** When runs happen: the union of every calendar, cron expression and interval given. */
export const scheduleSpecBody = z
  .object({
    calendars: z.array(calendar).min(1).max(10).optional(),
    cron: z.array(cron).min(1).max(10).optional(),
    intervals: z.array(interval).min(1).max(10).optional(),
  })
  .strict()
  .refine((s) => s.calendars !== undefined || s.cron !== undefined || s.intervals !== undefined, {
    message: 'give calendars, cron or intervals',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  });

export type ScheduleSpecBody = z.infer<typeof scheduleSpecBody>;

export const createScheduleBody = z
  .object({
    id: planIdSchema,
    name: text({ min: 1, max: 200 }),
    /** IANA zone: the schedule's calendars and cron read the clock there, and so do the plan's due dates. */
    timeZone: text({ min: 1, max: 100 })
      .refine(isTimeZone, 'an IANA time zone such as America/New_York')
      // Its canonical name ("utc" is UTC, "america/new_york" America/New_York): Temporal's server is case-sensitive.
      .transform((name) => new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone),
    schedule: scheduleSpecBody,
    rules: planRulesSchema,
    /** Create it paused (with this note). */
    pausedNote: text({ min: 1, max: 500 }).optional(),
  })
  .strict();

export type CreateScheduleBody = z.infer<typeof createScheduleBody>;

export const scheduleParams = z.object({ id: planIdSchema });

/** Trigger takes no fields: a body with any is refused rather than ignored. */
export const triggerBody = z.object({}).strict();

export const pauseBody = z.object({ note: text({ min: 1, max: 500 }) }).strict();
export const unpauseBody = z.object({ note: text({ min: 1, max: 500 }).optional() }).strict();

/** A dry run: what a run at `asOf` (now when absent) would open and skip. */
export const previewBody = z.object({ asOf: isoInstant.optional() }).strict();
