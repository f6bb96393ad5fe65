import { classificationSchema, normalizeDescription, type Classification } from '../domain/classification';
import type { Priority } from '../domain/priority';
import type { ActivityDeps } from './deps';

export interface ClassificationResult {
  classification: Classification;
  provider: string;
  cached: boolean;
  /** The priority the order gets: the requester's when they gave one, else the classifier's. */
  priority: Priority;
}

export function createClassificationActivities({ pool, classifier }: ActivityDeps) {
  return {
    /** Classifies the description (reusing a recent answer for the same text) and records the decision. */
    async classifyWorkOrder(req: { number: number; rulesVersion: number; cacheSeconds: number; idempotencyKey: string }): Promise<ClassificationResult> {
      const { rows } = await pool.query<{ description: string; requested_priority: Priority | null }>('SELECT description, requested_priority FROM work_orders WHERE number = $1', [req.number]);
      const order = rows[0];
      if (!order) throw new Error(`work order ${req.number} not found`);
      const key = normalizeDescription(order.description);

      const hit = await pool.query<{ classification: unknown; provider: string }>(
        `SELECT classification, provider FROM classification_cache WHERE normalized_text = $1 AND created_at > now() - make_interval(secs => $2)`,
        [key, req.cacheSeconds],
      );
      let classification: Classification;
      let provider: string;
      let cached = false;
      const cachedRow = hit.rows[0];
      const fromCache = cachedRow ? classificationSchema.safeParse(cachedRow.classification) : null;
      if (cachedRow && fromCache?.success) {
        classification = fromCache.data;
        provider = cachedRow.provider;
        cached = true;
      } else {
        classification = classificationSchema.parse(await classifier.classify(order.description));
        provider = classifier.name;
        await pool.query(
          `INSERT INTO classification_cache (normalized_text, provider, classification) VALUES ($1, $2, $3)
           ON CONFLICT (normalized_text) DO UPDATE SET provider = EXCLUDED.provider, classification = EXCLUDED.classification, created_at = now()`,
          [key, provider, JSON.stringify(classification)],
        );
      }

      const priority = order.requested_priority ?? classification.priority;
      const reasoning = order.requested_priority && order.requested_priority !== classification.priority
        ? `${classification.reasoning}; priority ${order.requested_priority} as requested (classifier said ${classification.priority})`
        : classification.reasoning;
      await pool.query(
        `INSERT INTO decisions (work_order_number, kind, provider, rules_version, input, output, reasoning, idempotency_key)
         VALUES ($1, 'classification', $2, $3, $4, $5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`,
        [req.number, provider, req.rulesVersion, JSON.stringify({ description: order.description, cached }), JSON.stringify(classification), reasoning, req.idempotencyKey],
      );
      return { classification, provider, cached, priority };
    },
  };
}
