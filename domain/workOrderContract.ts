/**
 * The work order's shared contract: what its workflow starts with, the state it answers queries with, and the
 * payloads of its signals and updates. Types only (and the constants they are built from): the workflow, its
 * activities, the database layer and the API all read them; the signals, updates, query and ids themselves are in
 * workflows/definitions.ts.
 */
import type { Actor } from './actor';
import type { Classification } from './classification';
import type { AssignmentProposal, TimeSlot } from './assignment';
import type { Priority, WorkOrderSource } from './priority';
import type { RoutingDecision } from './rulesEngine';
import type { WorkOrderStatus } from './status';

export interface WorkOrderInput {
  number: number;
  buildingId: number;
  unitId: number;
  tenantId: number | null;
  description: string;
  source: WorkOrderSource;
  requestedPriority: Priority | null;
  createdBy: Actor;
  /**
   * False: nobody texts the tenant about this order (an AppFolio import without notifyTenants): its visits go ahead
   * without asking them (tenant_not_notified) and a coordinator talks to them. Absent: the tenant is texted as usual.
   */
  notifyTenant?: false;
}

export interface Assignment {
  technicianId: number;
  slot: TimeSlot;
  /** 'auto' when the rules engine assigned it; 'vendor' when a coordinator picked a vendor's quote; otherwise how the coordinator decided. */
  decidedBy: 'auto' | 'accept' | 'alternative' | 'override' | 'vendor';
  reason: string | null;
  /** What a forced override booked against in the technician's calendar (working hours, time off, capacity). */
  overrides?: CalendarOverride[];
}

/** One thing a coordinator's forced override went past, in words (domain/technicianCalendar.ts CalendarObstacle). */
export interface CalendarOverride {
  kind: 'outside_working_hours' | 'time_off' | 'over_capacity';
  detail: string;
}

export type PendingDecision =
  | { kind: 'assignment'; reason: string }
  | { kind: 'confirmation_timeout'; reason: string }
  | { kind: 'review'; reason: string }
  | { kind: 'review_overdue'; reason: string }
  | { kind: 'sla_breached'; reason: string }
  | { kind: 'access'; reason: string }
  | { kind: 'vendor_pick'; reason: string }
  /** The tenant answered NO (or another time) to a visit booked without asking them: keep it, book another, or cancel. */
  | { kind: 'visit_objection'; reason: string }
  /** A step failed past its retries (or in a way no retry fixes): retry it, re-evaluate, book a visit, or cancel. */
  | { kind: 'step_failed'; reason: string };

/** The workflow step that failed and is waiting for a coordinator (`pendingDecision.kind === 'step_failed'`). */
export interface FailedStep {
  /** The activity that failed, e.g. `recordAccessProblem`. */
  step: string;
  /** The failure's type (`PermanentDataError`, `ForbiddenTransition`, a timeout...) and message. */
  failureType: string;
  message: string;
  /** False when another try was pointless (a non-retryable failure); true when the retries ran out. */
  retriesExhausted: boolean;
  at: string;
  /** What a coordinator may do from here, besides retrying and cancelling. */
  mayBookVisit: boolean;
}

export interface VendorOfferState {
  vendorId: number;
  vendorName: string;
  status: 'offered' | 'quoted' | 'declined' | 'expired' | 'picked' | 'not_picked' | 'withdrawn';
  respondBy: string;
  quoteCents: number | null;
  eta: string | null;
}

/** Offers of this job to approved vendors, while no internal technician fits. */
export interface VendorRequest {
  mode: 'broadcast' | 'sequential';
  reason: string;
  /** Quotes above this need the coordinator's explicit approval. */
  budgetCapCents: number;
  offers: VendorOfferState[];
}

/** The steps a coordinator climbs when a tenant keeps not letting the technician in. */
export const ACCESS_ESCALATION_STEPS = ['case_worker', 'legal', 'eviction_notice'] as const;
export type AccessEscalationStep = (typeof ACCESS_ESCALATION_STEPS)[number];

export interface PartItem {
  name: string;
  quantity: number;
}

/** What the completeness review of a photo set said (the AI's or the deterministic check's). */
export interface PhotoReview {
  complete: boolean;
  /** Why, in words a coordinator reads. */
  reasoning: string;
  /** What is missing or wrong, one line each; empty when complete. */
  issues: string[];
  provider: string;
}

export interface WorkOrderState {
  number: number;
  status: WorkOrderStatus;
  /** Where the workflow was when it escalated, so a coordinator's decision resumes the right step. */
  escalatedFrom: WorkOrderStatus | null;
  priority: Priority | null;
  rulesVersion: number | null;
  classification: Classification | null;
  proposal: AssignmentProposal | null;
  routing: RoutingDecision | null;
  assignment: Assignment | null;
  tenantConfirmed: boolean;
  pendingDecision: PendingDecision | null;
  needsCoordinator: boolean;
  /** An emergency that had no technician on site by its SLA deadline. */
  slaBreached: boolean;
  /** The tenant texted STOP: the order goes on, the coordinator talks to them. */
  tenantOptedOut: boolean;
  /** Why SMS is not reaching someone on this order (opted out, refused, undeliverable); the coordinator is told. */
  smsProblem: string | null;
  deadlines: {
    confirmationBy: string | null;
    reviewBy: string | null;
    slaDeadline: string | null;
    /** When the parts are expected (waiting_parts); absent from states recorded before the visit steps. */
    partsEta?: string | null;
    /** When the tenant's time to answer an access request ends, or the next ladder step is due. */
    accessReplyBy?: string | null;
  };
  attempts: { assignment: number; review: number };
  photos: PhotoSubmission | null;
  /** The last completeness review of submitted photos. */
  photoReview?: PhotoReview | null;
  /** The parts being waited for, while waiting_parts. */
  parts?: { items: PartItem[]; eta: string; technicianId: number; note: string | null } | null;
  /** Failed access attempts on this order, the ladder's step, and the tenant's access problems on record. */
  access?: { attempts: number; escalation: AccessEscalationStep | null; tenantProblems: number };
  /** The vendor step, when the job was offered to vendors. */
  vendorRequest?: VendorRequest | null;
  cancelReason: string | null;
  /** The failed step waiting for a coordinator; absent from states recorded before step failures were handled. */
  failedStep?: FailedStep | null;
  /** A coordinator marked the order urgent: its visits are booked without asking the tenant. Absent before urgent visits. */
  urgency?: Urgency | null;
  /** Why the booked visit went ahead without the tenant's confirmation (they were told, not asked); null when asked. */
  toldNotAsked?: GoesNowReason | null;
}

/** Why a visit is scheduled at once: the tenant is told, not asked. */
export type GoesNowReason =
  'emergency' | 'marked_urgent' | 'no_tenant' | 'tenant_opted_out' | 'tenant_unreachable' | 'tenant_not_notified';

export interface Urgency {
  reason: string;
  markedBy: Actor;
  at: string;
}

// Signal payloads (the signals are in workflows/definitions.ts): facts from outside that need no answer.
export interface TenantReply {
  /** 'reschedule': the tenant proposed another time (treated as a NO with a preferred start). */
  answer: 'yes' | 'no' | 'reschedule';
  messageSid: string | null;
  tenantId: number | null;
  /** The start the tenant asked for, when their text named a time we could read. */
  proposedStart?: string | null;
  /** The tenant's words, kept for the coordinator. */
  proposal?: string | null;
}

export interface TechnicianCheckIn {
  technicianId: number;
  at: string;
  /** Who reported it: the technician, or a coordinator on their behalf. */
  reportedBy?: Actor;
}

export interface TechnicianOnTheWay {
  technicianId: number;
  /** When the technician expects to arrive. */
  eta: string;
  reportedBy?: Actor;
}

/** A delivery receipt said an SMS this workflow sent was not delivered. */
export interface SmsDeliveryFailed {
  idempotencyKey: string;
  messageSid: string;
  status: 'failed' | 'undelivered';
  errorCode: string | null;
}

export interface PhotoSubmission {
  technicianId: number;
  /** References to photos stored outside the workflow; never the bytes. */
  photos: Array<{ id: string; kind: 'before' | 'after' | 'cleanup' }>;
  notes: string | null;
  reportedBy?: Actor;
}

export interface PartsNeeded {
  technicianId: number;
  parts: PartItem[];
  /** When the parts are expected; the order goes back to scheduling then, or when they arrive if sooner. */
  eta: string;
  note: string | null;
  reportedBy?: Actor;
}

export interface PartsArrived {
  note: string | null;
  reportedBy?: Actor;
}

/** The technician could not get into the unit. */
export interface NoAccess {
  technicianId: number;
  at: string;
  note: string | null;
  reportedBy?: Actor;
}

/** A vendor answered an offer by text: a quote and an ETA, or a decline. */
export interface VendorReply {
  vendorId: number;
  messageSid: string | null;
  declined: boolean;
  quoteCents: number | null;
  eta: string | null;
  text: string;
}

// Update payloads and answers (the updates are in workflows/definitions.ts): coordinator decisions, validated and answered.
export type AssignmentDecision =
  | { action: 'accept'; actor: Actor }
  | { action: 'alternative'; index: number; actor: Actor }
  | {
      action: 'override';
      technicianId: number;
      slot: TimeSlot;
      reason: string;
      actor: Actor;
      overrides?: CalendarOverride[];
    };

/** What the job cost, entered by the coordinator on approval; labor and parts in cents. */
export interface JobCosts {
  laborCents?: number;
  partsCents?: number;
}
export type ReviewDecision =
  | { approve: true; notes: string | null; actor: Actor; costs?: JobCosts }
  | { approve: false; notes: string; actor: Actor };

export interface CancelRequest {
  reason: string;
  actor: Actor;
}

/** A coordinator marks the order urgent: visits go ahead without the tenant's confirmation (a waiting one at once). */
export interface MarkUrgentRequest {
  reason: string;
  actor: Actor;
}

/** Re-run the proposal and the rules engine with the current rules version (the order keeps its own otherwise). */
export interface ReevaluateRequest {
  actor: Actor;
}
/** The coordinator picks a vendor's quote; one above the building's cap needs `approveOverBudget`. */
export interface VendorPick {
  vendorId: number;
  approveOverBudget: boolean;
  actor: Actor;
}

/** Try the failed step again (after whatever made it fail was fixed); answered once that try has an outcome. */
export interface RetryStepRequest {
  actor: Actor;
}

/**
 * An admin deactivated a technician: the order's visit with them (booked, or proposed to a coordinator) is taken back
 * and a new one proposed through the normal path. Answered once the booking is released (or the proposal refreshed).
 */
export interface TechnicianDeactivation {
  technicianId: number;
  reason: string | null;
  actor: Actor;
}
export interface TechnicianDeactivationOutcome {
  /** withdrawn: the booking was released and a new proposal is under way; proposal_refreshed: a pending proposal named them. */
  outcome: 'withdrawn' | 'proposal_refreshed';
  status: WorkOrderState['status'];
}

export interface WorkOrderOutcome {
  number: number;
  status: 'completed' | 'cancelled';
}
