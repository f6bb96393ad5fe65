import { z } from 'zod';
import { e164PhoneSchema } from './phone';
import { SKILLS } from './priority';
import { text } from './text';
import { DEFAULT_TIME_ZONE } from './defaultTimeZone';

/** Rules rows stored before this section existed read as these; a fresh object each time, so no caller shares one. */
function defaultAssignment() {
  return { requiredCertifications: { electrical: ['licensed-electrician'], hvac: ['epa-608'] } };
}

function defaultVendors() {
  return { mode: 'broadcast' as const, offerCount: 3, responseWindowSeconds: 4 * 3600 };
}

function defaultVisit() {
  return { photoMaxDistanceMeters: 150, photoTimeSlackSeconds: 3600, accessAttemptsBeforeEscalation: 2 };
}

function defaultPaging() {
  return {
    sweepSeconds: 30,
    slaAtRiskShare: 0.5,
    reviewMaxWaitSeconds: 4 * 3600,
    vendorPickMaxWaitSeconds: 2 * 3600,
    maxPagesPerHour: 6,
    adminPhone: null,
  };
}

/**
 * The business rules a coordinator edits without a deploy. Every duration is in seconds so that tests can run
 * the real workflow with second-scale waits. Each decision records the version of the rules it used.
 */
export const rulesSchema = z.object({
  thresholds: z
    .object({
      autoAssign: z.number().min(0).max(1),
      review: z.number().min(0).max(1),
    })
    .refine((t) => t.review <= t.autoAssign, {
      message: 'review threshold must not exceed autoAssign',
      path: ['review'],
    }),
  durations: z.object({
    /** How long the tenant has to answer a proposed visit before the coordinator is asked. */
    confirmationWaitSeconds: z.number().int().positive(),
    /** How long a completed job may wait for a coordinator's review before it escalates. */
    reviewWaitSeconds: z.number().int().positive(),
    /** How long an emergency may go without a technician on site. */
    emergencySlaSeconds: z.number().int().positive(),
    /** How long a classification is reused for the same normalized text. */
    classificationCacheSeconds: z.number().int().nonnegative(),
    /** When the tenant has not answered a proposed visit, a reminder goes out after this long (if before the wait ends). */
    confirmationReminderSeconds: z
      .number()
      .int()
      .positive()
      .default(12 * 3600),
    /** Reminders before a confirmed visit: this long before its start. */
    visitReminderDayBeforeSeconds: z
      .number()
      .int()
      .positive()
      .default(24 * 3600),
    visitReminderHourBeforeSeconds: z.number().int().positive().default(3600),
    /** After a failed access attempt, how long the tenant has to text a new time before a visit is proposed anyway. */
    accessReplyWaitSeconds: z
      .number()
      .int()
      .positive()
      .default(24 * 3600),
    /** On the access escalation ladder, how long each step waits for the tenant before the next one. */
    accessEscalationStepSeconds: z
      .number()
      .int()
      .positive()
      .default(3 * 24 * 3600),
  }),
  sms: z
    .object({
      /** Sends of one message when delivery receipts say it failed; after the last, a coordinator is told. */
      maxDeliveryAttempts: z.number().int().min(1).max(5),
    })
    .default({ maxDeliveryAttempts: 2 }),
  scheduling: z
    .object({
      timeZone: text({ min: 1, max: 100 }),
      workdayStartHour: z.number().int().min(0).max(23),
      workdayEndHour: z.number().int().min(1).max(24),
      /** How far ahead the proposal looks for a free slot. */
      horizonDays: z.number().int().min(1).max(60),
      /** An emergency is booked starting this many minutes from now, outside working hours too. */
      emergencyLeadMinutes: z.number().int().min(0),
    })
    .refine((s) => s.workdayStartHour < s.workdayEndHour, {
      message: 'the workday must end after it starts',
      path: ['workdayEndHour'],
    }),
  assignment: z
    .object({
      /**
       * Certifications a technician must hold to be proposed for an order whose primary skill is the key. Never
       * waived automatically, not even for an emergency; a coordinator may override. Partial: most trades need none.
       */
      requiredCertifications: z.partialRecord(z.enum(SKILLS), z.array(text({ min: 1, max: 100 }))),
    })
    .default(defaultAssignment),
  visit: z
    .object({
      /** A photo taken farther than this from the building is refused. */
      photoMaxDistanceMeters: z.number().positive().max(100_000),
      /** A photo may be taken this long before the technician checked in (clocks differ; "before" shots). */
      photoTimeSlackSeconds: z.number().int().nonnegative(),
      /** Failed access attempts before the escalation ladder (case worker, legal, eviction notice) runs. */
      accessAttemptsBeforeEscalation: z.number().int().min(1).max(10),
    })
    .default(defaultVisit),
  vendors: z
    .object({
      /** broadcast: offer to several vendors at once; sequential: one at a time, each with its own window. */
      mode: z.enum(['broadcast', 'sequential']),
      /** How many approved vendors with the skill are asked (at once, or in turn). */
      offerCount: z.number().int().min(1).max(10),
      /** How long a vendor has to answer an offer. */
      responseWindowSeconds: z.number().int().positive(),
    })
    .default(defaultVendors),
  /** Paging the on-call coordinator by SMS (activities/paging.ts). */
  paging: z
    .object({
      /** How often the pager looks for new causes and sends what is waiting. */
      sweepSeconds: z.number().int().min(1).max(3600),
      /** An emergency's SLA is at risk once this share of its window has passed with nobody on site. */
      slaAtRiskShare: z.number().gt(0).lt(1),
      /** An order waiting in review (needs_assignment) this long pages. */
      reviewMaxWaitSeconds: z.number().int().positive(),
      /** Vendor quotes waiting this long for a pick page. */
      vendorPickMaxWaitSeconds: z.number().int().positive(),
      /** Texts one person gets in any hour at most; what waits past it goes later, as a digest. */
      maxPagesPerHour: z.number().int().min(1).max(60),
      /** Who is paged when no coordinator is on call; null: nobody (the orders wait in the queues, NeedsCoordinator). */
      adminPhone: e164PhoneSchema.nullable().default(null),
    })
    .default(defaultPaging),
  context: z.object({
    historyLimit: z.number().int().min(1).max(100),
    similarIssueWindowDays: z.number().int().min(1),
    requestFrequencyWindowDays: z.number().int().min(1),
    /** A problem named again within this many days of the same thing's repair in the unit is a repeat (raised, multi-visit). */
    repeatWindowDays: z.number().int().min(1).max(365).default(60),
  }),
});

export type Rules = z.infer<typeof rulesSchema>;

export interface VersionedRules {
  version: number;
  rules: Rules;
}

export const DEFAULT_RULES: Rules = {
  thresholds: { autoAssign: 0.85, review: 0.6 },
  durations: {
    confirmationWaitSeconds: 24 * 3600,
    reviewWaitSeconds: 48 * 3600,
    emergencySlaSeconds: 2 * 3600,
    classificationCacheSeconds: 3600,
    confirmationReminderSeconds: 12 * 3600,
    visitReminderDayBeforeSeconds: 24 * 3600,
    visitReminderHourBeforeSeconds: 3600,
    accessReplyWaitSeconds: 24 * 3600,
    accessEscalationStepSeconds: 3 * 24 * 3600,
  },
  sms: { maxDeliveryAttempts: 2 },
  scheduling: {
    timeZone: DEFAULT_TIME_ZONE,
    workdayStartHour: 8,
    workdayEndHour: 17,
    horizonDays: 14,
    emergencyLeadMinutes: 30,
  },
  assignment: defaultAssignment(),
  visit: defaultVisit(),
  vendors: defaultVendors(),
  paging: defaultPaging(),
  context: { historyLimit: 10, similarIssueWindowDays: 90, requestFrequencyWindowDays: 365, repeatWindowDays: 60 },
};
