import type { Pool } from 'pg';
import { generateApiKey, hashApiKey, keyMatchesHash, publicIdOf } from '../../domain/apiKeySecret';

export const ROLES = ['coordinator', 'technician', 'scheduler', 'ops', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyIdentity {
  id: number;
  name: string;
  role: Role;
  technicianId: number | null;
}

export interface ApiKeyRecord extends ApiKeyIdentity {
  /** Null for a key an operator chose (API_ADMIN_KEY). */
  publicId: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const RECORD = `id::int AS id, public_id AS "publicId", name, role, technician_id::int AS "technicianId",
                created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/**
 * The identity behind a key, or null. A generated key is found by its public id and its hash compared in constant
 * time. An operator's key has no id and is found by its hash through the unique index: the caller controls the
 * key, not its digest, so how long the index takes to compare digests tells nothing about any stored key's
 * bytes (and failed attempts are rate-limited per address). The digests are compared in constant time all the same.
 */
export async function findApiKey(pool: Pool, key: string): Promise<ApiKeyIdentity | null> {
  const publicId = publicIdOf(key);
  const { rows } = await pool.query<ApiKeyIdentity & { keyHash: string; stale: boolean }>(
    `SELECT id::int AS id, name, role, technician_id::int AS "technicianId", key_hash AS "keyHash",
            (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
       FROM api_keys WHERE ${publicId ? 'public_id' : 'key_hash'} = $1 AND revoked_at IS NULL`,
    [publicId ?? hashApiKey(key)],
  );
  const row = rows[0];
  if (!row || !keyMatchesHash(key, row.keyHash)) return null;
  // Once a minute at most, so that a busy key does not write on every request.
  if (row.stale) await pool.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]);
  return { id: row.id, name: row.name, role: row.role, technicianId: row.technicianId };
}

/** Creates or replaces a key whose secret the caller chose (API_ADMIN_KEY, tests), un-revoking it. */
export async function upsertApiKey(
  pool: Pool,
  key: { name: string; role: Role; secret: string; technicianId?: number | null },
): Promise<void> {
  await pool.query(
    `INSERT INTO api_keys (name, role, key_hash, technician_id, public_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, key_hash = EXCLUDED.key_hash, technician_id = EXCLUDED.technician_id,
                                      public_id = EXCLUDED.public_id, revoked_at = NULL`,
    [key.name, key.role, hashApiKey(key.secret), key.technicianId ?? null, publicIdOf(key.secret)],
  );
}

/** A new generated key; the secret is returned here and never stored. */
export async function createApiKey(
  pool: Pool,
  key: { name: string; role: Role; technicianId: number | null },
): Promise<ApiKeyRecord & { secret: string }> {
  const { publicId, secret } = generateApiKey();
  try {
    const { rows } = await pool.query<ApiKeyRecord>(
      `INSERT INTO api_keys (name, role, key_hash, technician_id, public_id) VALUES ($1, $2, $3, $4, $5) RETURNING ${RECORD}`,
      [key.name, key.role, hashApiKey(secret), key.technicianId, publicId],
    );
    return { ...rows[0]!, secret };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '23505')
      throw new Error(`a key named "${key.name}" exists already (revoke it, or choose another name)`, { cause: err });
    if (code === '23503') throw new Error(`there is no technician ${key.technicianId}`, { cause: err });
    throw err;
  }
}

export async function listApiKeys(pool: Pool): Promise<ApiKeyRecord[]> {
  return (await pool.query<ApiKeyRecord>(`SELECT ${RECORD} FROM api_keys ORDER BY id`)).rows;
}

/** Revokes the one key whose id, public id or name is `ref`; answers what was revoked, or why nothing was. */
export async function revokeApiKey(
  pool: Pool,
  ref: string,
): Promise<{ ok: true; key: ApiKeyRecord } | { ok: false; reason: string }> {
  const { rows } = await pool.query<ApiKeyRecord>(
    `SELECT ${RECORD} FROM api_keys WHERE ($1::bigint IS NOT NULL AND id = $1::bigint) OR public_id = $2 OR name = $2 ORDER BY id`,
    [/^\d{1,15}$/.test(ref) ? ref : null, ref],
  );
  if (rows.length === 0) return { ok: false, reason: `no key has the id or name "${ref}"` };
  if (rows.length > 1)
    return {
      ok: false,
      reason: `"${ref}" names ${rows.length} keys (ids ${rows.map((r) => r.id).join(', ')}): revoke one by its id`,
    };
  const found = rows[0]!;
  if (found.revokedAt)
    return { ok: false, reason: `key ${found.id} ("${found.name}") was revoked at ${found.revokedAt.toISOString()}` };
  const revoked = await pool.query<ApiKeyRecord>(
    `UPDATE api_keys SET revoked_at = now() WHERE id = $1 RETURNING ${RECORD}`,
    [found.id],
  );
  return { ok: true, key: revoked.rows[0]! };
}
