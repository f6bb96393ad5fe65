import { DEFAULT_RULES, rulesSchema, type Rules } from '../../domain/rules';
import { route, type RoutingInput } from '../../domain/rulesEngine';

const thresholds = DEFAULT_RULES.thresholds;

function input(
  classificationConfidence: number,
  proposalConfidence: number | null,
  extra: Partial<RoutingInput> = {},
): RoutingInput {
  return { classificationConfidence, proposalConfidence, safety: false, priority: 'medium', ...extra };
}

describe('route() with the default thresholds', () => {
  test('the defaults are 0.85 to auto-assign and 0.60 for review', () => {
    expect(thresholds).toEqual({ autoAssign: 0.85, review: 0.6 });
  });

  test.each([
    [1, 'auto_assign'],
    [0.85, 'auto_assign'],
    [0.8499, 'review'],
    [0.84, 'review'],
    [0.6, 'review'],
    [0.5999, 'escalate'],
    [0.59, 'escalate'],
    [0, 'escalate'],
  ] as const)('confidence %d → %s', (confidence, outcome) => {
    const decision = route(input(confidence, confidence), thresholds);
    expect(decision.outcome).toBe(outcome);
    expect(decision.confidence).toBe(confidence);
  });

  test('the confidence compared is the weaker of classification and proposal', () => {
    expect(route(input(0.95, 0.7), thresholds)).toMatchObject({ outcome: 'review', confidence: 0.7 });
    expect(route(input(0.7, 0.95), thresholds)).toMatchObject({ outcome: 'review', confidence: 0.7 });
    expect(route(input(0.9, 0.55), thresholds)).toMatchObject({ outcome: 'escalate', confidence: 0.55 });
    expect(route(input(0.86, 0.9), thresholds)).toMatchObject({ outcome: 'auto_assign', confidence: 0.86 });
  });

  test('a safety concern always escalates, even at full confidence and for any priority', () => {
    for (const priority of ['emergency', 'high', 'medium', 'low'] as const) {
      const decision = route(input(1, 1, { safety: true, priority }), thresholds);
      expect(decision.outcome).toBe('escalate');
      expect(decision.reasons.join(' ')).toMatch(/safety/);
    }
  });

  test('no internal technician (no proposal) escalates, however sure the classification is', () => {
    const decision = route(input(0.99, null), thresholds);
    expect(decision).toMatchObject({ outcome: 'escalate', confidence: 0 });
    expect(decision.reasons.join(' ')).toMatch(/no internal technician/);
  });

  test('the reasons name the confidence and the thresholds it was compared with', () => {
    expect(route(input(0.9, 0.9), thresholds).reasons.join(' ')).toMatch(/90%.*auto-assign threshold 85%/);
    const review = route(input(0.7, 0.7), thresholds).reasons.join(' ');
    expect(review).toMatch(/70%/);
    expect(review).toMatch(/review threshold 60%/);
    expect(review).toMatch(/auto-assign threshold 85%/);
    expect(route(input(0.4, 0.4), thresholds).reasons.join(' ')).toMatch(/40%.*below the review threshold 60%/);
  });

  test('every decision gives at least one reason', () => {
    for (const c of [0, 0.3, 0.6, 0.7, 0.85, 1]) {
      expect(route(input(c, c), thresholds).reasons.length).toBeGreaterThan(0);
      expect(route(input(c, null), thresholds).reasons.length).toBeGreaterThan(0);
    }
  });
});

describe('route() with thresholds from a rules object', () => {
  const strict: Rules = rulesSchema.parse({ ...DEFAULT_RULES, thresholds: { autoAssign: 0.95, review: 0.7 } });

  test('uses the given thresholds, boundaries included', () => {
    expect(route(input(0.95, 0.95), strict.thresholds).outcome).toBe('auto_assign');
    expect(route(input(0.9, 0.9), strict.thresholds).outcome).toBe('review');
    expect(route(input(0.7, 0.7), strict.thresholds).outcome).toBe('review');
    expect(route(input(0.69, 0.69), strict.thresholds).outcome).toBe('escalate');
    expect(route(input(0.9, 0.9), strict.thresholds).reasons.join(' ')).toMatch(
      /review threshold 70%.*auto-assign threshold 95%/,
    );
  });

  test('equal thresholds leave no review band', () => {
    const noReview = { autoAssign: 0.8, review: 0.8 };
    expect(route(input(0.8, 0.8), noReview).outcome).toBe('auto_assign');
    expect(route(input(0.79, 0.79), noReview).outcome).toBe('escalate');
  });
});

describe('rulesSchema', () => {
  test('accepts the default rules', () => {
    expect(rulesSchema.parse(DEFAULT_RULES)).toEqual(DEFAULT_RULES);
  });

  test('rejects a review threshold above the auto-assign threshold, at thresholds.review', () => {
    const result = rulesSchema.safeParse({ ...DEFAULT_RULES, thresholds: { autoAssign: 0.6, review: 0.85 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(['thresholds', 'review']);
  });

  test.each([
    ['a threshold above 1', { thresholds: { autoAssign: 1.2, review: 0.6 } }, ['thresholds', 'autoAssign']],
    ['a negative threshold', { thresholds: { autoAssign: 0.85, review: -0.1 } }, ['thresholds', 'review']],
    [
      'a zero duration',
      { durations: { ...DEFAULT_RULES.durations, confirmationWaitSeconds: 0 } },
      ['durations', 'confirmationWaitSeconds'],
    ],
    [
      'a fractional duration',
      { durations: { ...DEFAULT_RULES.durations, reviewWaitSeconds: 1.5 } },
      ['durations', 'reviewWaitSeconds'],
    ],
    [
      'an hour past midnight',
      { scheduling: { ...DEFAULT_RULES.scheduling, workdayEndHour: 25 } },
      ['scheduling', 'workdayEndHour'],
    ],
  ])('rejects %s', (_name, patch, path) => {
    const result = rulesSchema.safeParse({ ...DEFAULT_RULES, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(path);
  });
});
