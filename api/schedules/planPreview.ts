import type { Pool } from 'pg';
import { inTransaction } from '../../db/pool';
import { loadPlanInputs } from '../../db/queries/preventiveInputs';
import { openPreventiveOrdersByTarget, preventiveOrdersByKey } from '../../db/queries/preventiveOrders';
import { findPlan } from '../../db/queries/preventivePlans';
import { dueItems, type PreventiveRule } from '../../domain/preventive/dueItems';
import { sortOutDuplicates, type SkippedItem } from '../../domain/preventive/duplicates';
import { notDueItems, type NotDueItem } from '../../domain/preventive/notDue';
import { isoDate, localDateOf } from '../../domain/preventive/periods';
import { planRulesSchema } from '../../domain/preventive/planRules';
import type { Priority } from '../../domain/priority';
import { notFound } from '../errors';

export interface PreviewCandidate {
  key: string;
  target: string;
  rule: PreventiveRule;
  buildingId: number;
  /** null: the building's common areas. */
  unitId: number | null;
  priority: Priority;
  /** The work order's description as the run would write it. */
  description: string;
  reason: string;
}

export interface PlanPreview {
  planId: string;
  timeZone: string;
  asOf: string;
  /** The plan's local date of `asOf`: what its due dates and periods are read against. */
  localDate: string;
  /** A paused plan runs only when triggered; the preview answers all the same. */
  paused: boolean;
  wouldOpen: PreviewCandidate[];
  wouldSkip: SkippedItem[];
  /** The plan's equipment and seasonal tasks that are not due, with when they will be. */
  notDue: NotDueItem[];
}

/**
 * What a run of the plan would do at `asOf`, computed as the run computes it, in a read-only transaction: it opens
 * nothing, starts nothing and texts nobody. A run claims its targets first, so a run of another plan at the same
 * moment may still take one this preview lists as opening.
 */
export async function previewPlan(pool: Pool, planId: string, asOf: Date): Promise<PlanPreview> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    const plan = await findPlan(client, planId);
    if (!plan) throw notFound(`schedule ${planId}`);
    const rules = planRulesSchema.parse(plan.rules);
    const today = localDateOf(asOf, plan.timeZone);
    const inputs = await loadPlanInputs(client, planId, rules, asOf);
    const items = dueItems(planId, rules, inputs, asOf, today);
    const byKey = await preventiveOrdersByKey(
      client,
      items.map((i) => i.key),
    );
    const openByTarget = await openPreventiveOrdersByTarget(
      client,
      items.map((i) => i.target),
    );
    const { toOpen, skipped } = sortOutDuplicates(items, byKey, openByTarget);
    return {
      planId,
      timeZone: plan.timeZone,
      asOf: asOf.toISOString(),
      localDate: isoDate(today),
      paused: plan.pausedAt !== null,
      wouldOpen: toOpen.map(({ key, target, rule, buildingId, unitId, priority, description, reason }) => ({
        key,
        target,
        rule,
        buildingId,
        unitId,
        priority,
        description,
        reason,
      })),
      wouldSkip: skipped,
      notDue: notDueItems(rules, inputs, today),
    };
  });
}
