import type { PoolClient } from 'pg';
import type { Skill } from '../../domain/priority';

export interface OpenOrderInUnit {
  number: number;
  description: string;
  /** The classification's skills; null before the order is classified. */
  skills: Skill[] | null;
}

/** The unit's open orders that no imported order is linked to yet, locked until the import's transaction ends. */
export async function lockOpenUnlinkedOrders(client: PoolClient, unitId: number): Promise<OpenOrderInUnit[]> {
  const { rows } = await client.query<OpenOrderInUnit>(
    `SELECT number::int AS number, description, classification->'skillsRequired' AS skills
       FROM work_orders
      WHERE unit_id = $1 AND status NOT IN ('completed', 'cancelled') AND external_id IS NULL
      ORDER BY number FOR UPDATE`,
    [unitId],
  );
  return rows;
}

/** Links an open order to the AppFolio order it matched: later imports of that row find it as their own. */
export async function linkMatchedOrder(
  client: PoolClient,
  number: number,
  source: string,
  externalId: string,
  facts: Record<string, string | null>,
): Promise<void> {
  await client.query(
    `UPDATE work_orders SET external_source = $2, external_id = $3, metadata = jsonb_set(metadata, ARRAY[$2::text], $4::jsonb), updated_at = now() WHERE number = $1`,
    [number, source, externalId, JSON.stringify(facts)],
  );
}
