import { SCOPED, rate, rounded, scopeParams, type AnalyticsScope, type Queryable } from './scope';

/** Surveys sent for the orders in scope and the tenants' 1-5 ratings. */
export interface SurveyFigures {
  requested: number;
  answered: number;
  responseRate: number | null;
  meanRating: number | null;
}

export async function surveyFigures(db: Queryable, scope: AnalyticsScope): Promise<SurveyFigures> {
  const { rows } = await db.query<SurveyFigures>(
    `WITH ${SCOPED}
     SELECT count(*)::int AS requested, count(v.rating)::int AS answered,
            ${rate('count(v.rating)', 'count(*)')} AS "responseRate",
            ${rounded('avg(v.rating)', 2)} AS "meanRating"
       FROM surveys v JOIN scoped s ON s.number = v.work_order_number`,
    scopeParams(scope),
  );
  return rows[0]!;
}
