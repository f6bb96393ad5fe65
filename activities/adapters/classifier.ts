import type { Classification } from '../../domain/classification';
import type { TriageContext } from '../../domain/triageContext';
/** What a classifier answered, with what the decision trail records about the call. */
export interface ClassifierAnswer {
  classification: Classification;
  /** The model that answered; null for the heuristic. */
  model: string | null;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  /** Estimated cost of the call in US dollars (from a price table per model), null when unknown or free. */
  costUsd: number | null;
}
export type ClassifierFailureReason =
  'malformed' | 'wrong_shape' | 'refusal' | 'rate_limited' | 'server_error' | 'timeout' | 'other';
/** The classifier could not give a usable answer (after its own retries): the work order goes to a coordinator with this reason. */
export class ClassifierUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: ClassifierFailureReason,
  ) {
    super(message);
    this.name = 'ClassifierUnavailableError';
  }
}
/** One interface per outside service: the heuristic default, Claude when a key is set. */
export interface Classifier {
  readonly name: string;
  /** `context`: the unit's and the building's records gathered before triage; null when there are none. */
  classify(description: string, context?: TriageContext | null): Promise<ClassifierAnswer>;
}
