/** What the coordinators' routes take: zod schemas, so every bad field is a 400 naming its path. */
import { z } from 'zod';
import { e164PhoneSchema } from '../../domain/phone';
import { text } from '../../domain/text';
import { isoInstant, pageCursor, recordId } from '../schemas';

const SMS_LANGUAGES = ['en', 'es'] as const;
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** "18:30"; "24:00" only as an end. */
const localTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a local time like 18:30');

function realLocalDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  return (
    year >= 2000 &&
    year < 2100 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60
  );
}

/** A local date-time in the rules' time zone, to the minute: 2026-12-24T18:00. */
const localDateTime = z
  .string()
  .refine(realLocalDateTime, 'a local date-time like 2026-12-24T18:00 (from 2000 to 2099)');

const weeklyWindow = z
  .object({
    kind: z.literal('weekly'),
    /** ISO weekdays: 1 Monday .. 7 Sunday. */
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((days) => new Set(days).size === days.length, 'each day once'),
    start: localTime.refine((t) => t !== '24:00', 'a window starts by 23:59'),
    /** At or before `start`: the window runs past midnight into the next day. */
    end: localTime,
  })
  .strict();

const datesWindow = z
  .object({ kind: z.literal('dates'), start: localDateTime, end: localDateTime })
  .strict()
  .refine((w) => w.end > w.start, { message: 'the end must come after the start', path: ['end'] });

export const onCallWindowSchema = z.discriminatedUnion('kind', [weeklyWindow, datesWindow]);
const windows = z.array(onCallWindowSchema).max(50);

export const coordinatorParams = z.object({ id: recordId });

export const listCoordinatorsQuery = z
  .object({
    cursor: pageCursor.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    active: flag.optional(),
  })
  .strict();

export const newCoordinatorBody = z
  .object({
    name: text({ min: 1, max: 200 }),
    phone: e164PhoneSchema,
    language: z.enum(SMS_LANGUAGES).default('en'),
    active: z.boolean().default(true),
    /** When they are on call; none: never, until windows are set. */
    onCall: windows.default([]),
  })
  .strict();

export const coordinatorPatchBody = z
  .object({
    name: text({ min: 1, max: 200 }).optional(),
    phone: e164PhoneSchema.optional(),
    language: z.enum(SMS_LANGUAGES).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'name at least one field to change' });

export const onCallWindowsBody = z.object({ windows }).strict();

/** POST /coordinators/:id/deactivate takes no fields: send nothing, or {}. */
export const deactivateCoordinatorBody = z.object({}).strict();

export const onCallQuery = z.object({ at: isoInstant.optional() }).strict();

export const pagesQuery = z
  .object({
    status: z.enum(['pending', 'sent', 'resolved']).optional(),
    workOrderId: recordId.optional(),
    acked: flag.optional(),
    before: recordId.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
