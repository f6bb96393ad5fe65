import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { PAGER_WORKFLOW_ID, PAGER_WORKFLOW_TYPE, type PagerInput } from '../workflows/pagerDefinitions';

/**
 * Starts the coordinator pager unless it runs already: every worker process calls this at start, so the pager is
 * back after anything ended it (a terminate, a bug), and two workers starting at once still make one pager.
 */
export async function ensurePagerRunning(
  client: Client,
  taskQueue: string,
  input: PagerInput = {},
): Promise<'started' | 'running'> {
  try {
    await client.workflow.start(PAGER_WORKFLOW_TYPE, { workflowId: PAGER_WORKFLOW_ID, taskQueue, args: [input] });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
    throw err;
  }
}
