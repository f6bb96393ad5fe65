/**
 * The short fault drills, at CI sizes: the same drill functions `npm run faults` runs (scripts/faults/), each on its
 * own database and task queue, the four at once on one Temporal dev server (kill-worker spends most of its time
 * waiting out the activities its kills cut short, which leaves the machine to the other two).
 */
import { writeFileSync } from 'node:fs';
import { aiFaultsDrill } from '../../scripts/faults/ai-faults';
import type { DrillResult } from '../../scripts/faults/drill';
import { duplicateWebhooksDrill } from '../../scripts/faults/duplicate-webhooks';
import { startTemporal, type TemporalServer } from '../../scripts/faults/harness';
import { killWorkerDrill } from '../../scripts/faults/kill-worker';
import { poisonDrill } from '../../scripts/faults/poison';
import { TEST_BUNDLE_PATH, testLogPath } from '../support/paths';

let temporal: TemporalServer;
const lines: string[] = [];
const log = (line: string) => lines.push(line);
let results: Record<'killWorker' | 'duplicateWebhooks' | 'aiFaults' | 'poison', DrillResult | Error>;

beforeAll(async () => {
  temporal = await startTemporal(log);
  const common = { log, temporal, bundlePath: TEST_BUNDLE_PATH };
  const settled = await Promise.allSettled([
    killWorkerDrill({ ...common, orders: 20, kills: 3, upMs: [2_000, 5_000], timeoutMs: 150_000 }),
    duplicateWebhooksDrill({ ...common, rounds: 20, timeoutMs: 120_000 }),
    aiFaultsDrill({ ...common, orders: 20, timeoutMs: 120_000 }),
    poisonDrill({ ...common, orders: 8, timeoutMs: 120_000 }),
  ]);
  // A drill's rejection may come from Node's own realm (fetch's TypeError), which is no instance of jest's Error.
  const [killWorker, duplicateWebhooks, aiFaults, poison] = settled.map((s) =>
    s.status === 'fulfilled' ? s.value : asError(s.reason),
  );
  results = { killWorker: killWorker!, duplicateWebhooks: duplicateWebhooks!, aiFaults: aiFaults!, poison: poison! };
  // The drills' own report (counts before and after, the reconciliation) in a file; in the CI log when one failed.
  const report = `${lines.join('\n')}\n`;
  writeFileSync(testLogPath(`faults-${process.pid}.log`), report);
  if (Object.values(results).some((r) => r instanceof Error || !r.passed)) process.stdout.write(report);
}, 240_000);

afterAll(async () => {
  await temporal?.stop();
});

function asError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  const { message, stack, cause } = (reason ?? {}) as { message?: string; stack?: string; cause?: unknown };
  const error = new Error(`the drill failed: ${message ?? String(reason)}${cause ? ` (cause: ${String(cause)})` : ''}`);
  if (stack) error.stack = stack;
  return error;
}

function expectPassed(result: DrillResult | Error): void {
  if (result instanceof Error) throw result;
  const failed = result.reconciliation.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.detail}`);
  expect(failed).toEqual([]);
  expect(result.passed).toBe(true);
  expect(result.after.workOrders).toBe(result.after.workflows);
}

test('kill -9 the worker 3 times while 20 work orders run: all scheduled, no text or event twice or missing', () => {
  expectPassed(results.killWorker);
  expect((results.killWorker as DrillResult).facts.some((f) => /killed with SIGKILL 3 times/.test(f))).toBe(true);
});

test('20 texts and 20 YES each delivered 3 times at once: one work order and one confirmation each', () => {
  expectPassed(results.duplicateWebhooks);
  expect((results.duplicateWebhooks as DrillResult).after.inboundSms).toBe(40);
});

test('Claude answering 429, 500, garbage and time-outs for 20 orders at once: each classified by Claude or by the fallback with the reason', () => {
  expectPassed(results.aiFaults);
  expect((results.aiFaults as DrillResult).after.byStatus).toEqual({ awaiting_confirmation: 6, needs_assignment: 14 });
});

test('refused characters through every free-text path: texts repaired, every API field a 4xx that wrote nothing, a NUL past the API in the failed-steps queue and cancelled, nothing frozen', () => {
  expectPassed(results.poison);
  const result = results.poison as DrillResult;
  expect(result.after.byStatus).toEqual({ scheduled: 7, cancelled: 1 });
  expect(result.facts.some((f) => /rejected writes: \d+ requests through 14 fields/.test(f))).toBe(true);
});
