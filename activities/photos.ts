import type { Rules } from '../domain/rules';
import type { PhotoReview, PhotoSubmission } from '../workflows/definitions';
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
}

export function createPhotoActivities(_deps: ActivityDeps) {
  return {
    /** Placeholder: the completeness review (Claude with the images, or the deterministic check) lands next. */
    async reviewPhotos(req: ReviewPhotosRequest): Promise<PhotoReview> {
      const kinds = new Set(req.photos.map((p) => p.kind));
      const missing = (['before', 'after', 'cleanup'] as const).filter((k) => !kinds.has(k));
      return { complete: missing.length === 0, reasoning: missing.length ? `missing ${missing.join(', ')}` : 'all kinds present', issues: missing.map((k) => `no ${k} photo`), provider: 'deterministic' };
    },
  };
}
