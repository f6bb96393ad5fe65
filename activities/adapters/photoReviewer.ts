import type { StoredPhoto } from '../../db/queries/photos';
import type { CompletenessVerdict } from '../../domain/photoCompleteness';
import type { Rules } from '../../domain/rules';
import type { ClassifierFailureReason } from './classifier';

export interface PhotoReviewInput {
  number: number;
  /** What the tenant reported: what the photos should show fixed. */
  description: string;
  /** The technician's notes with the photos. */
  notes: string | null;
  /** The submitted photos found on file (metadata; the bytes are in the photo store). */
  photos: StoredPhoto[];
  checkedInAt: Date | null;
  visit: Rules['visit'];
  /** The deterministic check's verdict on the same photos: kinds, distance and times. */
  ruleCheck: CompletenessVerdict;
}

/** A reviewer's verdict, with what the decision trail records about the call. */
export interface PhotoReviewAnswer {
  complete: boolean;
  reasoning: string;
  issues: string[];
  /** The model that answered; null for the deterministic check. */
  model: string | null;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
}

/** The reviewer could not give a usable verdict: the deterministic check decides, and the reason is recorded. */
export class PhotoReviewUnavailableError extends Error {
  constructor(
    message: string,
    readonly reason: ClassifierFailureReason,
  ) {
    super(message);
    this.name = 'PhotoReviewUnavailableError';
  }
}

/** Judges whether a visit's photos prove the job: Claude with the images, or the deterministic check. */
export interface PhotoReviewer {
  readonly name: string;
  review(input: PhotoReviewInput): Promise<PhotoReviewAnswer>;
}
