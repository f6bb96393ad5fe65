import { dueItems, type PlanInputs } from '../../../domain/preventive/dueItems';
import { findPatternClusters, matchesPattern, type PatternCandidate } from '../../../domain/preventive/patternDue';
import { planRulesSchema, patternRuleSchema } from '../../../domain/preventive/planRules';

const asOf = new Date('2026-09-15T12:00:00Z');
const daysAgo = (n: number) => new Date(asOf.getTime() - n * 86_400_000);
const leaks = patternRuleSchema.parse({
  name: 'ceiling-leak',
  title: 'Recurring ceiling leaks',
  terms: ['ceiling|techo', 'leak|drip|gotera|water'],
});

const candidates: PatternCandidate[] = [
  { number: 1001, buildingId: 1, description: 'Water leaking from the bathroom ceiling', createdAt: daysAgo(400) },
  { number: 1002, buildingId: 1, description: 'Ceiling is dripping in the kitchen', createdAt: daysAgo(300) },
  { number: 1003, buildingId: 1, description: 'Hay una gotera en el techo', createdAt: daysAgo(120) },
  { number: 1004, buildingId: 1, description: 'The kitchen faucet drips', createdAt: daysAgo(100) },
  {
    number: 1005,
    buildingId: 1,
    description: 'Brown stain and a LEAK in the living room ceiling',
    createdAt: daysAgo(10),
  },
  { number: 1006, buildingId: 2, description: 'Ceiling leak in the hallway', createdAt: daysAgo(20) },
  { number: 1007, buildingId: 2, description: 'Ceiling leak again', createdAt: daysAgo(5) },
];

describe('pattern matching', () => {
  test('every term must match, any of its alternatives, ignoring case', () => {
    expect(matchesPattern('Water leaking from the bathroom ceiling', leaks.terms)).toBe(true);
    expect(matchesPattern('Hay una gotera en el techo', leaks.terms)).toBe(true);
    expect(matchesPattern('The kitchen faucet drips', leaks.terms)).toBe(false);
    expect(matchesPattern('Ceiling fan is broken', leaks.terms)).toBe(false);
  });

  test('terms are stored lower-case and refuse empty alternatives', () => {
    expect(patternRuleSchema.parse({ name: 'x', title: 'Something', terms: ['Ceiling|TECHO'] }).terms).toEqual([
      'ceiling|techo',
    ]);
    expect(patternRuleSchema.safeParse({ name: 'x', title: 'Something', terms: ['ceiling||techo'] }).success).toBe(
      false,
    );
  });
});

describe('pattern grouping', () => {
  test('a building with `count` matching orders within the window is one cluster; older orders and other buildings are not', () => {
    expect(findPatternClusters(candidates, leaks, asOf, new Set())).toEqual([
      { buildingId: 1, orders: [1002, 1003, 1005] },
    ]);
    expect(findPatternClusters(candidates, { ...leaks, count: 2 }, asOf, new Set())).toEqual([
      { buildingId: 1, orders: [1002, 1003, 1005] },
      { buildingId: 2, orders: [1006, 1007] },
    ]);
    expect(findPatternClusters(candidates, { ...leaks, windowDays: 200 }, asOf, new Set())).toEqual([]);
  });

  test('orders an earlier investigation covered do not count again', () => {
    expect(findPatternClusters(candidates, leaks, asOf, new Set([1002]))).toEqual([]);
    const later = [...candidates, { number: 1010, buildingId: 1, description: 'Ceiling leak', createdAt: daysAgo(1) }];
    expect(findPatternClusters(later, leaks, asOf, new Set([1002]))).toEqual([
      { buildingId: 1, orders: [1003, 1005, 1010] },
    ]);
  });

  test('an order created after the run’s instant is left for the next run', () => {
    const future = [
      ...candidates,
      { number: 1011, buildingId: 2, description: 'Ceiling leak', createdAt: new Date(asOf.getTime() + 1000) },
    ];
    expect(findPatternClusters(future, leaks, asOf, new Set())).toEqual([
      { buildingId: 1, orders: [1002, 1003, 1005] },
    ]);
  });
});

describe('due items', () => {
  const inputs: PlanInputs = {
    equipment: [
      {
        id: 4,
        buildingId: 1,
        unitId: null,
        kind: 'boiler',
        label: 'Boiler',
        installedOn: '2008-05-01',
        typicalLifeYears: 20,
      },
    ],
    seasonalTasks: [
      {
        id: 2,
        buildingId: 1,
        name: 'Drain boilers',
        description: 'Drain and flush.',
        dueMonth: 10,
        dueDay: 1,
        leadDays: 30,
        priority: 'medium',
      },
      {
        id: 3,
        buildingId: 2,
        name: 'Clean gutters',
        description: 'Clear leaves.',
        dueMonth: 11,
        dueDay: 15,
        leadDays: 21,
        priority: 'low',
      },
    ],
    patternCandidates: candidates,
    coveredByPattern: new Map(),
  };
  const rules = planRulesSchema.parse({ equipment: {}, seasonal: {}, patterns: [leaks] });
  const today = { year: 2026, month: 9, day: 15 };

  test('keys are plan + period + target, so the same run finds the same keys', () => {
    const items = dueItems('monthly', rules, inputs, asOf, today);
    expect(items.map((i) => i.key)).toEqual([
      'monthly/2026/equipment-4',
      'monthly/2026-10-01/seasonal-2',
      'monthly/pattern-ceiling-leak/from-1002/building-1',
    ]);
    expect(dueItems('monthly', rules, inputs, asOf, today)).toEqual(items);
    expect(items[2]!.details).toMatchObject({ rule: 'pattern', orders: [1002, 1003, 1005] });
    expect(items[2]!.description).toContain('#1002, #1003, #1005');
    expect(items[0]!.description).toContain('92%');
  });

  test('a plan scoped to buildings looks at nothing else', () => {
    const scoped = planRulesSchema.parse({
      buildingIds: [2],
      equipment: {},
      seasonal: {},
      patterns: [{ ...leaks, count: 2 }],
    });
    expect(dueItems('b2', scoped, inputs, asOf, today).map((i) => i.key)).toEqual([
      'b2/pattern-ceiling-leak/from-1006/building-2',
    ]);
  });

  test('a plan needs at least one rule', () => {
    const result = planRulesSchema.safeParse({ buildingIds: [1] });
    expect(result.success).toBe(false);
  });
});
