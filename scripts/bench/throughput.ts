/**
 * `npm run bench:throughput [-- --orders 200 --concurrency 8 --warmup 12 --timeout 300]`
 *
 * Work orders per second through intake, classification and auto-assignment, against the same Temporal server's
 * throughput for an empty workflow measured in the same run, by the same worker (the ratio is the headline).
 *
 * - Orders: `--orders` signed inbound SMS (the real path: POST /webhooks/twilio/sms, the work order row, its workflow
 *   started, then triage, context, classification, proposal, routing and booking in the workflow) whose texts the
 *   heuristic classifier auto-assigns, posted by `--concurrency` clients in a closed loop: each texts its next
 *   problem once a 50 ms poll of the database has seen its last order routed (`--burst`: once its last text is
 *   answered, so that all of them pile up in the worker). Timed from the first POST until the last one is routed. Extra technicians (copies of the demo's three) are added so that every order
 *   still finds a free slot: the proposal looks 14 days ahead.
 * - Baseline: `benchEmptyWorkflow` (scripts/bench/workflows.ts: one workflow task, no activity) started as many times
 *   through the Temporal client by the same number of clients, timed from the first start until the client has seen
 *   every result (`--empty`, 600: enough for a rate steady over several seconds). Run before and after the orders;
 *   the ratio uses their mean.
 *
 * Everything runs in this process (scripts/bench/harness.ts): a Temporal dev server, a fresh Postgres database
 * (dropped at the end), the worker (default options, heuristic classifier, outbox SMS) and the API. Prints a markdown
 * table and the conditions, writes the run to .data/bench/throughput-<timestamp>.json; exits 1 when an order was not
 * auto-assigned in time or an empty workflow did not complete.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DEFAULT_RULES } from '../../domain/rules';
import type { TestSystem } from '../../test/support/system';
import { workOrderWorkflowId } from '../../workflows/definitions';
import {
  describeMachine,
  gitState,
  machineBusySeconds,
  postgresCpuMeter,
  runBench,
  sleep,
  temporalServerFigures,
  writeRun,
  type Bench,
} from './harness';
import { markdownTable, mib, ms, summarize } from './stats';
import { addTechniciansFor, autoMessage, checkAutoTexts, loadTenants, type Tenant } from './workload';

interface Options {
  orders: number;
  /** Empty workflows per baseline run (before and after the orders). */
  empty: number;
  concurrency: number;
  /** Each client texts again once its last text is answered, not once its order is routed. */
  burst: boolean;
  /** Orders and (twice as many) empty workflows run before measuring, discarded. */
  warmup: number;
  timeoutSeconds: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '200' },
      empty: { type: 'string', default: '600' },
      concurrency: { type: 'string', default: '8' },
      burst: { type: 'boolean', default: false },
      warmup: { type: 'string', default: '12' },
      timeout: { type: 'string', default: '300' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:throughput -- [--orders N=200] [--empty E=600] [--concurrency C=8] [--burst] [--warmup W=12] [--timeout S=300]',
    );
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got ${raw}`);
    return value;
  };
  const orders = int('orders', values.orders, 1);
  return {
    orders,
    empty: int('empty', values.empty, 1),
    concurrency: int('concurrency', values.concurrency, 1),
    burst: values.burst,
    warmup: int('warmup', values.warmup, 0),
    timeoutSeconds: int('timeout', values.timeout, 1),
  };
}

interface Cpu {
  wallSeconds: number;
  processSeconds: number;
  temporalServerSeconds: number;
  postgresSeconds: number;
  machineBusySeconds: number;
}

/** CPU used by this process, the dev server, this run's Postgres backends and the whole machine while `run` runs. */
async function measuringCpu<T>(system: TestSystem, run: () => Promise<T>): Promise<{ result: T; cpu: Cpu }> {
  const cpuBefore = process.cpuUsage();
  const machineBefore = await machineBusySeconds();
  const serverBefore = (await temporalServerFigures()).cpuSeconds;
  const postgres = postgresCpuMeter(system.db.pool);
  const started = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuBefore);
  const cpu: Cpu = {
    wallSeconds,
    processSeconds: (used.user + used.system) / 1e6,
    temporalServerSeconds: (await temporalServerFigures()).cpuSeconds - serverBefore,
    postgresSeconds: await postgres.stop(),
    machineBusySeconds: (await machineBusySeconds()) - machineBefore,
  };
  return { result, cpu };
}

interface EmptyRun {
  n: number;
  completed: number;
  /** First start → the client has seen the last result. */
  wallMs: number;
  /** First start → the last start answered. */
  startsMs: number;
  perSecond: number;
  /** Each workflow: its start call → the client saw its result. */
  latencyMs: number[];
}

/** Starts `n` benchEmptyWorkflow with `concurrency` clients in a closed loop on the start calls, and waits for every result. */
async function runEmpty(system: TestSystem, n: number, concurrency: number, label: string): Promise<EmptyRun> {
  const client = system.env.client;
  const prefix = `bench-empty-${label}-${randomBytes(3).toString('hex')}`;
  const results: Array<Promise<number | null>> = [];
  let next = 0;
  const started = performance.now();
  const slot = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const startedAt = performance.now();
      const handle = await client.workflow.start('benchEmptyWorkflow', {
        taskQueue: system.taskQueue,
        workflowId: `${prefix}-${i}`,
      });
      results.push(
        handle.result().then(
          () => performance.now() - startedAt,
          () => null,
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, slot));
  const startsMs = performance.now() - started;
  const latencies = await Promise.all(results);
  const wallMs = performance.now() - started;
  const done = latencies.filter((l): l is number => l !== null);
  return { n, completed: done.length, wallMs, startsMs, perSecond: done.length / (wallMs / 1000), latencyMs: done };
}

interface OrderRun {
  n: number;
  answered: number;
  /** Seen routed: `awaiting_confirmation`, `needs_assignment` or `escalated`. */
  routed: number;
  autoAssigned: number;
  /** Sent to the review queue because the proposed slot was booked by another order 3 times in a row. */
  lostBookingRace: number;
  /** Not auto-assigned, by status and the routing's reasons (or not routed in time). */
  other: Record<string, number>;
  /** First POST → the poll saw the last order routed (or gave up). */
  wallMs: number;
  /** First POST → the last TwiML answer. */
  answersMs: number;
  /** Routed orders per second of `wallMs`: the headline. */
  perSecond: number;
  autoPerSecond: number;
  /** Each auto-assigned order: its POST → seen `awaiting_confirmation`. */
  latencyMs: number[];
  /** Each routed order: its POST → seen routed. */
  routedLatencyMs: number[];
  numbers: number[];
  autoNumbers: number[];
  firstError: string | null;
}

const POLL_MS = 50;

/**
 * Posts `n` auto-assignable texts with `concurrency` clients and follows each to its routing. Each client texts its
 * next problem once its last order is routed (so at most `concurrency` orders are in the workflow at once), or with
 * `burst` once its last text is answered (the orders pile up in the worker).
 */
async function runOrders(
  system: TestSystem,
  tenants: Tenant[],
  first: number,
  n: number,
  concurrency: number,
  burst: boolean,
  timeoutSeconds: number,
  stopped: () => boolean,
): Promise<OrderRun> {
  const pool = system.db.pool;
  const postedAt = new Map<number, number>();
  const seenAt = new Map<number, number>();
  const status = new Map<number, string>();
  const numbers: number[] = [];
  let firstError: string | null = null;
  let next = 0;
  let sending = true;
  const started = performance.now();
  let lastAnswer = started;

  const poller = (async () => {
    while (!stopped()) {
      const pending = numbers.filter((x) => !seenAt.has(x));
      if (pending.length > 0) {
        const { rows } = await pool.query<{ number: number; status: string }>(
          'SELECT number::int AS number, status FROM work_orders WHERE number = ANY($1::bigint[])',
          [pending],
        );
        const now = performance.now();
        for (const row of rows) {
          status.set(row.number, row.status);
          if (row.status === 'awaiting_confirmation' || row.status === 'needs_assignment' || row.status === 'escalated')
            seenAt.set(row.number, now);
        }
      } else if (!sending) {
        break;
      }
      if (!sending && performance.now() > lastAnswer + timeoutSeconds * 1000) break;
      await sleep(POLL_MS);
    }
  })();

  const slot = async (): Promise<void> => {
    while (next < n && !stopped()) {
      const i = next++;
      const { from, body } = autoMessage(first + i, tenants);
      const posted = performance.now();
      try {
        const response = await system.textFrom(from, body);
        const number = Number(/#(\d+)/.exec(response.text)?.[1] ?? Number.NaN);
        if (response.status === 200 && Number.isInteger(number)) {
          postedAt.set(number, posted);
          numbers.push(number);
          const deadline = performance.now() + timeoutSeconds * 1000;
          while (!burst && !seenAt.has(number) && performance.now() < deadline && !stopped()) await sleep(POLL_MS / 5);
        } else {
          firstError ??= `${response.status}: ${response.text.slice(0, 200)}`;
        }
      } catch (err) {
        firstError ??= (err as Error).message;
      }
      lastAnswer = performance.now();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, slot));
  const answersMs = performance.now() - started;
  sending = false;
  await poller;

  const autoNumbers = numbers.filter((x) => status.get(x) === 'awaiting_confirmation' && seenAt.has(x));
  const reasons = new Map(
    (
      await pool.query<{ number: number; reasons: string[] | null }>(
        `SELECT number::int AS number, routing->'reasons' AS reasons FROM work_orders WHERE number = ANY($1::bigint[]) AND status <> 'awaiting_confirmation'`,
        [numbers],
      )
    ).rows.map((r) => [r.number, (r.reasons ?? []).join('; ')]),
  );
  const other: Record<string, number> = {};
  const lostBookingRace = numbers.filter(
    (x) => status.get(x) === 'needs_assignment' && seenAt.has(x) && /slot was taken/.test(reasons.get(x) ?? ''),
  ).length;
  for (const x of numbers) {
    const s = seenAt.has(x)
      ? `${status.get(x)!}${reasons.get(x) ? ` (${reasons.get(x)})` : ''}`
      : `not routed within ${timeoutSeconds} s (${status.get(x) ?? 'unknown'})`;
    if (status.get(x) !== 'awaiting_confirmation' || !seenAt.has(x)) other[s] = (other[s] ?? 0) + 1;
  }
  const lastSeen = Math.max(started, ...[...seenAt.values()]);
  const wallMs = lastSeen - started;
  const routed = numbers.filter((x) => seenAt.has(x));
  return {
    n,
    answered: numbers.length,
    routed: routed.length,
    autoAssigned: autoNumbers.length,
    lostBookingRace,
    other,
    wallMs,
    answersMs,
    perSecond: routed.length / (wallMs / 1000),
    autoPerSecond: autoNumbers.length / (wallMs / 1000),
    latencyMs: autoNumbers.map((x) => seenAt.get(x)! - postedAt.get(x)!),
    routedLatencyMs: routed.map((x) => seenAt.get(x)! - postedAt.get(x)!),
    numbers,
    autoNumbers,
    firstError,
  };
}

/** Waits until the orders' confirmation request and technician notice (sent right after `assigned`) are in the outbox, so the worker is idle again. */
async function waitForTexts(system: TestSystem, numbers: number[], timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const sent = (
      await system.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM sms_messages WHERE direction = 'outbound' AND work_order_number = ANY($1::bigint[]) AND kind IN ('confirmation_request', 'technician_assignment')`,
        [numbers],
      )
    ).rows[0]!.n;
    if (sent >= 2 * numbers.length || performance.now() > deadline) return sent;
    await sleep(200);
  }
}

interface HistoryCounts {
  workflowTasks: number;
  activities: number;
  events: number;
}

/** Workflow tasks and activities in a work order's history up to its first `sendSms` (the `assigned` change is committed). */
async function tasksUntilAssigned(system: TestSystem, number: number): Promise<HistoryCounts | null> {
  const history = await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .fetchHistory()
    .catch(() => null);
  const events = history?.events ?? [];
  const end = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendSms');
  if (end < 0) return null;
  const before = events.slice(0, end);
  return {
    workflowTasks: before.filter((e) => e.workflowTaskCompletedEventAttributes).length,
    activities: before.filter((e) => e.activityTaskScheduledEventAttributes).length,
    events: end,
  };
}

function cpuLine(label: string, cpu: Cpu, cores: number): string {
  const rest = cpu.machineBusySeconds - cpu.processSeconds - cpu.temporalServerSeconds - cpu.postgresSeconds;
  return (
    `${label} (${cpu.wallSeconds.toFixed(1)} s wall): this process (API, worker, client) ${cpu.processSeconds.toFixed(1)} s, Temporal dev server ${cpu.temporalServerSeconds.toFixed(1)} s, ` +
    `Postgres backends of this database ${cpu.postgresSeconds.toFixed(1)} s, everything else ${rest.toFixed(1)} s (machine busy ${cpu.machineBusySeconds.toFixed(1)} of ${(cpu.wallSeconds * cores).toFixed(1)} core-s)`
  );
}

async function main(bench: Bench): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
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

  if (options.warmup > 0) {
    console.error(`warm-up: ${2 * options.warmup} empty workflows, ${options.warmup} orders…`);
    await runEmpty(system, 2 * options.warmup, options.concurrency, 'warmup');
    const warm = await runOrders(
      system,
      tenants,
      0,
      options.warmup,
      options.concurrency,
      options.burst,
      options.timeoutSeconds,
      stopped,
    );
    await waitForTexts(system, warm.autoNumbers, 60_000);
  }
  if (bench.interrupted) return 130;

  console.error(`baseline: ${options.empty} empty workflows, ${options.concurrency} clients…`);
  const before = await measuringCpu(system, () => runEmpty(system, options.empty, options.concurrency, 'before'));
  if (bench.interrupted) return 130;
  console.error(
    `orders: ${options.orders} texts, ${options.concurrency} clients, until all are awaiting_confirmation…`,
  );
  const memoryBefore = process.memoryUsage();
  const orders = await measuringCpu(system, () =>
    runOrders(
      system,
      tenants,
      options.warmup,
      options.orders,
      options.concurrency,
      options.burst,
      options.timeoutSeconds,
      stopped,
    ),
  );
  const memoryAfter = process.memoryUsage();
  if (bench.interrupted) return 130;
  const texts = await waitForTexts(system, orders.result.autoNumbers, 120_000);
  console.error(`baseline again: ${options.empty} empty workflows…`);
  const after = await measuringCpu(system, () => runEmpty(system, options.empty, options.concurrency, 'after'));
  if (bench.interrupted) return 130;

  const sample = orders.result.numbers
    .filter((_, i) => i % Math.max(1, Math.floor(orders.result.numbers.length / 10)) === 0)
    .slice(0, 10);
  const counts = (await Promise.all(sample.map((x) => tasksUntilAssigned(system, x)))).filter(
    (c): c is HistoryCounts => c !== null,
  );
  const median = (values: number[]) => summarize(values).p50;
  const perOrder = {
    workflowTasks: median(counts.map((c) => c.workflowTasks)),
    activities: median(counts.map((c) => c.activities)),
    events: median(counts.map((c) => c.events)),
  };

  const emptyPerSecond = (before.result.perSecond + after.result.perSecond) / 2;
  const ratio = orders.result.perSecond / emptyPerSecond;
  const orderLatency = summarize(orders.result.latencyMs);
  const routedLatency = summarize(orders.result.routedLatencyMs);
  const emptyLatency = summarize([...before.result.latencyMs, ...after.result.latencyMs]);
  const machine = await describeMachine(pool);
  const cores = machine.cores;
  const serverRss = (await temporalServerFigures()).rssBytes;

  const table = markdownTable(
    ['measurement', 'n', 'wall s', 'per second', 'latency p50 ms', 'latency p95 ms', 'orders/s ÷ this'],
    [
      [
        'baseline: empty workflow, before the orders (start → result seen)',
        String(before.result.completed),
        (before.result.wallMs / 1000).toFixed(1),
        before.result.perSecond.toFixed(1),
        ms(summarize(before.result.latencyMs).p50),
        ms(summarize(before.result.latencyMs).p95),
        `${(orders.result.perSecond / before.result.perSecond).toFixed(3)}×`,
      ],
      [
        'work orders: SMS webhook → routed (auto-assigned, or to review after losing the booking race)',
        String(orders.result.routed),
        (orders.result.wallMs / 1000).toFixed(1),
        orders.result.perSecond.toFixed(2),
        ms(routedLatency.p50),
        ms(routedLatency.p95),
        '—',
      ],
      [
        '… of which auto-assigned (`awaiting_confirmation`)',
        String(orders.result.autoAssigned),
        (orders.result.wallMs / 1000).toFixed(1),
        orders.result.autoPerSecond.toFixed(2),
        ms(orderLatency.p50),
        ms(orderLatency.p95),
        '—',
      ],
      [
        'baseline: empty workflow, after the orders',
        String(after.result.completed),
        (after.result.wallMs / 1000).toFixed(1),
        after.result.perSecond.toFixed(1),
        ms(summarize(after.result.latencyMs).p50),
        ms(summarize(after.result.latencyMs).p95),
        `${(orders.result.perSecond / after.result.perSecond).toFixed(3)}×`,
      ],
    ],
    [false, true, true, true, true, true, true],
  );
  const checks = [
    {
      name: 'every text got its work order number',
      ok: orders.result.answered === options.orders,
      detail: `${orders.result.answered}/${options.orders}${orders.result.firstError ? `; first error: ${orders.result.firstError}` : ''}`,
    },
    {
      name: `every order routed within ${options.timeoutSeconds} s of the last answer`,
      ok: orders.result.routed === options.orders,
      detail: `${orders.result.routed}/${options.orders}`,
    },
    {
      name: 'every order auto-assigned, unless its booking lost the race to another order (3 times in a row)',
      ok: orders.result.autoAssigned + orders.result.lostBookingRace === options.orders,
      detail: `${orders.result.autoAssigned} auto-assigned, ${orders.result.lostBookingRace} lost the race${Object.keys(orders.result.other).length ? `; not auto-assigned: ${JSON.stringify(orders.result.other)}` : ''}`,
    },
    {
      name: 'every empty workflow completed',
      ok: before.result.completed === options.empty && after.result.completed === options.empty,
      detail: `${before.result.completed} and ${after.result.completed} of ${options.empty}`,
    },
  ];
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

  const report = [
    `## Throughput benchmark — ${conditions.date}`,
    '',
    table,
    '',
    `**Headline: ${orders.result.perSecond.toFixed(2)} work orders/s through intake, classification and assignment = ${(100 * ratio).toFixed(1)}% of the ${emptyPerSecond.toFixed(1)} empty workflows/s ` +
      `(mean of before and after) on the same server and worker (ratio ${ratio.toFixed(3)}).**`,
    '',
    `${orders.result.autoAssigned} of the ${orders.result.routed} orders were auto-assigned; ${orders.result.lostBookingRace} went to the review queue because the slot proposed to them was booked by another order ` +
      `between their proposal and their booking, ${3} times in a row (MAX_AUTO_BOOKING_ATTEMPTS): with many orders for the same trade in flight at once, their proposals pick the same free slot. ` +
      `Those orders ran the proposal and booking three times, so they cost the worker more than an auto-assigned one.`,
    '',
    (options.burst
      ? `The intake alone answered the ${options.orders} texts in ${(orders.result.answersMs / 1000).toFixed(1)} s (${((1000 * orders.result.answered) / orders.result.answersMs).toFixed(1)} answers/s) while the worker triaged them. `
      : `At most ${options.concurrency} orders were in the workflow at once (each client texts again once its last order is routed). `) +
      `Each order runs ${perOrder.workflowTasks} workflow tasks and ${perOrder.activities} activities (${perOrder.events} history events) until it is assigned (median of ${counts.length} histories); ` +
      `an empty workflow runs 1 workflow task and no activity. Per second that is ${(orders.result.perSecond * (perOrder.workflowTasks + perOrder.activities)).toFixed(1)} tasks for the orders against ${emptyPerSecond.toFixed(1)} for the empty workflows.`,
    '',
    `Texts after assignment: ${texts} of ${2 * orders.result.autoAssigned} confirmation requests and technician notices in the outbox before the second baseline.`,
    '',
    'CPU:',
    `- ${cpuLine('empty workflows, before', before.cpu, cores)}`,
    `- ${cpuLine('orders', orders.cpu, cores)}`,
    `- ${cpuLine('empty workflows, after', after.cpu, cores)}`,
    '',
    `Memory: process RSS ${mib(memoryBefore.rss)} before the orders, ${mib(memoryAfter.rss)} after; Temporal dev server RSS ${mib(serverRss)} at the end.`,
    '',
    'Conditions:',
    `- machine: ${cores} cores (${machine.cpuModel}), ${machine.totalMemory} RAM, ${machine.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start`,
    `- software: Node ${machine.node}; ${machine.temporalCli}; Postgres ${machine.postgres}`,
    `- load: ${options.orders} orders by ${options.concurrency} clients, each texting again ${options.burst ? 'once its last text is answered (--burst)' : 'once its last order is routed'}; ` +
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
    emptyLatencyMs: emptyLatency,
    perOrder,
    texts,
    memory: { processRssBefore: memoryBefore.rss, processRssAfter: memoryAfter.rss, temporalServerRss: serverRss },
    checks,
    table,
  });
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  return ok ? 0 : 1;
}

runBench(main);
