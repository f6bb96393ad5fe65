import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { loadPart } from '../../scripts/triage/corpus';
import { formatMetrics, measure } from '../../scripts/triage/metrics';

/**
 * The deterministic classifier on the held-out part of the corpus (test/fixtures/triage/heldout.json), which no rule
 * was written or tuned against. These floors are what it measured the first time it was run on it; issue 15's targets
 * (emergency and safety recall 100 %, priority exact 85 %, trade 90 %, false emergencies 5 % at most) are above some of
 * them. Raise them as the classifier gets better on new text; never tune a rule on this part to do so.
 */
const FLOORS = {
  emergencyRecall: 48 / 58,
  safetyRecall: 81 / 96,
  priorityExact: 234 / 292,
  tradeAmongSkills: 284 / 292,
  maxFalseEmergencies: 7 / 234,
};

test('the held-out part: recall, exactness and trade at or above their floors, false emergencies at most theirs', () => {
  const judged = loadPart('heldout-round1').map((message) => ({ message, verdict: classifyHeuristically(message.text) }));
  const m = measure(judged);
  console.log(formatMetrics('heuristic classifier, held-out part', m));
  expect(m.emergencyRecall.rate).toBeGreaterThanOrEqual(FLOORS.emergencyRecall);
  expect(m.safetyRecall.rate).toBeGreaterThanOrEqual(FLOORS.safetyRecall);
  expect(m.priorityExact.rate).toBeGreaterThanOrEqual(FLOORS.priorityExact);
  expect(m.tradeAmongSkills.rate).toBeGreaterThanOrEqual(FLOORS.tradeAmongSkills);
  expect(m.falseEmergencies.rate).toBeLessThanOrEqual(FLOORS.maxFalseEmergencies);
});
