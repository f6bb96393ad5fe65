import { dueItems, type PlanInputs } from '../../../domain/preventive/dueItems';
import { sortOutDuplicates } from '../../../domain/preventive/duplicates';
import { notDueItems } from '../../../domain/preventive/notDue';
import { planRulesSchema } from '../../../domain/preventive/planRules';

const today = { year: 2026, month: 9, day: 1 };
const asOf = new Date('2026-09-01T12:00:00Z');
const rules = planRulesSchema.parse({ equipment: { lifeShare: 0.8 }, seasonal: {} });
const inputs: PlanInputs = {
  equipment: [
    {
      id: 1,
      buildingId: 7,
      unitId: null,
      kind: 'hvac',
      label: 'Rooftop AC unit',
      installedOn: '2012-07-01',
      typicalLifeYears: 15,
    },
    {
      id: 2,
      buildingId: 7,
      unitId: null,
      kind: 'boiler',
      label: 'Boiler',
      installedOn: '2016-09-01',
      typicalLifeYears: 25,
    },
  ],
  seasonalTasks: [
    {
      id: 3,
      buildingId: 7,
      name: 'Drain boilers',
      description: 'Drain.',
      dueMonth: 10,
      dueDay: 1,
      leadDays: 30,
      priority: 'medium',
    },
    {
      id: 4,
      buildingId: 7,
      name: 'Clean gutters',
      description: 'Clear.',
      dueMonth: 11,
      dueDay: 15,
      leadDays: 21,
      priority: 'low',
    },
  ],
  patternCandidates: [],
  coveredByPattern: new Map(),
};

describe('what a plan finds due, and why', () => {
  const items = dueItems('plan-a', rules, inputs, asOf, today);

  test('each due item names its target across plans and says why it is due', () => {
    expect(items.map((i) => [i.key, i.target])).toEqual([
      ['plan-a/2026/equipment-1', 'equipment-1'],
      ['plan-a/2026-10-01/seasonal-3', 'seasonal-3'],
    ]);
    expect(items[0]!.reason).toBe(
      'Rooftop AC unit is at 94% of its 15-year typical life (installed 2012-07-01); the plan inspects from 80%, once a year',
    );
    expect(items[1]!.reason).toBe('Drain boilers is due 2026-10-01; it opens from 30 days before until 7 days after');
  });

  test('what is not due says when it will be', () => {
    expect(notDueItems(rules, inputs, today)).toEqual([
      {
        rule: 'equipment',
        target: 'equipment-2',
        buildingId: 7,
        reason: 'Boiler is at 40% of its 25-year typical life; the plan inspects from 80%, reached on 2036-09-01',
      },
      {
        rule: 'seasonal',
        target: 'seasonal-4',
        buildingId: 7,
        reason: 'Clean gutters is next due 2026-11-15; it opens from 2026-10-25 (21 days before)',
      },
    ]);
  });

  test('an order of this plan for the period, or an open one of any plan for the target, is skipped with its reason', () => {
    const byKey = new Map([['plan-a/2026/equipment-1', { number: 1105, status: 'completed', planId: 'plan-a' }]]);
    const openByTarget = new Map([['seasonal-3', { number: 1107, status: 'scheduled', planId: 'plan-b' }]]);
    const { toOpen, skipped } = sortOutDuplicates(items, byKey, openByTarget);
    expect(toOpen).toEqual([]);
    expect(skipped.map((s) => [s.why, s.reason])).toEqual([
      ['opened_this_period', 'this plan opened #1105 for 2026 already (completed)'],
      [
        'open_order_for_target',
        'an open order already exists for this seasonal task: #1107 (scheduled, opened by plan plan-b)',
      ],
    ]);
    expect(sortOutDuplicates(items, new Map(), new Map()).toOpen).toEqual(items);
  });
});
