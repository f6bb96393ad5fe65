/**
 * How a proposed order is routed: the rules engine's outcome (domain/rulesEngine.ts), then what overrides it. A
 * classifier that was unavailable sends an automatic booking to review; a job no internal technician can take (in
 * time) goes to vendors and waits in review while they quote.
 */
import type { AssignmentOption, AssignmentProposal } from './assignment';
import type { Rules } from './rules';
import { route, type RoutingDecision, type RoutingInput } from './rulesEngine';
import { routedToVendors, whyVendors } from './vendorReason';

export interface OrderRoutingFacts {
  classificationConfidence: number;
  safety: boolean;
  slaDeadline: string | null;
  priority: RoutingInput['priority'];
  /** Why a person must check the classification, when the classifier was unavailable. */
  classifierUnavailable: string | null;
}

/** What the routing decision records as its input. */
export function routingInputOf(facts: OrderRoutingFacts, proposal: AssignmentProposal): Omit<RoutingInput, 'priority'> {
  return {
    classificationConfidence: facts.classificationConfidence,
    proposalConfidence: proposal.best?.confidence ?? null,
    safety: facts.safety,
  };
}

export function routeOrder(
  facts: OrderRoutingFacts,
  proposal: AssignmentProposal,
  thresholds: Rules['thresholds'],
): RoutingDecision {
  const routing = route({ ...routingInputOf(facts, proposal), priority: facts.priority }, thresholds);
  if (facts.classifierUnavailable && routing.outcome === 'auto_assign') {
    routing.outcome = 'review';
    routing.reasons.push(facts.classifierUnavailable);
  }
  const vendorReason = whyVendors(facts, proposal);
  return vendorReason ? routedToVendors(routing, vendorReason) : routing;
}

/** The option an automatic booking takes: routed to auto-assign with a best slot; none otherwise. */
export function slotToBook(routing: RoutingDecision, proposal: AssignmentProposal): AssignmentOption | null {
  return routing.outcome === 'auto_assign' ? proposal.best : null;
}
