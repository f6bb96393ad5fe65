/**
 * `npm run bench:timers [-- --orders 1000 --rate 3 --queries 16 --timeout 600]`
 *
 * Open work orders waiting on timers: the worker's memory with them cached and evicted, and the time a restarted
 * worker takes to pick them up.
 *
 * 1. A worker in its own process (worker.ts, cache large enough for every order) and `--orders` signed inbound SMS
 *    (the real intake path) that the heuristic classifier auto-assigns, sent open-loop at `--rate` per second. Each
 *    order is triaged, classified, auto-assigned and texted, then parks in `awaiting_confirmation` on its
 *    confirmation timers (DEFAULT_RULES: a reminder after 12 h, the coordinator after 24 h). The worker's RSS is
 *    read from /proc before the first order and as the parked orders grow (its heap and the SDK's count of cached
 *    workflows over IPC).
 * 2. Crash and restart: the worker is killed (SIGKILL) and a new one started (same cache size); "picked up" is
 *    every parked order having answered the `state` query through the new worker, which fetches and replays each
 *    history into its cache (`--queries` queries in flight). Timed from the kill. Then its RSS with all of them cached
 *    again.
 * 3. Graceful restart without a cache: that worker is shut down and one with `maxCachedWorkflows: 0` started; the
 *    same queries (each one a full replay, nothing kept); its RSS is the evicted case.
 *
 * Timers do not fire during the run (12 h), so nothing but the queries runs on the restarted workers. The orders
 * the proposal could not book (the slot taken 3 times by concurrent orders) wait in `needs_assignment` without a
 * timer; they are counted apart and queried too. Everything else runs in this process (scripts/bench/harness.ts):
 * the Temporal dev server, a fresh database (dropped at the end), the API; the in-process worker is stopped.
 * Writes the run to .data/bench/timers-<timestamp>.json; exits 1 when an order was not parked in time or a query failed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../../runtime/config';
import { DEFAULT_RULES } from '../../domain/rules';
import type { TestSystem } from '../../test/support/system';
import { OUR_NUMBER } from '../../test/support/system';
import { stateQuery, workOrderWorkflowId } from '../../workflows/definitions';
import {
  BENCH_BUNDLE_PATH,
  describeMachine,
  gitState,
  machineBusySeconds,
  processFigures,
  runBench,
  sleep,
  temporalServerFigures,
  writeRun,
  type Bench,
} from './harness';
import { markdownTable, mib, ms, summarize } from './stats';
import { publishLongRun } from './timersLongRun';
import type { WorkerMessage, WorkerStatus } from './worker';
import { addTechniciansFor, autoMessage, checkAutoTexts, loadTenants } from './workload';

interface Options {
  orders: number;
  /** Texts per second (open loop) while creating the orders. */
  rate: number;
  /** State queries in flight while picking up. */
  queries: number;
  /** Seconds to wait, after the last text, for every order to park. */
  timeoutSeconds: number;
  /** Write the run to docs/ as the long run (timersLongRun.ts). */
  publish: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '3' },
      queries: { type: 'string', default: '16' },
      timeout: { type: 'string', default: '600' },
      publish: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:timers -- [--orders N=1000] [--rate R=3] [--queries Q=16] [--timeout S=600] [--publish]',
    );
    process.exit(0);
  }
  const num = (name: string, raw: string, min: number, integer = true): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min)
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${raw}`);
    return value;
  };
  return {
    orders: num('orders', values.orders, 1),
    rate: num('rate', values.rate, 0.1, false),
    queries: num('queries', values.queries, 1),
    timeoutSeconds: num('timeout', values.timeout, 1),
    publish: values.publish,
  };
}

// ---- the worker process ----------------------------------------------------------------------------------------------

interface ForkedWorker {
  label: string;
  process: ChildProcess;
  forkedAt: number;
  /** Resolves when the worker polls (performance.now()). */
  ready: Promise<number>;
  maxCachedWorkflows: number | null;
  status(): Promise<WorkerStatus>;
  rssBytes(): Promise<number>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
  /** A graceful shutdown (the SDK finishes what is in flight). */
  stop(): Promise<void>;
  exited: Promise<void>;
}

const workers = new Set<ForkedWorker>();

/**
 * The heap limit (MiB) the worker needs to keep `orders` workflows cached: V8's default here (about 4 GiB) holds some
 * 9,000 of them at the ~400 KiB each measured, so larger runs raise it (the flag applies to the workflow threads too).
 * null: the default is enough.
 */
function workerHeapLimitMiB(orders: number): number | null {
  const defaultMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  const neededMiB = 1024 + orders * 0.6;
  return neededMiB > defaultMiB * 0.8 ? Math.ceil(neededMiB) : null;
}

function forkWorker(
  system: TestSystem,
  label: string,
  maxCachedWorkflows: number | null,
  heapLimitMiB: number | null,
): ForkedWorker {
  const child = fork(require.resolve('./worker'), [], {
    execArgv: heapLimitMiB === null ? process.execArgv : [...process.execArgv, `--max-old-space-size=${heapLimitMiB}`],
    env: {
      ...process.env,
      BENCH_TEMPORAL_ADDRESS: system.env.address,
      BENCH_NAMESPACE: system.env.namespace ?? 'default',
      BENCH_TASK_QUEUE: system.taskQueue,
      BENCH_DATABASE_URL: system.db.url,
      BENCH_BUNDLE: BENCH_BUNDLE_PATH,
      BENCH_SENDER_NUMBER: OUR_NUMBER,
      ...(maxCachedWorkflows === null ? {} : { BENCH_MAX_CACHED_WORKFLOWS: String(maxCachedWorkflows) }),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: Array<(status: WorkerStatus) => void> = [];
  let readyResolve!: (at: number) => void;
  let readyReject!: (err: Error) => void;
  const ready = new Promise<number>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => readyReject(new Error(`worker ${label} exited before it was ready`)));
  const worker: ForkedWorker = {
    label,
    process: child,
    forkedAt: performance.now(),
    ready,
    maxCachedWorkflows,
    status: () =>
      new Promise<WorkerStatus>((resolve, reject) => {
        if (!child.connected) return reject(new Error(`worker ${label} is gone`));
        waiting.push(resolve);
        child.send({ type: 'status' });
      }),
    async rssBytes() {
      return (await processFigures(child.pid!))?.rssBytes ?? Number.NaN;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
      workers.delete(worker);
    },
    async stop() {
      if (child.connected) child.send({ type: 'stop' });
      await exited;
      workers.delete(worker);
    },
    exited,
  };
  child.on('message', (message: WorkerMessage) => {
    if (message.type === 'ready') {
      worker.maxCachedWorkflows = message.maxCachedWorkflows;
      readyResolve(performance.now());
    } else if (message.type === 'status') {
      waiting.shift()?.(message);
    } else if (message.type === 'error') {
      readyReject(new Error(`worker ${label}: ${message.message}`));
    }
  });
  workers.add(worker);
  return worker;
}

/** Waits until the worker has nothing in flight (its last texts sent), checked twice 500 ms apart. */
async function untilIdle(worker: ForkedWorker, timeoutMs: number): Promise<WorkerStatus> {
  const deadline = performance.now() + timeoutMs;
  let idleOnce = false;
  for (;;) {
    const status = await worker.status();
    const idle = status.numInFlightActivities === 0 && status.numInFlightWorkflowActivations === 0;
    if ((idle && idleOnce) || performance.now() > deadline) return status;
    idleOnce = idle;
    await sleep(500);
  }
}

// ---- creating the orders ---------------------------------------------------------------------------------------------

interface MemoryPoint {
  parked: number;
  cached: number;
  rssBytes: number;
  heapUsedBytes: number;
}

interface Creation {
  numbers: number[];
  wallMs: number;
  sendMs: number;
  statuses: Record<string, number>;
  points: MemoryPoint[];
  firstError: string | null;
}

/** Texts `n` auto-assignable problems open-loop at `rate`/s and waits until each order is routed and its texts are sent. */
async function createOrders(
  system: TestSystem,
  worker: ForkedWorker,
  n: number,
  rate: number,
  timeoutSeconds: number,
  stopped: () => boolean,
): Promise<Creation> {
  const pool = system.db.pool;
  const tenants = await loadTenants(pool);
  const numbers: number[] = [];
  let firstError: string | null = null;
  const posts: Array<Promise<void>> = [];
  const points: MemoryPoint[] = [];
  const started = performance.now();
  let nextPoint = 1;
  const pointEvery = Math.max(1, Math.ceil(n / 10));
  let sending = true;
  let parked = 0;
  let sendMs = Number.POSITIVE_INFINITY;

  const watcher = (async () => {
    while (!stopped()) {
      parked = (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM work_orders w
            WHERE w.status = 'needs_assignment'
               OR (w.status = 'awaiting_confirmation' AND (SELECT count(*) FROM sms_messages s WHERE s.work_order_number = w.number AND s.direction = 'outbound') >= 2)`,
        )
      ).rows[0]!.n;
      if (parked >= nextPoint * pointEvery || (!sending && parked >= numbers.length)) {
        const status = await worker.status();
        points.push({
          parked,
          cached: status.numCachedWorkflows,
          rssBytes: await worker.rssBytes(),
          heapUsedBytes: status.heapUsed,
        });
        nextPoint = Math.floor(parked / pointEvery) + 1;
      }
      if (!sending && parked >= numbers.length) break;
      if (!sending && performance.now() - started > sendMs + timeoutSeconds * 1000) break;
      await sleep(250);
    }
  })();

  for (let i = 0; i < n && !stopped(); i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const { from, body } = autoMessage(i, tenants);
    posts.push(
      (async () => {
        try {
          const response = await system.textFrom(from, body);
          const number = Number(/#(\d+)/.exec(response.text)?.[1] ?? Number.NaN);
          if (response.status === 200 && Number.isInteger(number)) numbers.push(number);
          else firstError ??= `${response.status}: ${response.text.slice(0, 200)}`;
        } catch (err) {
          firstError ??= (err as Error).message;
        }
      })(),
    );
    if (i % 100 === 99)
      process.stderr.write(`  ${i + 1} texts sent, ${parked} orders parked${process.stderr.isTTY ? '\r' : '\n'}`);
  }
  await Promise.all(posts);
  sendMs = performance.now() - started;
  sending = false;
  await watcher;
  if (process.stderr.isTTY) process.stderr.write('\n');
  const wallMs = performance.now() - started;
  const statuses = Object.fromEntries(
    (
      await pool.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM work_orders GROUP BY status ORDER BY count(*) DESC',
      )
    ).rows.map((r) => [r.status, r.n]),
  );
  return { numbers: numbers.sort((a, b) => a - b), wallMs, sendMs, statuses, points, firstError };
}

/** What a sample of the parked workflows wait on, from their histories: an open timer, and no activity pending. */
async function timersOf(
  system: TestSystem,
  numbers: number[],
): Promise<{ sampled: number; onTimer: number; timerHours: number[]; historyEvents: number[] }> {
  let onTimer = 0;
  const timerHours: number[] = [];
  const historyEvents: number[] = [];
  for (const number of numbers) {
    const history = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).fetchHistory();
    const events = history.events ?? [];
    historyEvents.push(events.length);
    const fired = new Set(
      events.flatMap((e) =>
        e.timerFiredEventAttributes?.startedEventId ? [String(e.timerFiredEventAttributes.startedEventId)] : [],
      ),
    );
    const open = events.filter((e) => e.timerStartedEventAttributes && !fired.has(String(e.eventId)));
    if (open.length > 0) {
      onTimer += 1;
      const seconds = Number(open[open.length - 1]!.timerStartedEventAttributes!.startToFireTimeout?.seconds ?? 0);
      timerHours.push(seconds / 3600);
    }
  }
  return { sampled: numbers.length, onTimer, timerHours, historyEvents };
}

// ---- picking them up -------------------------------------------------------------------------------------------------

interface Pickup {
  label: string;
  /** The old worker killed or stopped → the new one polling. */
  startMs: number;
  /** The old worker killed or stopped → every order answered its state query through the new worker. */
  pickupMs: number;
  /** The new worker polling → every order answered. */
  queriesMs: number;
  answered: number;
  statuses: Record<string, number>;
  queryLatencyMs: number[];
  /** When each answer came, ms after the old worker went away, in order. */
  answeredAtMs: number[];
  /** Answers per second after the first 10% (the sticky queue's hold-up and the worker's warm-up are behind). */
  steadyPerSecond: number;
  /** The old worker gone → the first 10% answered. */
  firstTenthMs: number;
  firstError: string | null;
  after: WorkerStatus;
  rssAfterBytes: number;
  cpu: { wallSeconds: number; workerSeconds: number; temporalServerSeconds: number; machineBusySeconds: number };
}

/** Starts a worker right after the previous one went away and queries every order through it. */
async function pickUp(
  system: TestSystem,
  label: string,
  previousGoneAt: number,
  worker: ForkedWorker,
  numbers: number[],
  concurrency: number,
): Promise<Pickup> {
  const machineBefore = await machineBusySeconds();
  const serverBefore = (await temporalServerFigures()).cpuSeconds;
  const readyAt = await worker.ready;
  const workerCpuAtReady = (await processFigures(worker.process.pid!))?.cpuSeconds ?? Number.NaN;
  const latencies: number[] = [];
  const answeredAt: number[] = [];
  const statuses: Record<string, number> = {};
  let firstError: string | null = null;
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < numbers.length) {
      const number = numbers[next++]!;
      const started = performance.now();
      try {
        const state = await system.env.client.workflow.getHandle(workOrderWorkflowId(number)).query(stateQuery);
        const now = performance.now();
        latencies.push(now - started);
        answeredAt.push(now - previousGoneAt);
        statuses[state.status] = (statuses[state.status] ?? 0) + 1;
      } catch (err) {
        firstError ??= `${number}: ${(err as Error).message}`;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, numbers.length) }, slot));
  const doneAt = performance.now();
  const workerCpu = (await processFigures(worker.process.pid!))?.cpuSeconds ?? Number.NaN;
  const cpu = {
    wallSeconds: (doneAt - previousGoneAt) / 1000,
    workerSeconds: workerCpu - workerCpuAtReady,
    temporalServerSeconds: (await temporalServerFigures()).cpuSeconds - serverBefore,
    machineBusySeconds: (await machineBusySeconds()) - machineBefore,
  };
  await sleep(1000);
  const after = await worker.status();
  const tenth = Math.max(0, Math.ceil(answeredAt.length / 10) - 1);
  const firstTenthMs = answeredAt[tenth] ?? Number.NaN;
  const lastMs = answeredAt[answeredAt.length - 1] ?? Number.NaN;
  const steadyPerSecond = (answeredAt.length - 1 - tenth) / ((lastMs - firstTenthMs) / 1000);
  return {
    label,
    startMs: readyAt - previousGoneAt,
    pickupMs: doneAt - previousGoneAt,
    queriesMs: doneAt - readyAt,
    answered: latencies.length,
    statuses,
    queryLatencyMs: latencies,
    answeredAtMs: answeredAt,
    steadyPerSecond,
    firstTenthMs,
    firstError,
    after,
    rssAfterBytes: await worker.rssBytes(),
    cpu,
  };
}

// ---- run -------------------------------------------------------------------------------------------------------------

async function main(bench: Bench): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const mainStarted = performance.now();
  const runStarted = new Date();
  // The code the run loaded: read now, not at the end (files edited meanwhile are not in this process).
  const codeAtStart = gitState();
  const loadAtStart = os.loadavg()[0]!;
  checkAutoTexts();
  bench.onStop(async () => {
    for (const worker of [...workers]) await worker.kill();
  });
  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return 130;
  await system.stopWorker();
  const pool = system.db.pool;
  const technicians = await addTechniciansFor(pool, options.orders);
  const cache = options.orders + 100;
  const heapLimit = workerHeapLimitMiB(cache);
  const stopped = () => bench.interrupted;

  // ---- 1. create and park ----
  console.error(`worker 1 (its own process, maxCachedWorkflows ${cache})…`);
  const first = forkWorker(system, 'first', cache, heapLimit);
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
  const cachedRss = await first.rssBytes();
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

  // ---- 2. crash and restart ----
  console.error(
    `killing worker 1 (SIGKILL), starting worker 2 (maxCachedWorkflows ${cache}) and querying every order through it…`,
  );
  await first.kill();
  const killedAt = performance.now();
  const second = forkWorker(system, 'second', cache, heapLimit);
  const crash = await pickUp(system, 'after SIGKILL, cache for all', killedAt, second, parkedNumbers, options.queries);
  if (bench.interrupted) return 130;

  // ---- 3. graceful restart, no cache ----
  console.error(
    'stopping worker 2 (graceful), starting worker 3 (maxCachedWorkflows 0) and querying every order through it…',
  );
  await second.stop();
  const stoppedAt = performance.now();
  const third = forkWorker(system, 'third', 0, heapLimit);
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
  // Workers 2 and 3 replayed the same histories; 2 keeps them all, 3 none: the difference is what the cache holds.
  const cachedRssPerWorkflow =
    (crash.rssAfterBytes - evicted.rssAfterBytes) / Math.max(1, crash.after.numCachedWorkflows);
  const crashLatency = summarize(crash.queryLatencyMs);
  const evictedLatency = summarize(evicted.queryLatencyMs);
  const creationPerSecond = n / (creation.wallMs / 1000);
  const pickupAt = (p: Pickup, count: number) =>
    (p.firstTenthMs + ((count - Math.ceil(n / 10)) / p.steadyPerSecond) * 1000) / 1000;
  const at10k = {
    rssCachedBytes: evicted.rssAfterBytes + cachedRssPerWorkflow * 10_000,
    pickupSeconds: pickupAt(crash, 10_000),
    pickupNoCacheSeconds: pickupAt(evicted, 10_000),
    creationMinutes: 10_000 / creationPerSecond / 60,
  };
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  // The SDK's default cache size (worker-options.js, reuseV8Context): from the heap limit, the same in the worker process.
  const heapLimitMiB = v8.getHeapStatistics().heap_size_limit / 1024 / 1024;
  const sdkDefaultMaxCachedWorkflows = Math.max(Math.floor((Math.max(heapLimitMiB - 200, 0) * 600) / 1024), 10);

  const table = markdownTable(
    ['measurement', `measured (${n} open orders)`, 'per open order', 'extrapolated to 10,000'],
    [
      ['worker RSS, idle (worker 1 polling, before the first order)', mib(idleRss), '—', '—'],
      [`worker RSS, ${settled.numCachedWorkflows} cached (worker 1, after creating them)`, mib(cachedRss), '—', '—'],
      [
        `worker RSS, ${crash.after.numCachedWorkflows} cached (worker 2, after replaying them all)`,
        mib(crash.rssAfterBytes),
        kib(cachedRssPerWorkflow),
        mib(at10k.rssCachedBytes),
      ],
      [
        `worker RSS, evicted (worker 3, maxCachedWorkflows 0, after replaying them all)`,
        mib(evicted.rssAfterBytes),
        '—',
        `${mib(evicted.rssAfterBytes)} (flat)`,
      ],
      ['crash restart: SIGKILL → new worker polling', `${(crash.startMs / 1000).toFixed(1)} s`, '—', '—'],
      [
        'crash restart: SIGKILL → every order answered its state query through the new worker (picked up)',
        `${(crash.pickupMs / 1000).toFixed(1)} s`,
        `${ms(1000 / crash.steadyPerSecond)} ms (${crash.steadyPerSecond.toFixed(0)}/s steady)`,
        `${at10k.pickupSeconds.toFixed(0)} s`,
      ],
      [
        'graceful restart, no cache: stop → every order answered (each a full replay)',
        `${(evicted.pickupMs / 1000).toFixed(1)} s`,
        `${ms(1000 / evicted.steadyPerSecond)} ms (${evicted.steadyPerSecond.toFixed(0)}/s steady)`,
        `${at10k.pickupNoCacheSeconds.toFixed(0)} s`,
      ],
      [
        'creating them through the SMS webhook (first text → last parked)',
        `${(creation.wallMs / 1000).toFixed(1)} s`,
        `${creationPerSecond.toFixed(2)}/s`,
        `${at10k.creationMinutes.toFixed(0)} min`,
      ],
    ],
    [false, true, true, true],
  );

  const checks = [
    {
      name: 'every text got its work order number',
      ok: n === options.orders,
      detail: `${n}/${options.orders}${creation.firstError ? `; first error: ${creation.firstError}` : ''}`,
    },
    {
      name: 'every order parked (awaiting_confirmation with its texts sent, or needs_assignment)',
      ok: onTimers + (creation.statuses.needs_assignment ?? 0) === n,
      detail: JSON.stringify(creation.statuses),
    },
    {
      name: 'every sampled awaiting_confirmation order waits on an open timer',
      ok: timers.onTimer === timers.sampled,
      detail: `${timers.onTimer} of ${timers.sampled} sampled`,
    },
    {
      name: 'every order answered its state query after the crash restart',
      ok: crash.answered === n,
      detail: `${crash.answered}/${n}${crash.firstError ? `; first error: ${crash.firstError}` : ''}`,
    },
    {
      name: 'every order answered its state query without a cache',
      ok: evicted.answered === n,
      detail: `${evicted.answered}/${n}${evicted.firstError ? `; first error: ${evicted.firstError}` : ''}`,
    },
    {
      name: 'the restarted worker holds them all in its cache',
      ok: crash.after.numCachedWorkflows >= n,
      detail: `${crash.after.numCachedWorkflows} cached`,
    },
  ];
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
    worker: `its own Node process (scripts/bench/worker.ts, SDK defaults but maxCachedWorkflows${heapLimit === null ? '' : ` and --max-old-space-size=${heapLimit}`}; reuseV8Context on), heuristic classifier, outbox SMS; the API and the client in the benchmark's process`,
  };
  const report = [
    `## Timers benchmark — ${conditions.date}`,
    '',
    table,
    '',
    `${onTimers} orders wait in awaiting_confirmation on their confirmation timer (${timers.onTimer} of ${timers.sampled} sampled histories end on an open timer of ${timers.timerHours.length ? summarize(timers.timerHours).p50 : 'n/a'} h; ` +
      `${summarize(timers.historyEvents).p50} history events at p50); ${creation.statuses.needs_assignment ?? 0} wait in needs_assignment without a timer (their booking lost the race to concurrent orders).`,
    '',
    `Worker 1's RSS while creating them (parked orders → cached workflows: RSS): ${creation.points.map((p) => `${p.parked} → ${p.cached}: ${mib(p.rssBytes)}`).join('; ')}. ` +
      `It also grows with what the activities allocated (connections, JIT), so the cache's own cost is read from workers 2 and 3, which only replayed.`,
    `The workflows run in the SDK's workflow threads (reuseV8Context): the main thread's heap does not hold them (worker 1 ${mib(settled.heapUsed)}, worker 2 ${mib(crash.after.heapUsed)}, worker 3 ${mib(evicted.after.heapUsed)}), RSS (all threads) does. ` +
      `Worker 1 ready ${ms(firstReadyMs)} ms after its fork (Node, tsx, the bundle); ${settled.numCachedWorkflows}, ${crash.after.numCachedWorkflows} and ${evicted.after.numCachedWorkflows} cached at the end.`,
    '',
    `State query latency through the restarted worker (${options.queries} in flight): after the crash p50 ${ms(crashLatency.p50)} ms, p95 ${ms(crashLatency.p95)} ms, max ${ms(crashLatency.max)} ms; ` +
      `without a cache p50 ${ms(evictedLatency.p50)} ms, p95 ${ms(evictedLatency.p95)} ms. CPU while picking up after the crash: worker ${crash.cpu.workerSeconds.toFixed(1)} s, Temporal dev server ${crash.cpu.temporalServerSeconds.toFixed(1)} s ` +
      `(machine busy ${crash.cpu.machineBusySeconds.toFixed(1)} of ${(crash.cpu.wallSeconds * machine.cores).toFixed(1)} core-s); without a cache: worker ${evicted.cpu.workerSeconds.toFixed(1)} s, server ${evicted.cpu.temporalServerSeconds.toFixed(1)} s.`,
    '',
    `The product's worker keeps at most ${DEFAULT_MAX_CACHED_WORKFLOWS} (MAX_CACHED_WORKFLOWS; the SDK's default would be ${sdkDefaultMaxCachedWorkflows} here, from the ${heapLimitMiB.toFixed(0)} MiB heap limit): ` +
      `with more open orders, the others are evicted and replayed on their next task (a timer firing, a text, a query), as worker 3's figures show. This run's workers 1 and 2 cache every order, to measure what each costs.`,
    '',
    `Extrapolation to 10,000: the cache's cost per workflow is worker 2's RSS minus worker 3's, both after replaying the same ${n} histories, over the ${crash.after.numCachedWorkflows} cached; ` +
      `10,000 = worker 3 + 10,000 × that. The pickup = the time to the first 10% answered + the rest at the steady rate measured after them. ` +
      (n >= 10_000
        ? `This run parked ${n.toLocaleString('en-US')}: the figures above at 10,000 are measured, not extrapolated.`
        : `Creating 10,000 through the full path at the rate measured here would take ${at10k.creationMinutes.toFixed(0)} minutes on this machine, which is why the run parks ${options.orders}.`),
    '',
    'Conditions:',
    `- machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.totalMemory} RAM, ${machine.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start`,
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
    memory: { idleRss, idle: idleStatus, cachedRss, settled, cachedRssPerWorkflow, firstReadyMs },
    crash: strip(crash),
    evicted: strip(evicted),
    extrapolated10k: at10k,
    sdkDefaultMaxCachedWorkflows,
    workerHeapLimitMiB: heapLimit,
    heapLimitMiB,
    checks,
    table,
  };
  const file = await writeRun('timers', runStarted, run);
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  if (options.publish) {
    const args = process.argv.slice(2).join(' ');
    const written = await publishLongRun({
      command: `npm run bench:timers -- ${args}`,
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
