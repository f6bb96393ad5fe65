import { photosOf } from '../db/queries/photos';
import { checkPhotoCompleteness } from '../domain/photoCompleteness';
import { PHOTO_KINDS } from '../domain/photos';
import type { Rules } from '../domain/rules';
import type { PhotoReview, PhotoSubmission } from '../domain/workOrderContract';
import { createDeterministicPhotoReviewer } from './adapters/deterministicPhotoReviewer';
import { PhotoReviewUnavailableError, type PhotoReviewAnswer, type PhotoReviewer } from './adapters/photoReviewer';
import type { ActivityDeps } from './deps';

export interface ReviewPhotosRequest {
  number: number;
  /** Unique per workflow step; the decision is recorded once under it. */
  idempotencyKey: string;
  rulesVersion: number | null;
  photos: PhotoSubmission['photos'];
  /** When the technician checked in; photos much older than this are implausible. */
  checkedInAt: string | null;
  visit: Rules['visit'];
  /** The technician's notes with the photos, for the AI reviewer. */
  notes?: string | null;
}

interface Reviewed {
  answer: PhotoReviewAnswer;
  provider: string;
  unavailable: { provider: string; reason: string; message: string } | null;
}

export function createPhotoActivities(deps: ActivityDeps) {
  const { pool } = deps;
  const reviewer: PhotoReviewer = deps.photoReviewer ?? createDeterministicPhotoReviewer();
  const deterministic = createDeterministicPhotoReviewer();

  return {
    /**
     * Decides whether the submitted photos prove the job: the configured reviewer (Claude with the images, or the
     * deterministic check) gives its verdict, which can never pass photos the rule checks refuse. Recorded once per
     * key as a 'photo_review' decision; a retry answers what was recorded rather than asking again.
     */
    async reviewPhotos(req: ReviewPhotosRequest): Promise<PhotoReview> {
      const recorded = await pool.query<{
        provider: string;
        output: { complete: boolean; issues: string[] };
        reasoning: string;
      }>('SELECT provider, output, reasoning FROM decisions WHERE idempotency_key = $1', [req.idempotencyKey]);
      const previous = recorded.rows[0];
      if (previous)
        return {
          complete: previous.output.complete,
          issues: previous.output.issues,
          reasoning: previous.reasoning,
          provider: previous.provider,
        };

      const { rows } = await pool.query<{ description: string }>(
        'SELECT description FROM work_orders WHERE number = $1',
        [req.number],
      );
      if (!rows[0]) throw new Error(`work order ${req.number} not found`);
      // Before, after, cleanup, each in the technician's order: how a reviewer reads a job.
      const position = new Map(req.photos.map((p, i) => [p.id, i]));
      const photos = (
        await photosOf(
          pool,
          req.number,
          req.photos.map((p) => p.id),
        )
      ).sort(
        (a, b) =>
          PHOTO_KINDS.indexOf(a.kind) - PHOTO_KINDS.indexOf(b.kind) || position.get(a.id)! - position.get(b.id)!,
      );
      const checkedInAt = req.checkedInAt ? new Date(req.checkedInAt) : null;
      const ruleCheck = checkPhotoCompleteness({
        submitted: req.photos,
        found: photos,
        checkedInAt,
        now: deps.now?.() ?? new Date(),
        visit: req.visit,
      });
      const input = {
        number: req.number,
        description: rows[0].description,
        notes: req.notes ?? null,
        photos,
        checkedInAt,
        visit: req.visit,
        ruleCheck,
      };

      // With no photo on file there is nothing for a model to look at.
      const asked = photos.length > 0 ? reviewer : deterministic;
      const reviewed = await reviewWithFallback(asked, deterministic, input);
      const { answer } = reviewed;
      const review = combine(reviewed, ruleCheck);

      await pool.query(
        `INSERT INTO decisions (work_order_number, kind, provider, rules_version, input, output, reasoning, idempotency_key, model, latency_ms, input_tokens, output_tokens, cost_usd)
         VALUES ($1, 'photo_review', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (idempotency_key) DO NOTHING`,
        [
          req.number,
          reviewed.provider,
          req.rulesVersion,
          JSON.stringify({
            photos: req.photos,
            checkedInAt: req.checkedInAt,
            visit: req.visit,
            ruleCheck: { complete: ruleCheck.complete, issues: ruleCheck.issues },
            unavailable: reviewed.unavailable,
          }),
          JSON.stringify({ complete: review.complete, issues: review.issues }),
          review.reasoning,
          req.idempotencyKey,
          answer.model,
          Math.round(answer.latencyMs),
          answer.inputTokens,
          answer.outputTokens,
          answer.costUsd,
        ],
      );
      return review;
    },
  };
}

async function reviewWithFallback(
  primary: PhotoReviewer,
  fallback: PhotoReviewer,
  input: Parameters<PhotoReviewer['review']>[0],
): Promise<Reviewed> {
  try {
    return { answer: await primary.review(input), provider: primary.name, unavailable: null };
  } catch (err) {
    if (!(err instanceof PhotoReviewUnavailableError) || primary === fallback) throw err;
    return {
      answer: await fallback.review(input),
      provider: fallback.name,
      unavailable: { provider: primary.name, reason: err.reason, message: err.message },
    };
  }
}

/** The reviewer's verdict, held to the rule checks: a model may find more problems, never wave one away. */
function combine(
  { answer, provider, unavailable }: Reviewed,
  ruleCheck: { complete: boolean; reasoning: string; issues: string[] },
): PhotoReview {
  const issues = [...new Set([...ruleCheck.issues, ...answer.issues])];
  const complete = answer.complete && ruleCheck.complete;
  const reasoning = [
    unavailable
      ? `${unavailable.provider} could not review the photos (${unavailable.reason}): ${unavailable.message}. The deterministic check decided.`
      : null,
    answer.reasoning,
    provider !== 'deterministic' ? `Rule checks: ${ruleCheck.reasoning}` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return { complete, reasoning, issues: complete ? [] : issues, provider };
}
