import type { Pool } from 'pg';
import type { EventRecord } from './events';
import { RECORD_COLUMNS, type WorkOrderRecord } from './workOrders';

/** What `GET /work-orders/:id` answers: the record with its event log, decisions and texts, oldest first. */
export interface WorkOrderDetail extends WorkOrderRecord {
  events: EventRecord[];
  decisions: Array<Record<string, unknown>>;
  sms: Array<Record<string, unknown>>;
}

/**
 * A timestamp as JSON carries it when `pg` reads it into a Date (`toISOString`: UTC, milliseconds truncated), so a
 * list aggregated in SQL reads the same as the record's own columns.
 */
function isoUtc(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

function listOf(columns: string, table: string, limit = ''): string {
  return `(SELECT coalesce(json_agg(row_to_json(r) ORDER BY r.id), '[]'::json) FROM (
      SELECT ${columns} FROM ${table} WHERE work_order_number = w.number ORDER BY id${limit}) r)`;
}

const EVENTS = listOf(
  `id::int AS id, work_order_number::int AS "workOrderNumber", type, actor_type AS "actorType", actor_id AS "actorId", source, payload, ${isoUtc('at')} AS at`,
  'events',
  ' LIMIT $2',
);
const DECISIONS = listOf(
  `id::int AS id, kind, provider, rules_version AS "rulesVersion", input, output, reasoning, ${isoUtc('at')} AS at`,
  'decisions',
);
const SMS = listOf(
  `id::int AS id, direction, from_phone AS "from", to_phone AS "to", body, status, kind, recipient_type AS "recipientType", ${isoUtc('created_at')} AS "createdAt"`,
  'sms_messages',
);

/**
 * The order and everything the detail page shows, in one statement: one connection per request, where reading the
 * lists beside the record asked the pool for four.
 */
export async function getWorkOrderDetail(
  pool: Pool,
  number: number,
  eventLimit: number,
): Promise<WorkOrderDetail | null> {
  const { rows } = await pool.query<WorkOrderDetail>(
    `SELECT ${RECORD_COLUMNS}, ${EVENTS} AS events, ${DECISIONS} AS decisions, ${SMS} AS sms
       FROM work_orders w WHERE number = $1`,
    [number, eventLimit],
  );
  return rows[0] ?? null;
}
