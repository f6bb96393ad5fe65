import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../domain/failures';
import type { ClientBase, Pool } from 'pg';
import { inTransaction } from '../db/pool';
import { appendEvent } from '../db/queries/events';
import { insertWorkOrder } from '../db/queries/workOrders';
import { canTransition, type WorkOrderStatus } from '../domain/status';
import type { WorkOrderInput } from '../domain/workOrderContract';
import type { ChangeRequest, ChangeResult } from '../domain/workOrderChange';
import type { WorkOrderPatch } from '../domain/workOrderPatch';
import type { ActivityDeps } from './deps';

const PATCH_COLUMNS: Record<keyof WorkOrderPatch, { column: string; json?: boolean }> = {
  priority: { column: 'priority' },
  classification: { column: 'classification', json: true },
  proposal: { column: 'proposal', json: true },
  routing: { column: 'routing', json: true },
  rulesVersion: { column: 'rules_version' },
  needsCoordinator: { column: 'needs_coordinator' },
  pendingDecision: { column: 'pending_decision', json: true },
  assignedTechnicianId: { column: 'assigned_technician_id' },
  scheduledStart: { column: 'scheduled_start' },
  scheduledEnd: { column: 'scheduled_end' },
  slaDeadline: { column: 'sla_deadline' },
  completed: { column: 'completed_at' },
  waitingUntil: { column: 'waiting_until' },
  accessAttempts: { column: 'access_attempts' },
  accessEscalation: { column: 'access_escalation' },
  laborCostCents: { column: 'labor_cost_cents' },
  partsCostCents: { column: 'parts_cost_cents' },
};

export type { ChangeRequest, ChangeResult };

async function applyPatch(
  client: ClientBase,
  number: number,
  to: WorkOrderStatus | undefined,
  patch: WorkOrderPatch,
): Promise<void> {
  const sets: string[] = ['updated_at = now()'];
  const values: unknown[] = [number];
  if (to) {
    values.push(to);
    sets.push(`status = $${values.length}`);
  }
  for (const [key, value] of Object.entries(patch) as Array<[keyof WorkOrderPatch, unknown]>) {
    if (value === undefined) continue;
    const spec = PATCH_COLUMNS[key];
    if (key === 'completed') {
      sets.push(value ? 'completed_at = now()' : 'completed_at = NULL');
      continue;
    }
    values.push(spec.json && value !== null ? JSON.stringify(value) : value);
    sets.push(`${spec.column} = $${values.length}`);
  }
  await client.query(`UPDATE work_orders SET ${sets.join(', ')} WHERE number = $1`, values);
}

export function createWorkOrderActivities({ pool }: ActivityDeps) {
  return {
    /** Makes sure the record exists; the API normally wrote it already, in the transaction that started us. */
    async recordIntake(input: WorkOrderInput): Promise<void> {
      await inTransaction(pool, (client) => ensureWorkOrderRow(client, input));
    },

    /**
     * Every status change goes through here: the row and its event in one transaction, once per idempotency key.
     * A transition the status machine forbids is a bug in the workflow, so it fails without retry.
     */
    async applyChange(req: ChangeRequest): Promise<ChangeResult> {
      return inTransaction(pool, (client) => applyChangeIn(client, req));
    },

    async recordDecision(req: DecisionRecord): Promise<void> {
      await recordDecisionIn(pool, req);
    },
  };
}

/** Inserts the order's row and its 'created' event when the API has not (an order started some other way). */
export async function ensureWorkOrderRow(client: ClientBase, input: WorkOrderInput): Promise<void> {
  await insertWorkOrder(client, { input }, 'keep');
}

/**
 * Every status change goes through here, inside the caller's transaction: the row and its event, once per
 * idempotency key. A transition the status machine forbids is a bug in the workflow, so it fails without retry.
 */
export async function applyChangeIn(client: ClientBase, req: ChangeRequest): Promise<ChangeResult> {
  // The row locked, and whether this change was recorded before, in one round trip.
  const current = await client.query<{ status: WorkOrderStatus; recordedEventId: string | null }>(
    `SELECT status, (SELECT id FROM events WHERE idempotency_key = $2) AS "recordedEventId"
       FROM work_orders WHERE number = $1 FOR UPDATE`,
    [req.number, req.idempotencyKey],
  );
  const row = current.rows[0];
  if (!row)
    throw ApplicationFailure.create({
      type: FailureType.NotFound,
      message: `work order ${req.number} not found`,
      nonRetryable: true,
    });
  if (row.recordedEventId !== null) return { applied: false, eventId: Number(row.recordedEventId), status: row.status };

  if (req.to && req.to !== row.status && !canTransition(row.status, req.to)) {
    throw ApplicationFailure.create({
      type: FailureType.ForbiddenTransition,
      message: `work order ${req.number} cannot go from ${row.status} to ${req.to}`,
      nonRetryable: true,
    });
  }
  const payload = {
    ...(req.event.payload ?? {}),
    ...(req.to && req.to !== row.status ? { from: row.status, to: req.to } : {}),
  };
  const eventId = await appendEvent(client, {
    number: req.number,
    type: req.event.type,
    actor: req.event.actor,
    source: req.event.source,
    payload,
    idempotencyKey: req.idempotencyKey,
    onDuplicateKey: 'skip',
  });
  if (eventId === null) {
    // Another run of this change committed while this one waited for the row (the first read's snapshot predates it).
    const { rows } = await client.query<{ id: string }>('SELECT id FROM events WHERE idempotency_key = $1', [
      req.idempotencyKey,
    ]);
    return { applied: false, eventId: Number(rows[0]!.id), status: row.status };
  }
  await applyPatch(client, req.number, req.to, req.patch ?? {});
  return { applied: true, eventId, status: req.to ?? row.status };
}

export interface DecisionRecord {
  number: number;
  idempotencyKey: string;
  kind: string;
  provider: string;
  rulesVersion: number | null;
  input?: unknown;
  output: unknown;
  reasoning: string;
}

/** Records a classification, proposal or routing decision with its reasoning, once per key. */
export async function recordDecisionIn(db: Pool | ClientBase, req: DecisionRecord): Promise<void> {
  await db.query(
    `INSERT INTO decisions (work_order_number, kind, provider, rules_version, input, output, reasoning, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`,
    [
      req.number,
      req.kind,
      req.provider,
      req.rulesVersion,
      JSON.stringify(req.input ?? {}),
      JSON.stringify(req.output),
      req.reasoning,
      req.idempotencyKey,
    ],
  );
}
