import {
  checkPhotoCompleteness,
  CLOCK_SKEW_SECONDS,
  type CompletenessInput,
  type PhotoFacts,
} from '../../domain/photoCompleteness';
import type { PhotoKind } from '../../domain/photos';

const NOW = new Date('2026-03-04T15:00:00Z');
const CHECKED_IN = new Date('2026-03-04T14:00:00Z');
const VISIT = { photoMaxDistanceMeters: 150, photoTimeSlackSeconds: 3600 };

const photo = (kind: PhotoKind, overrides: Partial<PhotoFacts> = {}): PhotoFacts => ({
  id: `id-${kind}`,
  kind,
  distanceMeters: 12,
  takenAt: new Date('2026-03-04T14:30:00Z'),
  ...overrides,
});

function check(found: PhotoFacts[], overrides: Partial<CompletenessInput> = {}) {
  return checkPhotoCompleteness({
    submitted: found.map(({ id, kind }) => ({ id, kind })),
    found,
    checkedInAt: CHECKED_IN,
    now: NOW,
    visit: VISIT,
    ...overrides,
  });
}

test('before, after and cleanup, on site and in time: complete, with what was checked', () => {
  const verdict = check([photo('before'), photo('after'), photo('cleanup')]);
  expect(verdict.complete).toBe(true);
  expect(verdict.issues).toEqual([]);
  expect(verdict.reasoning).toMatch(/before 1, after 1, cleanup 1/);
  expect(verdict.reasoning).toMatch(/at most 12 m \(limit 150 m\)/);
  expect(verdict.reasoning).toMatch(/2026-03-04T13:00:00.000Z \(check-in minus 3600 s\)/);
});

test.each(['before', 'after', 'cleanup'] as const)('a set without a %s photo is incomplete, naming it', (missing) => {
  const verdict = check((['before', 'after', 'cleanup'] as const).filter((k) => k !== missing).map((k) => photo(k)));
  expect(verdict.complete).toBe(false);
  expect(verdict.issues).toEqual([`no ${missing} photo`]);
});

test('a photo farther than the rules allow is a problem; at the limit it is not', () => {
  const far = check([
    photo('before', { distanceMeters: 150 }),
    photo('after', { distanceMeters: 151.4 }),
    photo('cleanup'),
  ]);
  expect(far.issues).toEqual(['after photo id-after was taken 151 m from the building (limit 150 m)']);
  expect(
    check([photo('before'), photo('after'), photo('cleanup')], { visit: { ...VISIT, photoMaxDistanceMeters: 10 } })
      .issues,
  ).toHaveLength(3);
});

test('a photo dated in the future beyond the clock skew is implausible; within the skew it is fine', () => {
  const skewed = new Date(NOW.getTime() + (CLOCK_SKEW_SECONDS - 1) * 1000);
  expect(check([photo('before'), photo('after', { takenAt: skewed }), photo('cleanup')]).complete).toBe(true);
  const future = new Date(NOW.getTime() + (CLOCK_SKEW_SECONDS + 60) * 1000);
  const verdict = check([photo('before'), photo('after'), photo('cleanup', { takenAt: future })]);
  expect(verdict.issues).toEqual([`cleanup photo id-cleanup is dated ${future.toISOString()}, in the future`]);
});

test('a photo taken more than the slack before the check-in is implausible; within the slack it is fine', () => {
  const early = new Date(CHECKED_IN.getTime() - 3500 * 1000);
  expect(check([photo('before', { takenAt: early }), photo('after'), photo('cleanup')]).complete).toBe(true);
  const tooEarly = new Date(CHECKED_IN.getTime() - 3700 * 1000);
  const verdict = check([photo('before', { takenAt: tooEarly }), photo('after'), photo('cleanup')]);
  expect(verdict.issues).toEqual([
    `before photo id-before was taken at ${tooEarly.toISOString()}, more than 3600 s before the check-in at ${CHECKED_IN.toISOString()}`,
  ]);
});

test('without a check-in time only the future is checked, and the reasoning says so', () => {
  const verdict = check(
    [photo('before', { takenAt: new Date('2020-01-01T00:00:00Z') }), photo('after'), photo('cleanup')],
    { checkedInAt: null },
  );
  expect(verdict.complete).toBe(true);
  expect(verdict.reasoning).toMatch(/check-in time unknown/);
});

test('a submitted id not on file, or on file as another kind, is a problem', () => {
  const found = [photo('before'), photo('after'), photo('cleanup')];
  const verdict = checkPhotoCompleteness({
    submitted: [
      { id: 'id-before', kind: 'before' },
      { id: 'id-after', kind: 'cleanup' },
      { id: 'nope', kind: 'after' },
    ],
    found,
    checkedInAt: CHECKED_IN,
    now: NOW,
    visit: VISIT,
  });
  expect(verdict.complete).toBe(false);
  expect(verdict.issues).toEqual([
    'photo id-after was uploaded as after, not cleanup',
    'after photo nope is not on file for this work order',
    'no after photo',
    'no cleanup photo',
  ]);
});

test('every problem is listed, one line each', () => {
  const verdict = check([photo('before', { distanceMeters: 900, takenAt: new Date('2026-03-05T00:00:00Z') })]);
  expect(verdict.issues).toHaveLength(4);
  expect(verdict.reasoning).toMatch(/Incomplete: 4 problem\(s\)/);
});
