import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys we generate are `wok_<public id>_<secret>`: the public id (12 hex digits, random, not secret) names the key
 * in listings and logs and finds its row; the secret is 32 random bytes. Only the SHA-256 of the whole key is
 * stored. A fast hash is enough: the secret has 256 bits of entropy, so there is nothing to brute-force offline.
 */
const FORMAT = /^wok_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  publicId: string;
  /** The whole key, shown once. */
  secret: string;
}

export function generateApiKey(): GeneratedApiKey {
  const publicId = randomBytes(6).toString('hex');
  return { publicId, secret: `wok_${publicId}_${randomBytes(32).toString('base64url')}` };
}

/** The public id of a generated key; null for a key an operator chose (API_ADMIN_KEY) or a malformed one. */
export function publicIdOf(key: string): string | null {
  return FORMAT.exec(key)?.[1] ?? null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Compares the key's hash with a stored one in time that does not depend on where they differ. */
export function keyMatchesHash(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}
