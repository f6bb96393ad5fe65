import type { ClientBase, Pool } from 'pg';
import { z } from 'zod';
import { PRIORITIES, SOURCES } from '../../domain/priority';
import type { WorkOrderInput } from '../../domain/workOrderContract';

/** From this many failed starts a request is `failing`: logged at error, counted apart in /metrics, in a queue. */
export const FAILING_FROM_ATTEMPTS = 5;

/**
 * A work order whose workflow is to be started once the transaction that wrote it has committed (migration 025): the
 * workflow's argument and the memo key its start carries.
 */
export interface WorkflowStartRequest {
  input: WorkOrderInput;
  startKey: string;
}

/** Read back from jsonb: the input as it was written, or the row is refused (a start with a wrong argument is worse). */
const inputSchema = z.object({
  number: z.number().int().positive(),
  buildingId: z.number().int(),
  unitId: z.number().int(),
  tenantId: z.number().int().nullable(),
  description: z.string(),
  source: z.enum(SOURCES),
  requestedPriority: z.enum(PRIORITIES).nullable(),
  createdBy: z.object({
    type: z.enum(['system', 'tenant', 'technician', 'coordinator', 'vendor', 'scheduler', 'admin', 'ops']),
    id: z.string(),
  }),
  notifyTenant: z.literal(false).optional(),
}) satisfies z.ZodType<WorkOrderInput>;

interface Row {
  work_order_number: string;
  input: unknown;
  start_key: string;
}

/** In the transaction that writes the order: committed with it, or not at all. */
export async function addWorkflowStartRequest(db: ClientBase, request: WorkflowStartRequest): Promise<void> {
  await db.query(
    'INSERT INTO workflow_start_requests (work_order_number, input, start_key) VALUES ($1, $2, $3) ON CONFLICT (work_order_number) DO NOTHING',
    [request.input.number, JSON.stringify(request.input), request.startKey],
  );
}

/**
 * Takes up to `limit` requests that are due, for `leaseSeconds`: another sweep (another API process) passes them by
 * until then, and takes them again if this one died holding them. One whose input no longer reads as a work order's
 * is abandoned on the spot rather than started with a wrong argument (or stopping every sweep after it).
 */
export async function takeDueStartRequests(
  db: Pool | ClientBase,
  limit: number,
  leaseSeconds: number,
): Promise<WorkflowStartRequest[]> {
  const { rows } = await db.query<Row>(
    `UPDATE workflow_start_requests SET next_attempt_at = now() + make_interval(secs => $2)
      WHERE work_order_number IN (
        SELECT work_order_number FROM workflow_start_requests
         WHERE started_at IS NULL AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING work_order_number, input, start_key`,
    [limit, leaseSeconds],
  );
  const due: WorkflowStartRequest[] = [];
  for (const row of rows) {
    const input = inputSchema.safeParse(row.input);
    if (input.success) due.push({ input: input.data, startKey: row.start_key });
    else
      await abandonStartRequest(
        db,
        Number(row.work_order_number),
        `its input is no work order's: ${z.prettifyError(input.error)}`,
      );
  }
  return due;
}

export async function markWorkflowStarted(db: Pool | ClientBase, number: number): Promise<void> {
  await db.query(
    'UPDATE workflow_start_requests SET started_at = now() WHERE work_order_number = $1 AND started_at IS NULL',
    [number],
  );
}

/**
 * A start that failed: counted, its error kept, and the next try backed off (1 s, doubling, at most `maxDelaySeconds`).
 * Resolves with the failures so far.
 */
export async function recordStartFailure(
  db: Pool | ClientBase,
  number: number,
  error: string,
  maxDelaySeconds: number,
): Promise<number> {
  const { rows } = await db.query<{ failed_attempts: number }>(
    `UPDATE workflow_start_requests
        SET failed_attempts = failed_attempts + 1, last_error = $2, last_attempt_at = now(),
            next_attempt_at = now() + make_interval(secs => least(power(2, failed_attempts), $3))
      WHERE work_order_number = $1 AND started_at IS NULL
      RETURNING failed_attempts`,
    [number, error, maxDelaySeconds],
  );
  return rows[0]?.failed_attempts ?? 0;
}

/** A request that can never be started as it is (its workflow id is another order's): the sweep passes it by for good. */
export async function abandonStartRequest(db: Pool | ClientBase, number: number, error: string): Promise<void> {
  await db.query(
    `UPDATE workflow_start_requests
        SET failed_attempts = failed_attempts + 1, last_error = $2, last_attempt_at = now(), next_attempt_at = NULL
      WHERE work_order_number = $1 AND started_at IS NULL`,
    [number, error],
  );
}

/** Requests not started yet, by how they stand: `failing` from FAILING_FROM_ATTEMPTS failures, `abandoned` for good. */
export interface StartRequestCounts {
  waiting: number;
  failing: number;
  abandoned: number;
}

export async function countUnstartedRequests(db: Pool | ClientBase): Promise<StartRequestCounts> {
  const { rows } = await db.query<StartRequestCounts>(
    `SELECT count(*) FILTER (WHERE next_attempt_at IS NOT NULL AND failed_attempts < $1)::int AS waiting,
            count(*) FILTER (WHERE next_attempt_at IS NOT NULL AND failed_attempts >= $1)::int AS failing,
            count(*) FILTER (WHERE next_attempt_at IS NULL)::int AS abandoned
       FROM workflow_start_requests WHERE started_at IS NULL`,
    [FAILING_FROM_ATTEMPTS],
  );
  return rows[0]!;
}
