import { z } from 'zod';
import { PHOTO_KINDS } from '../domain/photos';
import { PRIORITIES, SOURCES } from '../domain/priority';
import { WORK_ORDER_STATUSES } from '../domain/status';
import { QUEUE_NAMES } from '../db/queries/workOrders';

/** A record's id in a path or a query. */
export const recordId = z.coerce.number().int().positive().max(2 ** 53 - 1);
const id = recordId;
const isoInstant = z.iso.datetime({ offset: true });

export const workOrderParams = z.object({ id });

export const createWorkOrderBody = z
  .object({
    unitId: z.number().int().positive().optional(),
    tenantId: z.number().int().positive().optional(),
    description: z.string().trim().min(1).max(4000),
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

export const listWorkOrdersQuery = z
  .object({
    status: z.enum(WORK_ORDER_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    buildingId: id.optional(),
    technicianId: id.optional(),
    source: z.enum(SOURCES).optional(),
    cursor: z.string().regex(/^\d+$/, 'a cursor from a previous page').optional(),
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
  z.object({ action: z.literal('override'), technicianId: z.number().int().positive(), slot, reason: z.string().trim().min(3).max(1000) }).strict(),
  /** Pick a vendor's quote; one above the building's cap needs `approveOverBudget: true`. */
  z.object({ action: z.literal('vendor'), vendorId: z.number().int().positive(), approveOverBudget: z.boolean().default(false) }).strict(),
]);

/** An amount of money in cents, as bodies give it. */
export const cents = z.number().int().min(0).max(100_000_000);

export const reviewBody = z.discriminatedUnion('decision', [
  z
    .object({
      decision: z.literal('approve'),
      notes: z.string().trim().max(2000).optional(),
      /** What the job cost, for the analytics: labor and parts, in cents. */
      costs: z.object({ laborCents: cents.optional(), partsCents: cents.optional() }).strict().optional(),
    })
    .strict(),
  z.object({ decision: z.literal('reject'), notes: z.string().trim().min(3).max(2000) }).strict(),
]);

export const cancelBody = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();

export const VISIT_ACTIONS = ['on-my-way', 'check-in', 'parts-needed', 'parts-arrived', 'no-access', 'photos'] as const;
export const visitParams = z.object({ id, action: z.enum(VISIT_ACTIONS) });

const note = z.string().trim().min(1).max(2000);

export const partsNeededBody = z
  .object({
    parts: z.array(z.object({ name: z.string().trim().min(1).max(200), quantity: z.number().int().min(1).max(1000).default(1) }).strict()).min(1).max(50),
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
      .array(z.object({ id: z.string().trim().min(1).max(200), kind: z.enum(PHOTO_KINDS) }).strict())
      .min(1)
      .max(30),
    notes: z.string().trim().max(2000).optional(),
  })
  .strict();

export const queueParams = z.object({ name: z.enum(QUEUE_NAMES) });
export const queueQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

export const eventsQuery = z
  .object({
    workOrderId: id.optional(),
    type: z.string().trim().min(1).max(100).optional(),
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

/** An event id to resume after; 0 replays the whole log. */
const eventCursor = z.coerce.number().int().min(0).max(2 ** 53 - 1);

export const eventStreamQuery = z
  .object({
    workOrderId: id.optional(),
    type: z.string().trim().min(1).max(100).optional(),
    /** For clients without EventSource; an EventSource's Last-Event-ID header (sent on reconnect) wins. */
    lastEventId: eventCursor.optional(),
  })
  .strict();

export const eventStreamHeaders = z.object({ 'last-event-id': eventCursor.optional() });

/** A day (midnight UTC) or an instant with its offset. */
const dayOrInstant = z.union([z.iso.date(), isoInstant]).transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s));

/** The window's defaults and limits are checked after parsing (domain/analyticsWindow.ts): they depend on now. */
export const analyticsSummaryQuery = z
  .object({
    from: dayOrInstant.optional(),
    to: dayOrInstant.optional(),
    buildingId: id.optional(),
    technicianId: id.optional(),
  })
  .strict();
