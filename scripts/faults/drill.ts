/**
 * Running a drill: the stack up, counts before, the drill, counts after, the reconciliation, the stack down; and running
 * one from the command line. The parts drills share are in drill/: opening and confirming orders, the auto path they
 * are expected to take, the restart drills' body.
 */
import { rm } from 'node:fs/promises';
import { startStack, type Stack, type StackOptions } from './harness';
import type { Log } from './harness/log';
import { retryFacts } from './drill/facts';
import {
  printReconciliation,
  reconcile,
  type Check,
  type Counts,
  type ExpectedOrder,
  type Reconciliation,
} from './reconcile';
import { formatCounts, snapshotCounts } from './reconcile/counts';
import { waitForExpectedTexts } from './harness/expectedTexts';

export interface DrillResult {
  drill: string;
  passed: boolean;
  before: Counts;
  after: Counts;
  reconciliation: Reconciliation;
  /** What the drill did and saw: faults injected, requests retried, activities retried. */
  facts: string[];
  seconds: number;
}

/** Options every drill takes: smaller sizes for CI, a shared Temporal server and bundle in tests. */
export interface CommonDrillOptions {
  log?: Log;
  temporal?: StackOptions['temporal'];
  bundlePath?: string;
  /** Keep the worker's and API's logs under .data/faults even when the drill passed. */
  keepLogs?: boolean;
}

export const defaultLog: Log = (line) => console.log(line);

/** Longer than a workflow task's and a text's timeouts (twilioActivity: 20 s) and a retry's backoff, several times over. */
const TEXTS_WAIT_MS = 120_000;

export async function runDrill(
  name: string,
  stackOptions: Omit<StackOptions, 'drill' | 'log'>,
  common: CommonDrillOptions,
  /** Returns what it expects; `facts` are printed, `checks` join the reconciliation's (what only the drill can see). */
  body: (stack: Stack, facts: string[], checks: Check[]) => Promise<ExpectedOrder[]>,
): Promise<DrillResult> {
  const log: Log = (line) => (common.log ?? defaultLog)(`[${name}] ${line}`);
  const started = Date.now();
  const stack = await startStack({
    ...stackOptions,
    drill: name,
    log,
    temporal: common.temporal,
    bundlePath: common.bundlePath,
  });
  const scope = { pool: stack.pool, client: stack.client, taskQueue: stack.taskQueue, twilio: stack.twilio };
  let passed = false;
  try {
    const before = await snapshotCounts(scope);
    log(`before: ${formatCounts(before)}`);
    const facts: string[] = [];
    const drillChecks: Check[] = [];
    const expected = await body(stack, facts, drillChecks);
    const texts = await waitForExpectedTexts(stack.pool, expected, TEXTS_WAIT_MS);
    if (texts.sending !== 0 || texts.done < texts.expected)
      log(
        `texts after ${TEXTS_WAIT_MS / 1000} s: ${texts.done} of ${texts.expected} expected out, ${texts.sending} sending`,
      );
    // The worker keeps running: the reconciliation asks every workflow for its state, and a query needs a worker.
    facts.push(
      ...(await retryFacts(
        stack.client,
        stack.pool,
        expected.map((e) => e.number),
      )),
    );
    for (const fact of facts) log(`fact: ${fact}`);
    const reconciled = await reconcile(scope, expected);
    const checks = [...drillChecks, ...reconciled.checks];
    const reconciliation: Reconciliation = { ...reconciled, checks, passed: checks.every((c) => c.pass) };
    log(`after:  ${formatCounts(reconciliation.counts)}`);
    printReconciliation(reconciliation, log);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const keepLogs = common.keepLogs || !reconciliation.passed;
    log(
      `${reconciliation.passed ? 'PASSED' : 'FAILED'} in ${seconds} s${keepLogs ? ` (worker and API logs: ${stack.logDir})` : ''}`,
    );
    passed = reconciliation.passed;
    return {
      drill: name,
      passed: reconciliation.passed,
      before,
      after: reconciliation.counts,
      reconciliation,
      facts,
      seconds,
    };
  } finally {
    await stack.stop();
    if (passed && !common.keepLogs) await rm(stack.logDir, { recursive: true, force: true });
  }
}

/** Parses `--name value` and `--name=value` numbers from a drill's command line. */
export function numberArg(argv: string[], name: string): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}` && argv[i + 1] !== undefined) return Number(argv[i + 1]);
    if (arg.startsWith(`--${name}=`)) return Number(arg.slice(name.length + 3));
  }
  return undefined;
}

/** Runs a drill from the command line: exit 0 when its reconciliation passed, 1 otherwise. */
export function runFromCommandLine(run: (argv: string[]) => Promise<DrillResult>): void {
  run(process.argv.slice(2)).then(
    (result) => process.exit(result.passed ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
