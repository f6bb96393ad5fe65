import { SCOPED, rate, scopeParams, type AnalyticsScope, type Queryable } from './scope';

export interface FixCounts {
  completed: number;
  fixedFirstTime: number;
  rate: number | null;
}

/**
 * A completed order was fixed the first time when it never had a review_rejected, parts_needed or no_access event.
 * Per technician: the assigned technician of record; per job type: the classification's first skill ('general'
 * when unclassified, as parts requests record it).
 */
export interface FirstTimeFix extends FixCounts {
  byTechnician: Array<{ technicianId: number | null; name: string | null } & FixCounts>;
  byJobType: Array<{ jobType: string } & FixCounts>;
}

type Row = FixCounts & { grouping: number; technicianId: number | null; name: string | null; jobType: string | null };

export async function firstTimeFix(db: Queryable, scope: AnalyticsScope): Promise<FirstTimeFix> {
  // GROUPING(technician_id, job_type): 3 = all orders, 1 = per technician, 2 = per job type.
  const { rows } = await db.query<Row>(
    `WITH ${SCOPED},
     done AS (
       SELECT s.number, s.assigned_technician_id AS technician_id,
              coalesce(s.classification->'skillsRequired'->>0, 'general') AS job_type,
              NOT EXISTS (SELECT 1 FROM events e
                           WHERE e.work_order_number = s.number AND e.type IN ('review_rejected', 'parts_needed', 'no_access')) AS first_time
         FROM scoped s WHERE s.status = 'completed'
     ),
     grouped AS (
       SELECT GROUPING(technician_id, job_type) AS grouping, technician_id, job_type,
              count(*)::int AS completed, count(*) FILTER (WHERE first_time)::int AS fixed,
              ${rate('count(*) FILTER (WHERE first_time)', 'count(*)')} AS rate
         FROM done GROUP BY GROUPING SETS ((), (technician_id), (job_type))
     )
     SELECT g.grouping, g.technician_id::int AS "technicianId", t.name, g.job_type AS "jobType",
            g.completed, g.fixed AS "fixedFirstTime", g.rate
       FROM grouped g LEFT JOIN technicians t ON t.id = g.technician_id
      ORDER BY g.grouping DESC, g.technician_id NULLS LAST, g.job_type`,
    scopeParams(scope),
  );
  const counts = (r: Row): FixCounts => ({ completed: r.completed, fixedFirstTime: r.fixedFirstTime, rate: r.rate });
  const all = rows.find((r) => r.grouping === 3);
  return {
    ...(all ? counts(all) : { completed: 0, fixedFirstTime: 0, rate: null }),
    byTechnician: rows
      .filter((r) => r.grouping === 1)
      .map((r) => ({ technicianId: r.technicianId, name: r.name, ...counts(r) })),
    byJobType: rows.filter((r) => r.grouping === 2).map((r) => ({ jobType: r.jobType!, ...counts(r) })),
  };
}
