import type { Client } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import { nextWorkOrderNumber } from '../../db/queries/workOrderNumbers';
import {
  findTenantPlacement,
  findUnitPlacement,
  insertWorkOrder,
  type UnitPlacement,
} from '../../db/queries/workOrders';
import { addWorkflowStartRequest, type WorkflowStartRequest } from '../../db/queries/workflowStartRequests';
import type { Priority, WorkOrderSource } from '../../domain/priority';
import {
  NoFreeWorkOrderNumber,
  skipTakenNumber,
  TAKEN_NUMBER_ATTEMPTS,
  type NumberingLog,
} from '../../db/numbering/takenNumbers';
import type { WorkflowHolder } from '../../db/numbering/workflowHolders';
import { createLogger, type Logger } from '../../observability/logger';
import { workOrderWorkflowId } from '../../workflows/definitions';
import type { Actor } from '../../domain/actor';
import type { WorkOrderInput } from '../../domain/workOrderContract';
import { AppError } from '../errors';
import { takeNumberToStartLater } from '../intake/numbersInTemporal';
import { startWorkOrderWorkflow } from '../intake/startWorkOrderWorkflow';

/** A number claimed ahead for one request (a held text's attach), and the claim's key (unique to what claimed it). */
export interface NumberClaim {
  number: number;
  key: string;
}

/**
 * A claimed number whose workflow id belongs to another order (not an earlier attempt of this claim's): the caller
 * moves its claim past it (skipTakenNumber) and tries again. Thrown inside its transaction, which then rolls back.
 */
export class ClaimedNumberTaken extends Error {
  constructor(
    readonly claim: NumberClaim,
    readonly holder: WorkflowHolder,
  ) {
    super(
      `work order number ${claim.number}, claimed by ${claim.key}, is taken: ${holder.workflowId} is another order's workflow`,
    );
    this.name = 'ClaimedNumberTaken';
  }
}

export interface NewWorkOrder {
  /**
   * A number claimed ahead for this request (a held text's attach): an earlier attempt may have started the workflow
   * and failed to commit, and that workflow may have written the record itself. Both are then taken as they are, when
   * the workflow carries this claim's key; any other workflow holding the id is another order's (ClaimedNumberTaken).
   */
  claim?: NumberClaim;
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
  /** False: the workflow never texts the tenant about this order (an import that was not asked to notify them). */
  notifyTenant?: false;
}

export interface CreatedWorkOrder {
  number: number;
  workflowId: string;
}

export interface CommandDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  /** Where a number found taken is told, at error; a `warn`-level logger on stdout when absent. */
  logger?: Logger;
}

/**
 * Writes the record and its 'created' event, and starts the workflow, inside one transaction: if Temporal refuses
 * the start nothing is written, and if the commit fails the workflow's first step writes the same record itself.
 */
export async function createWorkOrder(deps: CommandDeps, order: NewWorkOrder): Promise<CreatedWorkOrder> {
  return inTransaction(deps.pool, (client) => createWorkOrderIn(client, deps, order));
}

/** The same, inside a transaction the caller owns (an attached held text, an import). */
export async function createWorkOrderIn(
  client: PoolClient,
  deps: CommandDeps,
  order: NewWorkOrder,
): Promise<CreatedWorkOrder> {
  const inputFor = await placeOrder(client, order);
  if (order.claim) {
    const input = inputFor(order.claim.number);
    await writeRecord(client, input, order);
    const holder = await startWorkOrderWorkflow(deps.temporal, deps.taskQueue, input, order.claim.key);
    if (holder) throw new ClaimedNumberTaken(order.claim, holder);
    return { number: input.number, workflowId: workOrderWorkflowId(input.number) };
  }
  // A fresh number is this order's alone in this database, so a workflow already holding its id is always another
  // order's: one from before the database was dropped or restored. Its record is undone and the order takes the next.
  let number = 0;
  for (let attempt = 0; attempt < TAKEN_NUMBER_ATTEMPTS; attempt++) {
    number = await nextWorkOrderNumber(client);
    const input = inputFor(number);
    await client.query('SAVEPOINT work_order_number');
    await writeRecord(client, input, order);
    const holder = await startWorkOrderWorkflow(deps.temporal, deps.taskQueue, input, null);
    if (!holder) {
      await client.query('RELEASE SAVEPOINT work_order_number');
      return { number, workflowId: workOrderWorkflowId(number) };
    }
    await client.query('ROLLBACK TO SAVEPOINT work_order_number');
    await skipTakenNumber(client, deps.temporal, numberingLog(deps), {
      number,
      holder,
      wanting: `a new ${order.source} work order`,
    });
  }
  throw new AppError(503, 'no_free_number', new NoFreeWorkOrderNumber(number).message);
}

/** An order whose workflow starts after the caller's transaction commits (an SMS intake). */
export interface OrderToStartLater extends Omit<NewWorkOrder, 'claim'> {
  /** Where the order belongs, when the caller read it already (an SMS intake reads it with the sender). */
  placement?: UnitPlacement;
  /** The memo key its workflow is started with: unique to what asked for the order (`sms:<MessageSid>`). */
  startKey: string;
  /** What the number is for, in the log when one turns out taken (`the text <MessageSid>`). */
  wanting: string;
}

export interface RecordedWorkOrder extends CreatedWorkOrder {
  /** Committed with the order; the caller hands it to the starter once the transaction has committed. */
  start: WorkflowStartRequest;
}

/**
 * Writes the record, its 'created' event and a request to start its workflow, inside the caller's transaction, and
 * starts nothing: the starter (api/intake/workflowStarter.ts) starts the workflow after the commit, and its sweep
 * does if that start fails or the process dies first. Temporal is asked nothing on the way, but for a number the
 * database handed out again (see takeNumberToStartLater).
 */
export async function createWorkOrderToStartLater(
  client: PoolClient,
  deps: CommandDeps,
  order: OrderToStartLater,
): Promise<RecordedWorkOrder> {
  const inputFor = order.placement ? inputForPlacement(order, order.placement) : await placeOrder(client, order);
  let number: number;
  try {
    number = await takeNumberToStartLater(client, deps.temporal, numberingLog(deps), order.wanting);
  } catch (err) {
    if (err instanceof NoFreeWorkOrderNumber) throw new AppError(503, 'no_free_number', err.message);
    throw err;
  }
  const input = inputFor(number);
  await writeRecord(client, input, order);
  const start = { input, startKey: order.startKey };
  await addWorkflowStartRequest(client, start);
  return { number, workflowId: workOrderWorkflowId(number), start };
}

/** Where the order belongs (404 for an unknown unit or tenant, 422 when they do not match): its input, given a number. */
async function placeOrder(
  client: PoolClient,
  order: Omit<NewWorkOrder, 'claim'>,
): Promise<(number: number) => WorkOrderInput> {
  const placement =
    order.tenantId !== undefined
      ? await findTenantPlacement(client, order.tenantId)
      : await findUnitPlacement(client, order.unitId!);
  if (!placement) {
    const field = order.tenantId !== undefined ? 'tenantId' : 'unitId';
    throw new AppError(404, 'not_found', `${field === 'tenantId' ? 'tenant' : 'unit'} ${order[field]} not found`, [
      { path: `body.${field}`, message: 'not found' },
    ]);
  }
  if (order.unitId !== undefined && order.tenantId !== undefined && placement.unitId !== order.unitId) {
    throw new AppError(422, 'invalid_request', `tenant ${order.tenantId} does not live in unit ${order.unitId}`, [
      { path: 'body.unitId', message: 'not the tenant’s unit' },
    ]);
  }
  return inputForPlacement(order, placement);
}

function inputForPlacement(
  order: Omit<NewWorkOrder, 'claim'>,
  placement: UnitPlacement,
): (number: number) => WorkOrderInput {
  return (number) => ({
    number,
    buildingId: placement.buildingId,
    unitId: placement.unitId,
    tenantId: placement.tenantId,
    description: order.description,
    source: order.source,
    requestedPriority: order.priority ?? null,
    createdBy: order.createdBy,
    ...(order.notifyTenant === false ? { notifyTenant: false as const } : {}),
  });
}

let defaultLogger: Logger | undefined;

/** Numbers found taken are errors someone must see, whoever calls. */
export function numberingLog(deps: CommandDeps): NumberingLog {
  const logger = deps.logger ?? (defaultLogger ??= createLogger({ level: 'warn', service: 'api' }));
  return (message, fields) => logger.error(fields, message);
}

async function writeRecord(
  client: PoolClient,
  input: WorkOrderInput,
  order: Omit<NewWorkOrder, 'claim'>,
): Promise<void> {
  await insertWorkOrder(
    client,
    { input, metadata: order.metadata, ...(order.external ? { external: order.external } : {}) },
    'mergeMetadata',
  );
}
