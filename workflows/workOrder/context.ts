/**
 * One work order's run: its state, what signals and updates delivered, the search attributes published, the rules in
 * force. Every step of the workflow takes this; nothing here is module state, so each run has its own.
 */
import { workflowInfo } from '@temporalio/workflow';
import { guardedActivities } from './stepFailures';
import type { Activities } from '../../activities';
import type { Rules } from '../../domain/rules';
import type { WorkOrderStatus } from '../../domain/status';
import type { OutboundSpec, SmsRecipient } from '../../domain/sms/outbound';
import type { Actor } from '../../domain/actor';
import type {
  Assignment,
  CancelRequest,
  NoAccess,
  PendingDecision,
  PartsArrived,
  PartsNeeded,
  PhotoSubmission,
  ReviewDecision,
  SmsDeliveryFailed,
  TechnicianDeactivation,
  TechnicianCheckIn,
  TechnicianOnTheWay,
  TenantReply,
  VendorReply,
  WorkOrderInput,
  WorkOrderState,
} from '../../domain/workOrderContract';

// Inbox: what signals and updates delivered, consumed by the main flow at its next wait.
export interface Inbox {
  tenantReply: TenantReply | null;
  checkIn: TechnicianCheckIn | null;
  onTheWay: TechnicianOnTheWay | null;
  deliveryFailures: SmsDeliveryFailed[];
  /** Tenant replies already acted on, by MessageSid: a redelivered webhook's signal changes nothing. */
  seenReplySids: Set<string>;
  submittedPhotos: PhotoSubmission | null;
  partsNeeded: PartsNeeded | null;
  partsArrived: PartsArrived | null;
  noAccess: NoAccess | null;
  vendorReplies: VendorReply[];
  /** The vendor whose quote the coordinator picked (the assignment names their crew). */
  pickedVendorId: number | null;
  cancelRequest: CancelRequest | null;
  /** `keptCurrent`: after a confirmation time-out, the coordinator confirmed the booked visit with the tenant. */
  assignmentDecision: { assignment: Assignment; actor: Actor; ticket: number; keptCurrent: boolean } | null;
  reviewDecision: (ReviewDecision & { ticket: number }) | null;
  decisionInFlight: boolean;
  /** A coordinator's accept found the proposed slot taken meanwhile: propose again while they wait. */
  proposalStale: boolean;
  /** A coordinator asked to apply the current rules; `reevaluating` is the one being applied. */
  reevaluation: { actor: Actor; ticket: number } | null;
  reevaluating: { actor: Actor; ticket: number } | null;
  /** A coordinator asked to try the failed step again. */
  stepRetry: { actor: Actor; ticket: number } | null;
  ticketsIssued: number;
  ticketsApplied: number;
  /** A coordinator's mark-urgent update is being recorded. */
  markingUrgent: boolean;
  /** The booked technician was deactivated: the main flow releases the booking and proposes again (./technicianWithdrawal). */
  technicianWithdrawal: (TechnicianDeactivation & { ticket: number }) | null;
  /** Why the pending proposal is being refreshed, when not because its slot was taken. */
  proposalStaleBecause: string | null;
}

/** What the main flow keeps between its steps. */
export interface Memory {
  /** What this run texted, by idempotency key, so an undelivered message can be sent again. */
  sentTexts: Map<string, { recipient: SmsRecipient; spec: OutboundSpec; attempts: number }>;
  /** When the technician last checked in: photos taken long before it are implausible. */
  checkedInAt: string | null;
  /** Steps of the access ladder already taken on this order: a later failure resumes it, never restarts it. */
  accessStepsTaken: number;
  /** Why the configured classifier gave no answer (the deterministic one answered instead): a coordinator decides. */
  classifierUnavailable: string | null;
  /** Triage is done (classified and recorded): from here a coordinator may book a visit in place of a failed step. */
  triaged: boolean;
  /** The pending decision a failed step displaced; it is back once the step has been retried. */
  pendingBeforeFailure: PendingDecision | null;
  /** The retry whose update answers once the retried step has an outcome (done, or failed again). */
  retryTicket: number | null;
  /** The cancel is being carried out: a step failing now can only be retried, the order is already being cancelled. */
  cancelling: boolean;
  /**
   * The technician who was last told about this order, and the visit start they were told (null once that visit is
   * over: parts, no access). The next change that concerns them is said against it (moved, reassigned, cancelled).
   */
  technicianTold: TechnicianTold | null;
}

export interface TechnicianTold {
  technicianId: number;
  start: string | null;
}

export interface WorkOrderContext {
  input: WorkOrderInput;
  workflowId: string;
  /** The counter behind every idempotency key (`stepKey`): it advances in the order the steps run. */
  step: number;
  state: WorkOrderState;
  inbox: Inbox;
  memory: Memory;
  /** Imported without notifying the tenant (`notifyTenant: false`): no text of this order's reaches them (./sms). */
  quietTenant: boolean;
  /**
   * The status a change being recorded moves the order to, until the workflow has taken it (./primitives). The API
   * decides a visit action from the record, which shows the new status as soon as the change commits: a signal that
   * lands meanwhile is held for it, not ignored (./handlers).
   */
  movingTo: WorkOrderStatus | null;
  /** The search attributes as last published, by name, serialized: only a change is upserted (./primitives). */
  published: Map<string, string>;
  /**
   * The rules version pinned at the start; a coordinator's re-evaluation replaces it with the current one. Results
   * recorded in older histories may lack sections added since (e.g. `assignment`): read those optionally.
   */
  rules: Rules;
  /** The activities as the main flow calls them: a failure hands the step to a coordinator (./stepFailures). */
  steps: Activities;
}

/** A coordinator's booking (or a vendor pick), as the main flow applies it. */
export type CoordinatorChoice = {
  assignment: Assignment;
  actor: Actor;
  keptCurrent: boolean;
  /** The 'assigned' change is already recorded (an automatic booking records it in its own transaction). */
  recorded?: boolean;
};

export function createContext(input: WorkOrderInput): WorkOrderContext {
  const { workflowId } = workflowInfo();
  const state: WorkOrderState = {
    number: input.number,
    status: 'created',
    escalatedFrom: null,
    priority: input.requestedPriority,
    rulesVersion: null,
    classification: null,
    proposal: null,
    routing: null,
    assignment: null,
    tenantConfirmed: false,
    pendingDecision: null,
    needsCoordinator: false,
    slaBreached: false,
    tenantOptedOut: false,
    smsProblem: null,
    deadlines: { confirmationBy: null, reviewBy: null, slaDeadline: null },
    attempts: { assignment: 0, review: 0 },
    photos: null,
    photoReview: null,
    parts: null,
    access: { attempts: 0, escalation: null, tenantProblems: 0 },
    cancelReason: null,
    urgency: null,
    toldNotAsked: null,
  };
  const ctx: WorkOrderContext = {
    input,
    workflowId,
    step: 0,
    state,
    inbox: {
      tenantReply: null,
      checkIn: null,
      onTheWay: null,
      deliveryFailures: [],
      seenReplySids: new Set<string>(),
      submittedPhotos: null,
      partsNeeded: null,
      partsArrived: null,
      noAccess: null,
      vendorReplies: [],
      pickedVendorId: null,
      cancelRequest: null,
      assignmentDecision: null,
      reviewDecision: null,
      decisionInFlight: false,
      proposalStale: false,
      reevaluation: null,
      reevaluating: null,
      stepRetry: null,
      ticketsIssued: 0,
      ticketsApplied: 0,
      markingUrgent: false,
      technicianWithdrawal: null,
      proposalStaleBecause: null,
    },
    memory: {
      sentTexts: new Map(),
      checkedInAt: null,
      accessStepsTaken: 0,
      classifierUnavailable: null,
      triaged: false,
      pendingBeforeFailure: null,
      retryTicket: null,
      cancelling: false,
      technicianTold: null,
    },
    quietTenant: input.notifyTenant === false,
    movingTo: null,
    published: new Map(),
    // Loaded before any step reads it (as the `let rules!: Rules` it replaces).
    rules: undefined as unknown as Rules,
    steps: undefined as unknown as Activities,
  };
  ctx.steps = guardedActivities(ctx);
  return ctx;
}
