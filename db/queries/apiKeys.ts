import { createHash } from 'node:crypto';
import type { Pool } from 'pg';

export type Role = 'coordinator' | 'technician' | 'scheduler' | 'ops' | 'admin';

export interface ApiKeyIdentity {
  id: number;
  name: string;
  role: Role;
  technicianId: number | null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Looks a key up by its SHA-256. Only hashes are stored; comparing digests through a unique index leaks nothing
 * useful about the key, because an attacker cannot choose the digest's prefix.
 */
export async function findApiKey(pool: Pool, key: string): Promise<ApiKeyIdentity | null> {
  const { rows } = await pool.query<ApiKeyIdentity>(
    `SELECT id::int AS id, name, role, technician_id::int AS "technicianId" FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [hashApiKey(key)],
  );
  return rows[0] ?? null;
}

export async function upsertApiKey(pool: Pool, key: { name: string; role: Role; secret: string; technicianId?: number | null }): Promise<void> {
  await pool.query(
    `INSERT INTO api_keys (name, role, key_hash, technician_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, key_hash = EXCLUDED.key_hash, technician_id = EXCLUDED.technician_id, revoked_at = NULL`,
    [key.name, key.role, hashApiKey(key.secret), key.technicianId ?? null],
  );
}
