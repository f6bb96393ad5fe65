/**
 * `npm run bench:intake [-- --messages 300 --concurrency 4 --warmup 20 --block 25 --no-worker]`
 *
 * SMS intake latency: a signed Twilio webhook (POST /webhooks/twilio/sms) to its TwiML answer, for a new problem
 * from a known tenant (stores the message, writes the work order, its event and the request to start its workflow in
 * one transaction, answers "Work order #N"; the workflow is started after the answer, by api/intake/workflowStarter.ts).
 * Compared, in the same run and at the same concurrency, with two baselines on the same route:
 *   A  HELP from a known tenant: signature, store, answer; creates nothing (the webhook path itself);
 *   B  a duplicate delivery (an intake message's MessageSid posted again): stores nothing, answers the stored reply.
 * The three kinds are sent in interleaved blocks (a round = one block of each), so that all of them run under the
 * same background load: the worker triages the new work orders while the benchmark goes on.
 *
 * Everything runs in this process (scripts/bench/harness.ts on the test harness test/support/system.ts): a Temporal
 * dev server, a fresh Postgres database (dropped at the end), the worker (heuristic classifier, outbox SMS) and the API.
 * Prints a markdown table and the conditions, writes the run to .data/bench/intake-<timestamp>.json, then checks
 * that every intake message got its own work order and its workflow; exits 1 when a check fails.
 */
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RULES } from '../../domain/rules';
import { DEFAULT_MAX_CACHED_WORKFLOWS, workerHeapLimitMiB } from '../../runtime/config';
import type { TestSystem } from '../../test/support/system';
import { forkedWorkers, forkWorker } from './forkedWorker';
import { describeMachine, gitState, runBench, writeRun, type Bench } from './harness';
import { checkCorrectness, countWorkOrders, workflowStarts, workOrderStatuses } from './intakeChecks';
import { intakeLoad, type IntakeAnswers } from './intakeLoad';
import { parseIntakeOptions, type IntakeOptions } from './intakeOptions';
import {
  intakeConditions,
  intakeReport,
  intakeRun,
  intakeTable,
  kindFigures,
  type IntakeResults,
} from './intakeReport';
import { resourcesAfter, watchCpu, watchMemory, type IntakeCpu, type IntakeMemory } from './intakeResources';
import { checkProblemTexts } from './intakeTexts';
import { loadTenants } from './workload';

interface RunStart {
  runStarted: Date;
  loadAtStart: number;
  codeAtStart: string;
}

interface Measured {
  answers: IntakeAnswers;
  workOrdersBefore: number;
  memory: IntakeMemory;
  cpu: IntakeCpu;
}

async function main(bench: Bench): Promise<number> {
  const options = parseIntakeOptions(process.argv.slice(2));
  const start: RunStart = {
    runStarted: new Date(),
    // The code the run loaded: read now, not at the end (files edited meanwhile are not in this process).
    codeAtStart: gitState(),
    loadAtStart: os.loadavg()[0]!,
  };
  const system = await startSystem(bench, options.worker);
  if (!system) return 130;
  const measured = await measure(bench, system, options);
  if (!measured) return 130;
  const results = await check(system, options, start, measured);
  await report(options, start, results);
  return results.ok ? 0 : 1;
}

/** The system, with the worker that triages the new orders where `--no-worker` / `--forked-worker` put it; null when interrupted. */
async function startSystem(bench: Bench, worker: IntakeOptions['worker']): Promise<TestSystem | null> {
  bench.onStop(async () => {
    for (const forked of [...forkedWorkers]) await forked.kill();
  });
  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return null;
  if (worker !== 'in-process') await system.stopWorker();
  if (worker === 'forked') {
    const forked = await forkWorker(
      system,
      'intake',
      DEFAULT_MAX_CACHED_WORKFLOWS,
      workerHeapLimitMiB(DEFAULT_MAX_CACHED_WORKFLOWS),
    );
    await forked.ready;
  }
  return system;
}

/** The warm-up, then the measured rounds, with the memory and CPU they used; null when interrupted. */
async function measure(bench: Bench, system: TestSystem, options: IntakeOptions): Promise<Measured | null> {
  const pool = system.db.pool;
  const tenants = await loadTenants(pool);
  checkProblemTexts();
  const load = intakeLoad(system, tenants, options.concurrency, () => bench.interrupted);
  const workOrdersBefore = await countWorkOrders(pool);
  const memoryWatch = await watchMemory();
  await load.warmUp(options.warmup);
  const cpuWatch = await watchCpu();
  await load.measure(options.messages, options.block);
  memoryWatch.stop();
  if (bench.interrupted) return null;
  const { memory, cpu } = await resourcesAfter(memoryWatch, cpuWatch);
  return { answers: load.answers, workOrdersBefore, memory, cpu };
}

/** The figures, the conditions, and what the database holds once the last workflows have started, checked. */
async function check(
  system: TestSystem,
  options: IntakeOptions,
  start: RunStart,
  measured: Measured,
): Promise<IntakeResults> {
  const pool = system.db.pool;
  const figures = kindFigures(measured.answers.measured);
  const table = intakeTable(figures);
  const conditions = intakeConditions(options, await describeMachine(pool), start);
  const statuses = await workOrderStatuses(pool);
  const starts = await workflowStarts(pool);
  const checks = await checkCorrectness(system, measured.answers.all, measured.workOrdersBefore, starts);
  const ok = checks.every((c) => c.ok);
  return { conditions, figures, table, memory: measured.memory, cpu: measured.cpu, statuses, starts, checks, ok };
}

/** Prints the report and writes the run's JSON. */
async function report(options: IntakeOptions, start: RunStart, results: IntakeResults): Promise<void> {
  console.log(intakeReport(results));
  const file = await writeRun('intake', start.runStarted, intakeRun(options, results));
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
}

runBench(main);
