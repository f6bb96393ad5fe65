import type { Priority } from '../priority';
import { equipmentDue, type Equipment } from './equipmentDue';
import { findPatternClusters, type PatternCandidate } from './patternDue';
import { isoDate, periodKey, type LocalDate } from './periods';
import type { PlanRules } from './planRules';
import { seasonalOccurrence, type SeasonalTask } from './seasonalDue';

export type PreventiveRule = 'equipment' | 'seasonal' | 'pattern';

/** One work order a plan's run should have opened. */
export interface DueItem {
  /** `preventive_key`: plan + period + target; unique across all work orders. */
  key: string;
  /**
   * `preventive_target`: what the order is about whatever plan opens it (`equipment-5`, `seasonal-3`,
   * `pattern-ceiling-leak/building-7`); at most one open order per target across all plans.
   */
  target: string;
  rule: PreventiveRule;
  buildingId: number;
  /** null: the building's common areas. */
  unitId: number | null;
  description: string;
  priority: Priority;
  /** Why the plan finds it due, in a sentence (the preview shows it). */
  reason: string;
  /** Kept on the work order as `metadata.preventive`. */
  details: Record<string, unknown> & { planId: string; rule: PreventiveRule; period: string; target: string };
}

export interface PlanInputs {
  equipment: readonly Equipment[];
  seasonalTasks: readonly SeasonalTask[];
  patternCandidates: readonly PatternCandidate[];
  /**
   * Per pattern name, the orders earlier investigations already covered: this plan's, and other plans' closed ones
   * (another plan's open one is left in, so that its run and preview name it as the reason to skip).
   */
  coveredByPattern: ReadonlyMap<string, ReadonlySet<number>>;
}

export function preventiveKey(planId: string, period: string, target: string): string {
  return `${planId}/${period}/${target}`;
}

/** One pattern's investigations across plans: the pattern's name and the building. */
export function patternTarget(patternName: string, buildingId: number): string {
  return `pattern-${patternName}/building-${buildingId}`;
}

const MAX_LISTED_ORDERS = 20;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** "Basement boiler", or "Unit 2 (water heater)" when the label does not say what it is. */
function describeEquipment(e: Equipment): string {
  const kind = e.kind.replace(/_/g, ' ');
  return e.label.toLowerCase().includes(kind) ? e.label : `${e.label} (${kind})`;
}

/** What a plan's run finds due on `today` (the plan's local date of `asOf`), in a stable order. */
export function dueItems(
  planId: string,
  rules: PlanRules,
  inputs: PlanInputs,
  asOf: Date,
  today: LocalDate,
): DueItem[] {
  const items: DueItem[] = [];
  const inScope = (buildingId: number) => !rules.buildingIds || rules.buildingIds.includes(buildingId);

  if (rules.equipment) {
    const period = periodKey(today, rules.equipment.every);
    for (const { equipment: e, share } of equipmentDue(
      inputs.equipment.filter((e) => inScope(e.buildingId)),
      rules.equipment,
      today,
    )) {
      const target = `equipment-${e.id}`;
      items.push({
        key: preventiveKey(planId, period, target),
        target,
        rule: 'equipment',
        buildingId: e.buildingId,
        unitId: e.unitId,
        description: `Preventive inspection: ${describeEquipment(e)}, installed ${e.installedOn}, is at ${percent(share)} of its ${e.typicalLifeYears}-year typical life. Check its condition and plan its replacement.`,
        priority: rules.equipment.priority,
        reason: `${e.label} is at ${percent(share)} of its ${e.typicalLifeYears}-year typical life (installed ${e.installedOn}); the plan inspects from ${percent(rules.equipment.lifeShare)}, once a ${rules.equipment.every}`,
        details: {
          planId,
          rule: 'equipment',
          period,
          target,
          equipmentId: e.id,
          lifeShare: Math.round(share * 1000) / 1000,
        },
      });
    }
  }

  if (rules.seasonal) {
    for (const task of inputs.seasonalTasks.filter((t) => inScope(t.buildingId))) {
      const due = seasonalOccurrence(task, today, rules.seasonal.graceDays);
      if (!due) continue;
      const period = isoDate(due);
      const target = `seasonal-${task.id}`;
      items.push({
        key: preventiveKey(planId, period, target),
        target,
        rule: 'seasonal',
        buildingId: task.buildingId,
        unitId: null,
        description: `Seasonal: ${task.name}, due ${period}. ${task.description}`,
        priority: task.priority,
        reason: `${task.name} is due ${period}; it opens from ${task.leadDays} days before until ${rules.seasonal.graceDays} days after`,
        details: { planId, rule: 'seasonal', period, target, seasonalTaskId: task.id, dueOn: period },
      });
    }
  }

  for (const pattern of rules.patterns ?? []) {
    const candidates = inputs.patternCandidates.filter((c) => inScope(c.buildingId));
    for (const cluster of findPatternClusters(
      candidates,
      pattern,
      asOf,
      inputs.coveredByPattern.get(pattern.name) ?? new Set(),
    )) {
      // The window is named by its first order: the next investigation needs `count` orders none of these cover.
      const period = `pattern-${pattern.name}/from-${cluster.orders[0]}`;
      const target = `building-${cluster.buildingId}`;
      const listed = cluster.orders
        .slice(0, MAX_LISTED_ORDERS)
        .map((n) => `#${n}`)
        .join(', ');
      const more =
        cluster.orders.length > MAX_LISTED_ORDERS ? ` and ${cluster.orders.length - MAX_LISTED_ORDERS} more` : '';
      items.push({
        key: preventiveKey(planId, period, target),
        target: patternTarget(pattern.name, cluster.buildingId),
        rule: 'pattern',
        buildingId: cluster.buildingId,
        unitId: null,
        description: `Investigation: ${pattern.title}. ${cluster.orders.length} similar work orders in this building within ${pattern.windowDays} days (${listed}${more}). Find and fix the common cause.`,
        priority: pattern.priority,
        reason: `${cluster.orders.length} orders in building ${cluster.buildingId} match the pattern ${pattern.name} within ${pattern.windowDays} days (${listed}${more}), none of them investigated yet; the plan investigates from ${pattern.count}`,
        details: {
          planId,
          rule: 'pattern',
          period,
          target,
          pattern: pattern.name,
          orders: cluster.orders,
          windowDays: pattern.windowDays,
        },
      });
    }
  }
  return items;
}
