import type { PoolClient } from 'pg';

/**
 * Which work orders a summary covers: created in [from, to), optionally in one building, optionally with one
 * technician as the assigned technician of record (the last one assigned). Every figure is about these orders:
 * their events, parts requests, access problems and surveys, whenever those happened.
 */
export interface AnalyticsScope {
  from: Date;
  to: Date;
  buildingId: number | null;
  technicianId: number | null;
}

export type Queryable = Pick<PoolClient, 'query'>;

/** The orders in scope, as the CTE `scoped`; its parameters are $1..$4 from scopeParams. */
export const SCOPED = `scoped AS (
  SELECT wo.* FROM work_orders wo
   WHERE wo.created_at >= $1 AND wo.created_at < $2
     AND ($3::bigint IS NULL OR wo.building_id = $3)
     AND ($4::bigint IS NULL OR wo.assigned_technician_id = $4)
)`;

export const scopeParams = (scope: AnalyticsScope): unknown[] => [
  scope.from,
  scope.to,
  scope.buildingId,
  scope.technicianId,
];

/**
 * Minutes on site per order, as the CTE `on_site` (needs `scoped`): the sum of its visits, each from a check-in to
 * the event that ended it (photos accepted, parts needed, no access). Waits between visits are not on site; a
 * refused photo set does not end a visit. A check-in with nothing after it yet (still on site) is not counted.
 */
export const ON_SITE = `on_site AS (
  SELECT number, sum(extract(epoch FROM ended_at - at)) / 60 AS minutes
    FROM (SELECT e.work_order_number AS number, e.type, e.at,
                 lead(e.type) OVER visit AS ended_by, lead(e.at) OVER visit AS ended_at
            FROM events e JOIN scoped s ON s.number = e.work_order_number
           WHERE e.type IN ('checked_in', 'photos_submitted', 'parts_needed', 'no_access')
          WINDOW visit AS (PARTITION BY e.work_order_number ORDER BY e.at, e.id)) visits
   WHERE type = 'checked_in' AND ended_by <> 'checked_in'
   GROUP BY number
)`;

/** numerator / denominator rounded to 3 decimals; NULL (never a division by zero) when the denominator is 0. */
export const rate = (numerator: string, denominator: string): string =>
  `round((${numerator})::numeric / NULLIF(${denominator}, 0), 3)::float8`;

/** A value rounded to `decimals` as a JS number (NULL stays NULL). */
export const rounded = (expression: string, decimals: number): string =>
  `round((${expression})::numeric, ${decimals})::float8`;
