import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CLASSIFY_TOOL_NAME, DEFAULT_CLAUDE_MODEL } from '../../activities/adapters/claudeClassifier';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import { loadPart } from '../../scripts/triage/corpus';
import { measure, type TriageMetrics } from '../../scripts/triage/metrics';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';

/**
 * `npm run triage:evaluate -- --classifier claude` end to end: the real @anthropic-ai/sdk adapter against the local
 * fake Anthropic server, over the whole tuning part. It proves the prompt, the tool schema and the parsing work for
 * every message, so the two classifiers can be compared the day a key is set. Its figures mean nothing: the fake
 * answers each request with the heuristic's verdict on the tenant text it found inside the prompt, so they must equal
 * the heuristic's own figures exactly — which they only do if every text reached the "model" intact and every answer
 * came back through the tool call and the schema.
 */
const root = path.join(__dirname, '..', '..');
let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});

afterAll(async () => {
  await fake?.close();
});

interface EvaluateJson {
  classifier: string;
  parts: Record<string, { part: string; metrics: TriageMetrics }>;
}

async function evaluate(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/triage/evaluate.ts', ...args],
      { cwd: root, env, maxBuffer: 16 * 1024 * 1024 },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

test('the claude path of the harness classifies every tuning message through the SDK, the tool and the schema', async () => {
  const tuning = loadPart('tuning');
  const env = { ...process.env, ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_MODEL: '' };
  const run = await evaluate(['--part', 'tuning', '--classifier', 'claude', '--json', '--concurrency', '8'], env);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const output = JSON.parse(run.stdout) as EvaluateJson;
  expect(output.classifier).toBe('claude');
  const metrics = output.parts.tuning!.metrics;
  expect(metrics).toMatchObject({ messages: tuning.length, unanswered: 0 });

  // One request per message, each as the adapter builds it: forced tool, the schema's fields, the text inside its tags.
  expect(fake.requests).toHaveLength(tuning.length);
  const tenantTexts = new Set(fake.requests.map((r) => r.tenantText));
  expect(tuning.filter((m) => !tenantTexts.has(m.text))).toEqual([]);
  for (const request of fake.requests) {
    expect(request.body.model).toBe(DEFAULT_CLAUDE_MODEL);
    expect(request.body.tool_choice).toMatchObject({ type: 'tool', name: CLASSIFY_TOOL_NAME });
    const tool = (
      request.body.tools as Array<{
        name: string;
        input_schema: { properties: Record<string, unknown>; required: string[] };
      }>
    )[0]!;
    expect(tool.name).toBe(CLASSIFY_TOOL_NAME);
    expect(tool.input_schema.required).toEqual(
      expect.arrayContaining(['priority', 'skillsRequired', 'confidence', 'reasoning', 'warnings', 'safety']),
    );
  }

  // The figures mean nothing about Claude; they equal the heuristic's, which proves nothing was lost on the way.
  const heuristic = measure(tuning.map((message) => ({ message, verdict: classifyHeuristically(message.text) })));
  expect(metrics).toEqual(heuristic);
});

test('a failed answer counts as wrong and is reported, not dropped', async () => {
  fake.reset();
  fake.answerWith((request) =>
    request.tenantText.length % 2 === 0
      ? { toolInput: { priority: 'urgent' } }
      : { toolInput: classifyHeuristically(request.tenantText) },
  );
  const env = { ...process.env, ANTHROPIC_API_KEY: fake.apiKey, ANTHROPIC_BASE_URL: fake.url, ANTHROPIC_MODEL: '' };
  const run = await evaluate(['--part', 'tuning', '--classifier', 'claude', '--json'], env);
  fake.answerWith(undefined);
  expect(run.code).toBe(0);
  const metrics = (JSON.parse(run.stdout) as EvaluateJson).parts.tuning!.metrics;
  const malformed = loadPart('tuning').filter((m) => m.text.length % 2 === 0).length;
  expect(malformed).toBeGreaterThan(0);
  expect(metrics.unanswered).toBe(malformed);
  expect(Object.values(metrics.confusion).reduce((sum, row) => sum + row.none, 0)).toBe(malformed);
});

test('claude without a key, or a part that does not exist, is a clear error', async () => {
  const noKey = await evaluate(['--classifier', 'claude'], { ...process.env, ANTHROPIC_API_KEY: '' });
  expect(noKey.code).toBe(1);
  expect(noKey.stderr).toMatch(/needs ANTHROPIC_API_KEY/);
  const badPart = await evaluate(['--part', 'everything'], process.env);
  expect(badPart.code).toBe(1);
  expect(badPart.stderr).toMatch(
    /--part must be tuning, heldout-round1, heldout-round2, heldout-round3, heldout or all/,
  );
});
