import { createTokenBuckets } from '../../api/tokenBuckets';

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

test('a bucket holds perMinute tokens, then says how long until the next one', () => {
  const c = clock();
  const buckets = createTokenBuckets(10, { now: c.now });
  for (let i = 0; i < 10; i++) expect(buckets.take('a')).toEqual({ ok: true });
  expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
  expect(buckets.take('b')).toEqual({ ok: true });
  c.advance(5_999);
  expect(buckets.take('a').ok).toBe(false);
  c.advance(1);
  expect(buckets.take('a')).toEqual({ ok: true });
  expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 });
});

test('refills evenly and never above perMinute', () => {
  const c = clock();
  const buckets = createTokenBuckets(60, { now: c.now });
  for (let i = 0; i < 60; i++) buckets.take('a');
  c.advance(10_000);
  let taken = 0;
  while (buckets.take('a').ok) taken++;
  expect(taken).toBe(10);
  c.advance(3_600_000);
  taken = 0;
  while (buckets.take('a').ok) taken++;
  expect(taken).toBe(60);
});

test('peek looks without taking; Retry-After is at least a second', () => {
  const c = clock();
  const buckets = createTokenBuckets(6000, { now: c.now });
  for (let i = 0; i < 10; i++) expect(buckets.peek('a')).toEqual({ ok: true });
  for (let i = 0; i < 6000; i++) buckets.take('a');
  expect(buckets.peek('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
});

test('memory stays bounded: full buckets are forgotten first, then the least recently seen', () => {
  const c = clock();
  const buckets = createTokenBuckets(2, { now: c.now, maxKeys: 3 });
  buckets.take('busy');
  buckets.take('busy');
  // Looked at, never used: full, so as good as absent.
  for (let i = 0; i < 100; i++) buckets.peek(`idle-${i}`);
  expect(buckets.take('busy').ok).toBe(false);
  // Keys that all used a token: the least recently seen is forgotten (and starts again full).
  for (let i = 0; i < 3; i++) buckets.take(`used-${i}`);
  expect(buckets.take('busy').ok).toBe(true);
});
