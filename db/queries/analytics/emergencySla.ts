import { SCOPED, rate, rounded, scopeParams, type AnalyticsScope, type Queryable } from './scope';

/**
 * Emergency orders with an SLA deadline are due once the deadline has passed or a technician has checked in,
 * except those cancelled before the deadline without a check-in. Met: the first check-in was at or before the
 * deadline. Minutes to check-in: created_at to the first check-in, over the due orders checked in.
 */
export interface EmergencySla {
  due: number;
  met: number;
  missed: number;
  complianceRate: number | null;
  meanMinutesToCheckIn: number | null;
  /** sla_breached events raised by the workflows of the emergencies in scope. */
  breachAlerts: number;
}

export async function emergencySla(db: Queryable, scope: AnalyticsScope, asOf: Date): Promise<EmergencySla> {
  const { rows } = await db.query<EmergencySla>(
    `WITH ${SCOPED},
     emergencies AS (
       SELECT s.number, s.created_at, s.sla_deadline,
              (SELECT min(e.at) FROM events e WHERE e.work_order_number = s.number AND e.type = 'checked_in') AS checked_in_at,
              (SELECT min(e.at) FROM events e WHERE e.work_order_number = s.number AND e.type = 'cancelled') AS cancelled_at,
              (SELECT count(*) FROM events e WHERE e.work_order_number = s.number AND e.type = 'sla_breached') AS alerts
         FROM scoped s WHERE s.priority = 'emergency' AND s.sla_deadline IS NOT NULL
     ),
     due AS (
       SELECT *, checked_in_at IS NOT NULL AND checked_in_at <= sla_deadline AS met FROM emergencies
        WHERE checked_in_at IS NOT NULL OR (sla_deadline <= $5 AND (cancelled_at IS NULL OR cancelled_at > sla_deadline))
     )
     SELECT (SELECT count(*)::int FROM due) AS due,
            (SELECT count(*) FILTER (WHERE met)::int FROM due) AS met,
            (SELECT count(*) FILTER (WHERE NOT met)::int FROM due) AS missed,
            (SELECT ${rate('count(*) FILTER (WHERE met)', 'count(*)')} FROM due) AS "complianceRate",
            (SELECT ${rounded('avg(extract(epoch FROM checked_in_at - created_at) / 60)', 2)} FROM due) AS "meanMinutesToCheckIn",
            (SELECT coalesce(sum(alerts), 0)::int FROM emergencies) AS "breachAlerts"`,
    [...scopeParams(scope), asOf],
  );
  return rows[0]!;
}
