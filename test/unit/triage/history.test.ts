import fc from 'fast-check';
import { classifyHeuristically as classify } from '../../../domain/heuristicClassifier';
import { rank } from '../../../domain/triage/finding';
import type { PastOrder, TriageContext } from '../../../domain/triageContext';
import { loadPart } from '../../../scripts/triage/corpus';

/**
 * The deterministic classifier with the records the workflow gathers (issue 17 item 6): the same thing repaired in
 * the unit within the repeat window is a repeat, told by the records though the tenant does not say "again"; other
 * units' open orders like it are named for the coordinator. The records never lower a priority or change a trade.
 */

const NOW = '2026-12-06T12:00:00.000Z';
const daysBefore = (days: number) => new Date(Date.parse(NOW) - days * 24 * 3600 * 1000).toISOString();

function past(number: number, description: string, overrides: Partial<PastOrder> = {}): PastOrder {
  return {
    number,
    status: 'completed',
    priority: 'medium',
    description,
    createdAt: daysBefore(12),
    completedAt: daysBefore(9),
    skills: ['plumbing'],
    ...overrides,
  };
}

function records(unitHistory: PastOrder[], similarInBuilding: TriageContext['similarInBuilding'] = []): TriageContext {
  return {
    tenantHistory: [],
    unitHistory,
    tenantRequestsInWindow: 0,
    requestFrequencyWindowDays: 365,
    similarInBuilding,
    equipment: null,
    gatheredAt: NOW,
    repeatWindowDays: 60,
  };
}

const FAUCET = 'The bathroom faucet is dripping';

test('without records, and with empty ones, the answer is the text’s alone', () => {
  expect(classify(FAUCET)).toMatchObject({ priority: 'low', skillsRequired: ['plumbing'], warnings: [] });
  expect(classify(FAUCET, records([]))).toEqual(classify(FAUCET));
});

test('the same faucet completed 9 days ago: a repeat the records tell, raised a level, multi-visit, the order named', () => {
  const answer = classify(FAUCET, records([past(41, 'Bathroom faucet drips constantly')]));
  expect(answer).toMatchObject({ priority: 'medium', skillsRequired: ['plumbing'], warnings: ['multi_visit'] });
  expect(answer.reasoning).toContain('raised: a repeat ("#41 for the same faucet, completed 9 days ago")');
});

test('in Spanish, the same words', () => {
  const answer = classify(
    'La llave del lavabo gotea mucho',
    records([past(7, 'gotea la llave del lavabo', { skills: [] })]),
  );
  expect(answer.priority).toBe('medium');
  expect(answer.reasoning).toMatch(/#7 for the same .*llave/);
});

test.each([
  ['another thing of the same trade', past(41, 'The toilet keeps running')],
  ['the same thing in another room', past(41, 'Kitchen faucet dripping')],
  ['another trade', past(41, 'Bathroom faucet light fixture flickers', { skills: ['electrical'] })],
  ['a cancelled order', past(41, 'Bathroom faucet drips', { status: 'cancelled', completedAt: null })],
  ['an order still open', past(41, 'Bathroom faucet drips', { status: 'scheduled', completedAt: null })],
  ['a repair past the window', past(41, 'Bathroom faucet drips', { completedAt: daysBefore(61) })],
  ['only time words in common', past(41, 'The toilet has run for a week', { completedAt: daysBefore(3) })],
])('not a repeat: %s', (_name, order) => {
  const answer = classify(FAUCET, records([order]));
  expect(answer).toEqual(classify(FAUCET));
});

test('a repeat on a hazard keeps the hazard’s priority and says it is a repeat', () => {
  const text = 'Water is pouring from the ceiling light in the bathroom';
  const alone = classify(text);
  const answer = classify(text, records([past(9, 'water coming through the bathroom ceiling light')]));
  expect(answer.priority).toBe(alone.priority);
  expect(answer.safety).toBe(true);
  expect(answer.reasoning).toMatch(/a repeat \("#9 for the same/);
});

test('other units’ open orders like it are named; the unit’s own and finished ones are not', () => {
  const similar = (number: number, status: string, unitLabel: string) => ({
    ...past(number, 'no hot water', { status, completedAt: null }),
    similarity: 0.6,
    unitLabel,
  });
  const unitOwn = past(30, 'no hot water since morning', { status: 'scheduled', completedAt: null });
  const answer = classify(
    'There is no hot water',
    records(
      [unitOwn],
      [
        similar(30, 'scheduled', '2A'),
        similar(31, 'needs_assignment', '3B'),
        similar(32, 'completed', '4C'),
        similar(33, 'scheduled', '5D'),
      ],
    ),
  );
  expect(answer.reasoning).toContain(
    'other units of the building have open orders like it (#31 in 3B, #33 in 5D): it may be one cause',
  );
  expect(answer.priority).toBe(classify('There is no hot water').priority);
});

describe('the records never lower a priority, never change safety or trades (any corpus text, any records)', () => {
  const texts = loadPart('tuning').map((m) => m.text);
  const order = fc.record({
    number: fc.integer({ min: 1, max: 10_000 }),
    status: fc.constantFrom('completed', 'cancelled', 'scheduled', 'needs_assignment'),
    priority: fc.constantFrom('low', 'medium', 'high', 'emergency', null),
    description: fc.oneof(fc.constantFrom(...texts), fc.string({ maxLength: 80 })),
    createdAt: fc.integer({ min: 0, max: 400 }).map(daysBefore),
    completedAt: fc.option(fc.integer({ min: -2, max: 400 }).map(daysBefore)),
    skills: fc.subarray(['plumbing', 'electrical', 'hvac', 'appliance', 'general'] as const).map((s) => [...s]),
  });
  const context = fc.record({
    unit: fc.array(order, { maxLength: 6 }),
    building: fc.array(
      fc.tuple(order, fc.constantFrom('1A', '2B')).map(([o, unitLabel]) => ({ ...o, similarity: 0.5, unitLabel })),
      { maxLength: 4 },
    ),
  });

  test('property', () => {
    fc.assert(
      fc.property(fc.constantFrom(...texts), context, (text, { unit, building }) => {
        const alone = classify(text);
        const withRecords = classify(text, records(unit, building));
        expect(rank(withRecords.priority)).toBeGreaterThanOrEqual(rank(alone.priority));
        expect(withRecords.safety).toBe(alone.safety);
        expect(withRecords.skillsRequired).toEqual(alone.skillsRequired);
        expect(withRecords.confidence).toBe(alone.confidence);
      }),
      { numRuns: 100 },
    );
  });
});
