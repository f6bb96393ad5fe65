import { z } from 'zod';
import { PRIORITIES, SOURCES } from '../../domain/priority';
import { rulesSchema } from '../../domain/rules';
import { WORK_ORDER_STATUSES } from '../../domain/status';

/**
 * The shapes of the API's answers, for the document only: the routes answer with database rows and workflow state
 * typed in TypeScript, not parsed here. Fields that are open-ended (JSONB, workflow state) stay loose objects.
 */

export const instant = z.string().describe('an ISO 8601 instant');
export const nextCursor = z.string().nullable().describe('pass as `cursor` for the next page; null on the last');
const object = (description: string) => z.object({}).loose().describe(description);

export const errorAnswer = z
  .object({
    error: z
      .string()
      .describe('a stable code: invalid_request, unauthorized, forbidden, not_found, conflict, rate_limited, ...'),
    message: z.string().describe('what went wrong, for a person'),
    issues: z
      .array(
        z.object({
          path: z.string().describe('the field: body.slot.end, query.limit, params.id, files.<name>, ...'),
          message: z.string(),
        }),
      )
      .optional()
      .describe('every bad field, when the request had some'),
  })
  .describe('Every error answer has this shape.');

export const createdWorkOrder = z.object({
  number: z.number().int(),
  workflowId: z.string(),
  status: z.literal('created'),
});

export const workOrderRecord = z
  .object({
    number: z.number().int().describe('the number the tenant sees'),
    workflowId: z.string(),
    status: z.enum(WORK_ORDER_STATUSES),
    priority: z.enum(PRIORITIES).nullable(),
    requestedPriority: z.enum(PRIORITIES).nullable(),
    buildingId: z.number().int(),
    unitId: z.number().int(),
    tenantId: z.number().int().nullable(),
    description: z.string(),
    source: z.enum(SOURCES),
    metadata: object('enriched context and import data'),
    classification: object('priority, skills, duration, confidence, reasoning, warnings').nullable(),
    proposal: object('the proposed technician and slot, with alternatives').nullable(),
    routing: object("the rules engine's decision and why").nullable(),
    rulesVersion: z.number().int().nullable(),
    needsCoordinator: z.boolean(),
    pendingDecision: object('what a coordinator is asked to decide').nullable(),
    assignedTechnicianId: z.number().int().nullable(),
    scheduledStart: instant.nullable(),
    scheduledEnd: instant.nullable(),
    slaDeadline: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
    completedAt: instant.nullable(),
  })
  .loose();

export const workOrderPage = z.object({
  items: z.array(workOrderRecord),
  nextCursor,
});

export const workOrderDetail = workOrderRecord
  .extend({
    decisions: z.array(object('an AI decision: its input, output and model')),
    events: z.array(object('an event, as in GET /events')),
    sms: z.array(object('a text to or from this order, as in GET /sms/messages')),
    liveState: object(
      "the workflow's live state (its `state` query), only with `live=true`; null when it did not answer in time",
    )
      .nullable()
      .optional(),
    liveStateError: z.string().optional().describe('why liveState is null'),
  })
  .describe('The record with its decision trail, events, texts and live workflow state.');

export const workflowState = object(
  "The work order's workflow state after the decision (status, classification, assignment, deadlines, attempts, pending decision).",
);

export const visitAccepted = z.object({
  number: z.number().int(),
  action: z.string(),
  accepted: z.literal(true),
  photos: z
    .array(
      z.object({
        id: z.string(),
        kind: z.string(),
        file: z.string().optional(),
        sha256: z.string().optional(),
        distanceMeters: z.number().optional(),
      }),
    )
    .optional()
    .describe(
      'photos only: the photos stored (with their file name, hash and distance from the building) or named by id',
    ),
});

export const queueAnswer = z.object({ queue: z.string(), items: z.array(workOrderRecord) });

export const eventRecord = z.object({
  id: z.number().int(),
  workOrderNumber: z.number().int().nullable(),
  type: z.string(),
  actorType: z.string(),
  actorId: z.string(),
  source: z.string(),
  payload: object('what happened, by event type'),
  at: instant,
});

export const eventPage = z.object({
  items: z.array(eventRecord),
  nextAfter: z.number().int().nullable().describe('pass as `after` for the next page; null on the last'),
});

const ruleVersionSummary = z.object({
  version: z.number().int(),
  createdBy: z.string(),
  note: z.string().nullable(),
  createdAt: instant,
});

export const ruleVersion = ruleVersionSummary.extend({ rules: rulesSchema });
export const ruleVersionList = z.object({ items: z.array(ruleVersionSummary) });
export const publishedRules = ruleVersion.extend({
  changed: z.boolean().describe('false when the rules were the same as the current version'),
});

export const smsPage = z.object({
  items: z.array(
    object('a text: direction, from, to, body, provider, status, kind, recipient, work order number, times'),
  ),
  nextBefore: z.number().int().nullable().describe('pass as `before` for the next page; null on the last'),
});

export const smsHolds = z.object({
  items: z.array(object('texts from an unknown number: phone, texts, status, reason, unit, work order number')),
});

export const scheduleView = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    schedule: object('the schedule as created'),
    rules: object("the plan's rules as created"),
    createdBy: z.string(),
    createdAt: instant,
    scheduleId: z.string().describe("the Temporal Schedule's id"),
    state: z
      .object({
        paused: z.boolean(),
        note: z.string().nullable(),
        pausedBy: z.string().nullable(),
        pausedAt: instant.nullable(),
      })
      .nullable(),
    nextRunTimes: z.array(instant),
    recentActions: z.array(z.object({ scheduledAt: instant, takenAt: instant, workflowId: z.string() })),
    runningWorkflowIds: z.array(z.string()),
    runs: z.array(
      object(
        'a run: as-of date, due, opened and started counts, skipped (each due item it left alone, with the order that stands and why), times',
      ),
    ),
    scheduleError: z.string().optional().describe('why Temporal could not describe the schedule (state is null then)'),
  })
  .loose();

export const scheduleList = z.object({ items: z.array(scheduleView) });

export const importReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  rows: z.array(
    z
      .object({
        row: z.number().int().describe('the spreadsheet row (the header is 1), or the index in a JSON export'),
        appfolioId: z.string().nullable(),
        outcome: z.enum(['created', 'updated', 'unchanged', 'skipped']),
        number: z.number().int().optional(),
        reasons: z.array(z.string()).optional().describe('why a row was skipped'),
        changes: z.array(object('a changed field: its name, before and after')).optional(),
      })
      .loose(),
  ),
});

export const analyticsSummary = object(
  'The KPIs of the orders created in [from, to): assignment and override rates, first-time fix, request-to-completion percentiles, emergency SLA, parts delays, access problems, AI confidence and duration, costs, surveys (see docs/analytics.md).',
);
