import { classificationSchema } from '../../domain/classification';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { TENANT_MESSAGES, type LabeledTenantMessage } from '../fixtures/tenantMessages';

/**
 * Floors under the accuracy over the labeled set; raise them when the classifier gets better, never lower them
 * to make a change pass. Safety is not a rate: a missed hazard fails the test on its own.
 */
const MIN_PRIORITY_ACCURACY = 0.9;
const MIN_SKILL_ACCURACY = 0.95;
const MAX_FALSE_SAFETY_RATE = 0.03;
/** Every labeled emergency must be called an emergency: a missed one is worse than any false alarm. */
const MIN_EMERGENCY_RECALL = 1;

function accuracy(pick: (m: LabeledTenantMessage) => boolean): number {
  return TENANT_MESSAGES.filter(pick).length / TENANT_MESSAGES.length;
}

describe('heuristic classifier on the labeled tenant messages', () => {
  test('the labeled set is big enough to mean something, in both languages', () => {
    expect(TENANT_MESSAGES.length).toBeGreaterThanOrEqual(60);
    expect(TENANT_MESSAGES.filter((m) => m.language === 'es').length).toBeGreaterThanOrEqual(20);
    expect(new Set(TENANT_MESSAGES.map((m) => m.text)).size).toBe(TENANT_MESSAGES.length);
  });

  test.each(TENANT_MESSAGES.map((m) => [m.text, m] as const))('"%s" gets a valid classification', (_text, message) => {
    const result = classifyHeuristically(message.text);
    expect(classificationSchema.parse(result)).toEqual(result);
    expect(result.skillsRequired.length).toBeLessThanOrEqual(2);
    expect(new Set(result.skillsRequired).size).toBe(result.skillsRequired.length);
  });

  test.each(TENANT_MESSAGES.filter((m) => m.safety).map((m) => [m.text] as const))('hazard "%s" is flagged as a safety emergency', (text) => {
    const result = classifyHeuristically(text);
    expect(result).toMatchObject({ safety: true, priority: 'emergency' });
    expect(result.warnings).toContain('safety');
    expect(result.reasoning).toMatch(/safety concern/);
  });

  test('priority accuracy, emergency recall and skill accuracy stay above their floors; false safety alarms stay rare', () => {
    const results = new Map(TENANT_MESSAGES.map((m) => [m.text, classifyHeuristically(m.text)]));
    const priority = accuracy((m) => results.get(m.text)?.priority === m.priority);
    const skill = accuracy((m) => results.get(m.text)?.skillsRequired[0] === m.skill);
    const falseSafety = accuracy((m) => !m.safety && results.get(m.text)?.safety === true);
    const emergencies = TENANT_MESSAGES.filter((m) => m.priority === 'emergency');
    const emergencyRecall = emergencies.filter((m) => results.get(m.text)?.priority === 'emergency').length / emergencies.length;
    const misses = TENANT_MESSAGES.filter((m) => {
      const r = results.get(m.text);
      return r?.priority !== m.priority || r.skillsRequired[0] !== m.skill;
    }).map((m) => `  "${m.text}": expected ${m.priority}/${m.skill}, got ${results.get(m.text)?.priority}/${results.get(m.text)?.skillsRequired[0]}`);
    console.log(
      `heuristic classifier over ${TENANT_MESSAGES.length} labeled messages: priority ${(priority * 100).toFixed(1)}%, ` +
        `emergency recall ${(emergencyRecall * 100).toFixed(1)}% (${emergencies.length} emergencies), ` +
        `skill ${(skill * 100).toFixed(1)}%, false safety alarms ${(falseSafety * 100).toFixed(1)}%\n${misses.join('\n')}`,
    );
    expect(priority).toBeGreaterThanOrEqual(MIN_PRIORITY_ACCURACY);
    expect(skill).toBeGreaterThanOrEqual(MIN_SKILL_ACCURACY);
    expect(falseSafety).toBeLessThanOrEqual(MAX_FALSE_SAFETY_RATE);
    expect(emergencyRecall).toBeGreaterThanOrEqual(MIN_EMERGENCY_RECALL);
  });

  test('is deterministic: the same text always gets the same answer', () => {
    const first = TENANT_MESSAGES.map((m) => classifyHeuristically(m.text));
    const second = [...TENANT_MESSAGES].reverse().map((m) => classifyHeuristically(m.text)).reverse();
    expect(second).toEqual(first);
  });
});

describe('heuristic classifier, case by case', () => {
  test.each([
    ['I smell gas in my kitchen', 'emergency', 'plumbing', true],
    ['Sparks coming out of the outlet', 'emergency', 'electrical', true],
    ['Water is leaking from the ceiling in my bathroom', 'high', 'plumbing', false],
    ['My toilet is clogged', 'medium', 'plumbing', false],
    ['No heat since last night', 'emergency', 'hvac', true],
    ['Se rompió la cerradura de la puerta', 'emergency', 'locksmith', true],
    ['There are roaches in the kitchen', 'medium', 'pest', false],
    ['Paint scuffs in the hallway, no rush', 'low', 'general', false],
    ['Fridge is not cooling', 'high', 'appliance', false],
    ['La nevera no enfría', 'high', 'appliance', false],
  ] as const)('"%s" → %s, %s, safety %s', (text, priority, skill, safety) => {
    const result = classifyHeuristically(text);
    expect(result.priority).toBe(priority);
    expect(result.skillsRequired[0]).toBe(skill);
    expect(result.safety).toBe(safety);
  });

  test('a device named after a hazard is not a hazard, but the hazard next to it still is', () => {
    expect(classifyHeuristically('My gas stove burner won\'t light')).toMatchObject({ safety: false, priority: 'medium' });
    expect(classifyHeuristically('The gas stove smells like gas')).toMatchObject({ safety: true, priority: 'emergency' });
    expect(classifyHeuristically('Smoke detector keeps chirping')).toMatchObject({ safety: false, priority: 'high' });
    expect(classifyHeuristically('The smoke detector is going off and there is smoke in the kitchen')).toMatchObject({ safety: true });
  });

  test('"water" inside a longer name is not a second outage', () => {
    expect(classifyHeuristically('No hot water').reasoning).toMatch(/essential service out: hot water$/);
  });

  test('water near electrical fittings is a hazard', () => {
    expect(classifyHeuristically('Water dripping out of the outlet in the kitchen')).toMatchObject({ safety: true, skillsRequired: ['electrical', 'plumbing'] });
  });

  test('a hazard that does not name its trade takes the trade of what it comes from', () => {
    expect(classifyHeuristically('Smoke coming out of the oven').skillsRequired[0]).toBe('appliance');
    expect(classifyHeuristically('There is smoke in the hallway').skillsRequired[0]).toBe('electrical');
  });

  test('the reasoning names the words it went on', () => {
    const result = classifyHeuristically('The dishwasher won\'t drain');
    expect(result.reasoning).toContain('"dishwasher"');
    expect(result.reasoning).toContain('(appliance)');
  });

  test('text with no trade words goes to a person: general, confidence below the review threshold', () => {
    const result = classifyHeuristically('Can someone call me back please?');
    expect(result.skillsRequired).toEqual(['general']);
    expect(result.confidence).toBeLessThan(0.6);
    expect(result.reasoning).toMatch(/needs a person/);
  });

  test('evidence split evenly between two trades lowers the confidence', () => {
    const clear = classifyHeuristically('The kitchen faucet is dripping');
    const split = classifyHeuristically('The breaker keeps tripping when I run the microwave');
    expect(split.reasoning).toMatch(/ambiguous between/);
    expect(split.confidence).toBeLessThan(clear.confidence);
  });

  test('recurring problems and parts are flagged for the scheduler', () => {
    expect(classifyHeuristically('Shower drain is clogged again').warnings).toContain('multi_visit');
    expect(classifyHeuristically('The oven door hinge is broken').warnings).toContain('parts_likely');
    expect(classifyHeuristically('The oven door hinge is broken').estimatedMinutes).toBe(75);
  });

  test('accents, case and punctuation do not change the answer', () => {
    expect(classifyHeuristically('NO HAY CALEFACCIÓN!!!')).toEqual(classifyHeuristically('no hay calefaccion'));
  });
});
