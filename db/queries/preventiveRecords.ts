import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Actor } from '../../domain/actor';
import { appendEvent } from './events';

/** What preventive plans look at: equipment (its typical life) and seasonal tasks (a due date each year). */
export const PREVENTIVE_RECORD_KINDS = ['equipment', 'seasonalTasks'] as const;
export type PreventiveRecordKind = (typeof PREVENTIVE_RECORD_KINDS)[number];

export type PreventiveRecord = Record<string, unknown> & {
  id: number;
  buildingId: number;
  openOrder: { number: number; status: string } | null;
};

interface KindSql {
  table: string;
  columns: string;
  /** `preventive_target` of its orders, before the id (domain/preventive/dueItems.ts). */
  targetPrefix: string;
  /** Plans look only at these. */
  inUse: string;
}

export const RECORD_SQL: Record<PreventiveRecordKind, KindSql> = {
  equipment: {
    table: 'equipment',
    columns: `r.id::int AS id, r.building_id::int AS "buildingId", r.unit_id::int AS "unitId", r.kind, r.label,
      to_char(r.installed_on, 'YYYY-MM-DD') AS "installedOn", r.typical_life_years::float AS "typicalLifeYears",
      to_char(r.retired_on, 'YYYY-MM-DD') AS "retiredOn", r.created_at AS "createdAt"`,
    targetPrefix: 'equipment-',
    inUse: 'r.retired_on IS NULL',
  },
  seasonalTasks: {
    table: 'seasonal_tasks',
    columns: `r.id::int AS id, r.building_id::int AS "buildingId", r.name, r.description, r.due_month::int AS "dueMonth",
      r.due_day::int AS "dueDay", r.lead_days AS "leadDays", r.priority, r.active, r.created_at AS "createdAt"`,
    targetPrefix: 'seasonal-',
    inUse: 'r.active',
  },
};

/** The record's columns and its open preventive order, if it has one (at most one: 023's index). */
function selectFrom(kind: PreventiveRecordKind): string {
  const { table, columns, targetPrefix } = RECORD_SQL[kind];
  return `SELECT ${columns},
      (SELECT json_build_object('number', o.number, 'status', o.status) FROM work_orders o
        WHERE o.preventive_target = '${targetPrefix}' || r.id AND o.status NOT IN ('completed', 'cancelled')) AS "openOrder"
    FROM ${table} r`;
}

export interface RecordFilter {
  /** A column of the kind's table, from the route's own list, never from a request. */
  column: string;
  value: string | number;
}

export async function listPreventiveRecords(
  pool: Pool,
  kind: PreventiveRecordKind,
  query: { afterId: number; limit: number; filters: RecordFilter[]; includeOutOfUse: boolean },
): Promise<PreventiveRecord[]> {
  const params: unknown[] = [query.afterId, query.limit];
  const where = [
    'r.id > $1',
    ...query.filters.map((f) => `r.${f.column} = $${params.push(f.value)}`),
    ...(query.includeOutOfUse ? [] : [RECORD_SQL[kind].inUse]),
  ];
  const { rows } = await pool.query<PreventiveRecord>(
    `${selectFrom(kind)} WHERE ${where.join(' AND ')} ORDER BY r.id LIMIT $2`,
    params,
  );
  return rows;
}

/** One record; `forUpdate` holds its row until the caller's transaction ends. */
export async function findPreventiveRecord(
  db: Pool | PoolClient,
  kind: PreventiveRecordKind,
  id: number,
  forUpdate = false,
): Promise<PreventiveRecord | null> {
  const { rows } = await db.query<PreventiveRecord>(
    `${selectFrom(kind)} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** Inserts the columns given (names from the kind's field table) and returns the new id. */
export async function insertPreventiveRecord(
  client: PoolClient,
  kind: PreventiveRecordKind,
  values: Record<string, unknown>,
): Promise<number> {
  const columns = Object.keys(values);
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO ${RECORD_SQL[kind].table} (${columns.join(', ')}) VALUES (${columns.map((_c, i) => `$${i + 1}`).join(', ')}) RETURNING id::int AS id`,
    Object.values(values),
  );
  return rows[0]!.id;
}

export async function updatePreventiveRecord(
  client: PoolClient,
  kind: PreventiveRecordKind,
  id: number,
  values: Record<string, unknown>,
): Promise<void> {
  const columns = Object.keys(values);
  if (columns.length === 0) return;
  await client.query(
    `UPDATE ${RECORD_SQL[kind].table} SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [id, ...Object.values(values)],
  );
}

/** Another record of the building with this label (equipment) or name (seasonal task). */
export async function sameNameInBuilding(
  client: PoolClient,
  kind: PreventiveRecordKind,
  buildingId: number,
  name: string,
  exceptId: number | null,
): Promise<number | null> {
  const column = kind === 'equipment' ? 'label' : 'name';
  const { rows } = await client.query<{ id: number }>(
    `SELECT id::int AS id FROM ${RECORD_SQL[kind].table} WHERE building_id = $1 AND ${column} = $2 AND id IS DISTINCT FROM $3`,
    [buildingId, name, exceptId],
  );
  return rows[0]?.id ?? null;
}

/** A change to equipment or a seasonal task in the event log (no work order), attributed to whoever made it. */
export async function logPreventiveRecordEvent(
  client: PoolClient,
  type: string,
  actor: Actor,
  payload: Record<string, unknown> & { id: number },
): Promise<void> {
  await appendEvent(client, {
    number: null,
    type,
    actor,
    source: 'api',
    payload,
    idempotencyKey: `${type}/${payload.id}/${randomUUID()}`,
    onDuplicateKey: 'throw',
  });
}
