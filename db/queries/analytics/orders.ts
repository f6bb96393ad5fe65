import { SCOPED, rounded, scopeParams, type AnalyticsScope, type Queryable } from './scope';

export interface OrderCounts {
  created: number;
  completed: number;
  cancelled: number;
  /** Neither completed nor cancelled yet. */
  open: number;
}

/** Request-to-completion: created_at to completed_at of the completed orders, in hours. */
export interface CompletionTime {
  orders: number;
  meanHours: number | null;
  p50Hours: number | null;
  p90Hours: number | null;
}

export async function orderCounts(db: Queryable, scope: AnalyticsScope): Promise<OrderCounts> {
  const { rows } = await db.query<OrderCounts>(
    `WITH ${SCOPED}
     SELECT count(*)::int AS created,
            count(*) FILTER (WHERE status = 'completed')::int AS completed,
            count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
            count(*) FILTER (WHERE status NOT IN ('completed', 'cancelled'))::int AS open
       FROM scoped`,
    scopeParams(scope),
  );
  return rows[0]!;
}

export async function completionTime(db: Queryable, scope: AnalyticsScope): Promise<CompletionTime> {
  // percentile_cont interpolates between the two nearest orders (p50 of 4 orders: the mean of the middle two).
  const { rows } = await db.query<CompletionTime>(
    `WITH ${SCOPED},
     durations AS (
       SELECT (extract(epoch FROM completed_at - created_at) / 3600)::float8 AS hours
         FROM scoped WHERE status = 'completed' AND completed_at IS NOT NULL
     )
     SELECT count(*)::int AS orders,
            ${rounded('avg(hours)', 2)} AS "meanHours",
            ${rounded('percentile_cont(0.5) WITHIN GROUP (ORDER BY hours)', 2)} AS "p50Hours",
            ${rounded('percentile_cont(0.9) WITHIN GROUP (ORDER BY hours)', 2)} AS "p90Hours"
       FROM durations`,
    scopeParams(scope),
  );
  return rows[0]!;
}
