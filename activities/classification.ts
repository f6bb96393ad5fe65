import { createHash } from 'node:crypto';
import { classificationSchema, normalizeDescription } from '../domain/classification';
import type { ClassificationResult } from '../domain/classified';
import type { Priority } from '../domain/priority';
import { contextKey, readTriageContext, type TriageContext } from '../domain/triageContext';
import { ClassifierUnavailableError, type Classifier, type ClassifierAnswer } from './adapters/classifier';
import { createHeuristicClassifier } from './adapters/heuristicClassifier';
import type { ClientBase, Pool } from 'pg';
import type { ActivityDeps } from './deps';

export type { ClassificationResult };

interface Answered {
  answer: ClassifierAnswer;
  provider: string;
  unavailable: ClassificationResult['unavailable'];
}

/** Asks the configured classifier; when it cannot answer, the deterministic one does, and the reason is kept. */
async function classifyWithFallback(
  primary: Classifier,
  description: string,
  context: TriageContext | null,
): Promise<Answered> {
  try {
    return { answer: await primary.classify(description, context), provider: primary.name, unavailable: null };
  } catch (err) {
    if (!(err instanceof ClassifierUnavailableError) || primary.name === 'heuristic') throw err;
    const fallback = createHeuristicClassifier();
    return {
      answer: await fallback.classify(description, context),
      provider: fallback.name,
      unavailable: { provider: primary.name, reason: err.reason, message: err.message },
    };
  }
}

/** Which records the classifier was given, for the decision trail (the records themselves are on the order). */
function contextUsed(context: TriageContext | null): { unitHistory: number[]; similarInBuilding: number[] } | null {
  return context
    ? {
        unitHistory: context.unitHistory.map((o) => o.number),
        similarInBuilding: context.similarInBuilding.map((o) => o.number),
      }
    : null;
}

export function createClassificationActivities({ pool, classifier }: ActivityDeps) {
  return {
    /** Classifies the description (reusing a recent answer for the same text) and records the decision and the call. */
    async classifyWorkOrder(req: ClassificationRequest): Promise<ClassificationResult> {
      return classifyOrder(pool, classifier, req);
    },
  };
}

export interface ClassificationRequest {
  number: number;
  rulesVersion: number;
  cacheSeconds: number;
  idempotencyKey: string;
}

/** The classification of one order, with its decision recorded: on the pool, or inside the caller's transaction. */
export async function classifyOrder(
  db: Pool | ClientBase,
  classifier: Classifier,
  req: ClassificationRequest,
): Promise<ClassificationResult> {
  const { rows } = await db.query<{ description: string; requested_priority: Priority | null; context: unknown }>(
    `SELECT description, requested_priority, metadata->'context' AS context FROM work_orders WHERE number = $1`,
    [req.number],
  );
  const order = rows[0];
  if (!order) throw new Error(`work order ${req.number} not found`);
  const context = readTriageContext(order.context);
  // The same text with the same records gets the same answer; a repair in the unit since makes it a new question.
  const key = [normalizeDescription(order.description), contextKey(context)].filter(Boolean).join('\n');
  const inputHash = createHash('sha256').update(key).digest('hex');

  const hit = await db.query<{ classification: unknown; provider: string }>(
    `SELECT classification, provider FROM classification_cache WHERE normalized_text = $1 AND created_at > now() - make_interval(secs => $2)`,
    [key, req.cacheSeconds],
  );
  const cachedRow = hit.rows[0];
  const fromCache = cachedRow ? classificationSchema.safeParse(cachedRow.classification) : null;
  let answered: Answered;
  if (cachedRow && fromCache?.success) {
    answered = {
      answer: {
        classification: fromCache.data,
        model: null,
        latencyMs: 0,
        inputTokens: null,
        outputTokens: null,
        costUsd: null,
      },
      provider: cachedRow.provider,
      unavailable: null,
    };
  } else {
    answered = await classifyWithFallback(classifier, order.description, context);
    answered.answer.classification = classificationSchema.parse(answered.answer.classification);
    // A fallback answer is not cached: the next order with the same text should ask the real classifier again.
    if (!answered.unavailable) {
      await db.query(
        `INSERT INTO classification_cache (normalized_text, provider, classification) VALUES ($1, $2, $3)
         ON CONFLICT (normalized_text) DO UPDATE SET provider = EXCLUDED.provider, classification = EXCLUDED.classification, created_at = now()`,
        [key, answered.provider, JSON.stringify(answered.answer.classification)],
      );
    }
  }
  const { classification } = answered.answer;
  const cached = cachedRow !== undefined && fromCache?.success === true;

  const priority = order.requested_priority ?? classification.priority;
  const notes = [
    classification.reasoning,
    order.requested_priority && order.requested_priority !== classification.priority
      ? `priority ${order.requested_priority} as requested (classifier said ${classification.priority})`
      : null,
    answered.unavailable
      ? `${answered.unavailable.provider} could not classify (${answered.unavailable.reason}): ${answered.unavailable.message}`
      : null,
  ];
  const { answer } = answered;
  await db.query(
    `INSERT INTO decisions (work_order_number, kind, provider, rules_version, input, output, reasoning, idempotency_key,
                            model, input_hash, confidence, latency_ms, input_tokens, output_tokens, cost_usd)
     VALUES ($1, 'classification', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (idempotency_key) DO NOTHING`,
    [
      req.number,
      answered.provider,
      req.rulesVersion,
      JSON.stringify({
        description: order.description,
        context: contextUsed(context),
        cached,
        unavailable: answered.unavailable,
      }),
      JSON.stringify(classification),
      notes.filter(Boolean).join('; '),
      req.idempotencyKey,
      answer.model,
      inputHash,
      classification.confidence,
      Math.round(answer.latencyMs),
      answer.inputTokens,
      answer.outputTokens,
      answer.costUsd,
    ],
  );
  return { classification, provider: answered.provider, cached, priority, unavailable: answered.unavailable };
}
