import type { PlanInputs, PreventiveRule } from './dueItems';
import { lifeShareUsed } from './equipmentDue';
import { dayNumber, isoDate, parseIsoDate, type LocalDate } from './periods';
import type { PlanRules } from './planRules';
import { dueDateIn, seasonalOccurrence } from './seasonalDue';

/** Equipment or a seasonal task a plan looks at but would not open today, and when it would. */
export interface NotDueItem {
  rule: Exclude<PreventiveRule, 'pattern'>;
  target: string;
  buildingId: number;
  reason: string;
}

const DAY_MS = 86_400_000;
const DAYS_PER_YEAR = 365.25;
const percent = (share: number) => `${Math.round(share * 100)}%`;

function dateFromDayNumber(n: number): LocalDate {
  const t = new Date(n * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * What `dueItems` leaves out of the plan's equipment and seasonal tasks, each with the day it would be due: the
 * other half of a preview's answer. Recurring-problem patterns have no such list (any order might join one).
 */
export function notDueItems(rules: PlanRules, inputs: PlanInputs, today: LocalDate): NotDueItem[] {
  const items: NotDueItem[] = [];
  const inScope = (buildingId: number) => !rules.buildingIds || rules.buildingIds.includes(buildingId);

  if (rules.equipment) {
    const { lifeShare, kinds } = rules.equipment;
    for (const e of inputs.equipment) {
      if (!inScope(e.buildingId) || (kinds && !kinds.includes(e.kind))) continue;
      const share = lifeShareUsed(e.installedOn, e.typicalLifeYears, today);
      if (share >= lifeShare) continue;
      const from = dateFromDayNumber(
        dayNumber(parseIsoDate(e.installedOn)) + Math.ceil(lifeShare * e.typicalLifeYears * DAYS_PER_YEAR),
      );
      items.push({
        rule: 'equipment',
        target: `equipment-${e.id}`,
        buildingId: e.buildingId,
        reason: `${e.label} is at ${percent(Math.max(share, 0))} of its ${e.typicalLifeYears}-year typical life; the plan inspects from ${percent(lifeShare)}, reached on ${isoDate(from)}`,
      });
    }
  }

  if (rules.seasonal) {
    for (const task of inputs.seasonalTasks) {
      if (!inScope(task.buildingId) || seasonalOccurrence(task, today, rules.seasonal.graceDays)) continue;
      const thisYear = dueDateIn(today.year, task.dueMonth, task.dueDay);
      const next =
        dayNumber(thisYear) >= dayNumber(today) ? thisYear : dueDateIn(today.year + 1, task.dueMonth, task.dueDay);
      const opens = dateFromDayNumber(dayNumber(next) - task.leadDays);
      items.push({
        rule: 'seasonal',
        target: `seasonal-${task.id}`,
        buildingId: task.buildingId,
        reason: `${task.name} is next due ${isoDate(next)}; it opens from ${isoDate(opens)} (${task.leadDays} days before)`,
      });
    }
  }
  return items;
}
