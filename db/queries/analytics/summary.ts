import type { Pool } from 'pg';
import { inTransaction } from '../../pool';
import { accessProblems, type AccessProblems } from './access';
import { aiFigures, type AiFigures } from './ai';
import { assignmentFigures, type AssignmentFigures } from './assignment';
import { costs, type Costs } from './costs';
import { emergencySla, type EmergencySla } from './emergencySla';
import { firstTimeFix, type FirstTimeFix } from './firstTimeFix';
import { completionTime, orderCounts, type CompletionTime, type OrderCounts } from './orders';
import { partsDelays, type PartsDelays } from './parts';
import type { AnalyticsScope } from './scope';
import { surveyFigures, type SurveyFigures } from './surveys';

export type { AnalyticsScope } from './scope';

export interface AnalyticsSummary {
  scope: { from: string; to: string; buildingId: number | null; technicianId: number | null };
  orders: OrderCounts;
  assignment: AssignmentFigures;
  firstTimeFix: FirstTimeFix;
  completionTime: CompletionTime;
  emergencySla: EmergencySla;
  partsDelays: PartsDelays;
  accessProblems: AccessProblems;
  ai: AiFigures;
  costs: Costs;
  surveys: SurveyFigures;
}

/**
 * Every figure over the same orders, from one snapshot (a read-only repeatable-read transaction), so the parts of
 * the summary agree with each other even while work orders move on. `asOf`: the moment SLA deadlines are judged at.
 */
export async function analyticsSummary(pool: Pool, scope: AnalyticsScope, asOf: Date): Promise<AnalyticsSummary> {
  return inTransaction(pool, async (db) => {
    await db.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return {
      scope: {
        from: scope.from.toISOString(),
        to: scope.to.toISOString(),
        buildingId: scope.buildingId,
        technicianId: scope.technicianId,
      },
      orders: await orderCounts(db, scope),
      assignment: await assignmentFigures(db, scope),
      firstTimeFix: await firstTimeFix(db, scope),
      completionTime: await completionTime(db, scope),
      emergencySla: await emergencySla(db, scope, asOf),
      partsDelays: await partsDelays(db, scope),
      accessProblems: await accessProblems(db, scope),
      ai: await aiFigures(db, scope),
      costs: await costs(db, scope),
      surveys: await surveyFigures(db, scope),
    };
  });
}
