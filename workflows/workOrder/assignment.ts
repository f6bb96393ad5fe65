/** Assignment: proposal and rules engine, an automatic booking or a coordinator's decision, re-evaluation. */
import type { TimeSlot } from '../../domain/assignment';
import { canTransition } from '../../domain/status';
import type { ChangeRequest } from '../../domain/workOrderChange';
import type { CoordinatorChoice, WorkOrderContext } from './context';
import { change, changeRequest, stepKey, SYSTEM, throwIfCancelled, waitFor } from './primitives';
import { dispatchToVendors, vendorFacts, whyVendors } from './vendors';

/** Automatic re-proposals when the proposed slot was taken between proposal and booking. */
const MAX_AUTO_BOOKING_ATTEMPTS = 3;

/** Proposal, rules engine, then either an automatic booking or a coordinator's decision. */
export async function obtainAssignment(
  ctx: WorkOrderContext,
  excludedSlots: Array<{ technicianId: number; slot: TimeSlot }>,
  notBefore: string | null = null,
): Promise<CoordinatorChoice> {
  const { state, input } = ctx;
  const classification = state.classification!;
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(ctx);
    state.attempts.assignment++;
    const priority = state.priority ?? classification.priority;
    const result = await ctx.steps.proposeAndBook({
      proposal: {
        number: input.number,
        classification: { ...classification, priority },
        scheduling: ctx.rules.scheduling,
        requiredCertifications: ctx.rules.assignment?.requiredCertifications,
        excludedSlots,
        notBefore,
      },
      rulesVersion: state.rulesVersion,
      thresholds: ctx.rules.thresholds,
      routing: { classificationConfidence: classification.confidence, ...vendorFacts(ctx) },
      classifierUnavailable: ctx.memory.classifierUnavailable,
      keys: { proposal: stepKey(ctx, 'proposal'), routing: stepKey(ctx, 'routing') },
      assigned: canTransition(state.status, 'awaiting_confirmation') ? assignedChange(ctx) : null,
    });
    const { proposal, routing } = result;
    state.proposal = proposal;
    state.routing = routing;

    const vendorReason = whyVendors(ctx, proposal);
    if (vendorReason) {
      const dispatched = await dispatchToVendors(ctx, vendorReason);
      if (typeof dispatched !== 'string') return dispatched;
      routing.outcome = 'escalate';
      routing.reasons.push(
        dispatched === 'no_vendors'
          ? 'no approved vendor has the skill either'
          : `no vendor answered within ${ctx.rules.vendors.responseWindowSeconds} s`,
      );
    }

    if (routing.outcome === 'auto_assign' && proposal.best) {
      const best = proposal.best;
      if (result.booking?.ok)
        return {
          assignment: { technicianId: best.technicianId, slot: best.slot, decidedBy: 'auto', reason: null },
          actor: SYSTEM,
          keptCurrent: false,
          recorded: result.assigned,
        };
      if (attempt < MAX_AUTO_BOOKING_ATTEMPTS) continue;
      routing.outcome = 'review';
      routing.reasons.push(`the proposed slot was taken ${attempt} times in a row`);
    }

    state.pendingDecision = { kind: 'assignment', reason: routing.reasons.join('; ') };
    const escalate = routing.outcome === 'escalate';
    await change(ctx, escalate ? 'escalated' : 'needs_assignment', escalate ? 'escalated' : 'queued_for_review', {
      payload: { reasons: routing.reasons, confidence: routing.confidence },
      patch: { proposal, routing },
    });
    settleReevaluation(ctx);
    const choice = await awaitCoordinatorAssignment(ctx, () => refreshProposal(ctx, excludedSlots));
    if (choice !== 'reevaluate') return choice;
    await applyCurrentRules(ctx);
    attempt = 0;
  }
}

/**
 * The 'assigned' change an automatic booking records in its own transaction: the booking's details are added there.
 * Its key is taken whether or not the booking happens, so the keys that follow do not depend on it.
 */
function assignedChange(ctx: WorkOrderContext): ChangeRequest {
  const { state } = ctx;
  const request = changeRequest(ctx, 'awaiting_confirmation', 'assigned');
  // As once assigned (./scheduling): nothing pending, and the order needs a person only for a breach or a text.
  request.patch = { needsCoordinator: state.slaBreached || state.smsProblem !== null, pendingDecision: null };
  return request;
}

/** Loads the newest rules for this order: every later step (proposal, routing, waits) uses them. */
export async function applyCurrentRules(ctx: WorkOrderContext): Promise<void> {
  const { state, inbox } = ctx;
  inbox.reevaluating = inbox.reevaluation;
  inbox.reevaluation = null;
  const loaded = await ctx.steps.loadCurrentRules();
  const fromVersion = state.rulesVersion;
  ctx.rules = loaded.rules;
  state.rulesVersion = loaded.version;
  await change(ctx, undefined, 'reevaluated', {
    actor: inbox.reevaluating!.actor,
    payload: { fromVersion, toVersion: loaded.version },
    patch: { rulesVersion: loaded.version },
  });
}

/** Lets a re-evaluation's update answer once the new routing has been applied. */
export function settleReevaluation(ctx: WorkOrderContext): void {
  const { inbox } = ctx;
  if (inbox.reevaluating) inbox.ticketsApplied = Math.max(inbox.ticketsApplied, inbox.reevaluating.ticket);
  inbox.reevaluating = null;
}

async function refreshProposal(
  ctx: WorkOrderContext,
  excludedSlots: Array<{ technicianId: number; slot: TimeSlot }>,
): Promise<void> {
  const { state, input } = ctx;
  const classification = state.classification!;
  const proposal = await ctx.steps.proposeAssignment({
    number: input.number,
    classification: { ...classification, priority: state.priority ?? classification.priority },
    scheduling: ctx.rules.scheduling,
    requiredCertifications: ctx.rules.assignment?.requiredCertifications,
    excludedSlots,
  });
  state.proposal = proposal;
  const why = ctx.inbox.proposalStaleBecause ?? 'the proposed slot was taken before it could be booked';
  ctx.inbox.proposalStaleBecause = null;
  const reasoning = `${why}; ${proposal.best?.reasoning ?? proposal.noFitReason ?? 'no proposal'}`;
  await ctx.steps.recordDecision({
    number: input.number,
    idempotencyKey: stepKey(ctx, 'proposal'),
    kind: 'assignment_proposal',
    provider: 'scoring',
    rulesVersion: state.rulesVersion,
    output: proposal,
    reasoning,
  });
  await change(ctx, undefined, 'proposal_refreshed', {
    payload: { technicianId: proposal.best?.technicianId ?? null, slot: proposal.best?.slot ?? null },
    patch: { proposal },
  });
}

/** With `refresh`, the wait also serves stale proposals and re-evaluation requests; without, only a decision ends it. */
export function awaitCoordinatorAssignment(ctx: WorkOrderContext): Promise<CoordinatorChoice>;
export function awaitCoordinatorAssignment(
  ctx: WorkOrderContext,
  refresh: () => Promise<void>,
): Promise<CoordinatorChoice | 'reevaluate'>;
export async function awaitCoordinatorAssignment(
  ctx: WorkOrderContext,
  refresh?: () => Promise<void>,
): Promise<CoordinatorChoice | 'reevaluate'> {
  const { inbox } = ctx;
  for (;;) {
    await waitFor(
      ctx,
      () =>
        inbox.assignmentDecision !== null ||
        (refresh !== undefined && (inbox.proposalStale || inbox.reevaluation !== null)),
    );
    if (inbox.assignmentDecision) break;
    if (inbox.reevaluation) return 'reevaluate';
    inbox.proposalStale = false;
    await refresh!();
  }
  const { assignment, actor, keptCurrent } = inbox.assignmentDecision;
  return { assignment, actor, keptCurrent };
}

/** Marks the coordinator's decision as applied, so its update can answer with the new state. */
export function settleAssignmentDecision(ctx: WorkOrderContext): void {
  const { inbox } = ctx;
  if (inbox.assignmentDecision) inbox.ticketsApplied = Math.max(inbox.ticketsApplied, inbox.assignmentDecision.ticket);
  inbox.assignmentDecision = null;
  settleReevaluation(ctx);
}
