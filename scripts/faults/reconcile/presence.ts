/** Work orders in Postgres = workflows in Temporal = expected: none missing, none extra. */
import type { Check, ExpectedOrder, ReconcileScope } from '../reconcile';
import { checkRecorder, eventually } from './check';
import { workflowQuery } from './counts';

/** A work order's row, as the reconciliation reads them all. */
export interface OrderRow {
  number: string;
  status: string;
  tenant_id: string | null;
}

export async function presenceChecks(
  { client, taskQueue }: ReconcileScope,
  expected: ExpectedOrder[],
  rows: OrderRow[],
): Promise<Check[]> {
  const checks: Check[] = [];
  const check = checkRecorder(checks);
  const byNumber = new Map(expected.map((e) => [e.number, e]));
  const numbers = [...byNumber.keys()];
  const inPostgres = new Set(rows.map((r) => Number(r.number)));
  check(
    'work orders in Postgres = expected',
    [
      ...numbers.filter((n) => !inPostgres.has(n)).map((n) => `#${n} missing`),
      ...[...inPostgres].filter((n) => !byNumber.has(n)).map((n) => `#${n} not expected`),
    ],
    `${inPostgres.size} = ${expected.length}`,
  );

  const listWorkflows = async () => {
    const ids = new Map<string, string>();
    for await (const info of client.workflow.list({ query: workflowQuery(taskQueue) }))
      ids.set(info.workflowId, info.status.name);
    return ids;
  };
  const expectedIds = new Set(numbers.map((n) => `work-order-${n}`));
  const workflows = await eventually(
    listWorkflows,
    (ids) => ids.size === expectedIds.size && [...expectedIds].every((id) => ids.has(id)),
  );
  const visibleCount = (await client.workflow.count(workflowQuery(taskQueue))).count;
  check(
    'workflows in Temporal = work orders = expected',
    [
      ...[...expectedIds].filter((id) => !workflows.has(id)).map((id) => `${id} missing`),
      ...[...workflows.keys()].filter((id) => !expectedIds.has(id)).map((id) => `${id} not expected`),
      ...(visibleCount === expected.length ? [] : [`visibility counts ${visibleCount}`]),
    ],
    `${workflows.size} workflows (count query ${visibleCount}) = ${inPostgres.size} work orders = ${expected.length} expected`,
  );
  return checks;
}
