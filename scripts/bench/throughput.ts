/**
 * `npm run bench:throughput [-- --orders 200 --concurrency 8 --warmup 12 --timeout 300 --ladder 4,8,16,32,64]`
 *
 * Work orders through the real auto path (a signed inbound SMS → the webhook writes the order and starts its
 * workflow → triage, context, classification, proposal, routing, booking → `awaiting_confirmation`) whose texts the
 * heuristic classifier auto-assigns, against the same Temporal server's empty workflow (`benchEmptyWorkflow`, one
 * workflow task) on the same worker, measured in the same run. Three parts:
 *
 * 1. Latency: `--orders` texts by `--concurrency` clients in a closed loop (each texts again once its order is
 *    routed; `--burst`: once its text is answered), timed from the first text to the last order routed; the empty
 *    workflow `--empty` times before and after (started as fast as the starts are answered).
 * 2. Capacity (saturation.ts): the same ladder of concurrencies for empty workflows and orders until the rate stops
 *    rising; orders/s at the knee against the empty workflow's at its knee. `--no-saturate` skips it.
 * 3. A CPU profile of this process (API, worker, client) in one more orders step at the knee (cpuProfile.ts),
 *    summarised (profileSummary.ts) and written as .cpuprofile files. `--no-profile` skips it.
 * And the cost of an order in its history (historyCost.ts): workflow tasks and events up to `awaiting_confirmation`.
 *
 * Everything runs in this process (harness.ts): a Temporal dev server, a fresh database (dropped at the end), the
 * worker (the product's options, heuristic classifier, outbox SMS) and the API. Prints the tables and conditions,
 * writes the run to .data/bench/throughput-<timestamp>.json; exits 1 when an order was not routed in time, was
 * routed elsewhere than auto-assignment (or review after losing the booking race), or an empty workflow failed.
 */
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RULES } from '../../domain/rules';
import { PROJECT_ROOT } from '../../test/support/paths';
import { writeProfiles } from './cpuProfile';
import { cpuLine, measuringCpu } from './cpuUse';
import { runEmpty, type EmptyRun } from './emptyWorkflows';
import {
  BENCH_DIR,
  describeMachine,
  gitState,
  runBench,
  temporalServerFigures,
  timestamp,
  writeRun,
  type Bench,
} from './harness';
import { sampleCost } from './historyCost';
import { waitForTexts } from './orderFlow';
import { runOrders, type OrderRun } from './orderRuns';
import { summarizeProfiles } from './profileSummary';
import { runSaturation } from './saturation';
import { mib, summarize } from './stats';
import { throughputChecks } from './throughputChecks';
import { parseThroughputOptions } from './throughputOptions';
import { costSection, latencyTable, profileSection, saturationSection } from './throughputReport';
import { addTechniciansFor, checkAutoTexts, loadTenants } from './workload';

async function main(bench: Bench): Promise<number> {
  const options = parseThroughputOptions(process.argv.slice(2));
  const runStarted = new Date();
  // The code the run loaded: read now, not at the end (files edited meanwhile are not in this process).
  const codeAtStart = gitState();
  const loadAtStart = os.loadavg()[0]!;
  checkAutoTexts();
  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return 130;
  const pool = system.db.pool;
  const tenants = await loadTenants(pool);
  const technicians = await addTechniciansFor(
    pool,
    options.orders + options.warmup,
    Number(process.env.BENCH_COPIES ?? 0),
  );
  const stopped = () => bench.interrupted;
  const ordersOf = (first: number, n: number) =>
    runOrders(
      system,
      tenants,
      { first, n, concurrency: options.concurrency, burst: options.burst, timeoutSeconds: options.timeoutSeconds },
      stopped,
    );

  if (options.warmup > 0) {
    console.error(`warm-up: ${2 * options.warmup} empty workflows, ${options.warmup} orders…`);
    await runEmpty(system, 2 * options.warmup, options.concurrency, 'warmup');
    const warm = await ordersOf(0, options.warmup);
    await waitForTexts(system, warm.autoNumbers, 60_000);
  }
  if (bench.interrupted) return 130;

  console.error(`latency: ${options.empty} empty workflows, ${options.concurrency} clients…`);
  const before = await measuringCpu(system, () => runEmpty(system, options.empty, options.concurrency, 'before'));
  if (bench.interrupted) return 130;
  console.error(`latency: ${options.orders} texts, ${options.concurrency} clients, until all are routed…`);
  const memoryBefore = process.memoryUsage();
  const orders = await measuringCpu(system, () => ordersOf(options.warmup, options.orders));
  const memoryAfter = process.memoryUsage();
  if (bench.interrupted) return 130;
  const texts = await waitForTexts(system, orders.result.autoNumbers, 120_000);
  console.error(`latency: ${options.empty} empty workflows again…`);
  const after = await measuringCpu(system, () => runEmpty(system, options.empty, options.concurrency, 'after'));
  if (bench.interrupted) return 130;
  const cost = await sampleCost(system, orders.result.autoNumbers, options.costSample);

  const saturation = options.saturate
    ? await runSaturation(system, tenants, { ...options, firstText: options.warmup + options.orders }, stopped)
    : null;
  if (bench.interrupted) return 130;
  const profileSummary = saturation?.profiled ? summarizeProfiles(saturation.profiled.threads, PROJECT_ROOT) : null;
  const profileFiles = saturation?.profiled
    ? await writeProfiles(path.join(BENCH_DIR, `throughput-${timestamp(runStarted)}`), saturation.profiled.threads)
    : [];

  const emptyPerSecond = (before.result.perSecond + after.result.perSecond) / 2;
  const ratio = orders.result.perSecond / emptyPerSecond;
  const machine = await describeMachine(pool);
  const cores = machine.cores;
  const serverRss = (await temporalServerFigures()).rssBytes;
  const table = latencyTable(before.result, orders.result, after.result);
  const checks = throughputChecks(options, orders.result, before.result, after.result, saturation);
  const ok = checks.every((c) => c.ok);
  const conditions = {
    date: runStarted.toISOString(),
    ...machine,
    loadAverage1mAtStart: loadAtStart.toFixed(2),
    code: codeAtStart,
    orders: options.orders,
    empty: options.empty,
    concurrency: options.concurrency,
    warmup: options.warmup,
    technicians: `${technicians} internal technicians (the demo's 3 and copies of them, so every order finds a slot in 14 days)`,
    sms: 'outbox (no Twilio REST calls)',
    classifier: 'heuristic (no AI calls)',
    rules: 'DEFAULT_RULES',
    worker:
      "one worker in this process, the product's options (createWorker: at most 500 workflows cached), the same for the orders and the empty workflows",
    client:
      'orders: system.textFrom (supertest: signs the form, one new HTTP connection per request); empty workflows: the Temporal client in this process',
  };
  const r = orders.result;
  const report = [
    `## Throughput benchmark — ${conditions.date}`,
    '',
    '### Latency: a few orders in flight',
    '',
    table,
    '',
    `**${r.perSecond.toFixed(2)} work orders/s with ${options.concurrency} in flight = ${ratio.toFixed(3)}× the ${emptyPerSecond.toFixed(1)} empty workflows/s** (mean of before and after) on the same server and worker. ` +
      `Bound by latency (each client waits for its order), not capacity: see the saturating run below.`,
    '',
    `${r.autoAssigned} of the ${r.routed} orders were auto-assigned; ${r.lostBookingRace} went to the review queue because the slot proposed to them was booked by another order ` +
      `between their proposal and their booking, 3 times in a row (MAX_AUTO_BOOKING_ATTEMPTS). ` +
      (options.burst
        ? `The intake alone answered the ${options.orders} texts in ${(r.answersMs / 1000).toFixed(1)} s while the worker triaged them.`
        : `At most ${options.concurrency} orders were in the workflow at once (each client texts again once its last order is routed).`),
    '',
    costSection(cost),
    '',
    `Texts after assignment: ${texts} of ${r.autoAssigned} confirmation requests in the outbox before the second baseline.`,
    '',
    ...(saturation
      ? ['### Capacity: the saturating run', '', ...saturationSection(saturation, options), '']
      : ['Saturating run: skipped (--no-saturate).', '']),
    ...(saturation ? [...profileSection(saturation, profileSummary, profileFiles), ''] : []),
    'CPU of the latency run:',
    `- ${cpuLine('empty workflows, before', before.cpu, cores)}`,
    `- ${cpuLine('orders', orders.cpu, cores)}`,
    `- ${cpuLine('empty workflows, after', after.cpu, cores)}`,
    '',
    `Memory: process RSS ${mib(memoryBefore.rss)} before the orders, ${mib(memoryAfter.rss)} after; Temporal dev server RSS ${mib(serverRss)} at the end.`,
    '',
    'Conditions:',
    `- machine: ${cores} cores (${machine.cpuModel}), ${machine.totalMemory} RAM, ${machine.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start, ${os.loadavg()[0]!.toFixed(2)} at the end`,
    `- software: Node ${machine.node}; ${machine.temporalCli}; Postgres ${machine.postgres}`,
    `- latency run: ${options.orders} orders by ${options.concurrency} clients, each texting again ${options.burst ? 'once its last text is answered (--burst)' : 'once its last order is routed'}; ` +
      `${options.empty} empty workflows per baseline started by ${options.concurrency} clients as fast as the starts are answered; after a warm-up of ${options.warmup} orders and ${2 * options.warmup} empty workflows`,
    `- system: ${conditions.technicians}; SMS ${conditions.sms}; classifier ${conditions.classifier}; rules ${conditions.rules}; ${conditions.worker}`,
    '',
    'Checks:',
    ...checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
  console.log(report);

  const strip = (run: EmptyRun | OrderRun) => ({
    ...run,
    latencyMs: summarize(run.latencyMs),
    routedLatencyMs: 'routedLatencyMs' in run ? summarize(run.routedLatencyMs) : undefined,
    numbers: undefined,
    autoNumbers: undefined,
  });
  const file = await writeRun('throughput', runStarted, {
    benchmark: 'throughput',
    options,
    conditions,
    orders: { ...strip(orders.result), cpu: orders.cpu },
    emptyBefore: { ...strip(before.result), cpu: before.cpu },
    emptyAfter: { ...strip(after.result), cpu: after.cpu },
    emptyPerSecond,
    ratio,
    emptyLatencyMs: summarize([...before.result.latencyMs, ...after.result.latencyMs]),
    // The suite's table reads perOrder (up to awaiting_confirmation); cost has both counts.
    perOrder: cost.toAwaitingConfirmation,
    cost,
    saturation: saturation && {
      ...saturation,
      profiled: saturation.profiled && { step: saturation.profiled.step, summary: profileSummary, files: profileFiles },
    },
    texts,
    memory: { processRssBefore: memoryBefore.rss, processRssAfter: memoryAfter.rss, temporalServerRss: serverRss },
    checks,
    table,
  });
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  return ok ? 0 : 1;
}

runBench(main);
