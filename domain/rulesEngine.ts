import type { Rules } from './rules';

/** What the rules engine says to do with a classified work order and its assignment proposal. */
export type RoutingOutcome = 'auto_assign' | 'review' | 'escalate';

export interface RoutingInput {
  classificationConfidence: number;
  /** Absent when no internal technician fits. */
  proposalConfidence: number | null;
  safety: boolean;
  priority: 'emergency' | 'high' | 'medium' | 'low';
}

export interface RoutingDecision {
  outcome: RoutingOutcome;
  /** The confidence the thresholds were compared with: the weaker of classification and proposal. */
  confidence: number;
  reasons: string[];
}

export function route(input: RoutingInput, thresholds: Rules['thresholds']): RoutingDecision {
  const confidence = Math.min(input.classificationConfidence, input.proposalConfidence ?? 0);
  // Floor, not round: 0.8499 must not read as the 85% it falls short of.
  const pct = (n: number) => `${Math.floor(n * 100)}%`;

  if (input.safety) {
    return { outcome: 'escalate', confidence, reasons: ['a safety concern always goes to a coordinator'] };
  }
  if (input.proposalConfidence === null) {
    return { outcome: 'escalate', confidence, reasons: ['no internal technician fits this job'] };
  }
  if (confidence >= thresholds.autoAssign) {
    return {
      outcome: 'auto_assign',
      confidence,
      reasons: [`confidence ${pct(confidence)} is at or above the auto-assign threshold ${pct(thresholds.autoAssign)}`],
    };
  }
  if (confidence >= thresholds.review) {
    return {
      outcome: 'review',
      confidence,
      reasons: [
        `confidence ${pct(confidence)} is between the review threshold ${pct(thresholds.review)} and the auto-assign threshold ${pct(thresholds.autoAssign)}`,
      ],
    };
  }
  return {
    outcome: 'escalate',
    confidence,
    reasons: [`confidence ${pct(confidence)} is below the review threshold ${pct(thresholds.review)}`],
  };
}
