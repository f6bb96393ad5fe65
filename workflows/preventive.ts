import {
  ParentClosePolicy,
  proxyActivities,
  startChild,
  workflowInfo,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import { postgresActivity } from './activityOptions';
import { initialSearchAttributes, workOrderWorkflowId } from './definitions';
import type { WorkOrderInput } from '../domain/workOrderContract';
import { scheduledStartTimeKey, type PreventiveRunInput, type PreventiveRunResult } from './preventiveDefinitions';
import { workflowNow } from './time';
import type { workOrderWorkflow } from './workOrder';

const activities = proxyActivities<Activities>(postgresActivity);

/**
 * Starts a work order's workflow as an abandoned child: it outlives this run, and its id is the order's, so a second
 * start (an overlapping run, or a retry after a crash) fails with "already started" instead of doubling it; a
 * finished one is never started again.
 */
async function startWorkOrder(order: WorkOrderInput): Promise<'started' | 'already'> {
  try {
    await startChild<typeof workOrderWorkflow>('workOrderWorkflow', {
      workflowId: workOrderWorkflowId(order.number),
      args: [order],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      typedSearchAttributes: initialSearchAttributes(order),
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already';
    throw err;
  }
}

/** One run of a preventive maintenance plan: writes the work orders that are due, then starts their workflows. */
export async function preventivePlanWorkflow(input: PreventiveRunInput): Promise<PreventiveRunResult> {
  const info = workflowInfo();
  const asOf = input.asOf
    ? new Date(input.asOf)
    : (info.typedSearchAttributes.get(scheduledStartTimeKey) ?? workflowNow());
  const found = await activities.openDuePreventiveWork({
    planId: input.planId,
    runId: info.runId,
    workflowId: info.workflowId,
    asOf: asOf.toISOString(),
  });
  const outcomes = await Promise.all(found.toStart.map(startWorkOrder));
  const started = outcomes.filter((o) => o === 'started').length;
  const alreadyStarted = outcomes.length - started;
  if (found.planFound) await activities.finishPreventiveRun({ runId: info.runId, started, alreadyStarted });
  // Histories from before issue 17 hold activity results without the skipped items: a result field, no command.
  const skippedItems = found.skippedItems ?? [];
  return {
    planId: input.planId,
    asOf: asOf.toISOString(),
    due: found.due,
    opened: found.opened,
    skipped: found.skipped ?? skippedItems.length,
    skippedItems,
    started,
    alreadyStarted,
  };
}
