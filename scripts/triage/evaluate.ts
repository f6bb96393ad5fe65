/**
 * `npm run triage:evaluate -- [--part tuning|heldout-round1|heldout-round2|heldout|all] [--classifier heuristic|claude] [--json] [--misses]`
 *
 * Runs a classifier over a part of the labelled corpus (test/fixtures/triage/) and prints recall per priority,
 * emergency and safety recall, priority exact, the labelled trade among the required skills, false emergencies and
 * the priority confusion table. `--classifier claude` uses the real adapter (@anthropic-ai/sdk) with
 * ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL and ANTHROPIC_MODEL; a message it cannot answer counts as wrong.
 * `--misses` lists every message whose priority, safety or trade was missed (with the classifier's reasoning).
 * The held-out part is for measuring only: never tune rules on what it prints.
 */
import { parseArgs } from 'node:util';
import type { Classifier } from '../../activities/adapters/classifier';
import { createClaudeClassifier } from '../../activities/adapters/claudeClassifier';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import type { Classification } from '../../domain/classification';
import { loadPart, PARTS, type CorpusPart } from './corpus';
import { formatMetrics, measure, type TriageMetrics } from './metrics';
import type { LabelledMessage } from './splitCorpus';

export const CLASSIFIERS = ['heuristic', 'claude'] as const;
export type ClassifierName = (typeof CLASSIFIERS)[number];

export interface Judged {
  message: LabelledMessage;
  verdict: Classification | null;
  error?: string;
}

export interface PartReport {
  part: CorpusPart;
  metrics: TriageMetrics;
  misses: Array<{ id: string; text: string; labelled: string; predicted: string; reasoning: string }>;
}

export function classifierNamed(name: ClassifierName, env: NodeJS.ProcessEnv = process.env): Classifier {
  if (name === 'heuristic') return createHeuristicClassifier();
  const apiKey = env.ANTHROPIC_API_KEY;
  if (!apiKey)
    throw new Error('--classifier claude needs ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for another endpoint)');
  return createClaudeClassifier({
    apiKey,
    baseURL: env.ANTHROPIC_BASE_URL || undefined,
    model: env.ANTHROPIC_MODEL || undefined,
  });
}

/** Every message through the classifier, a few at a time; a failed answer is kept as null with its error. */
export async function judge(
  classifier: Classifier,
  messages: readonly LabelledMessage[],
  concurrency = 4,
): Promise<Judged[]> {
  const judged: Judged[] = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const index = next++;
      const message = messages[index]!;
      try {
        judged[index] = { message, verdict: (await classifier.classify(message.text)).classification };
      } catch (error) {
        judged[index] = { message, verdict: null, error: error instanceof Error ? error.message : String(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return judged;
}

function describe(priority: string, trades: readonly string[], safety: boolean): string {
  return `${priority}/${trades.join('+')}${safety ? '/safety' : ''}`;
}

export function report(part: CorpusPart, judged: readonly Judged[]): PartReport {
  const misses = judged
    .filter(
      ({ message, verdict }) =>
        !verdict ||
        verdict.priority !== message.priority ||
        verdict.safety !== message.safety ||
        ![message.trade, ...(message.alsoAccept ?? [])].some((t) => verdict.skillsRequired.includes(t)),
    )
    .map(({ message, verdict, error }) => ({
      id: message.id,
      text: message.text,
      labelled: describe(
        message.priority,
        [message.trade, ...(message.alsoAccept ?? []).map((t) => `(${t})`)],
        message.safety,
      ),
      predicted: verdict
        ? `${describe(verdict.priority, verdict.skillsRequired, verdict.safety)} ${verdict.confidence}`
        : 'no answer',
      reasoning: verdict?.reasoning ?? error ?? '',
    }));
  return { part, metrics: measure(judged), misses };
}

export async function evaluate(options: {
  parts: readonly CorpusPart[];
  classifier: Classifier;
  concurrency?: number;
}): Promise<PartReport[]> {
  const reports: PartReport[] = [];
  for (const part of options.parts)
    reports.push(report(part, await judge(options.classifier, loadPart(part), options.concurrency)));
  return reports;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      part: { type: 'string', default: 'tuning' },
      classifier: { type: 'string', default: 'heuristic' },
      json: { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
    },
  });
  const parts: CorpusPart[] =
    values.part === 'all' ? [...PARTS] : PARTS.includes(values.part as CorpusPart) ? [values.part as CorpusPart] : [];
  if (parts.length === 0) throw new Error(`--part must be ${PARTS.join(', ')} or all (got "${values.part}")`);
  if (!CLASSIFIERS.includes(values.classifier as ClassifierName))
    throw new Error(`--classifier must be heuristic or claude (got "${values.classifier}")`);
  const classifier = classifierNamed(values.classifier as ClassifierName);
  const reports = await evaluate({ parts, classifier, concurrency: Number(values.concurrency) || 4 });
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ classifier: classifier.name, parts: Object.fromEntries(reports.map((r) => [r.part, values.misses ? r : { part: r.part, metrics: r.metrics }])) }, null, 2)}\n`,
    );
    return;
  }
  for (const r of reports) {
    process.stdout.write(`${formatMetrics(`${classifier.name} classifier on the ${r.part} part`, r.metrics)}\n\n`);
    if (values.misses) {
      for (const miss of r.misses)
        process.stdout.write(`${miss.id} ${miss.labelled} → ${miss.predicted} | ${miss.text} | ${miss.reasoning}\n`);
      process.stdout.write('\n');
    }
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
