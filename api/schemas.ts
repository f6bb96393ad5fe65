import { z } from 'zod';
import { VISIT_ACTIONS } from '../domain/visitActions';
import { descriptionText } from '../domain/description';
import { PHOTO_KINDS } from '../domain/photos';
import { PRIORITIES, SOURCES } from '../domain/priority';
import { WORK_ORDER_STATUSES } from '../domain/status';
import { text } from '../domain/text';
import { QUEUE_NAMES } from '../db/queries/queues';

/**
 * The largest id a request may name. Ids are bigint in Postgres and numbers here: past the safe integers a number is
 * no longer the id that was sent (and past bigint Postgres refuses it), so this bounds every id, cursor and `after`.
 */
const MAX_RECORD_ID = Number.MAX_SAFE_INTEGER;

/** A record's id in a path or a query. */
export const recordId = z.coerce.number().int().positive().max(MAX_RECORD_ID);
const id = recordId;
/** A record's id in a JSON body. */
export const recordIdNumber = z.number().int().positive().max(MAX_RECORD_ID);
/** A page's cursor, as the previous page's `nextCursor` gave it. */
export const pageCursor = z
  .string()
  .regex(/^\d+$/, 'a cursor from a previous page')
  .refine((cursor) => !/^\d+$/.test(cursor) || Number(cursor) <= MAX_RECORD_ID, 'a cursor from a previous page');
/** An event id to read after or resume after; 0 is before the first. */
const eventCursor = z.coerce.number().int().min(0).max(MAX_RECORD_ID);

/**
 * The times a request may name, from 2000 to the end of 2099: anything else is a typing mistake, and some of it
 * (year 0000) is no time Postgres can hold.
 */
const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
const LATEST_INSTANT = Date.UTC(2100, 0, 1);
const inRange = (date: Date) => date.getTime() >= EARLIEST_INSTANT && date.getTime() < LATEST_INSTANT;
const RANGE_MESSAGE = 'a time from 2000-01-01 to 2099-12-31';
/** An ISO 8601 instant with its offset, in the range above. */
export const isoInstant = z.iso
  .datetime({ offset: true })
  .refine((value) => Number.isNaN(Date.parse(value)) || inRange(new Date(value)), RANGE_MESSAGE);

export const workOrderParams = z.object({ id });

export const createWorkOrderBody = z
  .object({
    unitId: recordIdNumber.optional(),
    tenantId: recordIdNumber.optional(),
    description: descriptionText,
    priority: z.enum(PRIORITIES).optional(),
    source: z.enum(SOURCES).default('api'),
  })
  .strict()
  .refine((b) => b.unitId !== undefined || b.tenantId !== undefined, {
    message: 'give unitId or tenantId',
    path: ['unitId'],
    // Report this alongside other field errors, not only once every field is valid.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  });

/** `?live=true` asks the workflow for its live state (a query: a replay when the order is not cached); the record does without. */
export const workOrderDetailQuery = z
  .object({
    live: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();

export const listWorkOrdersQuery = z
  .object({
    status: z.enum(WORK_ORDER_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    buildingId: id.optional(),
    technicianId: id.optional(),
    source: z.enum(SOURCES).optional(),
    cursor: pageCursor.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const slot = z
  .object({ start: isoInstant, end: isoInstant })
  .strict()
  .refine((s) => new Date(s.end) > new Date(s.start), { message: 'end must be after start', path: ['end'] });

export const assignmentBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }).strict(),
  /** Apply the current rules version to this order (it keeps the version it started with otherwise). */
  z.object({ action: z.literal('reevaluate') }).strict(),
  z.object({ action: z.literal('alternative'), index: z.number().int().min(0).max(1) }).strict(),
  /** Outside the technician's working hours, in their time off or over their day's capacity only with `force: true`. */
  z
    .object({
      action: z.literal('override'),
      technicianId: recordIdNumber,
      slot,
      reason: text({ min: 3, max: 1000 }),
      force: z.boolean().default(false),
    })
    .strict(),
  /** Pick a vendor's quote; one above the building's cap needs `approveOverBudget: true`. */
  z
    .object({ action: z.literal('vendor'), vendorId: recordIdNumber, approveOverBudget: z.boolean().default(false) })
    .strict(),
]);

/** An amount of money in cents, as bodies give it. */
export const cents = z.number().int().min(0).max(100_000_000);

export const reviewBody = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      notes: text({ max: 2000 }).optional(),
      /** What the job cost, for the analytics: labor and parts, in cents. */
      costs: z.object({ laborCents: cents.optional(), partsCents: cents.optional() }).strict().optional(),
    })
    .strict(),
  z.object({ decision: z.literal('reject'), notes: text({ min: 3, max: 2000 }) }).strict(),
]);

export const cancelBody = z.object({ reason: text({ min: 3, max: 1000 }) }).strict();
/** Why the order can't wait for the tenant's confirmation; shown on the order and in its events. */
export const markUrgentBody = z.object({ reason: text({ min: 3, max: 1000 }) }).strict();

export const visitParams = z.object({ id, action: z.enum(VISIT_ACTIONS) });

const note = text({ min: 1, max: 2000 });

export const partsNeededBody = z
  .object({
    parts: z
      .array(
        z.object({ name: text({ min: 1, max: 200 }), quantity: z.number().int().min(1).max(1000).default(1) }).strict(),
      )
      .min(1)
      .max(50),
    eta: isoInstant,
    note: note.optional(),
  })
  .strict();

export const partsArrivedBody = z.object({ note: note.optional() }).strict();

export const noAccessBody = z.object({ at: isoInstant.optional(), note: note.optional() }).strict();

export const onMyWayBody = z.object({ etaMinutes: z.number().int().min(1).max(600) }).strict();

export const checkInBody = z.object({ at: isoInstant.optional() }).strict();

/**
 * Photos uploaded earlier, by id. A set missing a kind is accepted here: completeness is the photo review's call,
 * which tells the technician what is missing.
 */
export const photosBody = z
  .object({
    photos: z
      .array(z.object({ id: text({ min: 1, max: 200 }), kind: z.enum(PHOTO_KINDS) }).strict())
      .min(1)
      .max(30),
    notes: text({ max: 2000 }).optional(),
  })
  .strict();

export const queueParams = z.object({ name: z.enum(QUEUE_NAMES) });
export const queueQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

export const eventsQuery = z
  .object({
    workOrderId: id.optional(),
    type: text({ min: 1, max: 100 }).optional(),
    after: eventCursor.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const eventStreamQuery = z
  .object({
    workOrderId: id.optional(),
    type: text({ min: 1, max: 100 }).optional(),
    /** For clients without EventSource; an EventSource's Last-Event-ID header (sent on reconnect) wins. */
    lastEventId: eventCursor.optional(),
  })
  .strict();

export const eventStreamHeaders = z.object({ 'last-event-id': eventCursor.optional() });

/** A day (midnight UTC) or an instant with its offset. */
const dayOrInstant = z
  .union([z.iso.date(), isoInstant])
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s))
  .refine(inRange, RANGE_MESSAGE);

/** The window's defaults and limits are checked after parsing (domain/analyticsWindow.ts): they depend on now. */
export const analyticsSummaryQuery = z
  .object({
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    buildingId: id.optional(),
    technicianId: id.optional(),
  })
  .strict();

/** Retrying a failed step takes nothing but who asked (the key). */
export const retryStepBody = z.object({}).strict();
