import type { Pool, PoolClient } from 'pg';
import type { WorkOrderStatus } from '../../domain/status';

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
