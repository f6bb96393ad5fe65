import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { workOrderNumberFromWorkflowId, workOrderWorkflowId } from '../../workflows/definitions';

/**
 * The memo entry of a workflow started from a start request (a text's intake): the request's key. A later start
 * of the same number finds "already started" and tells its own earlier attempt (same key) from another order.
 */
export const NUMBER_CLAIM_MEMO = 'numberClaim';

/** The workflow that holds a work order's id: its latest run, running or closed. */
export interface WorkflowHolder {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startTime: string;
  /** The key of the number claim it was started under; null when it was started without one. */
  numberClaim: string | null;
}

export async function workflowHolding(temporal: Client, number: number): Promise<WorkflowHolder | null> {
  try {
    const described = await temporal.workflow.getHandle(workOrderWorkflowId(number)).describe();
    const claim = described.memo?.[NUMBER_CLAIM_MEMO];
    return {
      workflowId: described.workflowId,
      runId: described.runId,
      type: described.type,
      status: described.status.name,
      startTime: described.startTime.toISOString(),
      numberClaim: typeof claim === 'string' ? claim : null,
    };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
}

/** Scans in progress, per client: callers that find numbers taken at the same moment share one pass. */
const scanning = new WeakMap<Client, Promise<number>>();

/**
 * The highest number of any `work-order-<number>` workflow Temporal has in the namespace, running or closed (0 when
 * none): one pass over its visibility store, so it is asked when a number turned out taken, not for every order.
 */
export function highestWorkOrderNumberInTemporal(temporal: Client): Promise<number> {
  const inProgress = scanning.get(temporal);
  if (inProgress) return inProgress;
  const scan = scanWorkOrderWorkflows(temporal).finally(() => scanning.delete(temporal));
  scanning.set(temporal, scan);
  return scan;
}

async function scanWorkOrderWorkflows(temporal: Client): Promise<number> {
  const prefix = workOrderWorkflowId(0).slice(0, -1);
  let highest = 0;
  for await (const workflow of temporal.workflow.list({ query: `WorkflowId STARTS_WITH "${prefix}"` })) {
    const number = workOrderNumberFromWorkflowId(workflow.workflowId);
    if (number !== null && number > highest) highest = number;
  }
  return highest;
}
