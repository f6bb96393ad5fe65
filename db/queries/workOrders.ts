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

const RECORD_COLUMNS = `
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
  const { rows } = await pool.query<WorkOrderRecord>(`SELECT ${RECORD_COLUMNS} FROM work_orders WHERE number = $1`, [number]);
  return rows[0] ?? null;
}

export const QUEUE_NAMES = ['review', 'escalations', 'auto-assigned', 'ready-review', 'failed-steps'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const NO_FAILED_STEP = `(pending_decision->>'kind') IS DISTINCT FROM 'step_failed'`;

/** What puts a work order in each coordinator queue; the workflow keeps these columns current. */
const QUEUE_CONDITIONS: Record<QueueName, string> = {
  review: `status = 'needs_assignment' AND pending_decision->>'kind' = 'assignment'`,
  escalations: `(status = 'escalated' OR (needs_coordinator AND status NOT IN ('needs_assignment', 'completed', 'cancelled'))) AND ${NO_FAILED_STEP}`,
  'auto-assigned': `routing->>'outcome' = 'auto_assign' AND status NOT IN ('completed', 'cancelled')`,
  'ready-review': `status = 'ready_review' AND ${NO_FAILED_STEP}`,
  // A step that failed past its retries: the order waits for a coordinator to retry it, book a visit or cancel.
  'failed-steps': `pending_decision->>'kind' = 'step_failed'`,
};

/** How many orders each queue holds now, by the same conditions as listQueue; one scan. */
export async function countQueues(db: Pool | PoolClient): Promise<Record<QueueName, number>> {
  const counts = QUEUE_NAMES.map((name, i) => `count(*) FILTER (WHERE ${QUEUE_CONDITIONS[name]})::int AS q${i}`).join(', ');
  const { rows } = await db.query<Record<string, number>>(`SELECT ${counts} FROM work_orders`);
  return Object.fromEntries(QUEUE_NAMES.map((name, i) => [name, rows[0]?.[`q${i}`] ?? 0])) as Record<QueueName, number>;
}

export async function listQueue(pool: Pool, name: QueueName, limit: number): Promise<WorkOrderRecord[]> {
  // Oldest first: a queue is worked in the order things arrived; emergencies go to the front.
  const sql = `SELECT ${RECORD_COLUMNS} FROM work_orders WHERE ${QUEUE_CONDITIONS[name]}
               ORDER BY (priority = 'emergency') DESC, updated_at ASC, number ASC LIMIT $1`;
  return (await pool.query<WorkOrderRecord>(sql, [limit])).rows;
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
