import { equipmentDue, lifeShareUsed, type Equipment } from '../../../domain/preventive/equipmentDue';
import { periodKey, localDateOf, type LocalDate } from '../../../domain/preventive/periods';
import { planRulesSchema } from '../../../domain/preventive/planRules';
import { dueDateIn, seasonalOccurrence } from '../../../domain/preventive/seasonalDue';

const day = (text: string): LocalDate => {
  const [year, month, d] = text.split('-').map(Number);
  return { year: year!, month: month!, day: d! };
};

const boiler: Equipment = {
  id: 1,
  buildingId: 1,
  unitId: null,
  kind: 'boiler',
  label: 'Boiler 1',
  installedOn: '2010-01-01',
  typicalLifeYears: 20,
};
const fridge: Equipment = {
  id: 2,
  buildingId: 1,
  unitId: 7,
  kind: 'refrigerator',
  label: 'Fridge 203',
  installedOn: '2020-01-01',
  typicalLifeYears: 14,
};

describe('equipment life', () => {
  test('the share of its typical life a piece of equipment has used', () => {
    expect(lifeShareUsed('2010-01-01', 20, day('2020-01-01'))).toBeCloseTo(0.5, 3);
    expect(lifeShareUsed('2010-01-01', 20, day('2030-01-01'))).toBeCloseTo(1, 3);
    expect(lifeShareUsed('2030-01-01', 20, day('2026-01-01'))).toBeLessThan(0);
  });

  test('due once past the rule’s share, for the rule’s kinds only', () => {
    const rule = planRulesSchema.parse({ equipment: {} }).equipment!;
    expect(rule.lifeShare).toBe(0.8);
    expect(equipmentDue([boiler, fridge], rule, day('2025-12-30')).map((d) => d.equipment.id)).toEqual([]);
    expect(equipmentDue([boiler, fridge], rule, day('2026-01-02')).map((d) => d.equipment.id)).toEqual([1]);
    expect(
      equipmentDue([boiler, fridge], { ...rule, lifeShare: 0.4 }, day('2026-01-02')).map((d) => d.equipment.id),
    ).toEqual([1, 2]);
    expect(
      equipmentDue([boiler, fridge], { ...rule, lifeShare: 0.4, kinds: ['refrigerator'] }, day('2026-01-02')).map(
        (d) => d.equipment.id,
      ),
    ).toEqual([2]);
  });
});

describe('periods', () => {
  test('year, quarter and month keys of a local date', () => {
    expect(periodKey(day('2026-09-14'), 'year')).toBe('2026');
    expect(periodKey(day('2026-09-14'), 'quarter')).toBe('2026-Q3');
    expect(periodKey(day('2026-10-01'), 'quarter')).toBe('2026-Q4');
    expect(periodKey(day('2026-09-14'), 'month')).toBe('2026-09');
  });

  test('the local date is the plan’s time zone’s, not UTC’s', () => {
    const instant = new Date('2026-10-01T02:30:00Z');
    expect(localDateOf(instant, 'America/New_York')).toEqual(day('2026-09-30'));
    expect(localDateOf(instant, 'Europe/Berlin')).toEqual(day('2026-10-01'));
    expect(periodKey(localDateOf(instant, 'America/New_York'), 'month')).toBe('2026-09');
  });
});

describe('seasonal tasks', () => {
  const drainBoilers = { dueMonth: 10, dueDay: 1, leadDays: 30 };

  test('"drain boilers before October" opens from its lead on, until its grace runs out', () => {
    expect(seasonalOccurrence(drainBoilers, day('2026-08-31'), 7)).toBeNull();
    expect(seasonalOccurrence(drainBoilers, day('2026-09-01'), 7)).toEqual(day('2026-10-01'));
    expect(seasonalOccurrence(drainBoilers, day('2026-09-30'), 7)).toEqual(day('2026-10-01'));
    expect(seasonalOccurrence(drainBoilers, day('2026-10-08'), 7)).toEqual(day('2026-10-01'));
    expect(seasonalOccurrence(drainBoilers, day('2026-10-09'), 7)).toBeNull();
    expect(seasonalOccurrence(drainBoilers, day('2026-10-02'), 0)).toBeNull();
  });

  test('a lead that crosses New Year belongs to next year’s due date, a grace that crosses it to last year’s', () => {
    const january = { dueMonth: 1, dueDay: 15, leadDays: 30 };
    expect(seasonalOccurrence(january, day('2026-12-20'), 0)).toEqual(day('2027-01-15'));
    const december = { dueMonth: 12, dueDay: 28, leadDays: 5 };
    expect(seasonalOccurrence(december, day('2027-01-02'), 7)).toEqual(day('2026-12-28'));
  });

  test('a day the month lacks is its last day', () => {
    expect(dueDateIn(2026, 2, 29)).toEqual(day('2026-02-28'));
    expect(dueDateIn(2028, 2, 29)).toEqual(day('2028-02-29'));
    expect(dueDateIn(2026, 4, 31)).toEqual(day('2026-04-30'));
  });
});
