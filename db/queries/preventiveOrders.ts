import type { Pool, PoolClient } from 'pg';
import type { ExistingPreventiveOrder } from '../../domain/preventive/duplicates';

type Db = Pool | PoolClient;
type Found = ExistingPreventiveOrder & { name: string };

const COLUMNS = `number::int AS number, status, metadata->'preventive'->>'planId' AS "planId"`;

function byName(rows: Found[]): Map<string, ExistingPreventiveOrder> {
  return new Map(rows.map(({ name, ...order }) => [name, order]));
}

/** Orders written under these preventive keys (this plan, this period), open or not. */
export async function preventiveOrdersByKey(db: Db, keys: string[]): Promise<Map<string, ExistingPreventiveOrder>> {
  const { rows } = await db.query<Found>(
    `SELECT preventive_key AS name, ${COLUMNS} FROM work_orders WHERE preventive_key = ANY($1)`,
    [keys],
  );
  return byName(rows);
}

/** The open order of each of these targets, whatever plan opened it (023's index allows one). */
export async function openPreventiveOrdersByTarget(
  db: Db,
  targets: string[],
): Promise<Map<string, ExistingPreventiveOrder>> {
  const { rows } = await db.query<Found>(
    `SELECT preventive_target AS name, ${COLUMNS} FROM work_orders
      WHERE preventive_target = ANY($1) AND status NOT IN ('completed', 'cancelled')`,
    [targets],
  );
  return byName(rows);
}

/**
 * Claims these targets until the caller's transaction ends: a run of another plan that wants one of them waits, then
 * sees this run's orders. Taken in the order of their lock keys, so two runs never wait on each other in a circle
 * (Postgres evaluates a volatile function in the select list after ORDER BY).
 */
export async function lockPreventiveTargets(client: PoolClient, targets: string[]): Promise<void> {
  if (targets.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext('preventive-target/' || t) AS k FROM unnest($1::text[]) AS t) keys ORDER BY k`,
    [targets],
  );
}
