import type { Pool } from 'pg';

export interface FrontierRow {
  id: number;
  workOrderNumber: number | null;
  type: string;
}

export interface FrontierReading {
  /** Visible events above `readFrom`, ascending (a page: the caller reads again when it was full). */
  rows: FrontierRow[];
  /** The transactions holding a write lock on `events`, read after the rows' snapshot was taken. */
  writers: string[];
}

// One statement: its snapshot is taken before pg_locks is read, which api/events/horizon.ts relies on. Only this
// database's lock on its own events table counts (test databases on one server share table oids).
const WRITERS = `ARRAY(
  SELECT DISTINCT l.virtualtransaction FROM pg_locks l
   WHERE l.locktype = 'relation' AND l.mode = 'RowExclusiveLock' AND l.relation = 'events'::regclass
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS writers`;

const ABOVE = `SELECT coalesce((SELECT json_agg(json_build_array(e.id, e.work_order_number, e.type) ORDER BY e.id)
                          FROM (SELECT id, work_order_number, type FROM events WHERE id > $1 ORDER BY id LIMIT $2) e), '[]') AS rows, ${WRITERS}`;

const LATEST = `SELECT coalesce((SELECT json_agg(json_build_array(e.id, e.work_order_number, e.type))
                          FROM (SELECT id, work_order_number, type FROM events ORDER BY id DESC LIMIT 1) e), '[]') AS rows, ${WRITERS}`;

/** The events visible above `after` (or only the latest one when `after` is null) and who is writing events now. */
export async function readEventFrontier(pool: Pool, after: number | null, limit: number): Promise<FrontierReading> {
  const { rows } = await pool.query<{ rows: Array<[number, number | null, string]>; writers: string[] }>(after === null ? LATEST : ABOVE, after === null ? [] : [after, limit]);
  const result = rows[0]!;
  return { rows: result.rows.map(([id, workOrderNumber, type]): FrontierRow => ({ id, workOrderNumber, type })), writers: result.writers };
}
