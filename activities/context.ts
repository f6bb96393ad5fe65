import type { Rules } from '../domain/rules';
import type { PastOrder, SimilarReport, TriageContext } from '../domain/triageContext';
import type { ClientBase, Pool } from 'pg';
import type { ActivityDeps } from './deps';

// Sort by `work_orders.number`, not the output alias `number` (an expression no index can order).
const PAST_ORDER_COLUMNS = `number::int AS number, status, priority, description, created_at AS "createdAt", completed_at AS "completedAt",
  COALESCE(classification->'skillsRequired', '[]'::jsonb) AS skills`;

export function createContextActivities({ pool }: ActivityDeps) {
  return {
    /** Gathers what a coordinator (or the AI) should know before deciding, and stores it on the record. */
    async enrichContext(req: ContextRequest): Promise<ContextSummary> {
      return summaryOf(await gatherContext(pool, req));
    },
  };
}

export interface ContextRequest {
  number: number;
  context: Rules['context'];
}

/** What the context_enriched event says of the context (the context itself is on the order). */
export interface ContextSummary {
  tenantRequestsInWindow: number;
  similarInBuilding: number;
}

export function summaryOf(context: TriageContext): ContextSummary {
  return {
    tenantRequestsInWindow: context.tenantRequestsInWindow,
    similarInBuilding: context.similarInBuilding.length,
  };
}

/** The order's context: its tenant's and unit's past orders and similar reports in the building, stored on the order. */
export async function gatherContext(db: Pool | ClientBase, req: ContextRequest): Promise<TriageContext> {
  const { rows } = await db.query<{
    tenant_id: string | null;
    unit_id: string;
    building_id: string;
    description: string;
  }>('SELECT tenant_id, unit_id, building_id, description FROM work_orders WHERE number = $1', [req.number]);
  const order = rows[0];
  if (!order) throw new Error(`work order ${req.number} not found`);
  const { historyLimit, similarIssueWindowDays, requestFrequencyWindowDays } = req.context;

  // One after another: inside a transaction they share one connection, which runs one query at a time anyway.
  const [tenantHistory, unitHistory, frequency, similar] = [
    order.tenant_id
      ? await db.query<PastOrder>(
          `SELECT ${PAST_ORDER_COLUMNS} FROM work_orders WHERE tenant_id = $1 AND number <> $2 ORDER BY work_orders.number DESC LIMIT $3`,
          [order.tenant_id, req.number, historyLimit],
        )
      : null,
    await db.query<PastOrder>(
      `SELECT ${PAST_ORDER_COLUMNS} FROM work_orders WHERE unit_id = $1 AND number <> $2 ORDER BY work_orders.number DESC LIMIT $3`,
      [order.unit_id, req.number, historyLimit],
    ),
    order.tenant_id
      ? await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM work_orders WHERE tenant_id = $1 AND number <> $2 AND created_at > now() - make_interval(days => $3)`,
          [order.tenant_id, req.number, requestFrequencyWindowDays],
        )
      : null,
    await db.query<SimilarReport>(
      `SELECT w.number::int AS number, w.status, w.priority, w.description, w.created_at AS "createdAt", w.completed_at AS "completedAt",
              COALESCE(w.classification->'skillsRequired', '[]'::jsonb) AS skills,
              round(similarity(w.description, $2)::numeric, 2)::float AS similarity, u.label AS "unitLabel"
         FROM work_orders w JOIN units u ON u.id = w.unit_id
        WHERE w.building_id = $1 AND w.created_at > now() - make_interval(days => $4)
          -- The building, the window and % are all read from work_orders_building_recent_trgm_idx (migration 024).
          -- (SELECT $2) hides the text from the planner, so the plan does not depend on it: estimated from the
          -- most common descriptions, a text like many others looked like a third of the window, and the planner
          -- then read the whole window and ran the trigram match on every row (it prices one at a comparison).
          AND w.description % (SELECT $2::text)
          -- % matches at pg_trgm.similarity_threshold (0.3 unless changed) and above; the rule is above 0.3.
          AND similarity(w.description, $2) > 0.3
          AND w.number <> $3
        ORDER BY similarity DESC, w.number DESC LIMIT 5`,
      [order.building_id, order.description, req.number, similarIssueWindowDays],
    ),
  ];

  const context: TriageContext = {
    tenantHistory: tenantHistory?.rows ?? [],
    unitHistory: unitHistory.rows,
    tenantRequestsInWindow: frequency?.rows[0]?.n ?? 0,
    requestFrequencyWindowDays,
    similarInBuilding: similar.rows,
    equipment: null,
    gatheredAt: new Date().toISOString(),
    repeatWindowDays: req.context.repeatWindowDays,
  };
  await db.query(
    `UPDATE work_orders SET metadata = metadata || jsonb_build_object('context', $2::jsonb), updated_at = now() WHERE number = $1`,
    [req.number, JSON.stringify(context)],
  );
  return context;
}
