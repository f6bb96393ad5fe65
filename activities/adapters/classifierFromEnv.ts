import type { Classifier } from './classifier';
import { createClaudeClassifier } from './claudeClassifier';
import { createHeuristicClassifier } from './heuristicClassifier';

export interface ClassifierConfig {
  anthropicApiKey?: string;
  anthropicModel?: string;
  anthropicBaseUrl?: string;
}

/** Claude when an API key is set; otherwise the deterministic heuristic. */
export function classifierFromConfig(config: ClassifierConfig): Classifier {
  const { anthropicApiKey, anthropicModel, anthropicBaseUrl } = config;
  if (anthropicApiKey) {
    return createClaudeClassifier({
      apiKey: anthropicApiKey,
      model: anthropicModel || undefined,
      baseURL: anthropicBaseUrl || undefined,
    });
  }
  return createHeuristicClassifier();
}
