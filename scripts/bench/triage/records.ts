/** What the database recorded of part 2's orders: each row's routing and schedule, and its events' timestamps. */
import type { Pool } from 'pg';

export interface RowDetail {
  number: number;
  status: string;
  outcome: string | null;
  reasons: string[] | null;
  priority: string | null;
  confidence: number | null;
  technicianId: number | null;
  scheduledStartEpochMs: number | null;
}

export async function rowDetails(pool: Pool, numbers: number[]): Promise<Map<number, RowDetail>> {
  const { rows } = await pool.query<RowDetail>(
    `SELECT number::int AS number, status, routing->>'outcome' AS outcome, routing->'reasons' AS reasons, priority,
            (classification->>'confidence')::float AS confidence, assigned_technician_id::int AS "technicianId",
            (extract(epoch FROM scheduled_start) * 1000)::float AS "scheduledStartEpochMs"
       FROM work_orders WHERE number = ANY($1::bigint[])`,
    [numbers],
  );
  return new Map(rows.map((r) => [r.number, r]));
}

/** Steps of the workflow, between the transactions that wrote these events (their `at` is the transaction's start). */
export const STEPS: ReadonlyArray<{ from: string; to: string; label: string }> = [
  { from: 'POST', to: 'created', label: 'POST → `created` event (HTTP, signature, store the SMS, find the tenant)' },
  {
    from: 'created',
    to: 'triage_started',
    label:
      '`created` → `triage_started` (start the workflow, commit, first workflow task; recordIntake, loadCurrentRules, applyChange)',
  },
  {
    from: 'triage_started',
    to: 'context_enriched',
    label: '`triage_started` → `context_enriched` (enrichContext at the large history, applyChange)',
  },
  {
    from: 'context_enriched',
    to: 'classified',
    label: '`context_enriched` → `classified` (classifyWorkOrder: cache, heuristic, decision row; applyChange)',
  },
  {
    from: 'classified',
    to: 'assigned',
    label: '`classified` → `assigned` (proposeAssignment, 2 × recordDecision, bookTechnician, applyChange)',
  },
  { from: 'assigned', to: 'SEEN', label: '`assigned` → seen by the poll (commit, then up to 20 ms of polling)' },
];

export async function eventTimes(pool: Pool, numbers: number[]): Promise<Map<number, Map<string, number>>> {
  const { rows } = await pool.query<{ number: number; type: string; at: number }>(
    `SELECT work_order_number::int AS number, type, (extract(epoch FROM at) * 1000)::float AS at
       FROM events WHERE work_order_number = ANY($1::bigint[]) AND type IN ('created', 'triage_started', 'context_enriched', 'classified', 'assigned', 'queued_for_review', 'escalated')
      ORDER BY id`,
    [numbers],
  );
  const byNumber = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const times = byNumber.get(r.number) ?? new Map<string, number>();
    if (!times.has(r.type)) times.set(r.type, r.at);
    byNumber.set(r.number, times);
  }
  return byNumber;
}
