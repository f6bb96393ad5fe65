import { PHOTO_KINDS, type PhotoKind } from './photos';
import type { Rules } from './rules';

/** A stored photo as the review sees it: its kind, where and when it was taken. */
export interface PhotoFacts {
  id: string;
  kind: PhotoKind;
  distanceMeters: number;
  takenAt: Date;
}

export interface CompletenessInput {
  /** What the technician submitted: references only. */
  submitted: ReadonlyArray<{ id: string; kind: PhotoKind }>;
  /** The submitted photos found on file for this work order. */
  found: readonly PhotoFacts[];
  /** When the technician checked in; null when unknown (the time window then has no lower bound). */
  checkedInAt: Date | null;
  now: Date;
  visit: Pick<Rules['visit'], 'photoMaxDistanceMeters' | 'photoTimeSlackSeconds'>;
}

export interface CompletenessVerdict {
  complete: boolean;
  /** What was checked and what it found, for a coordinator. */
  reasoning: string;
  /** One line per problem; empty when complete. */
  issues: string[];
}

/** A phone's clock may run a little ahead of ours; beyond this a photo "from the future" is implausible. */
export const CLOCK_SKEW_SECONDS = 300;

const meters = (m: number) => `${Math.round(m)} m`;

/** The deterministic review: every kind present, every photo on site, every time inside the visit's window. */
export function checkPhotoCompleteness(input: CompletenessInput): CompletenessVerdict {
  const { visit, now, checkedInAt } = input;
  const issues: string[] = [];
  const byId = new Map(input.found.map((photo) => [photo.id, photo]));

  const photos: PhotoFacts[] = [];
  for (const ref of input.submitted) {
    const photo = byId.get(ref.id);
    if (!photo) issues.push(`${ref.kind} photo ${ref.id} is not on file for this work order`);
    else if (photo.kind !== ref.kind) issues.push(`photo ${ref.id} was uploaded as ${photo.kind}, not ${ref.kind}`);
    else photos.push(photo);
  }

  const counts = PHOTO_KINDS.map((kind) => ({ kind, n: photos.filter((p) => p.kind === kind).length }));
  for (const { kind, n } of counts) if (n === 0) issues.push(`no ${kind} photo`);

  const tooFar = photos.filter((p) => p.distanceMeters > visit.photoMaxDistanceMeters);
  for (const p of tooFar)
    issues.push(
      `${p.kind} photo ${p.id} was taken ${meters(p.distanceMeters)} from the building (limit ${meters(visit.photoMaxDistanceMeters)})`,
    );

  const latest = new Date(now.getTime() + CLOCK_SKEW_SECONDS * 1000);
  const earliest = checkedInAt ? new Date(checkedInAt.getTime() - visit.photoTimeSlackSeconds * 1000) : null;
  for (const p of photos) {
    if (p.takenAt > latest) issues.push(`${p.kind} photo ${p.id} is dated ${p.takenAt.toISOString()}, in the future`);
    else if (earliest && p.takenAt < earliest) {
      issues.push(
        `${p.kind} photo ${p.id} was taken at ${p.takenAt.toISOString()}, more than ${visit.photoTimeSlackSeconds} s before the check-in at ${checkedInAt!.toISOString()}`,
      );
    }
  }

  const farthest = photos.reduce((max, p) => Math.max(max, p.distanceMeters), 0);
  const checked = [
    `${input.submitted.length} photo(s) submitted, ${photos.length} on file: ${counts.map(({ kind, n }) => `${kind} ${n}`).join(', ')}`,
    photos.length
      ? `distance from the building at most ${meters(farthest)} (limit ${meters(visit.photoMaxDistanceMeters)})`
      : null,
    earliest
      ? `times checked against ${earliest.toISOString()} (check-in minus ${visit.photoTimeSlackSeconds} s) to ${latest.toISOString()} (now plus ${CLOCK_SKEW_SECONDS} s)`
      : `check-in time unknown: times checked only against ${latest.toISOString()} (now plus ${CLOCK_SKEW_SECONDS} s)`,
  ].filter(Boolean);
  const complete = issues.length === 0;
  const verdict = complete
    ? 'Complete: before, after and cleanup photos, all on site and in time.'
    : `Incomplete: ${issues.length} problem(s).`;
  return { complete, reasoning: `Deterministic check. ${checked.join('; ')}. ${verdict}`, issues };
}
