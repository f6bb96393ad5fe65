/** The expected status everywhere: the row, the workflow (running, answering its state query), the search attribute. */
import type { Client } from '@temporalio/client';
import type { WorkOrderState } from '../../../domain/workOrderContract';
import { stateQuery } from '../../../workflows/definitions';
import { mapLimit, sleep } from '../../async';
import type { Check, ExpectedOrder, ReconcileScope } from '../reconcile';
import { checkRecorder, eventually } from './check';
import { workflowQuery } from './counts';
import type { OrderRow } from './presence';

interface Queried {
  e: ExpectedOrder;
  /** The execution's status (RUNNING, COMPLETED, ...), or UNREACHABLE. */
  execution: string;
  /** What its state query answered, or why it did not. */
  status: string;
  attempts: number;
}

/**
 * Each workflow described and asked for its state. A query goes first to the worker that last ran the workflow (its
 * sticky queue): right after that worker was killed, it can time out until Temporal gives up on the dead worker.
 * Asked again, up to 5 times.
 */
function queryEveryWorkflow(client: Client, expected: ExpectedOrder[]): Promise<Queried[]> {
  return mapLimit(expected, 8, async (e) => {
    const handle = client.workflow.getHandle(`work-order-${e.number}`);
    for (let attempt = 1; ; attempt++) {
      try {
        const described = await handle.describe();
        const state: WorkOrderState = await handle.query(stateQuery);
        return { e, execution: described.status.name, status: state.status as string, attempts: attempt };
      } catch (err) {
        if (attempt >= 5) {
          const cause = (err as Error & { cause?: Error }).cause?.message;
          return {
            e,
            execution: 'UNREACHABLE',
            status: `${(err as Error).message}${cause ? `: ${cause}` : ''}`,
            attempts: attempt,
          };
        }
        await sleep(2_000 * attempt);
      }
    }
  });
}

export async function statusChecks(
  { client, taskQueue }: ReconcileScope,
  expected: ExpectedOrder[],
  rows: OrderRow[],
): Promise<Check[]> {
  const checks: Check[] = [];
  const check = checkRecorder(checks);
  const rowStatus = new Map(rows.map((r) => [Number(r.number), r.status]));
  check(
    'status in Postgres = expected',
    expected
      .filter((e) => rowStatus.get(e.number) !== e.status)
      .map((e) => `#${e.number} is ${rowStatus.get(e.number) ?? 'missing'}, expected ${e.status}`),
    `${expected.length} orders as expected`,
  );
  const terminal = new Set(['completed', 'cancelled']);
  const queried = await queryEveryWorkflow(client, expected);
  const askedAgain = queried.filter((q) => q.attempts > 1).length;
  check(
    'every workflow is alive and its state query = expected',
    queried
      .filter((q) => q.status !== q.e.status || q.execution !== (terminal.has(q.e.status) ? 'COMPLETED' : 'RUNNING'))
      .map((q) => `work-order-${q.e.number}: ${q.execution}, state ${q.status}, expected ${q.e.status}`),
    `${queried.length} workflows answered with the expected status${askedAgain ? ` (${askedAgain} on a second try or later)` : ''}`,
  );
  const expectedByStatus = new Map<string, number>();
  for (const e of expected) expectedByStatus.set(e.status, (expectedByStatus.get(e.status) ?? 0) + 1);
  const attributeCounts = await eventually(
    async () => {
      const found = new Map<string, number>();
      for (const status of expectedByStatus.keys())
        found.set(
          status,
          (await client.workflow.count(workflowQuery(taskQueue, `WorkOrderStatus = '${status}'`))).count,
        );
      return found;
    },
    (found) => [...expectedByStatus].every(([s, n]) => found.get(s) === n),
  );
  check(
    'search attribute WorkOrderStatus = expected',
    [...expectedByStatus]
      .filter(([s, n]) => attributeCounts.get(s) !== n)
      .map(([s, n]) => `WorkOrderStatus="${s}": ${attributeCounts.get(s)} workflows, expected ${n}`),
    [...expectedByStatus].map(([s, n]) => `WorkOrderStatus="${s}": ${n}`).join(', '),
  );
  return checks;
}
