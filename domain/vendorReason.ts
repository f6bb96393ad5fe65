import type { AssignmentProposal } from './assignment';
import type { RoutingDecision } from './rulesEngine';

/**
 * Why a job goes to vendors instead of an internal technician: none fits, or none can be there before an emergency's
 * SLA. A safety concern goes to a person at once (the rules engine escalates it), not to a round of vendor texts.
 */
export function whyVendors(
  order: { safety: boolean; slaDeadline: string | null },
  proposal: AssignmentProposal | null,
): string | null {
  if (order.safety) return null;
  if (!proposal?.best) return `no internal technician fits: ${proposal?.noFitReason ?? 'no proposal'}`;
  if (order.slaDeadline && new Date(proposal.best.slot.start) > new Date(order.slaDeadline))
    return `the earliest internal visit (${proposal.best.slot.start}) is after the emergency's SLA deadline (${order.slaDeadline})`;
  return null;
}

/**
 * The routing of an order offered to vendors: it waits in review (`needs_assignment`) while vendors quote and a
 * coordinator picks, and says why it went to vendors instead of being booked.
 */
export function routedToVendors(routing: RoutingDecision, reason: string): RoutingDecision {
  return {
    outcome: 'review',
    confidence: routing.confidence,
    reasons: [...routing.reasons, `offered to approved vendors (${reason})`],
  };
}
