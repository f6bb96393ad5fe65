import type { PhotoStore } from '../../db/photoStore';
import type { ClassifierConfig } from './classifierFromEnv';
import { createClaudePhotoReviewer } from './claudePhotoReviewer';
import { createDeterministicPhotoReviewer } from './deterministicPhotoReviewer';
import type { PhotoReviewer } from './photoReviewer';

/** Claude (with the images) when an API key is set; otherwise the deterministic check. */
export function photoReviewerFromConfig(config: ClassifierConfig, store: PhotoStore): PhotoReviewer {
  const { anthropicApiKey, anthropicModel, anthropicBaseUrl } = config;
  if (anthropicApiKey)
    return createClaudePhotoReviewer({
      apiKey: anthropicApiKey,
      store,
      model: anthropicModel || undefined,
      baseURL: anthropicBaseUrl || undefined,
    });
  return createDeterministicPhotoReviewer();
}
