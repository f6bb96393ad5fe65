/** A classifier's answer as the work order takes it, and the 'classified' change it makes: one shape for both paths. */
import type { Actor } from './actor';
import type { Classification } from './classification';
import type { Priority } from './priority';
import type { WorkOrderPatch } from './workOrderPatch';

export interface ClassificationResult {
  classification: Classification;
  provider: string;
  cached: boolean;
  /** The priority the order gets: the requester's when they gave one, else the classifier's. */
  priority: Priority;
  /** The configured classifier gave no usable answer: the heuristic's is used, and a coordinator must look. */
  unavailable: { provider: string; reason: string; message: string } | null;
}

/** The 'classified' event's actor, payload and patch; `slaDeadline`: an emergency's, from the moment it was classified. */
export function classifiedChange(
  classified: ClassificationResult,
  slaDeadline: string | null,
): { actor: Actor; payload: Record<string, unknown>; patch: WorkOrderPatch } {
  return {
    actor: { type: 'system', id: `classifier:${classified.provider}` },
    payload: {
      priority: classified.priority,
      skillsRequired: classified.classification.skillsRequired,
      confidence: classified.classification.confidence,
      safety: classified.classification.safety,
      cached: classified.cached,
      ...(classified.unavailable ? { unavailable: classified.unavailable } : {}),
    },
    patch: { classification: classified.classification, priority: classified.priority, slaDeadline },
  };
}

/** Why a person must check the classification: the configured classifier did not answer. */
export function classifierUnavailableReason(unavailable: ClassificationResult['unavailable']): string | null {
  return unavailable
    ? `${unavailable.provider} could not classify it (${unavailable.reason}), so a person must check the deterministic classifier's answer`
    : null;
}
