import { ON_SITE, SCOPED, rounded, scopeParams, type AnalyticsScope, type Queryable } from './scope';

/** Counts of classifications by confidence: [0, 0.6), [0.6, 0.85), [0.85, 1] (the default rules' thresholds). */
export interface ConfidenceBuckets {
  orders: number;
  meanConfidence: number | null;
  buckets: { '0-0.6': number; '0.6-0.85': number; '0.85-1': number };
}

/**
 * Each order's latest `classified` event (provider from its actor, 'classifier:<provider>'). Duration: over
 * completed orders with both, the classification's estimatedMinutes against the minutes on site (see ON_SITE).
 */
export interface AiFigures {
  confidence: ConfidenceBuckets & { byProvider: Array<{ provider: string } & ConfidenceBuckets> };
  duration: {
    orders: number;
    meanEstimatedMinutes: number | null;
    meanActualMinutes: number | null;
    meanAbsoluteErrorMinutes: number | null;
  };
}

type BucketRow = {
  overall: boolean;
  provider: string | null;
  orders: number;
  meanConfidence: number | null;
  low: number;
  review: number;
  high: number;
};

export async function aiFigures(db: Queryable, scope: AnalyticsScope): Promise<AiFigures> {
  const params = scopeParams(scope);
  // Compared as numeric: 0.6 and 0.85 in the event's JSON are exactly on a bucket's lower edge.
  const buckets = await db.query<BucketRow>(
    `WITH ${SCOPED},
     classified AS (
       SELECT DISTINCT ON (e.work_order_number)
              CASE WHEN e.actor_id LIKE 'classifier:%' THEN substr(e.actor_id, 12) ELSE e.actor_id END AS provider,
              (e.payload->>'confidence')::numeric AS confidence
         FROM events e JOIN scoped s ON s.number = e.work_order_number
        WHERE e.type = 'classified' AND jsonb_typeof(e.payload->'confidence') = 'number'
        ORDER BY e.work_order_number, e.at DESC, e.id DESC
     )
     SELECT GROUPING(provider) = 1 AS overall, provider, count(*)::int AS orders,
            ${rounded('avg(confidence)', 3)} AS "meanConfidence",
            count(*) FILTER (WHERE confidence < 0.6)::int AS low,
            count(*) FILTER (WHERE confidence >= 0.6 AND confidence < 0.85)::int AS review,
            count(*) FILTER (WHERE confidence >= 0.85)::int AS high
       FROM classified GROUP BY GROUPING SETS ((), (provider))
      ORDER BY overall DESC, provider`,
    params,
  );
  const shape = (r: BucketRow): ConfidenceBuckets => ({
    orders: r.orders,
    meanConfidence: r.meanConfidence,
    buckets: { '0-0.6': r.low, '0.6-0.85': r.review, '0.85-1': r.high },
  });
  const all = buckets.rows.find((r) => r.overall);
  const duration = await db.query<AiFigures['duration']>(
    `WITH ${SCOPED}, ${ON_SITE},
     compared AS (
       SELECT (s.classification->>'estimatedMinutes')::numeric AS estimated, o.minutes AS actual
         FROM scoped s JOIN on_site o ON o.number = s.number
        WHERE s.status = 'completed' AND jsonb_typeof(s.classification->'estimatedMinutes') = 'number'
     )
     SELECT count(*)::int AS orders,
            ${rounded('avg(estimated)', 2)} AS "meanEstimatedMinutes",
            ${rounded('avg(actual)', 2)} AS "meanActualMinutes",
            ${rounded('avg(abs(estimated - actual))', 2)} AS "meanAbsoluteErrorMinutes"
       FROM compared`,
    params,
  );
  return {
    confidence: {
      ...(all ? shape(all) : { orders: 0, meanConfidence: null, buckets: { '0-0.6': 0, '0.6-0.85': 0, '0.85-1': 0 } }),
      byProvider: buckets.rows.filter((r) => !r.overall).map((r) => ({ provider: r.provider!, ...shape(r) })),
    },
    duration: duration.rows[0]!,
  };
}
