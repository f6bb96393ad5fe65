import { generateApiKey, hashApiKey, keyMatchesHash, publicIdOf } from '../../domain/apiKeySecret';

test('a generated key carries its public id; the secret part is 256 random bits', () => {
  const a = generateApiKey();
  const b = generateApiKey();
  expect(a.secret).toMatch(/^wok_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  expect(publicIdOf(a.secret)).toBe(a.publicId);
  expect(a.secret).not.toBe(b.secret);
  expect(a.publicId).not.toBe(b.publicId);
});

test('keys an operator chose, and malformed ones, have no public id', () => {
  expect(publicIdOf('my-own-admin-key-1234567890')).toBeNull();
  expect(publicIdOf('wok_0123456789ab_short')).toBeNull();
  expect(publicIdOf(`wok_0123456789AB_${'x'.repeat(43)}`)).toBeNull();
  expect(publicIdOf(` wok_0123456789ab_${'x'.repeat(43)}`)).toBeNull();
});

test('a key matches its own hash only', () => {
  const { secret } = generateApiKey();
  const stored = hashApiKey(secret);
  expect(stored).toMatch(/^[0-9a-f]{64}$/);
  expect(keyMatchesHash(secret, stored)).toBe(true);
  expect(keyMatchesHash(`${secret}x`, stored)).toBe(false);
  expect(keyMatchesHash(secret, stored.slice(0, 62))).toBe(false);
  expect(keyMatchesHash(secret, '')).toBe(false);
});
