/** The answer of a bucket: go ahead, or wait this many seconds for the next token. */
export type BucketAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * In-process token buckets, one per key (an API key, an address): each holds up to `perMinute` tokens and refills
 * evenly at `perMinute` a minute. Per process: behind N replicas the effective limit is N times this.
 */
export interface TokenBuckets {
  /** Takes a token if there is one. */
  take(key: string): BucketAnswer;
  /** Whether a token is there, without taking it. */
  peek(key: string): BucketAnswer;
}

interface Bucket {
  tokens: number;
  at: number;
}

export function createTokenBuckets(
  perMinute: number,
  options: { now?: () => number; maxKeys?: number } = {},
): TokenBuckets {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const refilled = (key: string): Bucket => {
    const t = now();
    const found = buckets.get(key);
    const bucket = found
      ? { tokens: Math.min(perMinute, found.tokens + (t - found.at) * perMs), at: t }
      : { tokens: perMinute, at: t };
    buckets.delete(key);
    if (buckets.size >= maxKeys) forget(t);
    buckets.set(key, bucket);
    return bucket;
  };

  // A full bucket is the same as no bucket; beyond that, the least recently seen keys go first.
  const forget = (t: number) => {
    for (const [key, b] of buckets) if (b.tokens + (t - b.at) * perMs >= perMinute) buckets.delete(key);
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  };

  const answer = (bucket: Bucket): BucketAnswer =>
    bucket.tokens >= 1
      ? { ok: true }
      : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };

  return {
    take(key) {
      const bucket = refilled(key);
      const result = answer(bucket);
      if (result.ok) bucket.tokens -= 1;
      return result;
    },
    peek(key) {
      return answer(refilled(key));
    },
  };
}
