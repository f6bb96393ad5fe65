import { allHandlersFinished, ApplicationFailure, condition, log, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TimeSlot } from '../domain/assignment';
import { FailureType } from '../domain/failures';
import type { Rules } from '../domain/rules';
import { route } from '../domain/rulesEngine';
import { isTerminal, type WorkOrderStatus } from '../domain/status';
import type { WorkOrderPatch } from '../activities/workOrders';
import type { OutboundSpec, SendSmsResult, SmsRecipient } from '../activities/sms';
import { databaseActivity } from './activityOptions';
import {
  ACCESS_ESCALATION_STEPS,
  cancelUpdate,
  decideAssignmentUpdate,
  noAccessSignal,
  partsArrivedSignal,
  partsNeededSignal,
  photosSubmittedSignal,
  pickVendorUpdate,
  reevaluateUpdate,
  reviewUpdate,
  searchAttributes,
  smsDeliveryFailedSignal,
  technicianOnTheWaySignal,
  stateQuery,
  technicianCheckInSignal,
  tenantReplySignal,
  vendorReplySignal,
  type Actor,
  type Assignment,
  type AssignmentDecision,
  type CancelRequest,
  type NoAccess,
  type PartsArrived,
  type PartsNeeded,
  type PhotoReview,
  type PhotoSubmission,
  type ReviewDecision,
  type SmsDeliveryFailed,
  type TechnicianOnTheWay,
  type TechnicianCheckIn,
  type TenantReply,
  type VendorReply,
  type VendorRequest,
  type WorkOrderInput,
  type WorkOrderOutcome,
  type WorkOrderState,
} from './definitions';
import { secondsFromNow, secondsUntil, workflowNow } from './time';

const activities = proxyActivities<Activities>(databaseActivity);

const SYSTEM: Actor = { type: 'system', id: 'workflow' };
/** Automatic re-proposals when the proposed slot was taken between proposal and booking. */
const MAX_AUTO_BOOKING_ATTEMPTS = 3;

/** Thrown from any wait once a coordinator has cancelled the order; caught once at the top. */
class CancelRequested extends Error {}

function noLongerApplies(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.DecisionNoLongerApplies, message, nonRetryable: true });
}

function invalidDecision(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.InvalidDecision, message, nonRetryable: true });
}

export async function workOrderWorkflow(input: WorkOrderInput): Promise<WorkOrderOutcome> {
  const { workflowId } = workflowInfo();
  let step = 0;
  const stepKey = (label: string) => `${workflowId}/${++step}-${label}`;

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
  };

  // Inbox: what signals and updates delivered, consumed by the main flow at its next wait.
  let tenantReply: TenantReply | null = null;
  let checkIn: TechnicianCheckIn | null = null;
  let onTheWay: TechnicianOnTheWay | null = null;
  const deliveryFailures: SmsDeliveryFailed[] = [];
  /** Tenant replies already acted on, by MessageSid: a redelivered webhook's signal changes nothing. */
  const seenReplySids = new Set<string>();
  /** What this run texted, by idempotency key, so an undelivered message can be sent again. */
  const sentTexts = new Map<string, { recipient: SmsRecipient; spec: OutboundSpec; attempts: number }>();
  let submittedPhotos: PhotoSubmission | null = null;
  let partsNeeded: PartsNeeded | null = null;
  let partsArrived: PartsArrived | null = null;
  let noAccess: NoAccess | null = null;
  /** When the technician last checked in: photos taken long before it are implausible. */
  let checkedInAt: string | null = null;
  /** Steps of the access ladder already taken on this order: a later failure resumes it, never restarts it. */
  let accessStepsTaken = 0;
  const vendorReplies: VendorReply[] = [];
  /** The vendor whose quote the coordinator picked (the assignment names their crew). */
  let pickedVendorId: number | null = null;
  let cancelRequest: CancelRequest | null = null;
  /** `keptCurrent`: after a confirmation time-out, the coordinator confirmed the booked visit with the tenant. */
  let assignmentDecision: { assignment: Assignment; actor: Actor; ticket: number; keptCurrent: boolean } | null = null;
  let reviewDecision: (ReviewDecision & { ticket: number }) | null = null;
  let decisionInFlight = false;
  /** A coordinator's accept found the proposed slot taken meanwhile: propose again while they wait. */
  let proposalStale = false;
  /** A coordinator asked to apply the current rules; `reevaluating` is the one being applied. */
  let reevaluation: { actor: Actor; ticket: number } | null = null;
  let reevaluating: { actor: Actor; ticket: number } | null = null;
  let ticketsIssued = 0;
  let ticketsApplied = 0;

  // ---- status changes -------------------------------------------------------------------------------------------

  function publishSearchAttributes(): void {
    upsertSearchAttributes([
      { key: searchAttributes.status, value: state.status },
      { key: searchAttributes.priority, value: state.priority },
      { key: searchAttributes.buildingId, value: String(input.buildingId) },
      { key: searchAttributes.technicianId, value: state.assignment ? String(state.assignment.technicianId) : null },
      { key: searchAttributes.needsCoordinator, value: state.needsCoordinator },
      { key: searchAttributes.slaDeadline, value: state.deadlines.slaDeadline ? new Date(state.deadlines.slaDeadline) : null },
      // Only once the ladder has started, so that orders that never climb it keep the attributes they always had.
      ...(accessStepsTaken > 0 ? [{ key: searchAttributes.accessEscalation, value: state.access!.escalation }] : []),
    ]);
  }

  /** The one way the workflow changes the record: row + event in one transaction, then the search attributes. */
  async function change(to: WorkOrderStatus | undefined, type: string, opts: { actor?: Actor; payload?: Record<string, unknown>; patch?: WorkOrderPatch } = {}): Promise<void> {
    state.needsCoordinator = state.pendingDecision !== null || state.slaBreached || state.smsProblem !== null;
    await activities.applyChange({
      number: input.number,
      idempotencyKey: stepKey(type),
      to,
      event: { type, actor: opts.actor ?? SYSTEM, source: 'workflow', payload: opts.payload },
      patch: { ...opts.patch, needsCoordinator: state.needsCoordinator, pendingDecision: state.pendingDecision },
    });
    if (to) {
      if (to === 'escalated' && state.status !== 'escalated') state.escalatedFrom = state.status;
      if (to !== 'escalated') state.escalatedFrom = null;
      state.status = to;
    }
    publishSearchAttributes();
  }

  /** Waits for `ready` (or the timeout); a cancel request ends any wait. Resolves false on timeout. */
  async function waitFor(ready: () => boolean, timeoutSeconds?: number): Promise<boolean> {
    const done = () => ready() || cancelRequest !== null;
    const satisfied = timeoutSeconds === undefined ? (await condition(done), true) : await condition(done, timeoutSeconds * 1000);
    if (cancelRequest) throw new CancelRequested();
    return satisfied;
  }

  /**
   * The rules version pinned at the start; a coordinator's re-evaluation replaces it with the current one. Results
   * recorded in older histories may lack sections added since (e.g. `assignment`): read those optionally.
   */
  let rules!: Rules;

  /** Why the configured classifier gave no answer (the deterministic one answered instead): a coordinator decides. */
  let classifierUnavailable: string | null = null;

  /** Set once at the start: work orders begun before the SMS channel shipped replay without texting anyone. */
  let smsChannel = false;
  /**
   * Set once at the start: work orders begun before the visit steps shipped (photo review, survey, texts on
   * rejection and cancel) replay as they ran.
   */
  let visitSteps = false;
  /** Set once at the start: orders begun before vendor dispatch shipped go to the coordinator when no technician fits. */
  let vendorDispatch = false;

  /** Texts someone about this order; a number that cannot be reached makes the coordinator responsible for it. */
  async function text(recipient: SmsRecipient, spec: OutboundSpec, label: string, timeZone: string, retryOf?: string): Promise<SendSmsResult | null> {
    if (!smsChannel) return null;
    const key = retryOf ? `${retryOf}/retry-${sentTexts.get(retryOf)!.attempts}` : stepKey(`sms-${label}`);
    const entry = retryOf ? sentTexts.get(retryOf)! : { recipient, spec, attempts: 0 };
    entry.attempts++;
    sentTexts.set(key, entry);
    const result = await activities.sendSms({ idempotencyKey: key, workOrderNumber: input.number, recipient, spec, timeZone });
    if (result.outcome === 'sent') {
      if (result.earlyFailure) deliveryFailures.push({ idempotencyKey: key, messageSid: result.providerSid, status: result.earlyFailure.status, errorCode: result.earlyFailure.errorCode });
      return result;
    }
    const who = recipient.type === 'tenant' ? 'the tenant' : `technician ${recipient.id}`;
    const problem =
      result.outcome === 'suppressed_opt_out' ? `${who} opted out of SMS` : result.outcome === 'no_phone' ? `${who} has no phone number on file` : `the SMS provider refused a text to ${who}: ${result.error}`;
    if (recipient.type === 'tenant' && result.outcome === 'suppressed_opt_out') state.tenantOptedOut = true;
    if (state.smsProblem !== problem) {
      state.smsProblem = problem;
      await change(undefined, 'sms_not_delivered', { payload: { kind: spec.kind, recipient, outcome: result.outcome, problem } });
    }
    return result;
  }

  /** Delivery receipts that say "failed": send again up to the rules' attempts, then tell the coordinator. */
  async function resendUndelivered(): Promise<void> {
    for (;;) {
      await condition(() => deliveryFailures.length > 0);
      const failure = deliveryFailures.shift()!;
      const original = failure.idempotencyKey.replace(/\/retry-\d+$/, '');
      const entry = sentTexts.get(original);
      if (!entry) continue;
      if (entry.attempts < rules.sms.maxDeliveryAttempts) {
        await text(entry.recipient, entry.spec, '', rules.scheduling.timeZone, original);
        continue;
      }
      const who = entry.recipient.type === 'tenant' ? 'the tenant' : `technician ${entry.recipient.id}`;
      state.smsProblem = `a text to ${who} was ${failure.status} after ${entry.attempts} attempts${failure.errorCode ? ` (error ${failure.errorCode})` : ''}`;
      await change(undefined, 'sms_undeliverable', { payload: { kind: entry.spec.kind, recipient: entry.recipient, attempts: entry.attempts, errorCode: failure.errorCode } });
    }
  }

  function throwIfCancelled(): void {
    if (cancelRequest) throw new CancelRequested();
  }

  // ---- handlers ---------------------------------------------------------------------------------------------------

  setHandler(stateQuery, () => state);

  setHandler(tenantReplySignal, (reply) => {
    if (reply.messageSid) {
      if (seenReplySids.has(reply.messageSid)) return;
      seenReplySids.add(reply.messageSid);
    }
    tenantReply = reply;
  });

  setHandler(technicianOnTheWaySignal, (signal) => {
    if (state.status !== 'scheduled' && state.status !== 'failed_review') {
      log.warn('on-the-way ignored', { status: state.status });
      return;
    }
    onTheWay = signal;
  });

  setHandler(smsDeliveryFailedSignal, (failure) => {
    deliveryFailures.push(failure);
  });

  setHandler(partsNeededSignal, (signal) => {
    if (state.status !== 'in_progress') {
      log.warn('parts-needed ignored', { status: state.status });
      return;
    }
    partsNeeded = signal;
  });

  setHandler(partsArrivedSignal, (signal) => {
    // Once the ETA has fired the wait is over: a late report changes nothing.
    if (state.status !== 'waiting_parts' || !state.parts) {
      log.warn('parts-arrived ignored', { status: state.status });
      return;
    }
    partsArrived = signal;
  });

  setHandler(noAccessSignal, (signal) => {
    if (state.status !== 'scheduled' && state.status !== 'in_progress' && state.status !== 'failed_review') {
      log.warn('no-access ignored', { status: state.status });
      return;
    }
    noAccess = signal;
  });

  setHandler(vendorReplySignal, (reply) => {
    if (reply.messageSid && seenReplySids.has(reply.messageSid)) return;
    if (reply.messageSid) seenReplySids.add(reply.messageSid);
    vendorReplies.push(reply);
  });

  setHandler(
    pickVendorUpdate,
    async (pick) => {
      decisionInFlight = true;
      try {
        const offer = state.vendorRequest!.offers.find((o) => o.vendorId === pick.vendorId && o.status === 'quoted')!;
        const award = await activities.awardVendorJob({ number: input.number, vendorId: pick.vendorId, quoteCents: offer.quoteCents! });
        const start = new Date(offer.eta!);
        const minutes = state.classification?.estimatedMinutes ?? 60;
        const slot = { start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString() };
        const overCap = offer.quoteCents! > state.vendorRequest!.budgetCapCents;
        const reason = `${offer.vendorName}'s quote of $${(offer.quoteCents! / 100).toFixed(2)}${overCap ? ` (over the building's cap of $${(state.vendorRequest!.budgetCapCents / 100).toFixed(2)}, approved)` : ''}`;
        const ticket = ++ticketsIssued;
        pickedVendorId = pick.vendorId;
        assignmentDecision = { assignment: { technicianId: award.crewTechnicianId, slot, decidedBy: 'vendor', reason }, actor: pick.actor, ticket, keptCurrent: false };
        await condition(() => ticketsApplied >= ticket || cancelRequest !== null);
        return state;
      } finally {
        decisionInFlight = false;
      }
    },
    {
      validator: (pick) => {
        if (decisionInFlight || cancelRequest || state.pendingDecision?.kind !== 'vendor_pick' || !state.vendorRequest) {
          throw noLongerApplies(`work order ${input.number} is ${state.status}: no vendor quotes are waiting for a pick`);
        }
        const offer = state.vendorRequest.offers.find((o) => o.vendorId === pick.vendorId);
        if (!offer || offer.status !== 'quoted' || offer.quoteCents === null || offer.eta === null) throw invalidDecision(`vendor ${pick.vendorId} has no quote on this order`);
        const cap = state.vendorRequest.budgetCapCents;
        if (offer.quoteCents > cap && !pick.approveOverBudget) {
          throw invalidDecision(`${offer.vendorName}'s quote of $${(offer.quoteCents / 100).toFixed(2)} is over the building's cap of $${(cap / 100).toFixed(2)}: approve it explicitly (approveOverBudget)`);
        }
      },
    },
  );

  setHandler(technicianCheckInSignal, (signal) => {
    if (state.status !== 'scheduled' && state.status !== 'failed_review') {
      log.warn('check-in ignored', { status: state.status });
      return;
    }
    checkIn = signal;
  });

  setHandler(photosSubmittedSignal, (submission) => {
    if (state.status !== 'in_progress') {
      log.warn('photos ignored', { status: state.status });
      return;
    }
    submittedPhotos = submission;
  });

  setHandler(
    decideAssignmentUpdate,
    async (decision) => {
      decisionInFlight = true;
      try {
        const keepCurrent = state.pendingDecision?.kind === 'confirmation_timeout' && decision.action === 'accept';
        const chosen = keepCurrent ? state.assignment! : resolveAssignment(decision);
        if (!keepCurrent) {
          const booked = await activities.bookTechnician({ number: input.number, technicianId: chosen.technicianId, slot: chosen.slot });
          if (!booked.ok) {
            if (booked.reason === 'double_booked' && decision.action !== 'override') proposalStale = true;
            throw ApplicationFailure.create({ type: booked.reason === 'double_booked' ? FailureType.TechnicianDoubleBooked : FailureType.NotFound, message: booked.message, nonRetryable: true });
          }
        }
        const ticket = ++ticketsIssued;
        assignmentDecision = { assignment: chosen, actor: decision.actor, ticket, keptCurrent: keepCurrent };
        await condition(() => ticketsApplied >= ticket || cancelRequest !== null);
        return state;
      } finally {
        decisionInFlight = false;
      }
    },
    {
      validator: (decision) => {
        const pending = state.pendingDecision;
        if (decisionInFlight || cancelRequest || !pending || (pending.kind !== 'assignment' && pending.kind !== 'confirmation_timeout' && pending.kind !== 'access')) {
          throw noLongerApplies(`work order ${input.number} is ${state.status}: no assignment decision is pending`);
        }
        if (pending.kind === 'access' && decision.action !== 'override') throw invalidDecision('the tenant is not letting us in: choose the technician and the time you arranged with them (override)');
        if (decision.action === 'accept' && pending.kind === 'assignment' && !state.proposal?.best) throw invalidDecision('there is no proposal to accept: choose a technician and time (override)');
        if (decision.action === 'alternative' && !state.proposal?.alternatives[decision.index]) throw invalidDecision(`there is no alternative ${decision.index}`);
        if (decision.action === 'override' && decision.reason.trim().length === 0) throw invalidDecision('an override needs a reason');
        if (decision.action === 'override' && new Date(decision.slot.end) <= new Date(decision.slot.start)) throw invalidDecision('the slot must end after it starts');
      },
    },
  );

  setHandler(
    reevaluateUpdate,
    async (request) => {
      const ticket = ++ticketsIssued;
      reevaluation = { actor: request.actor, ticket };
      await condition(() => ticketsApplied >= ticket || cancelRequest !== null);
      return state;
    },
    {
      validator: (_request) => {
        if (decisionInFlight || reevaluation || reevaluating || cancelRequest || state.pendingDecision?.kind !== 'assignment') {
          throw noLongerApplies(`work order ${input.number} is ${state.status}: only an order waiting for an assignment decision can be re-evaluated`);
        }
      },
    },
  );

  function resolveAssignment(decision: AssignmentDecision): Assignment {
    if (decision.action === 'accept') {
      const best = state.proposal!.best!;
      return { technicianId: best.technicianId, slot: best.slot, decidedBy: 'accept', reason: null };
    }
    if (decision.action === 'alternative') {
      const alt = state.proposal!.alternatives[decision.index]!;
      return { technicianId: alt.technicianId, slot: alt.slot, decidedBy: 'alternative', reason: null };
    }
    return { technicianId: decision.technicianId, slot: decision.slot, decidedBy: 'override', reason: decision.reason };
  }

  setHandler(
    reviewUpdate,
    async (decision) => {
      const ticket = ++ticketsIssued;
      reviewDecision = { ...decision, ticket };
      await condition(() => ticketsApplied >= ticket || cancelRequest !== null);
      return state;
    },
    {
      validator: (decision) => {
        if (state.status !== 'ready_review' || reviewDecision !== null || cancelRequest) {
          throw noLongerApplies(`work order ${input.number} is ${state.status}: it is not waiting for a review`);
        }
        if (!decision.approve && decision.notes.trim().length === 0) throw invalidDecision('a rejection needs notes for the technician');
      },
    },
  );

  setHandler(
    cancelUpdate,
    async (request) => {
      cancelRequest = request;
      await condition(() => isTerminal(state.status));
      if (state.status !== 'cancelled') throw noLongerApplies(`work order ${input.number} was ${state.status} before the cancel took effect`);
      return state;
    },
    {
      validator: (request) => {
        if (isTerminal(state.status) || cancelRequest) throw noLongerApplies(`work order ${input.number} is already ${cancelRequest ? 'being cancelled' : state.status}`);
        if (request.reason.trim().length === 0) throw invalidDecision('a cancellation needs a reason');
      },
    },
  );

  // ---- steps ------------------------------------------------------------------------------------------------------

  function watchEmergencySla(deadline: string): void {
    const onSite = () => state.status === 'in_progress' || state.status === 'ready_review' || isTerminal(state.status) || state.status === 'waiting_parts';
    const ms = Math.max(0, new Date(deadline).getTime() - workflowNow().getTime());
    void (async () => {
      if (await condition(onSite, ms)) return;
      state.slaBreached = true;
      await change(undefined, 'sla_breached', { payload: { deadline } });
    })();
  }

  /** Proposal, rules engine, then either an automatic booking or a coordinator's decision. */
  async function obtainAssignment(excludedSlots: Array<{ technicianId: number; slot: TimeSlot }>, notBefore: string | null = null): Promise<{ assignment: Assignment; actor: Actor; keptCurrent: boolean }> {
    const classification = state.classification!;
    for (let attempt = 1; ; attempt++) {
      throwIfCancelled();
      state.attempts.assignment++;
      const proposal = await activities.proposeAssignment({ number: input.number, classification: { ...classification, priority: state.priority ?? classification.priority }, scheduling: rules.scheduling, requiredCertifications: rules.assignment?.requiredCertifications, excludedSlots, notBefore });
      const routing = route(
        { classificationConfidence: classification.confidence, proposalConfidence: proposal.best?.confidence ?? null, safety: classification.safety, priority: state.priority ?? classification.priority },
        rules.thresholds,
      );
      if (classifierUnavailable && routing.outcome === 'auto_assign') {
        routing.outcome = 'review';
        routing.reasons.push(classifierUnavailable);
      }
      state.proposal = proposal;
      state.routing = routing;
      await activities.recordDecision({ number: input.number, idempotencyKey: stepKey('proposal'), kind: 'assignment_proposal', provider: 'scoring', rulesVersion: state.rulesVersion, output: proposal, reasoning: proposal.best?.reasoning ?? proposal.noFitReason ?? 'no proposal' });
      await activities.recordDecision({ number: input.number, idempotencyKey: stepKey('routing'), kind: 'routing', provider: 'rules_engine', rulesVersion: state.rulesVersion, input: { classificationConfidence: classification.confidence, proposalConfidence: proposal.best?.confidence ?? null, safety: classification.safety }, output: routing, reasoning: routing.reasons.join('; ') });

      const vendorReason = vendorDispatch ? whyVendors(proposal) : null;
      if (vendorReason) {
        const dispatched = await dispatchToVendors(vendorReason);
        if (typeof dispatched !== 'string') return dispatched;
        routing.outcome = 'escalate';
        routing.reasons.push(dispatched === 'no_vendors' ? 'no approved vendor has the skill either' : `no vendor answered within ${rules.vendors.responseWindowSeconds} s`);
      }

      if (routing.outcome === 'auto_assign' && proposal.best) {
        const best = proposal.best;
        const booked = await activities.bookTechnician({ number: input.number, technicianId: best.technicianId, slot: best.slot });
        if (booked.ok) return { assignment: { technicianId: best.technicianId, slot: best.slot, decidedBy: 'auto', reason: null }, actor: SYSTEM, keptCurrent: false };
        if (attempt < MAX_AUTO_BOOKING_ATTEMPTS) continue;
        routing.outcome = 'review';
        routing.reasons.push(`the proposed slot was taken ${attempt} times in a row`);
      }

      state.pendingDecision = { kind: 'assignment', reason: routing.reasons.join('; ') };
      const escalate = routing.outcome === 'escalate';
      await change(escalate ? 'escalated' : 'needs_assignment', escalate ? 'escalated' : 'queued_for_review', { payload: { reasons: routing.reasons, confidence: routing.confidence }, patch: { proposal, routing } });
      settleReevaluation();
      const choice = await awaitCoordinatorAssignment(() => refreshProposal(excludedSlots));
      if (choice !== 'reevaluate') return choice;
      await applyCurrentRules();
      attempt = 0;
    }
  }

  /** Loads the newest rules for this order: every later step (proposal, routing, waits) uses them. */
  async function applyCurrentRules(): Promise<void> {
    reevaluating = reevaluation;
    reevaluation = null;
    const loaded = await activities.loadCurrentRules();
    const fromVersion = state.rulesVersion;
    rules = loaded.rules;
    state.rulesVersion = loaded.version;
    await change(undefined, 'reevaluated', { actor: reevaluating!.actor, payload: { fromVersion, toVersion: loaded.version }, patch: { rulesVersion: loaded.version } });
  }

  /** Lets a re-evaluation's update answer once the new routing has been applied. */
  function settleReevaluation(): void {
    if (reevaluating) ticketsApplied = Math.max(ticketsApplied, reevaluating.ticket);
    reevaluating = null;
  }

  async function refreshProposal(excludedSlots: Array<{ technicianId: number; slot: TimeSlot }>): Promise<void> {
    const classification = state.classification!;
    const proposal = await activities.proposeAssignment({ number: input.number, classification: { ...classification, priority: state.priority ?? classification.priority }, scheduling: rules.scheduling, requiredCertifications: rules.assignment?.requiredCertifications, excludedSlots });
    state.proposal = proposal;
    const reasoning = `the proposed slot was taken before it could be booked; ${proposal.best?.reasoning ?? proposal.noFitReason ?? 'no proposal'}`;
    await activities.recordDecision({ number: input.number, idempotencyKey: stepKey('proposal'), kind: 'assignment_proposal', provider: 'scoring', rulesVersion: state.rulesVersion, output: proposal, reasoning });
    await change(undefined, 'proposal_refreshed', { payload: { technicianId: proposal.best?.technicianId ?? null, slot: proposal.best?.slot ?? null }, patch: { proposal } });
  }

  type CoordinatorChoice = { assignment: Assignment; actor: Actor; keptCurrent: boolean };
  /** With `refresh`, the wait also serves stale proposals and re-evaluation requests; without, only a decision ends it. */
  function awaitCoordinatorAssignment(): Promise<CoordinatorChoice>;
  function awaitCoordinatorAssignment(refresh: () => Promise<void>): Promise<CoordinatorChoice | 'reevaluate'>;
  async function awaitCoordinatorAssignment(refresh?: () => Promise<void>): Promise<CoordinatorChoice | 'reevaluate'> {
    for (;;) {
      await waitFor(() => assignmentDecision !== null || (refresh !== undefined && (proposalStale || reevaluation !== null)));
      if (assignmentDecision) break;
      if (reevaluation) return 'reevaluate';
      proposalStale = false;
      await refresh!();
    }
    const { assignment, actor, keptCurrent } = assignmentDecision;
    return { assignment, actor, keptCurrent };
  }

  /** Marks the coordinator's decision as applied, so its update can answer with the new state. */
  function settleAssignmentDecision(): void {
    if (assignmentDecision) ticketsApplied = Math.max(ticketsApplied, assignmentDecision.ticket);
    assignmentDecision = null;
    settleReevaluation();
  }

  /**
   * Loops until a tenant (or a coordinator for them) has confirmed a booked visit. `notBefore`: the earliest start
   * (a time the tenant asked for); `decided`: a coordinator's booking to start from instead of a proposal.
   */
  async function scheduleVisit(opts: { notBefore?: string | null; decided?: CoordinatorChoice } = {}): Promise<void> {
    const excludedSlots: Array<{ technicianId: number; slot: TimeSlot }> = [];
    let next = opts.decided ?? (await obtainAssignment(excludedSlots, opts.notBefore ?? null));
    for (;;) {
      const { assignment, actor } = next;
      state.assignment = assignment;
      state.pendingDecision = null;
      state.tenantConfirmed = false;
      state.deadlines.confirmationBy = secondsFromNow(rules.durations.confirmationWaitSeconds);
      tenantReply = null;
      await change('awaiting_confirmation', 'assigned', {
        actor,
        payload: { technicianId: assignment.technicianId, slot: assignment.slot, decidedBy: assignment.decidedBy, reason: assignment.reason },
        patch: { proposal: state.proposal, routing: state.routing, assignedTechnicianId: assignment.technicianId, scheduledStart: assignment.slot.start, scheduledEnd: assignment.slot.end },
      });
      settleAssignmentDecision();
      if (input.tenantId !== null) {
        await text({ type: 'tenant', id: input.tenantId }, { kind: 'confirmation_request', at: assignment.slot.start, technicianId: assignment.technicianId }, 'confirmation-request', rules.scheduling.timeZone);
      }
      // A vendor was told when their quote was picked.
      if (assignment.decidedBy !== 'vendor') await text({ type: 'technician', id: assignment.technicianId }, { kind: 'technician_assignment', at: assignment.slot.start }, 'technician-assignment', rules.scheduling.timeZone);

      const answered = await waitForTenantAnswer(assignment);
      state.deadlines.confirmationBy = null;
      const reply = tenantReply as TenantReply | null;
      const tenant: Actor = { type: 'tenant', id: String(reply?.tenantId ?? input.tenantId ?? 'unknown') };
      if (answered && reply?.answer === 'yes') {
        state.tenantConfirmed = true;
        await change('scheduled', 'tenant_confirmed', { actor: tenant, payload: { messageSid: reply.messageSid } });
        return;
      }
      if (answered && (reply?.answer === 'no' || reply?.answer === 'reschedule')) {
        excludedSlots.push({ technicianId: assignment.technicianId, slot: assignment.slot });
        await activities.releaseBooking({ number: input.number, reason: 'tenant_declined' });
        state.assignment = null;
        const proposedStart = reply.proposedStart ?? null;
        await change('needs_assignment', reply.answer === 'no' ? 'tenant_declined' : 'tenant_proposed_time', {
          actor: tenant,
          payload: reply.answer === 'no' ? { messageSid: reply.messageSid } : { messageSid: reply.messageSid, proposal: reply.proposal ?? null, proposedStart },
          patch: { assignedTechnicianId: null, scheduledStart: null, scheduledEnd: null },
        });
        next = await obtainAssignment(excludedSlots, proposedStart);
        continue;
      }

      state.pendingDecision = { kind: 'confirmation_timeout', reason: `the tenant did not answer within ${rules.durations.confirmationWaitSeconds} s` };
      await change('escalated', 'confirmation_timed_out');
      next = await awaitCoordinatorAssignment();
      if (next.keptCurrent) {
        // The coordinator confirmed the visit with the tenant themselves.
        state.pendingDecision = null;
        state.tenantConfirmed = true;
        await change('scheduled', 'confirmed_by_coordinator', { actor: next.actor });
        settleAssignmentDecision();
        return;
      }
    }
  }

  /** Waits out the confirmation window, with one reminder part-way through. */
  async function waitForTenantAnswer(assignment: Assignment): Promise<boolean> {
    const { confirmationWaitSeconds: wait, confirmationReminderSeconds: remindAfter } = rules.durations;
    if (!smsChannel || input.tenantId === null || remindAfter >= wait) return waitFor(() => tenantReply !== null, wait);
    if (await waitFor(() => tenantReply !== null, remindAfter)) return true;
    await text({ type: 'tenant', id: input.tenantId }, { kind: 'confirmation_reminder', at: assignment.slot.start }, 'confirmation-reminder', rules.scheduling.timeZone);
    return waitFor(() => tenantReply !== null, wait - remindAfter);
  }

  /** The day-before and hour-before reminders still ahead of a confirmed visit. */
  function visitReminders(): Array<{ lead: 'day' | 'hour'; at: number }> {
    if (!smsChannel || input.tenantId === null || state.status !== 'scheduled' || !state.assignment) return [];
    const start = new Date(state.assignment.slot.start).getTime();
    const now = workflowNow().getTime();
    const leads = [
      { lead: 'day' as const, at: start - rules.durations.visitReminderDayBeforeSeconds * 1000 },
      { lead: 'hour' as const, at: start - rules.durations.visitReminderHourBeforeSeconds * 1000 },
    ];
    return leads.filter((r) => r.at > now).sort((a, b) => a.at - b.at);
  }

  /**
   * Scheduled: reminders go out and "on my way" is relayed to the tenant until the technician checks in, or reports
   * that they could not get in (answered instead of checking in).
   */
  async function waitForCheckIn(): Promise<NoAccess | null> {
    const timeZone = rules.scheduling.timeZone;
    const reminders = visitReminders();
    for (;;) {
      const next = reminders[0];
      const timeoutSeconds = next ? Math.max(0, next.at - workflowNow().getTime()) / 1000 : undefined;
      const woke = await waitFor(() => checkIn !== null || onTheWay !== null || noAccess !== null, timeoutSeconds);
      if (checkIn) break;
      if (noAccess) {
        const report: NoAccess = noAccess;
        noAccess = null;
        return report;
      }
      if (onTheWay) {
        const coming: TechnicianOnTheWay = onTheWay;
        onTheWay = null;
        await change(undefined, 'technician_on_the_way', { actor: coming.reportedBy ?? { type: 'technician', id: String(coming.technicianId) }, payload: { eta: coming.eta, technicianId: coming.technicianId } });
        if (input.tenantId !== null) await text({ type: 'tenant', id: input.tenantId }, { kind: 'on_the_way', technicianId: coming.technicianId, eta: coming.eta }, 'on-the-way', timeZone);
        continue;
      }
      if (!woke && next) {
        reminders.shift();
        await text({ type: 'tenant', id: input.tenantId! }, { kind: 'visit_reminder', at: state.assignment!.slot.start, lead: next.lead }, `visit-reminder-${next.lead}`, timeZone);
      }
    }
    const arrived = checkIn!;
    checkIn = null;
    checkedInAt = arrived.at;
    await change('in_progress', 'checked_in', { actor: arrived.reportedBy ?? { type: 'technician', id: String(arrived.technicianId) }, payload: { at: arrived.at, technicianId: arrived.technicianId } });
    return null;
  }

  const technicianActor = (technicianId: number, reportedBy?: Actor): Actor => reportedBy ?? { type: 'technician', id: String(technicianId) };

  /** From the first check-in until the coordinator approves the photographed work; parts and access send it back. */
  async function runVisit(): Promise<void> {
    for (;;) {
      const turnedAway = await waitForCheckIn();
      if (turnedAway) {
        await recoverAccess(turnedAway);
        continue;
      }
      const interruption = await waitForAcceptedPhotos();
      if (interruption?.kind === 'parts') {
        await waitForParts(interruption.request);
        continue;
      }
      if (interruption?.kind === 'no_access') {
        await recoverAccess(interruption.report);
        continue;
      }
      if (await awaitReview()) return;
    }
  }

  type VisitInterruption = { kind: 'parts'; request: PartsNeeded } | { kind: 'no_access'; report: NoAccess };

  /** In progress until a photo set passes its completeness review (then ready_review), or parts or access interrupt. */
  async function waitForAcceptedPhotos(): Promise<VisitInterruption | null> {
    for (;;) {
      await waitFor(() => submittedPhotos !== null || partsNeeded !== null || noAccess !== null);
      if (partsNeeded) {
        const request: PartsNeeded = partsNeeded;
        partsNeeded = null;
        return { kind: 'parts', request };
      }
      if (noAccess) {
        const report: NoAccess = noAccess;
        noAccess = null;
        return { kind: 'no_access', report };
      }
      const submission = submittedPhotos!;
      submittedPhotos = null;
      const submitter = technicianActor(submission.technicianId, submission.reportedBy);
      let review: PhotoReview | null = null;
      if (visitSteps) {
        review = await activities.reviewPhotos({ number: input.number, idempotencyKey: stepKey('photo-review'), rulesVersion: state.rulesVersion, photos: submission.photos, checkedInAt, visit: rules.visit });
        state.photoReview = review;
        if (!review.complete) {
          await change(undefined, 'photos_refused', { actor: submitter, payload: { photos: submission.photos, reasoning: review.reasoning, issues: review.issues, provider: review.provider } });
          await text({ type: 'technician', id: submission.technicianId }, { kind: 'photos_incomplete', issues: review.issues }, 'photos-incomplete', rules.scheduling.timeZone);
          continue;
        }
      }
      state.photos = submission;
      state.deadlines.reviewBy = secondsFromNow(rules.durations.reviewWaitSeconds);
      await change('ready_review', 'photos_submitted', {
        actor: submitter,
        payload: { photos: submission.photos, notes: submission.notes, technicianId: submission.technicianId, ...(review ? { review: { reasoning: review.reasoning, provider: review.provider } } : {}) },
      });
      return null;
    }
  }

  /** Ready for review until the coordinator decides; resolves true when the work was approved. */
  async function awaitReview(): Promise<boolean> {
    if (!(await waitFor(() => reviewDecision !== null, rules.durations.reviewWaitSeconds))) {
      state.pendingDecision = { kind: 'review_overdue', reason: `no review within ${rules.durations.reviewWaitSeconds} s` };
      await change(undefined, 'review_overdue');
      await waitFor(() => reviewDecision !== null);
    }
    const decision = reviewDecision!;
    state.pendingDecision = null;
    state.deadlines.reviewBy = null;
    const timeZone = rules.scheduling.timeZone;
    if (decision.approve) {
      await activities.releaseBooking({ number: input.number, reason: 'completed' });
      const costs = decision.costs ? { laborCostCents: decision.costs.laborCents, partsCostCents: decision.costs.partsCents } : {};
      await change('completed', 'review_approved', { actor: decision.actor, payload: { notes: decision.notes, ...(decision.costs ? { costs: decision.costs } : {}) }, patch: { completed: true, ...costs } });
      ticketsApplied = decision.ticket;
      reviewDecision = null;
      if (visitSteps && input.tenantId !== null) {
        await activities.openSurvey({ number: input.number, tenantId: input.tenantId });
        await text({ type: 'tenant', id: input.tenantId }, { kind: 'survey_request' }, 'survey-request', timeZone);
      }
      return true;
    }
    state.attempts.review++;
    await change('failed_review', 'review_rejected', { actor: decision.actor, payload: { notes: decision.notes } });
    ticketsApplied = decision.ticket;
    reviewDecision = null;
    if (visitSteps && state.assignment) await text({ type: 'technician', id: state.assignment.technicianId }, { kind: 'review_rejected', notes: decision.notes }, 'review-rejected', timeZone);
    return false;
  }

  /** Waiting for parts: capacity released, tenant told; at the ETA or on parts-arrived, whichever first, reschedule. */
  async function waitForParts(request: PartsNeeded): Promise<void> {
    const classification = state.classification!;
    await activities.recordPartsRequest({ number: input.number, idempotencyKey: stepKey('parts-request'), technicianId: request.technicianId, jobType: classification.skillsRequired[0] ?? 'general', parts: request.parts, eta: request.eta });
    await activities.releaseBooking({ number: input.number, reason: 'waiting_parts' });
    state.parts = { items: request.parts, eta: request.eta, technicianId: request.technicianId, note: request.note };
    state.deadlines.partsEta = request.eta;
    await change('waiting_parts', 'parts_needed', {
      actor: technicianActor(request.technicianId, request.reportedBy),
      payload: { parts: request.parts, eta: request.eta, note: request.note, technicianId: request.technicianId },
      patch: { waitingUntil: request.eta },
    });
    if (input.tenantId !== null) await text({ type: 'tenant', id: input.tenantId }, { kind: 'parts_ordered', eta: request.eta }, 'parts-ordered', rules.scheduling.timeZone);

    const reported = await waitFor(() => partsArrived !== null, secondsUntil(request.eta));
    const arrival: PartsArrived | null = partsArrived;
    partsArrived = null;
    state.parts = null;
    state.deadlines.partsEta = null;
    const trigger = reported ? 'signal' : 'eta';
    await activities.closePartsRequest({ number: input.number, outcome: trigger });
    await change(undefined, 'parts_arrived', { actor: arrival?.reportedBy ?? SYSTEM, payload: { trigger, eta: request.eta, note: arrival?.note ?? null }, patch: { waitingUntil: null } });
    await scheduleVisit();
  }

  type AccessAnswer = { kind: 'tenant'; reply: TenantReply } | { kind: 'coordinator'; choice: CoordinatorChoice } | { kind: 'timeout' };

  /**
   * The technician could not get in. The tenant is asked for a time; their answer reschedules. Until the rules'
   * number of failed attempts, silence proposes a visit anyway; from then on the escalation ladder runs, each step
   * a text, an event and a state, until the tenant answers or a coordinator books a time they arranged.
   */
  async function recoverAccess(report: NoAccess): Promise<void> {
    const access = state.access!;
    access.attempts++;
    const recorded = await activities.recordAccessProblem({ number: input.number, idempotencyKey: stepKey('access-problem'), tenantId: input.tenantId, unitId: input.unitId, attempt: access.attempts, technicianId: report.technicianId, note: report.note });
    access.tenantProblems = recorded.tenantProblems;
    await activities.releaseBooking({ number: input.number, reason: 'no_access' });
    const ladder = access.attempts >= rules.visit.accessAttemptsBeforeEscalation;
    const replyWait = rules.durations.accessReplyWaitSeconds;
    state.deadlines.accessReplyBy = ladder ? null : secondsFromNow(replyWait);
    tenantReply = null;
    await change('waiting_access', 'no_access', {
      actor: technicianActor(report.technicianId, report.reportedBy),
      payload: { attempt: access.attempts, at: report.at, note: report.note, technicianId: report.technicianId, tenantAccessProblems: access.tenantProblems },
      patch: { accessAttempts: access.attempts, waitingUntil: state.deadlines.accessReplyBy },
    });
    if (input.tenantId !== null) await text({ type: 'tenant', id: input.tenantId }, { kind: 'access_request', attempt: access.attempts }, 'access-request', rules.scheduling.timeZone);

    const answer = ladder ? await climbAccessLadder() : await waitForAccessAnswer(replyWait, false);
    access.escalation = null;
    state.deadlines.accessReplyBy = null;
    if (state.pendingDecision?.kind === 'access') state.pendingDecision = null;
    if (answer.kind === 'timeout') {
      await change(undefined, 'access_reply_timed_out', { payload: { attempt: access.attempts }, patch: { waitingUntil: null } });
      await scheduleVisit();
      return;
    }
    const arrangedBy: Actor = answer.kind === 'tenant' ? { type: 'tenant', id: String(answer.reply.tenantId ?? input.tenantId ?? 'unknown') } : answer.choice.actor;
    const proposedStart = answer.kind === 'tenant' ? (answer.reply.proposedStart ?? null) : null;
    await change(undefined, 'access_arranged', {
      actor: arrangedBy,
      payload: { by: answer.kind, proposedStart, proposal: answer.kind === 'tenant' ? (answer.reply.proposal ?? null) : null, messageSid: answer.kind === 'tenant' ? answer.reply.messageSid : null },
      patch: { waitingUntil: null, ...(accessStepsTaken > 0 ? { accessEscalation: null } : {}) },
    });
    await scheduleVisit(answer.kind === 'coordinator' ? { decided: answer.choice } : { notBefore: proposedStart });
  }

  /** The ladder, resumed where an earlier failure on this order left it; the last step waits for as long as it takes. */
  async function climbAccessLadder(): Promise<AccessAnswer> {
    const access = state.access!;
    const stepSeconds = rules.durations.accessEscalationStepSeconds;
    state.pendingDecision = { kind: 'access', reason: `the technician could not get in ${access.attempts} times` };
    for (let index = Math.min(accessStepsTaken, ACCESS_ESCALATION_STEPS.length - 1); ; index++) {
      const step = ACCESS_ESCALATION_STEPS[index]!;
      const last = index === ACCESS_ESCALATION_STEPS.length - 1;
      access.escalation = step;
      accessStepsTaken = Math.max(accessStepsTaken, index + 1);
      state.deadlines.accessReplyBy = last ? null : secondsFromNow(stepSeconds);
      await change(undefined, 'access_escalated', {
        payload: { step, attempts: access.attempts, tenantAccessProblems: access.tenantProblems, nextStepAt: state.deadlines.accessReplyBy },
        patch: { accessEscalation: step, waitingUntil: state.deadlines.accessReplyBy },
      });
      if (input.tenantId !== null) await text({ type: 'tenant', id: input.tenantId }, { kind: 'access_escalation', step }, `access-${step}`, rules.scheduling.timeZone);
      const answer = await waitForAccessAnswer(last ? undefined : stepSeconds, true);
      if (answer.kind !== 'timeout') return answer;
    }
  }

  /** A tenant's time or YES; on the ladder, also a coordinator's booking. A NO is recorded and the wait goes on. */
  async function waitForAccessAnswer(seconds: number | undefined, coordinatorMayBook: boolean): Promise<AccessAnswer> {
    const deadline = seconds === undefined ? null : workflowNow().getTime() + seconds * 1000;
    for (;;) {
      const remaining = deadline === null ? undefined : Math.max(0.001, (deadline - workflowNow().getTime()) / 1000);
      const woke = await waitFor(() => tenantReply !== null || (coordinatorMayBook && assignmentDecision !== null), remaining);
      if (!woke) return { kind: 'timeout' };
      if (assignmentDecision) return { kind: 'coordinator', choice: { assignment: assignmentDecision.assignment, actor: assignmentDecision.actor, keptCurrent: false } };
      const reply: TenantReply = tenantReply!;
      tenantReply = null;
      if (reply.answer !== 'no') return { kind: 'tenant', reply };
      await change(undefined, 'access_refused', { actor: { type: 'tenant', id: String(reply.tenantId ?? input.tenantId ?? 'unknown') }, payload: { messageSid: reply.messageSid } });
    }
  }

  /** Why this job goes to vendors: no internal technician fits, or none can be there before an emergency's SLA. */
  function whyVendors(proposal: WorkOrderState['proposal']): string | null {
    if (!proposal?.best) return `no internal technician fits: ${proposal?.noFitReason ?? 'no proposal'}`;
    const sla = state.deadlines.slaDeadline;
    if (sla && new Date(proposal.best.slot.start) > new Date(sla)) return `the earliest internal visit (${proposal.best.slot.start}) is after the emergency's SLA deadline (${sla})`;
    return null;
  }

  type VendorOutcome = CoordinatorChoice | 'no_vendors' | 'no_reply';

  /**
   * Offers the job to approved vendors with the skill by SMS, at once or one at a time (rules.vendors), collects their
   * quotes and ETAs, and waits for the coordinator's pick. Resolves with the pick, or why there is none.
   */
  async function dispatchToVendors(reason: string): Promise<VendorOutcome> {
    const skill = state.classification!.skillsRequired[0] ?? 'general';
    const { mode, offerCount, responseWindowSeconds } = rules.vendors;
    const found = await activities.findVendors({ number: input.number, skill, limit: offerCount });
    if (found.vendors.length === 0) return 'no_vendors';
    const request: VendorRequest = { mode, reason, budgetCapCents: found.budgetCapCents, offers: [] };
    pickedVendorId = null;
    state.vendorRequest = request;
    vendorReplies.length = 0;
    const timeZone = rules.scheduling.timeZone;
    const batches = mode === 'broadcast' ? [found.vendors] : found.vendors.map((v) => [v]);
    for (const batch of batches) {
      const respondBy = secondsFromNow(responseWindowSeconds);
      for (const vendor of batch) {
        await activities.recordVendorOffer({ number: input.number, vendorId: vendor.id, respondBy, idempotencyKey: stepKey(`vendor-offer-${vendor.id}`) });
        request.offers.push({ vendorId: vendor.id, vendorName: vendor.name, status: 'offered', respondBy, quoteCents: null, eta: null });
      }
      await change('needs_assignment', 'vendor_offered', { payload: { vendors: batch, mode, skill, respondBy, reason } });
      for (const vendor of batch) await text({ type: 'vendor', id: vendor.id }, { kind: 'vendor_offer', respondBy }, `vendor-offer-${vendor.id}`, timeZone);
      await collectVendorAnswers(batch.map((v) => v.id), respondBy);
      if (assignmentDecision || request.offers.some((o) => o.status === 'quoted')) break;
    }
    if (!assignmentDecision && !request.offers.some((o) => o.status === 'quoted')) return 'no_reply';
    // Until the pick, a vendor may still revise their quote.
    while (!assignmentDecision) {
      await waitFor(() => assignmentDecision !== null || vendorReplies.length > 0);
      await takeVendorReplies();
    }
    const { assignment, actor } = assignmentDecision!;
    for (const offer of request.offers) {
      if (offer.status === 'quoted' || offer.status === 'offered' || offer.status === 'expired') offer.status = offer.vendorId === pickedVendorId ? 'picked' : 'not_picked';
    }
    const winner = request.offers.find((o) => o.status === 'picked')!;
    state.pendingDecision = null;
    await change(undefined, 'vendor_picked', { actor, payload: { vendorId: winner.vendorId, quoteCents: winner.quoteCents, eta: winner.eta, reason: assignment.reason } });
    await text({ type: 'vendor', id: winner.vendorId }, { kind: 'vendor_awarded', at: assignment.slot.start, quoteCents: winner.quoteCents! }, `vendor-awarded-${winner.vendorId}`, timeZone);
    for (const other of request.offers.filter((o) => o.status === 'not_picked' && o.quoteCents !== null)) {
      await text({ type: 'vendor', id: other.vendorId }, { kind: 'vendor_not_picked' }, `vendor-not-picked-${other.vendorId}`, timeZone);
    }
    return { assignment, actor, keptCurrent: false };
  }

  /** Applies the vendors' texts received so far to their open offers (a later quote replaces an earlier one). */
  async function takeVendorReplies(): Promise<void> {
    const request = state.vendorRequest!;
    while (vendorReplies.length > 0) {
      const reply = vendorReplies.shift()!;
      const offer = request.offers.find((o) => o.vendorId === reply.vendorId && (o.status === 'offered' || o.status === 'quoted'));
      if (!offer || assignmentDecision) continue;
      await activities.recordVendorReply({ number: input.number, reply });
      offer.status = reply.declined ? 'declined' : 'quoted';
      offer.quoteCents = reply.declined ? null : reply.quoteCents;
      offer.eta = reply.declined ? null : reply.eta;
      const quotes = request.offers.filter((o) => o.status === 'quoted').length;
      state.pendingDecision = quotes > 0 ? { kind: 'vendor_pick', reason: `${quotes} vendor quote${quotes === 1 ? '' : 's'} to choose from` } : null;
      await change(undefined, reply.declined ? 'vendor_declined' : 'vendor_quoted', {
        actor: { type: 'vendor', id: String(reply.vendorId) },
        payload: { vendorId: reply.vendorId, quoteCents: offer.quoteCents, eta: offer.eta, overBudget: (offer.quoteCents ?? 0) > request.budgetCapCents, messageSid: reply.messageSid },
      });
    }
  }

  /** Takes vendors' answers until the window closes, everyone in the batch has answered, or the coordinator picks. */
  async function collectVendorAnswers(vendorIds: number[], respondBy: string): Promise<void> {
    const request = state.vendorRequest!;
    const open = () => request.offers.filter((o) => vendorIds.includes(o.vendorId) && o.status === 'offered');
    for (;;) {
      const woke = await waitFor(() => vendorReplies.length > 0 || assignmentDecision !== null || open().length === 0, secondsUntil(respondBy));
      await takeVendorReplies();
      if (assignmentDecision) return;
      if (!woke || open().length === 0) break;
    }
    const unanswered = open();
    if (unanswered.length === 0) return;
    await activities.expireVendorOffers({ number: input.number, vendorIds: unanswered.map((o) => o.vendorId) });
    for (const offer of unanswered) offer.status = 'expired';
    await change(undefined, 'vendor_offers_expired', { payload: { vendorIds: unanswered.map((o) => o.vendorId), respondBy } });
  }

  async function finishCancelled(request: CancelRequest): Promise<void> {
    // A coordinator's booking may still be on its way to the database: let it land, then release it.
    await condition(() => !decisionInFlight);
    await activities.releaseBooking({ number: input.number, reason: 'cancelled' });
    const waitingForParts = state.parts !== null && state.parts !== undefined;
    state.pendingDecision = null;
    state.slaBreached = false;
    state.cancelReason = request.reason;
    state.deadlines = { confirmationBy: null, reviewBy: null, slaDeadline: state.deadlines.slaDeadline };
    state.parts = null;
    const ladderActive = state.access?.escalation != null;
    if (state.access) state.access.escalation = null;
    await change('cancelled', 'cancelled', {
      actor: request.actor,
      payload: { reason: request.reason },
      patch: { completed: false, ...(visitSteps ? { waitingUntil: null } : {}), ...(ladderActive ? { accessEscalation: null } : {}) },
    });
    if (!visitSteps) return;
    if (waitingForParts) await activities.closePartsRequest({ number: input.number, outcome: 'cancelled' });
    const openOffers = state.vendorRequest?.offers.filter((o) => o.status === 'offered' || o.status === 'quoted') ?? [];
    if (openOffers.length > 0) {
      await activities.expireVendorOffers({ number: input.number, vendorIds: openOffers.map((o) => o.vendorId), status: 'withdrawn' });
      for (const offer of openOffers) offer.status = 'withdrawn';
    }
    const timeZone = rules.scheduling.timeZone;
    if (input.tenantId !== null) await text({ type: 'tenant', id: input.tenantId }, { kind: 'cancelled', audience: 'tenant', reason: request.reason }, 'cancelled-tenant', timeZone);
    if (state.assignment) await text({ type: 'technician', id: state.assignment.technicianId }, { kind: 'cancelled', audience: 'technician', reason: request.reason }, 'cancelled-technician', timeZone);
  }

  // ---- the life of a work order -----------------------------------------------------------------------------------

  smsChannel = patched('sms-channel');
  visitSteps = patched('visit-steps');
  vendorDispatch = patched('vendor-dispatch');
  publishSearchAttributes();
  try {
    await activities.recordIntake(input);
    const loaded = await activities.loadCurrentRules();
    const version = loaded.version;
    rules = loaded.rules;
    state.rulesVersion = version;
    if (smsChannel) void resendUndelivered();
    await change('triage', 'triage_started', { payload: { rulesVersion: version }, patch: { rulesVersion: version } });
    throwIfCancelled();

    const context = await activities.enrichContext({ number: input.number, context: rules.context });
    await change(undefined, 'context_enriched', { payload: context });
    throwIfCancelled();

    const classified = await activities.classifyWorkOrder({ number: input.number, rulesVersion: version, cacheSeconds: rules.durations.classificationCacheSeconds, idempotencyKey: stepKey('classification') });
    state.classification = classified.classification;
    state.priority = classified.priority;
    // Absent from results recorded before the Claude classifier existed.
    if (classified.unavailable) classifierUnavailable = `${classified.unavailable.provider} could not classify it (${classified.unavailable.reason}), so a person must check the deterministic classifier's answer`;
    if (classified.priority === 'emergency') state.deadlines.slaDeadline = secondsFromNow(rules.durations.emergencySlaSeconds);
    await change(undefined, 'classified', {
      actor: { type: 'system', id: `classifier:${classified.provider}` },
      payload: {
        priority: classified.priority,
        skillsRequired: classified.classification.skillsRequired,
        confidence: classified.classification.confidence,
        safety: classified.classification.safety,
        cached: classified.cached,
        ...(classified.unavailable ? { unavailable: classified.unavailable } : {}),
      },
      patch: { classification: classified.classification, priority: classified.priority, slaDeadline: state.deadlines.slaDeadline },
    });
    if (state.deadlines.slaDeadline) watchEmergencySla(state.deadlines.slaDeadline);

    await scheduleVisit();
    await runVisit();
  } catch (err) {
    if (!(err instanceof CancelRequested)) throw err;
    await finishCancelled(cancelRequest!);
  }
  await condition(allHandlersFinished);
  return { number: input.number, status: state.status === 'completed' ? 'completed' : 'cancelled' };
}
