import type { Classification } from '../../domain/classification';

/** One interface per outside service: the heuristic default, Claude when a key is set (a later issue). */
export interface Classifier {
  readonly name: string;
  classify(description: string): Promise<Classification>;
}
