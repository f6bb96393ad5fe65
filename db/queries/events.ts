import type { ClientBase, Pool } from 'pg';

/** One row to append to the event log (events are append-only: a trigger refuses updates and deletes). */
export interface NewEvent {
  /** The work order it concerns; null for changes to the portfolio, rules, schedules, coordinators. */
  number: number | null;
  type: string;
  actor: { type: string; id: string };
  source: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  /**
   * A key already in the log: 'skip' writes nothing and resolves null (a retry or a second delivery of the same
   * thing); 'throw' lets the unique violation fail the caller's transaction (callers that treat it as a conflict).
   */
  onDuplicateKey: 'skip' | 'throw';
  /** When it happened, for history written after the fact (the demo seed); otherwise now(). */
  at?: Date;
}

/**
 * The one writer of the event log: every product event is appended here, inside the caller's transaction when it
 * passes its client. Resolves with the new event's id, or null when `onDuplicateKey: 'skip'` found the key taken.
 */
export async function appendEvent(db: Pool | ClientBase, event: NewEvent): Promise<number | null> {
  const columns = 'work_order_number, type, actor_type, actor_id, source, payload, idempotency_key';
  const values: unknown[] = [
    event.number,
    event.type,
    event.actor.type,
    event.actor.id,
    event.source,
    JSON.stringify(event.payload),
    event.idempotencyKey,
  ];
  if (event.at) values.push(event.at);
  const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
  const onConflict = event.onDuplicateKey === 'skip' ? ' ON CONFLICT (idempotency_key) DO NOTHING' : '';
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO events (${columns}${event.at ? ', at' : ''}) VALUES (${placeholders})${onConflict} RETURNING id`,
    values,
  );
  return rows[0] ? Number(rows[0].id) : null;
}

const CREATED_KEY_PREFIX = 'work-order-';
const CREATED_KEY_SUFFIX = '/created';

/**
 * The key of a work order's 'created' event, whoever writes it first (the API's create, which imports and held texts
 * use too, the workflow's intake, a preventive run): each writes it with 'skip', so the order has one. It is the
 * workflow id and '/created' (test/unit/oneEventWriter.test.ts holds the two together).
 */
export function createdEventKey(number: number): string {
  return `${CREATED_KEY_PREFIX}${number}${CREATED_KEY_SUFFIX}`;
}

/** The same key computed in SQL from an expression holding the order's number (e.g. `w.number`). */
export function createdEventKeySql(numberExpression: string): string {
  return `'${CREATED_KEY_PREFIX}' || ${numberExpression} || '${CREATED_KEY_SUFFIX}'`;
}

export interface EventRecord {
  id: number;
  workOrderNumber: number | null;
  type: string;
  actorType: string;
  actorId: string;
  source: string;
  payload: Record<string, unknown>;
  at: string;
}

const EVENT_COLUMNS = `id::int AS id, work_order_number::int AS "workOrderNumber", type, actor_type AS "actorType", actor_id AS "actorId", source, payload, at`;

export async function listEvents(
  pool: Pool,
  filters: { workOrderNumber?: number; type?: string; after?: number; upTo?: number; limit: number },
): Promise<EventRecord[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  if (filters.workOrderNumber !== undefined) {
    values.push(filters.workOrderNumber);
    where.push(`work_order_number = $${values.length}`);
  }
  if (filters.type) {
    values.push(filters.type);
    where.push(`type = $${values.length}`);
  }
  if (filters.after !== undefined) {
    values.push(filters.after);
    where.push(`id > $${values.length}`);
  }
  if (filters.upTo !== undefined) {
    values.push(filters.upTo);
    where.push(`id <= $${values.length}`);
  }
  values.push(filters.limit);
  const sql = `SELECT ${EVENT_COLUMNS} FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id ASC LIMIT $${values.length}`;
  return (await pool.query<EventRecord>(sql, values)).rows;
}
