import { z } from 'zod';
import { LOCAL_DATE } from '../../domain/technicianCalendar';
import { text } from '../../domain/text';
import { isoInstant, recordId } from '../schemas';

/** A real calendar date, `YYYY-MM-DD`, 2000 to 2099 (a day in the rules' time zone). */
export const localDate = z
  .string()
  .regex(LOCAL_DATE, 'a date as YYYY-MM-DD')
  .refine((value) => {
    if (!LOCAL_DATE.test(value)) return true;
    const date = new Date(`${value}T00:00:00Z`);
    return (
      !Number.isNaN(date.getTime()) &&
      date.toISOString().slice(0, 10) === value &&
      value >= '2000-01-01' &&
      value <= '2099-12-31'
    );
  }, 'a real date from 2000-01-01 to 2099-12-31');

/** The longest stretch one schedule answer covers. */
export const MAX_SCHEDULE_DAYS = 62;

export const technicianParams = z.object({ id: recordId });
export const timeOffParams = z.object({ id: recordId, timeOffId: recordId });

export const scheduleQuery = z
  .object({
    /** The first local day; today when left out. */
    from: localDate.optional(),
    /** The last local day (inclusive); a week from `from` when left out. */
    to: localDate.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'to must not be before from', path: ['to'] });

/** A date is a whole local day (a start its midnight, an end the midnight after it); an instant is itself. */
const bound = z.union([localDate, isoInstant]);

export const timeOffBody = z
  .object({
    start: bound,
    end: bound,
    reason: text({ min: 1, max: 500 }).optional(),
  })
  .strict();

export const fitsQuery = z.object({ date: localDate.optional() }).strict();
