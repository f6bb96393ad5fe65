import type { Pool, PoolClient } from 'pg';
import type { PendingDecision } from '../../domain/workOrderContract';
import { RECORD_COLUMNS, type WorkOrderRecord } from './workOrders';
import { FAILING_FROM_ATTEMPTS } from './workflowStartRequests';

/**
 * The coordinator queues (GET /queues/:name, the queue_size gauge). An open order that needs a person is in exactly
 * one of them, decided by the first rule below that holds; the list, the counts and the entry's why and since all
 * come from these rules, so they cannot disagree.
 */
export const QUEUE_NAMES = [
  'failed-steps',
  'vendor-pick',
  'escalations',
  'review',
  'ready-review',
  'auto-assigned',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export type PendingDecisionKind = PendingDecision['kind'];

/**
 * Where each pending decision the workflow can ask for is worked. `beforeEscalated`: the decision's queue wins over
 * an escalated status (a failed step and vendor quotes need their own actions); otherwise an escalated order is an
 * escalation (an assignment the rules escalated, e.g. a safety concern, is not a routine review).
 * A kind added to PendingDecision without an entry here fails to compile, and test/integration/queueCoverage.test.ts.
 */
export const DECISION_QUEUES: Record<PendingDecisionKind, { queue: QueueName; beforeEscalated?: true }> = {
  step_failed: { queue: 'failed-steps', beforeEscalated: true },
  vendor_pick: { queue: 'vendor-pick', beforeEscalated: true },
  assignment: { queue: 'review' },
  confirmation_timeout: { queue: 'escalations' },
  review_overdue: { queue: 'escalations' },
  sla_breached: { queue: 'escalations' },
  access: { queue: 'escalations' },
  visit_objection: { queue: 'escalations' },
  review: { queue: 'ready-review' },
};

/** Why an order is in its queue, in one word; a pending decision's kind is its own why. */
export type QueueWhy =
  | PendingDecisionKind
  | 'escalated'
  | 'awaiting_review'
  | 'sla_breached'
  | 'sms_problem'
  | 'needs_coordinator'
  | 'workflow_not_started'
  | 'auto_assigned';

interface QueueRule {
  queue: QueueName;
  /** SQL over a work_orders row. */
  when: string;
  why: string;
  /** SQL: since when the order has been waiting for this reason. */
  since: string;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** A written order whose workflow would not start (db/queries/workflowStartRequests.ts): failing, or never to start. */
const NOT_STARTED = `status = 'created' AND number IN (SELECT work_order_number FROM workflow_start_requests
  WHERE started_at IS NULL AND (next_attempt_at IS NULL OR failed_attempts >= ${FAILING_FROM_ATTEMPTS}))`;
const KIND = `(pending_decision->>'kind')`;
const kindsOf = (beforeEscalated: boolean) =>
  (
    Object.entries(DECISION_QUEUES) as Array<[PendingDecisionKind, (typeof DECISION_QUEUES)[PendingDecisionKind]]>
  ).filter(([, d]) => (d.beforeEscalated ?? false) === beforeEscalated);
const decisionRules = (beforeEscalated: boolean): QueueRule[] =>
  kindsOf(beforeEscalated).map(([kind, { queue }]) => ({
    queue,
    when: `${KIND} = ${literal(kind)}`,
    why: literal(kind),
    since: 'attention_since',
  }));

/** In order; the first that holds decides. Only open orders are in a queue. */
const QUEUE_RULES: QueueRule[] = [
  ...decisionRules(true),
  { queue: 'escalations', when: `status = 'escalated'`, why: `coalesce(${KIND}, 'escalated')`, since: 'status_since' },
  ...decisionRules(false),
  // A decision kind this code does not know yet (a newer worker wrote it) still reaches a person.
  { queue: 'escalations', when: `${KIND} IS NOT NULL`, why: KIND, since: 'attention_since' },
  { queue: 'ready-review', when: `status = 'ready_review'`, why: `'awaiting_review'`, since: 'status_since' },
  // The flags behind needs_coordinator that are no decision: an SLA breach, a text that did not reach someone.
  {
    queue: 'escalations',
    when: 'needs_coordinator',
    why: `coalesce(flag.why, 'needs_coordinator')`,
    since: 'attention_since',
  },
  { queue: 'escalations', when: NOT_STARTED, why: `'workflow_not_started'`, since: 'created_at' },
  {
    queue: 'auto-assigned',
    when: `routing->>'outcome' = 'auto_assign'`,
    why: `'auto_assigned'`,
    since: 'status_since',
  },
];

const OPEN = `status NOT IN ('completed', 'cancelled')`;

/** SQL: the order's queue, or NULL when nobody needs to look at it. */
export const QUEUE_OF = `CASE ${QUEUE_RULES.map((r) => `WHEN ${r.when} THEN ${literal(r.queue)}`).join(' ')} END`;
const RULE_INDEX = `CASE ${QUEUE_RULES.map((r, i) => `WHEN ${r.when} THEN ${i}`).join(' ')} END`;
const pick = (field: 'why' | 'since') =>
  `CASE ${RULE_INDEX} ${QUEUE_RULES.map((r, i) => `WHEN ${i} THEN ${r[field]}`).join(' ')} END`;

/** The latest event that set a flag: what the coordinator reads as the why of a flag-only escalation. */
const FLAG = `LEFT JOIN LATERAL (
  SELECT CASE e.type WHEN 'sla_breached' THEN 'sla_breached' ELSE 'sms_problem' END AS why,
         CASE e.type
           WHEN 'sla_breached' THEN 'nobody was on site by the emergency SLA deadline ' || coalesce(e.payload->>'deadline', '')
           WHEN 'sms_undeliverable' THEN 'a text (' || coalesce(e.payload->>'kind', 'unknown') || ') could not be delivered after ' || coalesce(e.payload->>'attempts', '?') || ' attempts'
           ELSE coalesce(e.payload->>'problem', 'a text did not reach its recipient') END AS reason
    FROM events e
   WHERE e.work_order_number = work_orders.number AND e.type IN ('sla_breached', 'sms_not_delivered', 'sms_undeliverable')
   ORDER BY e.id DESC LIMIT 1) flag ON needs_coordinator`;

export interface QueueEntry extends WorkOrderRecord {
  /** Why the order is in this queue: the pending decision's kind and reason, or the status or flag that put it there. */
  why: { kind: QueueWhy | string; reason: string };
  /** Since when it has been waiting for that reason. */
  since: string;
}

const REASON = `CASE
  WHEN pending_decision->>'reason' IS NOT NULL THEN pending_decision->>'reason'
  WHEN status = 'escalated' THEN 'escalated to a coordinator'
  WHEN status = 'ready_review' THEN 'the technician submitted photos: approve or reject the work'
  WHEN needs_coordinator THEN coalesce(flag.reason, 'needs a coordinator')
  WHEN ${NOT_STARTED} THEN 'its workflow has not started: ' || coalesce((SELECT last_error FROM workflow_start_requests r WHERE r.work_order_number = work_orders.number), 'no start recorded')
  ELSE 'assigned automatically: ' || coalesce((SELECT string_agg(r, '; ') FROM jsonb_array_elements_text(routing->'reasons') r), 'the rules allowed it')
END`;

/** How many open orders each queue holds now: one scan, by the same rules as listQueue. */
export async function countQueues(db: Pool | PoolClient): Promise<Record<QueueName, number>> {
  const { rows } = await db.query<{ queue: QueueName; n: number }>(
    `SELECT ${QUEUE_OF} AS queue, count(*)::int AS n FROM work_orders WHERE ${OPEN} GROUP BY 1`,
  );
  const counts = Object.fromEntries(QUEUE_NAMES.map((name) => [name, 0])) as Record<QueueName, number>;
  for (const row of rows) if (row.queue !== null) counts[row.queue] = row.n;
  return counts;
}

/** The queue's orders, oldest wait first (emergencies to the front), each with why and since when. */
export async function listQueue(pool: Pool | PoolClient, name: QueueName, limit: number): Promise<QueueEntry[]> {
  const sql = `SELECT ${RECORD_COLUMNS},
                      jsonb_build_object('kind', ${pick('why')}, 'reason', ${REASON}) AS why,
                      coalesce(${pick('since')}, updated_at) AS since
                 FROM work_orders ${FLAG}
                WHERE ${OPEN} AND ${QUEUE_OF} = $1
                ORDER BY (priority = 'emergency') DESC, since ASC, number ASC LIMIT $2`;
  return (await pool.query<QueueEntry>(sql, [name, limit])).rows;
}

/** The queue an order is in now, or null: what a single order's page shows. */
export async function queueOfOrder(db: Pool | PoolClient, number: number): Promise<QueueName | null> {
  const { rows } = await db.query<{ queue: QueueName | null }>(
    `SELECT CASE WHEN ${OPEN} THEN ${QUEUE_OF} END AS queue FROM work_orders WHERE number = $1`,
    [number],
  );
  return rows[0]?.queue ?? null;
}
