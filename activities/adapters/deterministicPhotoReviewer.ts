import type { PhotoReviewer } from './photoReviewer';

/** The rule check is the whole verdict. */
export function createDeterministicPhotoReviewer(): PhotoReviewer {
  return {
    name: 'deterministic',
    review: async ({ ruleCheck }) => ({
      ...ruleCheck,
      model: null,
      latencyMs: 0,
      inputTokens: null,
      outputTokens: null,
      costUsd: null,
    }),
  };
}
