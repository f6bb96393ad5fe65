import { SCOPED, rate, rounded, scopeParams, type AnalyticsScope, type Queryable } from './scope';

export interface PartsCounts {
  requests: number;
  arrived: number;
  cancelled: number;
  /** requested_at to arrived_at, over the arrived requests. */
  meanWaitHours: number | null;
  late: number;
  /** late / arrived. */
  lateRate: number | null;
}

/**
 * Parts requests of the orders in scope. A request is late when it was not reported arrived before its ETA: the
 * workflow's ETA timer closed the wait (arrival_trigger 'eta'), or the arrival came after the ETA. Per job type:
 * as recorded on the request (the classification's first skill).
 */
export interface PartsDelays extends PartsCounts {
  byJobType: Array<{ jobType: string } & PartsCounts>;
}

type Row = PartsCounts & { overall: boolean; jobType: string | null };

export async function partsDelays(db: Queryable, scope: AnalyticsScope): Promise<PartsDelays> {
  const { rows } = await db.query<Row>(
    `WITH ${SCOPED},
     requests AS (
       SELECT p.job_type, p.arrived_at, p.cancelled_at,
              extract(epoch FROM p.arrived_at - p.requested_at) / 3600 AS wait_hours,
              p.arrived_at IS NOT NULL AND (p.arrival_trigger = 'eta' OR p.arrived_at > p.eta) AS late
         FROM parts_requests p JOIN scoped s ON s.number = p.work_order_number
     )
     SELECT GROUPING(job_type) = 1 AS overall, job_type AS "jobType",
            count(*)::int AS requests,
            count(arrived_at)::int AS arrived,
            count(cancelled_at)::int AS cancelled,
            ${rounded('avg(wait_hours)', 2)} AS "meanWaitHours",
            count(*) FILTER (WHERE late)::int AS late,
            ${rate('count(*) FILTER (WHERE late)', 'count(arrived_at)')} AS "lateRate"
       FROM requests GROUP BY GROUPING SETS ((), (job_type))
      ORDER BY overall DESC, job_type`,
    scopeParams(scope),
  );
  const counts = ({ overall: _o, jobType: _j, ...rest }: Row): PartsCounts => rest;
  const all = rows.find((r) => r.overall);
  return {
    ...(all ? counts(all) : { requests: 0, arrived: 0, cancelled: 0, meanWaitHours: null, late: 0, lateRate: null }),
    byJobType: rows.filter((r) => !r.overall).map((r) => ({ jobType: r.jobType!, ...counts(r) })),
  };
}
