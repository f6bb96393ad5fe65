import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { loadPart } from '../../scripts/triage/corpus';
import { measure } from '../../scripts/triage/metrics';

/**
 * The deterministic classifier on the held-out part of the corpus (test/fixtures/triage/heldout.json, round 4), which
 * no rule was written or tuned against and whose writers never saw the classifier. These floors are what it measured
 * the one time it was run on it (at 9e63892); issue 15's targets (emergency and safety recall 100 %, priority exact
 * 85 %, trade 90 %, false emergencies 5 % at most) are above the two recalls and exactness. Never tune a rule on this part to raise
 * them: a classifier that gets better on new text raises them by itself.
 */
const FLOORS = {
  emergencyRecall: 62 / 76,
  safetyRecall: 121 / 141,
  priorityExact: 291 / 378,
  tradeAmongSkills: 358 / 378,
  maxFalseEmergencies: 13 / 302,
};

test('the held-out part: recall, exactness and trade at or above their floors, false emergencies at most theirs', () => {
  const judged = loadPart('heldout').map((message) => ({ message, verdict: classifyHeuristically(message.text) }));
  const m = measure(judged);
  expect(m.emergencyRecall.rate).toBeGreaterThanOrEqual(FLOORS.emergencyRecall);
  expect(m.safetyRecall.rate).toBeGreaterThanOrEqual(FLOORS.safetyRecall);
  expect(m.priorityExact.rate).toBeGreaterThanOrEqual(FLOORS.priorityExact);
  expect(m.tradeAmongSkills.rate).toBeGreaterThanOrEqual(FLOORS.tradeAmongSkills);
  expect(m.falseEmergencies.rate).toBeLessThanOrEqual(FLOORS.maxFalseEmergencies);
});
