/**
 * The coordinator-text workflow's id (the API imports this file, never the workflow code). Its input, its answer and
 * the text's words are in domain/coordinatorText.ts.
 */

/**
 * One workflow per text: a retried POST with the same key finds it (and its answer) instead of texting again. Not
 * `work-order-<number>`: that prefix is the orders' own (db/numbering/workflowHolders.ts scans it).
 */
export function coordinatorTextWorkflowId(workOrderNumber: number, idempotencyKey: string): string {
  return `coordinator-text-${workOrderNumber}-${idempotencyKey}`;
}
