import { SCOPED, rate, scopeParams, type AnalyticsScope, type Queryable } from './scope';

export const ASSIGNMENT_DECIDERS = ['auto', 'accept', 'alternative', 'override', 'vendor'] as const;

/**
 * Over the orders with at least one `assigned` event: auto-assigned when the first one was decided by the rules
 * engine (decidedBy 'auto'); overridden when any was a coordinator's override. Reasons count override events
 * (an order overridden twice counts both).
 */
export interface AssignmentFigures {
  assignedOrders: number;
  autoAssigned: number;
  autoAssignmentRate: number | null;
  overridden: number;
  overrideRate: number | null;
  /** How each order's first assignment was decided. */
  firstDecidedBy: Record<(typeof ASSIGNMENT_DECIDERS)[number], number>;
  overrideReasons: Array<{ reason: string; count: number }>;
}

const ASSIGNED = `assigned AS (
  SELECT e.work_order_number AS number, e.payload->>'decidedBy' AS decided_by,
         coalesce(nullif(btrim(e.payload->>'reason'), ''), '(no reason given)') AS reason,
         row_number() OVER (PARTITION BY e.work_order_number ORDER BY e.at, e.id) AS nth
    FROM events e JOIN scoped s ON s.number = e.work_order_number
   WHERE e.type = 'assigned'
)`;

export async function assignmentFigures(db: Queryable, scope: AnalyticsScope): Promise<AssignmentFigures> {
  const params = scopeParams(scope);
  const totals = await db.query<Omit<AssignmentFigures, 'firstDecidedBy' | 'overrideReasons'>>(
    `WITH ${SCOPED}, ${ASSIGNED},
     orders AS (
       SELECT number, bool_or(nth = 1 AND decided_by = 'auto') AS auto, bool_or(decided_by = 'override') AS overridden
         FROM assigned GROUP BY number
     )
     SELECT count(*)::int AS "assignedOrders",
            count(*) FILTER (WHERE auto)::int AS "autoAssigned",
            ${rate('count(*) FILTER (WHERE auto)', 'count(*)')} AS "autoAssignmentRate",
            count(*) FILTER (WHERE overridden)::int AS overridden,
            ${rate('count(*) FILTER (WHERE overridden)', 'count(*)')} AS "overrideRate"
       FROM orders`,
    params,
  );
  const first = await db.query<{ decidedBy: string; count: number }>(
    `WITH ${SCOPED}, ${ASSIGNED}
     SELECT decided_by AS "decidedBy", count(*)::int AS count FROM assigned WHERE nth = 1 GROUP BY decided_by`,
    params,
  );
  const reasons = await db.query<{ reason: string; count: number }>(
    `WITH ${SCOPED}, ${ASSIGNED}
     SELECT reason, count(*)::int AS count FROM assigned WHERE decided_by = 'override' GROUP BY reason ORDER BY count DESC, reason`,
    params,
  );
  const firstDecidedBy = Object.fromEntries(
    ASSIGNMENT_DECIDERS.map((d) => [d, 0]),
  ) as AssignmentFigures['firstDecidedBy'];
  for (const row of first.rows) {
    if ((ASSIGNMENT_DECIDERS as readonly string[]).includes(row.decidedBy))
      firstDecidedBy[row.decidedBy as keyof typeof firstDecidedBy] = row.count;
  }
  return { ...totals.rows[0]!, firstDecidedBy, overrideReasons: reasons.rows };
}
