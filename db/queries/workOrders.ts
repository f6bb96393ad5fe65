import type { ClientBase, Pool, PoolClient } from 'pg';
import type { WorkOrderStatus } from '../../domain/status';
import type { WorkOrderInput } from '../../domain/workOrderContract';
import { appendEvent, createdEventKey } from './events';

export interface WorkOrderRecord {
  number: number;
  workflowId: string;
  status: WorkOrderStatus;
  priority: string | null;
  requestedPriority: string | null;
  buildingId: number;
  unitId: number;
  tenantId: number | null;
  description: string;
  source: string;
  metadata: Record<string, unknown>;
  classification: unknown;
  proposal: unknown;
  routing: unknown;
  rulesVersion: number | null;
  needsCoordinator: boolean;
  pendingDecision: unknown;
  assignedTechnicianId: number | null;
  scheduledStart: string | null;
  scheduledEnd: string | null;
  slaDeadline: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export const RECORD_COLUMNS = `
  number::int AS number, 'work-order-' || number AS "workflowId", status, priority, requested_priority AS "requestedPriority",
  building_id::int AS "buildingId", unit_id::int AS "unitId", tenant_id::int AS "tenantId", description, source, metadata,
  classification, proposal, routing, rules_version AS "rulesVersion", needs_coordinator AS "needsCoordinator",
  pending_decision AS "pendingDecision", assigned_technician_id::int AS "assignedTechnicianId",
  scheduled_start AS "scheduledStart", scheduled_end AS "scheduledEnd", sla_deadline AS "slaDeadline",
  created_at AS "createdAt", updated_at AS "updatedAt", completed_at AS "completedAt"`;

export interface WorkOrderFilters {
  status?: string;
  priority?: string;
  buildingId?: number;
  technicianId?: number;
  source?: string;
  /** Only orders with a number below this one (newest first paging). */
  before?: number;
  limit: number;
}

export async function listWorkOrders(pool: Pool, filters: WorkOrderFilters): Promise<WorkOrderRecord[]> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (filters.status) add('status = ?', filters.status);
  if (filters.priority) add('priority = ?', filters.priority);
  if (filters.buildingId !== undefined) add('building_id = ?', filters.buildingId);
  if (filters.technicianId !== undefined) add('assigned_technician_id = ?', filters.technicianId);
  if (filters.source) add('source = ?', filters.source);
  if (filters.before !== undefined) add('number < ?', filters.before);
  values.push(filters.limit);
  const sql = `SELECT ${RECORD_COLUMNS} FROM work_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY number DESC LIMIT $${values.length}`;
  return (await pool.query<WorkOrderRecord>(sql, values)).rows;
}

export async function getWorkOrder(pool: Pool, number: number): Promise<WorkOrderRecord | null> {
  const { rows } = await pool.query<WorkOrderRecord>(`SELECT ${RECORD_COLUMNS} FROM work_orders WHERE number = $1`, [
    number,
  ]);
  return rows[0] ?? null;
}

export interface UnitPlacement {
  unitId: number;
  buildingId: number;
  tenantId: number | null;
}

/** The tenant a unit's orders are about when none was named (a preventive order): the first on file, if any. */
export async function firstTenantOf(db: ClientBase, unitId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    'SELECT id::int AS id FROM tenants WHERE unit_id = $1 ORDER BY id LIMIT 1',
    [unitId],
  );
  return rows[0]?.id ?? null;
}

/** Where a new order belongs: a unit (and its tenant on file), or a tenant (and their unit). */
export async function findUnitPlacement(pool: Pool | PoolClient, unitId: number): Promise<UnitPlacement | null> {
  const { rows } = await pool.query<UnitPlacement>(
    `SELECT u.id::int AS "unitId", u.building_id::int AS "buildingId", (SELECT t.id::int FROM tenants t WHERE t.unit_id = u.id ORDER BY t.id LIMIT 1) AS "tenantId"
       FROM units u WHERE u.id = $1`,
    [unitId],
  );
  return rows[0] ?? null;
}

export async function findTenantPlacement(pool: Pool | PoolClient, tenantId: number): Promise<UnitPlacement | null> {
  const { rows } = await pool.query<UnitPlacement>(
    `SELECT t.unit_id::int AS "unitId", u.building_id::int AS "buildingId", t.id::int AS "tenantId" FROM tenants t JOIN units u ON u.id = t.unit_id WHERE t.id = $1`,
    [tenantId],
  );
  return rows[0] ?? null;
}

/** A new order's row: its workflow's input and what the record keeps beside it. */
export interface NewWorkOrderRow {
  input: WorkOrderInput;
  /** Extra facts kept on the record (the number a text came from, the tenant's language, a plan's details). */
  metadata?: Record<string, unknown>;
  /** The order's id in the system it was imported from; unique per source. */
  external?: { source: string; id: string };
  /** A preventive plan's order: its key (plan, period, target), unique, and its target. */
  preventive?: { key: string; target: string };
}

/**
 * The one writer of new work orders: the row and its 'created' event, in the caller's transaction. Whoever writes
 * first (the API's create, which texts and imports use, the workflow's intake, a preventive run), the order has one
 * row and one 'created' event. A row already there under the same number is kept; `mergeMetadata` adds this write's
 * metadata to it (a create retried after its workflow's intake wrote the row). A preventive order whose key is taken
 * is not written. True when the row is this write's (written or merged), and then its event is there too.
 */
export async function insertWorkOrder(
  client: ClientBase,
  row: NewWorkOrderRow,
  onExisting: 'keep' | 'mergeMetadata',
): Promise<boolean> {
  const { input } = row;
  const conflict = row.preventive
    ? 'ON CONFLICT (preventive_key) DO NOTHING'
    : onExisting === 'mergeMetadata'
      ? 'ON CONFLICT (number) DO UPDATE SET metadata = work_orders.metadata || EXCLUDED.metadata'
      : 'ON CONFLICT (number) DO NOTHING';
  const written = await client.query(
    `INSERT INTO work_orders (number, building_id, unit_id, tenant_id, description, source, requested_priority, priority,
                              metadata, external_source, external_id, preventive_key, preventive_target)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10, $11, $12) ${conflict}`,
    [
      input.number,
      input.buildingId,
      input.unitId,
      input.tenantId,
      input.description,
      input.source,
      input.requestedPriority,
      JSON.stringify(row.metadata ?? {}),
      row.external?.source ?? null,
      row.external?.id ?? null,
      row.preventive?.key ?? null,
      row.preventive?.target ?? null,
    ],
  );
  if (written.rowCount !== 1) return false;
  await appendEvent(client, {
    number: input.number,
    type: 'created',
    actor: input.createdBy,
    source: input.source,
    payload: { description: input.description, ...(row.preventive ? { preventiveKey: row.preventive.key } : {}) },
    idempotencyKey: createdEventKey(input.number),
    onDuplicateKey: 'skip',
  });
  return true;
}
