import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import { findTenantPlacement, findUnitPlacement } from '../../db/queries/workOrders';
import type { Priority, WorkOrderSource } from '../../domain/priority';
import { searchAttributes, workOrderWorkflowId, type Actor, type WorkOrderInput } from '../../workflows/definitions';
import type { workOrderWorkflow } from '../../workflows/workOrder';
import { AppError } from '../errors';

export interface NewWorkOrder {
  /**
   * A number claimed ahead for this request (an SMS's intake claim): an earlier attempt may have started the workflow
   * and failed to commit, and that workflow may have written the record itself. Both are then taken as they are.
   */
  number?: number;
  unitId?: number;
  tenantId?: number;
  description: string;
  priority?: Priority;
  source: WorkOrderSource;
  createdBy: Actor;
  /** Extra facts kept on the record, e.g. the number an SMS came from. */
  metadata?: Record<string, unknown>;
  /** The order's id in the system it was imported from; unique per source. */
  external?: { source: string; id: string };
}

export interface CreatedWorkOrder {
  number: number;
  workflowId: string;
}

export interface CommandDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
}

/**
 * Writes the record and its 'created' event, and starts the workflow, inside one transaction: if Temporal refuses
 * the start nothing is written, and if the commit fails the workflow's first step writes the same record itself.
 */
export async function createWorkOrder(deps: CommandDeps, order: NewWorkOrder): Promise<CreatedWorkOrder> {
  return inTransaction(deps.pool, (client) => createWorkOrderIn(client, deps, order));
}

/** The same, inside a transaction the caller owns (the SMS webhook stores the message in the same one). */
export async function createWorkOrderIn(client: PoolClient, deps: CommandDeps, order: NewWorkOrder): Promise<CreatedWorkOrder> {
  const placement = order.tenantId !== undefined ? await findTenantPlacement(client, order.tenantId) : await findUnitPlacement(client, order.unitId!);
  if (!placement) {
    const field = order.tenantId !== undefined ? 'tenantId' : 'unitId';
    throw new AppError(404, 'not_found', `${field === 'tenantId' ? 'tenant' : 'unit'} ${order[field]} not found`, [{ path: `body.${field}`, message: 'not found' }]);
  }
  if (order.unitId !== undefined && order.tenantId !== undefined && placement.unitId !== order.unitId) {
    throw new AppError(422, 'invalid_request', `tenant ${order.tenantId} does not live in unit ${order.unitId}`, [{ path: 'body.unitId', message: 'not the tenant’s unit' }]);
  }

  const number = order.number ?? Number((await client.query<{ number: string }>("SELECT nextval('work_order_number_seq') AS number")).rows[0]!.number);
  const workflowId = workOrderWorkflowId(number);
  const input: WorkOrderInput = {
    number,
    buildingId: placement.buildingId,
    unitId: placement.unitId,
    tenantId: placement.tenantId,
    description: order.description,
    source: order.source,
    requestedPriority: order.priority ?? null,
    createdBy: order.createdBy,
  };
  await client.query(
    `INSERT INTO work_orders (number, building_id, unit_id, tenant_id, description, source, requested_priority, priority, metadata, external_source, external_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10)
     ON CONFLICT (number) DO UPDATE SET metadata = work_orders.metadata || EXCLUDED.metadata`,
    [number, input.buildingId, input.unitId, input.tenantId, input.description, input.source, input.requestedPriority, JSON.stringify(order.metadata ?? {}), order.external?.source ?? null, order.external?.id ?? null],
  );
  await client.query(
    `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key) VALUES ($1, 'created', $2, $3, $4, $5, $6)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [number, input.createdBy.type, input.createdBy.id, input.source, JSON.stringify({ description: input.description }), `${workflowId}/created`],
  );
  await startWorkflow(deps, workflowId, input, order.number !== undefined);
  return { number, workflowId };
}

/** With a claimed number, an earlier attempt may have started the workflow already: that one is this order's. */
async function startWorkflow(deps: CommandDeps, workflowId: string, input: WorkOrderInput, claimed: boolean): Promise<void> {
  try {
    await deps.temporal.workflow.start<typeof workOrderWorkflow>('workOrderWorkflow', {
      workflowId,
      taskQueue: deps.taskQueue,
      args: [input],
      typedSearchAttributes: new TypedSearchAttributes([
        { key: searchAttributes.status, value: 'created' },
        { key: searchAttributes.buildingId, value: String(input.buildingId) },
        { key: searchAttributes.needsCoordinator, value: false },
        ...(input.requestedPriority ? [{ key: searchAttributes.priority, value: input.requestedPriority }] : []),
      ]),
    });
  } catch (err) {
    if (claimed && err instanceof WorkflowExecutionAlreadyStartedError) return;
    throw err;
  }
}
