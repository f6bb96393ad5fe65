/**
 * `npm run bench:timers [-- --orders 1000 --rate 3 --cache 500 --yes 50 --reads 500 --queries 16 --timeout 600]`
 *
 * Open work orders waiting on timers, with the worker's cache bounded as the product bounds it
 * (MAX_CACHED_WORKFLOWS, runtime/config.ts): the worker's memory, what a tenant's YES costs on an order the worker
 * evicted, `GET /work-orders/:id` with them all open, and the time a restarted worker takes to poll and to pick them up.
 *
 * 1. A worker in its own process (worker.ts, `--cache`: the product's default unless told; `all` caches every order)
 *    and `--orders` signed inbound SMS (the real intake path, parkOrders.ts) that the heuristic classifier
 *    auto-assigns, sent open loop at `--rate`/s. Each order is triaged, assigned and texted, then parks in
 *    `awaiting_confirmation` on its confirmation timers (DEFAULT_RULES: a reminder after 12 h, the coordinator after
 *    24 h). The worker's RSS is read from /proc before the first order, as they park and with them all open.
 * 2. `GET /work-orders/:id` against `GET /healthz` (apiReads.ts), `--reads` of each, from a client in its own process.
 * 3. A tenant's YES to `--yes` evicted orders and as many cached ones → `scheduled` (tenantYes.ts), with the worker's
 *    cache misses counted to show which were evicted.
 * 4. Crash and restart (pickup.ts): SIGKILL, a new worker with the same cache; how soon it polls, and every order
 *    answering its `state` query through it (`--queries` in flight). Its RSS after.
 * 5. Graceful restart without a cache: the same queries through a worker with `maxCachedWorkflows: 0`; its RSS is the
 *    evicted case. Worker 2 minus worker 3 over what 2 caches is the cost of one cached workflow.
 *
 * Everything else runs in this process (harness.ts): the Temporal dev server, a fresh database (dropped at the end),
 * the API (alone: the read client is forked); the in-process worker is stopped. Writes the run to .data/bench/timers-<timestamp>.json (`--publish`: also
 * to docs/ as the 10,000-order run, timersLongRun.ts); exits 1 when an order was not parked in time, a YES was not
 * handled, a read or a query failed.
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { DEFAULT_RULES } from '../../domain/rules';
import { DEFAULT_MAX_CACHED_WORKFLOWS, workerHeapLimitMiB } from '../../runtime/config';
import { KEYS } from '../../test/support/system';
import { timersChecks } from './timersChecks';
import { parseTimersOptions } from './timersOptions';
import { timeReadsFromOwnProcess } from './apiReads';
import { forkedWorkers, forkWorker, untilIdle } from './forkedWorker';
import { describeMachine, gitState, runBench, sleep, writeRun, type Bench } from './harness';
import { createOrders, rssGrowthOnceFull, timersOf } from './parkOrders';
import { pickUp, type Pickup } from './pickup';
import { summarize } from './stats';
import { pickForYes, yesToOrders } from './tenantYes';
import { publishLongRun } from './timersLongRun';
import { latencyTable, memoryTable, notes, type TimersFigures } from './timersReport';
import { addTechniciansFor, checkAutoTexts } from './workload';

async function main(bench: Bench): Promise<number> {
  const options = parseTimersOptions(process.argv.slice(2));
  const mainStarted = performance.now();
  const runStarted = new Date();
  // The code the run loaded: read now, not at the end (files edited meanwhile are not in this process).
  const codeAtStart = gitState();
  const loadAtStart = os.loadavg()[0]!;
  checkAutoTexts();
  bench.onStop(async () => {
    for (const worker of [...forkedWorkers]) await worker.kill();
  });
  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return 130;
  await system.stopWorker();
  const pool = system.db.pool;
  const technicians = await addTechniciansFor(pool, options.orders);
  const cacheSize = options.cache ?? options.orders + 100;
  const heapLimit = options.workerHeapMiB ?? workerHeapLimitMiB(cacheSize);
  const stopped = () => bench.interrupted;

  // ---- 1. create and park ----
  console.error(`worker 1 (its own process, maxCachedWorkflows ${cacheSize})…`);
  const first = await forkWorker(system, 'first', cacheSize, heapLimit);
  const firstReadyMs = (await first.ready) - first.forkedAt;
  await sleep(2000);
  const idleStatus = await first.status();
  const idleRss = await first.rssBytes();
  console.error(
    `creating ${options.orders} work orders: texts at ${options.rate}/s, each parks in awaiting_confirmation…`,
  );
  const creation = await createOrders(system, first, options.orders, options.rate, options.timeoutSeconds, stopped);
  if (bench.interrupted) return 130;
  const settled = await untilIdle(first, 60_000);
  const openRss = await first.rssBytes();
  const gcStatus = await first.status(true);
  const openAfterGc = { rssBytes: await first.rssBytes(), heapUsedBytes: gcStatus.heapUsed };
  const parkedNumbers = creation.numbers;
  const waiting = (
    await pool.query<{ number: number }>(
      `SELECT number::int AS number FROM work_orders WHERE status = 'awaiting_confirmation' ORDER BY number`,
    )
  ).rows.map((r) => r.number);
  const timers = await timersOf(
    system,
    waiting.filter((_, i) => i % Math.max(1, Math.floor(waiting.length / 20)) === 0).slice(0, 20),
  );

  // ---- 2. reads, 3. YES ----
  console.error(`GET /work-orders/:id and GET /healthz, ${options.reads} each…`);
  const reads = await timeReadsFromOwnProcess({
    target: { baseUrl: system.baseUrl, apiKey: KEYS.coordinator },
    numbers: parkedNumbers,
    requests: options.reads,
    concurrency: 4,
  });
  const pick = pickForYes(waiting, cacheSize, options.yes);
  let yes = null;
  if (pick.evicted.length > 0 && !bench.interrupted) {
    console.error(`YES to ${pick.evicted.length} evicted and ${pick.cached.length} cached orders…`);
    yes = await yesToOrders(system, first, pick, { rate: options.yesRate, timeoutSeconds: 60 });
    await untilIdle(first, 60_000);
  }
  if (bench.interrupted) return 130;

  // ---- 4. crash and restart ----
  console.error(
    `killing worker 1 (SIGKILL), starting worker 2 (maxCachedWorkflows ${cacheSize}), querying every order…`,
  );
  await first.kill();
  const killedAt = performance.now();
  const second = await forkWorker(system, 'second', cacheSize, heapLimit);
  const crash = await pickUp(system, 'after SIGKILL', killedAt, second, parkedNumbers, options.queries);
  if (bench.interrupted) return 130;

  // ---- 5. graceful restart, no cache ----
  console.error('stopping worker 2 (graceful), starting worker 3 (maxCachedWorkflows 0), querying every order…');
  await second.stop();
  const stoppedAt = performance.now();
  const third = await forkWorker(system, 'third', 0, heapLimit);
  const evicted = await pickUp(
    system,
    'after a graceful stop, no cache',
    stoppedAt,
    third,
    parkedNumbers,
    options.queries,
  );
  await third.stop();
  if (bench.interrupted) return 130;

  // ---- figures ----
  const n = parkedNumbers.length;
  const onTimers = creation.statuses.awaiting_confirmation ?? 0;
  // Workers 2 and 3 replayed the same histories; 2 keeps what its cache holds, 3 none: the difference is the cache.
  // Below 100 cached, RSS's own noise (MiBs between readings) is larger than what they hold: not measured.
  const cachedRssPerWorkflow =
    crash.after.numCachedWorkflows >= 100
      ? (crash.rssAfterBytes - evicted.rssAfterBytes) / crash.after.numCachedWorkflows
      : Number.NaN;
  const creationPerSecond = n / (creation.wallMs / 1000);
  const growthPerOrderBytes = rssGrowthOnceFull(creation.points, cacheSize);
  const pickupAt = (p: Pickup, count: number) =>
    (p.firstTenthMs + ((count - Math.ceil(n / 10)) / p.steadyPerSecond) * 1000) / 1000;
  const figures: TimersFigures = {
    n,
    onTimers,
    cacheSize,
    idleRss,
    openRss,
    openAfterGc,
    growthPerOrderBytes,
    settled,
    firstReadyMs,
    creation,
    timers,
    reads,
    yes,
    crash,
    evicted,
    cachedRssPerWorkflow,
    creationPerSecond,
    at10k: {
      rssBoundedBytes: evicted.rssAfterBytes + cachedRssPerWorkflow * Math.min(cacheSize, 10_000),
      rssGrowingBytes: openRss + growthPerOrderBytes * Math.max(0, 10_000 - n),
      rssAllCachedBytes: evicted.rssAfterBytes + cachedRssPerWorkflow * 10_000,
      pickupSeconds: pickupAt(crash, 10_000),
      pickupNoCacheSeconds: pickupAt(evicted, 10_000),
      creationMinutes: 10_000 / creationPerSecond / 60,
    },
  };
  // The SDK's default cache size (worker-options.js, reuseV8Context): from the heap limit, the same in the worker process.
  const heapLimitMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  const sdkDefaultMaxCachedWorkflows = Math.max(Math.floor((Math.max(heapLimitMiB - 200, 0) * 600) / 1024), 10);

  const checks = timersChecks(options, figures, pick);
  const ok = checks.every((c) => c.ok);
  const machine = await describeMachine(pool);
  const conditions = {
    date: runStarted.toISOString(),
    ...machine,
    loadAverage1mAtStart: loadAtStart.toFixed(2),
    code: codeAtStart,
    orders: options.orders,
    rate: options.rate,
    queries: options.queries,
    technicians: `${technicians} internal technicians (the demo's 3 and copies of them, so the orders find slots in 14 days)`,
    rules: 'DEFAULT_RULES: confirmation reminder after 12 h, coordinator after 24 h',
    worker: `its own Node process (scripts/bench/worker.ts, the product's options with maxCachedWorkflows ${cacheSize}${options.cache === null ? ' (every order)' : ''} for workers 1 and 2${heapLimit === null ? '' : `, --max-old-space-size=${heapLimit}`}; reuseV8Context on), heuristic classifier, outbox SMS; the API in the benchmark's process, the read client in its own (scripts/bench/readClient.ts)`,
  };
  const report = [
    `## Timers benchmark — ${conditions.date}`,
    '',
    memoryTable(figures),
    '',
    latencyTable(figures),
    '',
    ...notes(figures, machine.cores, options.orders, options.queries),
    '',
    `The product's worker keeps at most ${DEFAULT_MAX_CACHED_WORKFLOWS} (MAX_CACHED_WORKFLOWS; the SDK's default would be ${sdkDefaultMaxCachedWorkflows} here, from the ${heapLimitMiB.toFixed(0)} MiB heap limit).`,
    '',
    'Conditions:',
    `- machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.totalMemory} RAM, ${machine.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start, ${os.loadavg()[0]!.toFixed(2)} at the end`,
    `- software: Node ${machine.node}; ${machine.temporalCli}; Postgres ${machine.postgres}`,
    `- load: ${options.orders} texts at ${options.rate}/s (open loop) through the SMS webhook; ${options.queries} state queries in flight`,
    `- system: ${conditions.technicians}; ${conditions.rules}; worker ${conditions.worker}`,
    '',
    'Checks:',
    ...checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
  console.log(report);

  const strip = (p: Pickup) => ({ ...p, queryLatencyMs: summarize(p.queryLatencyMs), answeredAtMs: undefined });
  const run = {
    benchmark: 'timers',
    options,
    conditions,
    parked: {
      total: n,
      onTimers,
      needsAssignment: creation.statuses.needs_assignment ?? 0,
      statuses: creation.statuses,
      timers: { ...timers, timerHours: summarize(timers.timerHours), historyEvents: summarize(timers.historyEvents) },
    },
    creation: {
      wallMs: creation.wallMs,
      sendMs: creation.sendMs,
      perSecond: creationPerSecond,
      points: creation.points,
    },
    memory: {
      idleRss,
      idle: idleStatus,
      openRss,
      openAfterGc,
      growthPerOrderBytes,
      settled,
      cachedRssPerWorkflow,
      firstReadyMs,
      cacheSize,
    },
    reads,
    yes,
    crash: strip(crash),
    evicted: strip(evicted),
    extrapolated10k: figures.at10k,
    sdkDefaultMaxCachedWorkflows,
    workerHeapLimitMiB: heapLimit,
    heapLimitMiB,
    checks,
    table: memoryTable(figures),
  };
  const file = await writeRun('timers', runStarted, run);
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  if (options.publish) {
    const written = await publishLongRun({
      command: `npm run bench:timers -- ${process.argv.slice(2).join(' ')}`,
      seconds: (performance.now() - mainStarted) / 1000,
      exitCode: ok ? 0 : 1,
      report,
      run,
    });
    console.log(`published to ${written.join(' and ')}`);
  }
  return ok ? 0 : 1;
}

runBench(main);
