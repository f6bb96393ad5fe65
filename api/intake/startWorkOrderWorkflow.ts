import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
import { NUMBER_CLAIM_MEMO, workflowHolding, type WorkflowHolder } from '../../db/numbering/workflowHolders';
import type { WorkOrderInput } from '../../domain/workOrderContract';
import { initialSearchAttributes, workOrderWorkflowId } from '../../workflows/definitions';
import type { workOrderWorkflow } from '../../workflows/workOrder';
import { noteNumberInTemporal } from './numbersInTemporal';

/**
 * Starts the order's workflow; null when it runs (or ran) as this order. A closed workflow's id is refused like a
 * running one's (REJECT_DUPLICATE), so a new order never becomes a second run under an older order's id. When the id
 * is taken, the workflow holding it: with a start key, one started under the same key is this order (an earlier
 * attempt of the same start), and counts as started. Every start of a work order's workflow goes through here.
 */
export async function startWorkOrderWorkflow(
  temporal: Client,
  taskQueue: string,
  input: WorkOrderInput,
  startKey: string | null,
): Promise<WorkflowHolder | null> {
  const workflowId = workOrderWorkflowId(input.number);
  try {
    await temporal.workflow.start<typeof workOrderWorkflow>('workOrderWorkflow', {
      workflowId,
      taskQueue,
      args: [input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      ...(startKey !== null ? { memo: { [NUMBER_CLAIM_MEMO]: startKey } } : {}),
      typedSearchAttributes: new TypedSearchAttributes(initialSearchAttributes(input)),
    });
    noteNumberInTemporal(temporal, input.number);
    return null;
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const holder = await workflowHolding(temporal, input.number);
    // Gone between the two calls (its retention ran out just then): the id is free again, and a retry will start it.
    if (!holder) throw err;
    noteNumberInTemporal(temporal, input.number);
    return startKey !== null && holder.numberClaim === startKey ? null : holder;
  }
}
