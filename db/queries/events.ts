import type { Pool } from 'pg';

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

export async function listEvents(pool: Pool, filters: { workOrderNumber?: number; type?: string; after?: number; upTo?: number; limit: number }): Promise<EventRecord[]> {
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

export async function listDecisions(pool: Pool, workOrderNumber: number): Promise<Array<Record<string, unknown>>> {
  const { rows } = await pool.query(
    `SELECT id::int AS id, kind, provider, rules_version AS "rulesVersion", input, output, reasoning, at FROM decisions WHERE work_order_number = $1 ORDER BY id`,
    [workOrderNumber],
  );
  return rows;
}

export async function listSmsForWorkOrder(pool: Pool, workOrderNumber: number): Promise<Array<Record<string, unknown>>> {
  const { rows } = await pool.query(
    `SELECT id::int AS id, direction, from_phone AS "from", to_phone AS "to", body, status, kind, recipient_type AS "recipientType", created_at AS "createdAt"
       FROM sms_messages WHERE work_order_number = $1 ORDER BY id`,
    [workOrderNumber],
  );
  return rows;
}
