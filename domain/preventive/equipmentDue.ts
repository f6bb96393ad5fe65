import { dayNumber, parseIsoDate, type LocalDate } from './periods';
import type { EquipmentRule } from './planRules';

export interface Equipment {
  id: number;
  buildingId: number;
  /** null: the building's own, serviced in its common areas. */
  unitId: number | null;
  kind: string;
  label: string;
  /** YYYY-MM-DD */
  installedOn: string;
  typicalLifeYears: number;
}

const DAYS_PER_YEAR = 365.25;

/** The share of its typical life a piece of equipment has used on `today` (1 = at the end of it). */
export function lifeShareUsed(installedOn: string, typicalLifeYears: number, today: LocalDate): number {
  return (dayNumber(today) - dayNumber(parseIsoDate(installedOn))) / (typicalLifeYears * DAYS_PER_YEAR);
}

/** Equipment of the rule's kinds past the rule's share of its life, with the share it has used. */
export function equipmentDue(
  items: readonly Equipment[],
  rule: EquipmentRule,
  today: LocalDate,
): Array<{ equipment: Equipment; share: number }> {
  const kinds = rule.kinds ? new Set(rule.kinds) : null;
  return items
    .filter((e) => !kinds || kinds.has(e.kind))
    .map((equipment) => ({ equipment, share: lifeShareUsed(equipment.installedOn, equipment.typicalLifeYears, today) }))
    .filter((d) => d.share >= rule.lifeShare);
}
