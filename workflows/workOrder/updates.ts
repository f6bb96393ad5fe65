/** The updates: coordinator decisions, validated, handed to the main flow, answered once it has applied them. */
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { FailureType } from '../../domain/failures';
import { isTerminal } from '../../domain/status';
import {
  cancelUpdate,
  decideAssignmentUpdate,
  pickVendorUpdate,
  reevaluateUpdate,
  retryStepUpdate,
  reviewUpdate,
} from '../definitions';
import type { Assignment, AssignmentDecision, WorkOrderState } from '../../domain/workOrderContract';
import type { WorkOrderContext } from './context';
import { invalidDecision, noLongerApplies } from './errors';
import { activities } from './primitives';
import { mayBookVisitAfterFailure } from './stepFailures';

export function installPickVendorUpdate(ctx: WorkOrderContext): void {
  const { state, input, inbox } = ctx;
  setHandler(
    pickVendorUpdate,
    async (pick) => {
      inbox.decisionInFlight = true;
      try {
        const offer = state.vendorRequest!.offers.find((o) => o.vendorId === pick.vendorId && o.status === 'quoted')!;
        const award = await activities.awardVendorJob({
          number: input.number,
          vendorId: pick.vendorId,
          quoteCents: offer.quoteCents!,
        });
        const start = new Date(offer.eta!);
        const minutes = state.classification?.estimatedMinutes ?? 60;
        const slot = { start: start.toISOString(), end: new Date(start.getTime() + minutes * 60_000).toISOString() };
        const overCap = offer.quoteCents! > state.vendorRequest!.budgetCapCents;
        const reason = `${offer.vendorName}'s quote of $${(offer.quoteCents! / 100).toFixed(2)}${overCap ? ` (over the building's cap of $${(state.vendorRequest!.budgetCapCents / 100).toFixed(2)}, approved)` : ''}`;
        const ticket = ++inbox.ticketsIssued;
        inbox.pickedVendorId = pick.vendorId;
        inbox.assignmentDecision = {
          assignment: { technicianId: award.crewTechnicianId, slot, decidedBy: 'vendor', reason },
          actor: pick.actor,
          ticket,
          keptCurrent: false,
        };
        await condition(() => inbox.ticketsApplied >= ticket || inbox.cancelRequest !== null);
        return state;
      } finally {
        inbox.decisionInFlight = false;
      }
    },
    {
      validator: (pick) => {
        if (
          inbox.decisionInFlight ||
          inbox.cancelRequest ||
          state.pendingDecision?.kind !== 'vendor_pick' ||
          !state.vendorRequest
        ) {
          throw noLongerApplies(
            `work order ${input.number} is ${state.status}: no vendor quotes are waiting for a pick`,
          );
        }
        const offer = state.vendorRequest.offers.find((o) => o.vendorId === pick.vendorId);
        if (!offer || offer.status !== 'quoted' || offer.quoteCents === null || offer.eta === null)
          throw invalidDecision(`vendor ${pick.vendorId} has no quote on this order`);
        const cap = state.vendorRequest.budgetCapCents;
        if (offer.quoteCents > cap && !pick.approveOverBudget) {
          throw invalidDecision(
            `${offer.vendorName}'s quote of $${(offer.quoteCents / 100).toFixed(2)} is over the building's cap of $${(cap / 100).toFixed(2)}: approve it explicitly (approveOverBudget)`,
          );
        }
      },
    },
  );
}

/** Assignment decisions, re-evaluation, review, cancel and retrying a failed step, in this order. */
export function installCoordinatorUpdates(ctx: WorkOrderContext): void {
  const { state, input, inbox } = ctx;
  setHandler(
    decideAssignmentUpdate,
    async (decision) => {
      inbox.decisionInFlight = true;
      try {
        const keepCurrent =
          (state.pendingDecision?.kind === 'confirmation_timeout' ||
            state.pendingDecision?.kind === 'visit_objection') &&
          decision.action === 'accept';
        const chosen = keepCurrent ? state.assignment! : resolveAssignment(state, decision);
        if (!keepCurrent) {
          const booked = await activities.bookTechnician({
            number: input.number,
            technicianId: chosen.technicianId,
            slot: chosen.slot,
          });
          if (!booked.ok) {
            if (booked.reason === 'double_booked' && decision.action !== 'override') inbox.proposalStale = true;
            throw ApplicationFailure.create({
              type: booked.reason === 'double_booked' ? FailureType.TechnicianDoubleBooked : FailureType.NotFound,
              message: booked.message,
              nonRetryable: true,
            });
          }
        }
        const ticket = ++inbox.ticketsIssued;
        inbox.assignmentDecision = { assignment: chosen, actor: decision.actor, ticket, keptCurrent: keepCurrent };
        await condition(() => inbox.ticketsApplied >= ticket || inbox.cancelRequest !== null);
        return state;
      } finally {
        inbox.decisionInFlight = false;
      }
    },
    {
      validator: (decision) => {
        const pending = state.pendingDecision;
        if (
          inbox.decisionInFlight ||
          inbox.cancelRequest ||
          !pending ||
          (pending.kind !== 'assignment' &&
            pending.kind !== 'confirmation_timeout' &&
            pending.kind !== 'access' &&
            pending.kind !== 'step_failed' &&
            pending.kind !== 'visit_objection')
        ) {
          throw noLongerApplies(`work order ${input.number} is ${state.status}: no assignment decision is pending`);
        }
        if (pending.kind === 'visit_objection' && decision.action === 'alternative')
          throw invalidDecision(
            'the tenant objected to a visit booked without asking: keep it (accept) or choose the technician and the time (override)',
          );
        if (pending.kind === 'step_failed') {
          if (!mayBookVisitAfterFailure(ctx))
            throw invalidDecision(
              `a visit can't be booked while the order is ${state.status}: retry the failed step or cancel the order`,
            );
          if (decision.action !== 'override')
            throw invalidDecision(
              'a step failed: choose the technician and the time (override), retry the step, or cancel',
            );
        }
        if (pending.kind === 'access' && decision.action !== 'override')
          throw invalidDecision(
            'the tenant is not letting us in: choose the technician and the time you arranged with them (override)',
          );
        if (decision.action === 'accept' && pending.kind === 'assignment' && !state.proposal?.best)
          throw invalidDecision('there is no proposal to accept: choose a technician and time (override)');
        if (decision.action === 'alternative' && !state.proposal?.alternatives[decision.index])
          throw invalidDecision(`there is no alternative ${decision.index}`);
        if (decision.action === 'override' && decision.reason.trim().length === 0)
          throw invalidDecision('an override needs a reason');
        if (decision.action === 'override' && new Date(decision.slot.end) <= new Date(decision.slot.start))
          throw invalidDecision('the slot must end after it starts');
      },
    },
  );

  setHandler(
    reevaluateUpdate,
    async (request) => {
      const ticket = ++inbox.ticketsIssued;
      inbox.reevaluation = { actor: request.actor, ticket };
      await condition(() => inbox.ticketsApplied >= ticket || inbox.cancelRequest !== null);
      return state;
    },
    {
      validator: (_request) => {
        const kind = state.pendingDecision?.kind;
        if (
          inbox.decisionInFlight ||
          inbox.reevaluation ||
          inbox.reevaluating ||
          inbox.cancelRequest ||
          (kind !== 'assignment' && kind !== 'step_failed')
        ) {
          throw noLongerApplies(
            `work order ${input.number} is ${state.status}: only an order waiting for an assignment decision or with a failed step can be re-evaluated`,
          );
        }
      },
    },
  );

  setHandler(
    reviewUpdate,
    async (decision) => {
      const ticket = ++inbox.ticketsIssued;
      inbox.reviewDecision = { ...decision, ticket };
      await condition(() => inbox.ticketsApplied >= ticket || inbox.cancelRequest !== null);
      return state;
    },
    {
      validator: (decision) => {
        if (state.status !== 'ready_review' || inbox.reviewDecision !== null || inbox.cancelRequest) {
          throw noLongerApplies(`work order ${input.number} is ${state.status}: it is not waiting for a review`);
        }
        if (!decision.approve && decision.notes.trim().length === 0)
          throw invalidDecision('a rejection needs notes for the technician');
      },
    },
  );

  setHandler(
    cancelUpdate,
    async (request) => {
      inbox.cancelRequest = request;
      await condition(() => isTerminal(state.status));
      if (state.status !== 'cancelled')
        throw noLongerApplies(`work order ${input.number} was ${state.status} before the cancel took effect`);
      return state;
    },
    {
      validator: (request) => {
        if (isTerminal(state.status) || inbox.cancelRequest)
          throw noLongerApplies(
            `work order ${input.number} is already ${inbox.cancelRequest ? 'being cancelled' : state.status}`,
          );
        if (request.reason.trim().length === 0) throw invalidDecision('a cancellation needs a reason');
      },
    },
  );

  setHandler(
    retryStepUpdate,
    async (request) => {
      const ticket = ++inbox.ticketsIssued;
      inbox.stepRetry = { actor: request.actor, ticket };
      await condition(() => inbox.ticketsApplied >= ticket || isTerminal(state.status));
      return state;
    },
    {
      validator: (_request) => {
        if (state.pendingDecision?.kind !== 'step_failed' || inbox.stepRetry)
          throw noLongerApplies(
            `work order ${input.number} is ${state.status}: no failed step is waiting to be retried`,
          );
      },
    },
  );
}

function resolveAssignment(state: WorkOrderState, decision: AssignmentDecision): Assignment {
  if (decision.action === 'accept') {
    const best = state.proposal!.best!;
    return { technicianId: best.technicianId, slot: best.slot, decidedBy: 'accept', reason: null };
  }
  if (decision.action === 'alternative') {
    const alt = state.proposal!.alternatives[decision.index]!;
    return { technicianId: alt.technicianId, slot: alt.slot, decidedBy: 'alternative', reason: null };
  }
  return {
    technicianId: decision.technicianId,
    slot: decision.slot,
    decidedBy: 'override',
    reason: decision.reason,
    ...(decision.overrides?.length ? { overrides: decision.overrides } : {}),
  };
}
