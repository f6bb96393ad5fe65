import { classifyHeuristically } from '../../domain/heuristicClassifier';
import type { Classifier } from './classifier';

export function createHeuristicClassifier(): Classifier {
  return {
    name: 'heuristic',
    classify: async (description) => classifyHeuristically(description),
  };
}
