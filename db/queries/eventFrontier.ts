import type { Pool } from 'pg';

export interface FrontierReading {
  /** The ids of the events visible above the id asked for, ascending (a page: read again when it was full). */
  ids: number[];
  /** The transactions holding a write lock on `events`, read after the rows' snapshot was taken. */
  writers: string[];
}

// One statement: its snapshot is taken before pg_locks is read, which api/events/horizon.ts relies on. Only this
// database's lock on its own events table counts (test databases on one server share table oids).
const WRITERS = `ARRAY(
  SELECT DISTINCT l.virtualtransaction FROM pg_locks l
   WHERE l.locktype = 'relation' AND l.mode = 'RowExclusiveLock' AND l.relation = 'events'::regclass
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS writers`;

const ABOVE = `SELECT ARRAY(SELECT id::int FROM events WHERE id > $1 ORDER BY id LIMIT $2) AS ids, ${WRITERS}`;

const LATEST = `SELECT ARRAY(SELECT id::int FROM events ORDER BY id DESC LIMIT 1) AS ids, ${WRITERS}`;

/** The events visible above `after` (or only the latest one when `after` is null) and who is writing events now. */
export async function readEventFrontier(pool: Pool, after: number | null, limit: number): Promise<FrontierReading> {
  const { rows } = await pool.query<FrontierReading>(
    after === null ? LATEST : ABOVE,
    after === null ? [] : [after, limit],
  );
  return rows[0]!;
}
