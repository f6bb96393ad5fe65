import { classifyHeuristically } from '../../domain/heuristicClassifier';
import type { Classifier } from './classifier';

export function createHeuristicClassifier(): Classifier {
  return {
    name: 'heuristic',
    classify: async (description, context) => {
      const started = performance.now();
      const classification = classifyHeuristically(description, context ?? null);
      return {
        classification,
        model: null,
        latencyMs: Math.round(performance.now() - started),
        inputTokens: null,
        outputTokens: null,
        costUsd: null,
      };
    },
  };
}
