import type { Pool, PoolClient } from 'pg';
import { DEFAULT_RULES } from '../../domain/rules';

/** The time zone of the newest rules: how tenants' "tomorrow at 3" and our "Wed 2:00 PM" are read and written. */
export async function currentTimeZone(client: Pool | PoolClient): Promise<string> {
  const { rows } = await client.query<{ tz: string | null }>(
    `SELECT rules->'scheduling'->>'timeZone' AS tz FROM rules ORDER BY version DESC LIMIT 1`,
  );
  return rows[0]?.tz ?? DEFAULT_RULES.scheduling.timeZone;
}
