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
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseInboundIntent } from '../../domain/sms/inboundIntent';
import { renderSms, type SmsLanguage } from '../../domain/sms/templates';
import { DEFAULT_RULES } from '../../domain/rules';
import { workOrderWorkflowId } from '../../workflows/definitions';
import type { TestSystem } from '../../test/support/system';
import {
  childProcesses,
  describeMachine,
  EVENT_LOOP_RESOLUTION_MS,
  gitState,
  lagMs,
  machineBusySeconds,
  runBench,
  sum,
  temporalServer,
  writeRun,
  type Bench,
} from './harness';
import { markdownTable, mib, ms, ratio, summarize } from './stats';
import { forkedWorkers, forkWorker } from './forkedWorker';
import { DEFAULT_MAX_CACHED_WORKFLOWS, workerHeapLimitMiB } from '../../runtime/config';

type Kind = 'intake' | 'help' | 'duplicate';

interface Options {
  messages: number;
  concurrency: number;
  warmup: number;
  block: number;
  /**
   * Where the worker that triages the new orders runs: in this process (the default, as the tests run it), in its own
   * process (`--forked-worker`, as `npm start` and docker-compose run it), or nowhere (`--no-worker`: nothing
   * competes with the webhook).
   */
  worker: 'in-process' | 'forked' | 'none';
}

interface Tenant {
  phone: string;
  language: SmsLanguage;
}

interface Message {
  kind: Kind;
  sid: string;
  from: string;
  body: string;
  language: SmsLanguage;
}

interface Answer {
  message: Message;
  status: number;
  /** The text of the TwiML <Message>, unescaped; '' when there was none. */
  reply: string;
  latencyMs: number;
  error?: string;
}

interface Block {
  kind: Kind;
  answers: Answer[];
  wallMs: number;
}

const EN_PROBLEMS = [
  'The kitchen sink is leaking under the cabinet',
  'No heat in the apartment since last night',
  "Toilet won't flush, it keeps running",
  'Water stain on the bathroom ceiling and it is dripping',
  'The fridge stopped working, food is getting warm',
  'Smoke detector keeps chirping in the hallway',
  'The outlet in the bedroom sparks when I plug something in',
  'Shower drain is clogged, water backs up into the tub',
  "Front door lock is broken, the key won't turn",
  'Seeing roaches in the kitchen again',
  'Dishwasher leaks water all over the floor',
  "Bedroom window is cracked and won't close",
  'The AC is blowing warm air',
  "Stove burner won't light",
  'Water heater is making a loud banging noise',
  'I smell gas near the stove',
];
const ES_PROBLEMS = [
  'Hay una fuga de agua debajo del fregadero',
  'No hay calefacción desde anoche',
  'El inodoro está tapado y no baja el agua',
  'La nevera no enfría',
  'Hay una gotera en el techo del baño',
  'El enchufe de la cocina echa chispas',
  'La ducha no calienta, solo sale agua fría',
  'Hay cucarachas en la cocina',
  'La cerradura de la puerta está rota',
  'La estufa no prende',
  'La ventana del cuarto está rota y entra el frío',
  'Huele a gas en la cocina',
];
const EN_DETAILS = ['', ' Please help.', ' It started this morning.', ' Someone is home all day.', ' Thanks'];
const ES_DETAILS = [
  '',
  ' Por favor ayúdenme.',
  ' Empezó esta mañana.',
  ' Hay alguien en casa todo el día.',
  ' Gracias',
];

const HELP = { en: 'HELP', es: 'AYUDA' } as const;

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '20' },
      block: { type: 'string', default: '25' },
      'no-worker': { type: 'boolean', default: false },
      'forked-worker': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:intake -- [--messages N=300] [--concurrency C=4] [--warmup W=20] [--block B=25] [--no-worker | --forked-worker]',
    );
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got ${raw}`);
    return value;
  };
  if (values['no-worker'] && values['forked-worker']) throw new Error('--no-worker and --forked-worker: choose one');
  return {
    messages: int('messages', values.messages, 1),
    concurrency: int('concurrency', values.concurrency, 1),
    warmup: int('warmup', values.warmup, 0),
    block: int('block', values.block, 1),
    worker: values['no-worker'] ? 'none' : values['forked-worker'] ? 'forked' : 'in-process',
  };
}

function problemText(i: number, language: SmsLanguage): string {
  const problems = language === 'es' ? ES_PROBLEMS : EN_PROBLEMS;
  const details = language === 'es' ? ES_DETAILS : EN_DETAILS;
  return `${problems[i % problems.length]!}.${details[Math.floor(i / problems.length) % details.length]!}`;
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

function twimlMessage(xml: string): string {
  const inner = /<Message>([\s\S]*)<\/Message>/.exec(xml)?.[1] ?? '';
  return inner.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => XML_ENTITIES[entity] ?? entity);
}

/** Posts `messages` with at most `concurrency` in flight (closed loop: each slot posts its next one as soon as its answer is in), timing each. */
async function runBlock(
  system: TestSystem,
  kind: Kind,
  messages: Message[],
  concurrency: number,
  stopped: () => boolean,
): Promise<Block> {
  const answers: Answer[] = new Array<Answer>(messages.length);
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < messages.length && !stopped()) {
      const index = next++;
      const message = messages[index]!;
      const started = performance.now();
      try {
        const response = await system.textFrom(message.from, message.body, message.sid);
        answers[index] = {
          message,
          status: response.status,
          reply: twimlMessage(response.text),
          latencyMs: performance.now() - started,
        };
      } catch (err) {
        answers[index] = {
          message,
          status: 0,
          reply: '',
          latencyMs: performance.now() - started,
          error: (err as Error).message,
        };
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, messages.length) }, slot));
  return { kind, answers: answers.filter(Boolean), wallMs: performance.now() - started };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function checkCorrectness(
  system: TestSystem,
  answersByKind: Record<Kind, Answer[]>,
  workOrdersBefore: number,
): Promise<Check[]> {
  const pool = system.db.pool;
  const intake = answersByKind.intake;
  const checks: Check[] = [];

  const created =
    Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM work_orders')).rows[0]!.n) - workOrdersBefore;
  checks.push({
    name: 'work orders created == intake messages sent',
    ok: created === intake.length,
    detail: `${created} created, ${intake.length} intake messages sent (warm-up included)`,
  });

  // Each answer names the work order created for that very message (by its MessageSid), in the tenant's language.
  const numberBySid = new Map(
    (
      await pool.query<{ sid: string; number: string }>(
        `SELECT metadata->'sms'->>'messageSid' AS sid, number FROM work_orders WHERE source = 'sms'`,
      )
    ).rows.map((r) => [r.sid, Number(r.number)]),
  );
  const numbers = intake.map((a) => Number(/#(\d+)/.exec(a.reply)?.[1] ?? Number.NaN));
  const own = intake.filter(
    (a, i) =>
      a.status === 200 &&
      numberBySid.get(a.message.sid) === numbers[i] &&
      a.reply === renderSms({ kind: 'intake_ack', number: numbers[i]! }, a.message.language),
  );
  checks.push({
    name: 'every intake answer carries its own work order number',
    ok: own.length === intake.length,
    detail: `${own.length}/${intake.length}`,
  });
  const distinct = new Set(numbers.filter(Number.isFinite));
  checks.push({
    name: 'no work order number answered twice',
    ok: distinct.size === intake.length,
    detail: `${distinct.size} distinct numbers in ${intake.length} answers`,
  });

  // Every answered number has its workflow (describe reads the execution itself, not the eventually consistent visibility store).
  let withWorkflow = 0;
  const queue = [...distinct];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
        const described = await system.env.client.workflow
          .getHandle(workOrderWorkflowId(n))
          .describe()
          .catch(() => null);
        if (described?.type === 'workOrderWorkflow') withWorkflow += 1;
      }
    }),
  );
  checks.push({
    name: 'every work order number has its workflow',
    ok: withWorkflow === distinct.size,
    detail: `${withWorkflow}/${distinct.size}`,
  });

  const help = answersByKind.help;
  const helpSids = help.map((a) => a.message.sid);
  const helpLinked = Number(
    (
      await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM sms_messages WHERE provider_sid = ANY($1) AND work_order_number IS NOT NULL`,
        [helpSids],
      )
    ).rows[0]!.n,
  );
  const helpOk = help.filter(
    (a) => a.status === 200 && a.reply === renderSms({ kind: 'help' }, a.message.language),
  ).length;
  checks.push({
    name: 'baseline A: every HELP got the help text and created nothing',
    ok: helpOk === help.length && helpLinked === 0,
    detail: `${helpOk}/${help.length} help texts, ${helpLinked} linked to a work order`,
  });

  const dup = answersByKind.duplicate;
  const firstReply = new Map(intake.map((a) => [a.message.sid, a.reply]));
  const dupOk = dup.filter(
    (a) => a.status === 200 && a.reply !== '' && a.reply === firstReply.get(a.message.sid),
  ).length;
  const sentSids = new Set([...intake, ...help, ...dup].map((a) => a.message.sid));
  const stored = Number(
    (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM sms_messages WHERE direction = 'inbound'`)).rows[0]!.n,
  );
  checks.push({
    name: 'baseline B: every duplicate got the first answer again',
    ok: dupOk === dup.length,
    detail: `${dupOk}/${dup.length}`,
  });
  checks.push({
    name: 'one stored inbound message per MessageSid',
    ok: stored === sentSids.size,
    detail: `${stored} stored, ${sentSids.size} distinct MessageSids posted`,
  });

  const failed = [...intake, ...help, ...dup].filter((a) => a.status !== 200);
  checks.push({
    name: 'no HTTP error or failed request',
    ok: failed.length === 0,
    detail: failed.length === 0 ? 'none' : `${failed.length}, first: ${failed[0]!.status} ${failed[0]!.error ?? ''}`,
  });
  return checks;
}

/** How long the correctness check waits for the last answered orders' workflows to start. */
const STARTS_WAIT_MS = 30_000;

/** The start requests the intake wrote, once the last ones have started (or STARTS_WAIT_MS has passed). */
async function workflowStarts(pool: TestSystem['db']['pool']) {
  const deadline = Date.now() + STARTS_WAIT_MS;
  const unstarted = async () =>
    Number(
      (await pool.query<{ n: string }>('SELECT count(*) AS n FROM workflow_start_requests WHERE started_at IS NULL'))
        .rows[0]!.n,
    );
  while ((await unstarted()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const { rows } = await pool.query<{ ms: number; failed: number }>(
    `SELECT extract(epoch FROM started_at - created_at) * 1000 AS ms, failed_attempts AS failed
       FROM workflow_start_requests WHERE started_at IS NOT NULL`,
  );
  return {
    unstarted: await unstarted(),
    failedAttempts: sum(rows.map((r) => r.failed)),
    startedAfter: summarize(rows.map((r) => Number(r.ms))),
  };
}

async function main(bench: Bench): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const runStarted = new Date();
  // The code the run loaded: read now, not at the end (files edited meanwhile are not in this process).
  const codeAtStart = gitState();
  const loadAtStart = os.loadavg()[0]!;

  bench.onStop(async () => {
    for (const worker of [...forkedWorkers]) await worker.kill();
  });
  const system = await bench.start({ rules: DEFAULT_RULES });
  if (bench.interrupted) return 130;
  if (options.worker !== 'in-process') await system.stopWorker();
  const forked =
    options.worker === 'forked'
      ? await forkWorker(
          system,
          'intake',
          DEFAULT_MAX_CACHED_WORKFLOWS,
          workerHeapLimitMiB(DEFAULT_MAX_CACHED_WORKFLOWS),
        )
      : null;
  if (forked) await forked.ready;
  const pool = system.db.pool;

  const tenants = (
    await pool.query<{ phone: string; language: string }>('SELECT phone, language FROM tenants ORDER BY id')
  ).rows.map((r): Tenant => ({ phone: r.phone, language: r.language === 'es' ? 'es' : 'en' }));
  if (tenants.length === 0) throw new Error('no tenants seeded');
  // A text that the router would read as an answer or a reschedule would measure another path: refuse to run.
  for (const language of ['en', 'es'] as const) {
    for (let i = 0; i < EN_PROBLEMS.length * EN_DETAILS.length; i++) {
      const text = problemText(i, language);
      if (parseInboundIntent(text).kind !== 'problem')
        throw new Error(`benchmark text is not read as a problem: "${text}"`);
    }
  }

  let sequence = 0;
  const newMessage = (kind: 'intake' | 'help'): Message => {
    const i = sequence++;
    const tenant = tenants[i % tenants.length]!;
    const body =
      kind === 'help' ? HELP[tenant.language] : problemText(Math.floor(i / tenants.length) + i, tenant.language);
    return { kind, sid: `SM${randomBytes(16).toString('hex')}`, from: tenant.phone, body, language: tenant.language };
  };
  const duplicateOf = (answers: Answer[]): Message[] =>
    answers.filter((a) => a.status === 200).map((a) => ({ ...a.message, kind: 'duplicate' as const }));

  const workOrdersBefore = Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM work_orders')).rows[0]!.n,
  );
  const memoryBefore = process.memoryUsage();
  const childrenBefore = await childProcesses();
  let peakRss = memoryBefore.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  sampler.unref();

  const all: Record<Kind, Answer[]> = { intake: [], help: [], duplicate: [] };
  const measured: Record<Kind, Block[]> = { intake: [], help: [], duplicate: [] };
  const stopped = () => bench.interrupted;
  const run = async (kind: Kind, messages: Message[], warmup: boolean): Promise<Answer[]> => {
    const block = await runBlock(system, kind, messages, options.concurrency, stopped);
    all[kind].push(...block.answers);
    if (!warmup) measured[kind].push(block);
    return block.answers;
  };

  // Warm-up: the same three kinds, discarded from the figures (JIT, connection pools, the worker's first tasks).
  if (options.warmup > 0) {
    console.error(`warm-up: ${options.warmup} of each kind at concurrency ${options.concurrency}`);
    const warm = await run(
      'intake',
      Array.from({ length: options.warmup }, () => newMessage('intake')),
      true,
    );
    await run(
      'help',
      Array.from({ length: options.warmup }, () => newMessage('help')),
      true,
    );
    await run('duplicate', duplicateOf(warm), true);
  }

  // Where the CPU goes while measuring, and how late this process's event loop (API, worker's activities, client) runs.
  const cpuBefore = process.cpuUsage();
  const machineBefore = await machineBusySeconds();
  const serverCpuBefore = sum(temporalServer(await childProcesses()).map((c) => c.cpuSeconds));
  const eventLoop = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });
  eventLoop.enable();
  const measureStarted = performance.now();

  const rounds = Math.ceil(options.messages / options.block);
  console.error(
    `measuring: ${options.messages} of each kind in ${rounds} rounds of ${options.block}, concurrency ${options.concurrency}`,
  );
  for (let round = 0; round < rounds && !bench.interrupted; round++) {
    const size = Math.min(options.block, options.messages - round * options.block);
    const intakeMessages = Array.from({ length: size }, () => newMessage('intake'));
    const helpMessages = Array.from({ length: size }, () => newMessage('help'));
    // Alternate which kind follows the intake block, so neither baseline always runs right after a burst of new workflows.
    if (round % 2 === 0) {
      const answers = await run('intake', intakeMessages, false);
      await run('help', helpMessages, false);
      await run('duplicate', duplicateOf(answers), false);
    } else {
      await run('help', helpMessages, false);
      const answers = await run('intake', intakeMessages, false);
      await run('duplicate', duplicateOf(answers), false);
    }
    process.stderr.write(`  round ${round + 1}/${rounds} done${process.stderr.isTTY ? '\r' : '\n'}`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  clearInterval(sampler);
  if (bench.interrupted) return 130;
  const memoryAfter = process.memoryUsage();
  const childrenAfter = await childProcesses();
  const cpuAfter = process.cpuUsage(cpuBefore);
  const machineBusy = (await machineBusySeconds()) - machineBefore;
  eventLoop.disable();
  const measureSeconds = (performance.now() - measureStarted) / 1000;
  const cpu = {
    measuredWallSeconds: measureSeconds,
    processSeconds: (cpuAfter.user + cpuAfter.system) / 1e6,
    temporalServerSeconds: sum(temporalServer(childrenAfter).map((c) => c.cpuSeconds)) - serverCpuBefore,
    /** The machine's busy time; what this process and the dev server did not use went to Postgres and anything else running. */
    machineBusySeconds: machineBusy,
    eventLoopLagMs: {
      p50: lagMs(eventLoop.percentile(50)),
      p99: lagMs(eventLoop.percentile(99)),
      max: lagMs(eventLoop.max),
    },
  };

  const figures = (Object.keys(measured) as Kind[]).map((kind) => {
    const answers = measured[kind].flatMap((b) => b.answers);
    const wallMs = sum(measured[kind].map((b) => b.wallMs));
    return {
      kind,
      summary: summarize(answers.map((a) => a.latencyMs)),
      wallMs,
      throughputPerSecond: answers.length / (wallMs / 1000),
      samplesMs: answers.map((a) => Math.round(a.latencyMs * 100) / 100),
    };
  });
  const byKind = Object.fromEntries(figures.map((f) => [f.kind, f])) as Record<Kind, (typeof figures)[number]>;
  const intake = byKind.intake.summary;

  const labels: Record<Kind, string> = {
    intake: 'intake: new problem → "Work order #N"',
    help: 'baseline A: HELP (webhook path, creates nothing)',
    duplicate: 'baseline B: duplicate MessageSid (stored answer)',
  };
  const table = markdownTable(
    [
      'measurement',
      'n',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'mean ms',
      'answers/s',
      'intake p50 ÷ p50',
      'intake p95 ÷ p95',
    ],
    figures.map(({ kind, summary, throughputPerSecond }) => [
      labels[kind],
      String(summary.n),
      ms(summary.p50),
      ms(summary.p95),
      ms(summary.p99),
      ms(summary.max),
      ms(summary.mean),
      throughputPerSecond.toFixed(1),
      kind === 'intake' ? '—' : ratio(intake.p50, summary.p50),
      kind === 'intake' ? '—' : ratio(intake.p95, summary.p95),
    ]),
    [false, true, true, true, true, true, true, true, true, true],
  );

  const machine = await describeMachine(pool);
  const conditions = {
    date: runStarted.toISOString(),
    ...machine,
    loadAverage1mAtStart: loadAtStart.toFixed(2),
    code: codeAtStart,
    concurrency: options.concurrency,
    messagesPerKind: options.messages,
    warmupPerKind: options.warmup,
    block: options.block,
    sms: 'outbox (no Twilio REST calls)',
    classifier: 'heuristic (no AI calls)',
    rules: 'DEFAULT_RULES (production durations)',
    worker: {
      none: 'stopped (--no-worker): nothing triages the new work orders',
      forked: `its own process (--forked-worker, as npm start runs it; at most ${DEFAULT_MAX_CACHED_WORKFLOWS} workflows cached, heap limit ${workerHeapLimitMiB(DEFAULT_MAX_CACHED_WORKFLOWS)} MiB): triages the new work orders in the background`,
      'in-process': 'running in this process (default options): triages the new work orders in the background',
    }[options.worker],
    client: 'system.textFrom (supertest: signs the form, one new HTTP connection per request)',
  };
  const memory = {
    processRssBefore: memoryBefore.rss,
    processRssAfter: memoryAfter.rss,
    processRssPeak: Math.max(peakRss, memoryAfter.rss),
    heapUsedBefore: memoryBefore.heapUsed,
    heapUsedAfter: memoryAfter.heapUsed,
    temporalServerRssBefore: sum(temporalServer(childrenBefore).map((c) => c.rssBytes)),
    temporalServerRssAfter: sum(temporalServer(childrenAfter).map((c) => c.rssBytes)),
  };

  const statuses = (
    await pool.query<{ status: string; n: string }>(
      'SELECT status, count(*) AS n FROM work_orders GROUP BY status ORDER BY count(*) DESC',
    )
  ).rows;
  const starts = await workflowStarts(pool);
  const checks = await checkCorrectness(system, all, workOrdersBefore);
  checks.push({
    name: 'every work order written was started by the starter, none failed',
    ok: starts.unstarted === 0 && starts.failedAttempts === 0,
    detail: `${starts.unstarted} not started ${STARTS_WAIT_MS / 1000} s after the last answer, ${starts.failedAttempts} failed starts`,
  });
  const ok = checks.every((c) => c.ok);

  const report = [
    `## SMS intake benchmark — ${conditions.date}`,
    '',
    table,
    '',
    `Intake adds ${ms(intake.p50 - byKind.help.summary.p50)} ms at p50 and ${ms(intake.p95 - byKind.help.summary.p95)} ms at p95 to the webhook path (baseline A).`,
    '',
    'Conditions:',
    `- machine: ${conditions.cores} cores (${conditions.cpuModel}), ${conditions.totalMemory} RAM, ${conditions.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start`,
    `- software: Node ${conditions.node}; ${conditions.temporalCli}; Postgres ${conditions.postgres}; code ${conditions.code}`,
    `- load: concurrency ${conditions.concurrency}; N ${conditions.messagesPerKind} per kind after a warm-up of ${conditions.warmupPerKind} per kind; interleaved blocks of ${conditions.block}`,
    `- system: SMS ${conditions.sms}; classifier ${conditions.classifier}; rules ${conditions.rules}; worker ${conditions.worker}`,
    `- client: ${conditions.client}, in the same process as the API and the worker`,
    '',
    `Memory: API+worker process RSS ${mib(memory.processRssBefore)} before, ${mib(memory.processRssAfter)} after (peak ${mib(memory.processRssPeak)}); ` +
      `heap used ${mib(memory.heapUsedBefore)} → ${mib(memory.heapUsedAfter)}; Temporal dev server RSS ${mib(memory.temporalServerRssBefore)} → ${mib(memory.temporalServerRssAfter)}.`,
    '',
    `CPU while measuring (${cpu.measuredWallSeconds.toFixed(1)} s wall, ${conditions.cores} cores): this process ${cpu.processSeconds.toFixed(1)} s, ` +
      `Temporal dev server ${cpu.temporalServerSeconds.toFixed(1)} s, Postgres and everything else ${(cpu.machineBusySeconds - cpu.processSeconds - cpu.temporalServerSeconds).toFixed(1)} s ` +
      `(machine busy ${cpu.machineBusySeconds.toFixed(1)} of ${(cpu.measuredWallSeconds * conditions.cores).toFixed(1)} core-s); event-loop lag p50 ${ms(cpu.eventLoopLagMs.p50)} ms, p99 ${ms(cpu.eventLoopLagMs.p99)} ms, max ${ms(cpu.eventLoopLagMs.max)} ms.`,
    '',
    `Background triage at the end: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}.`,
    '',
    `Workflow started after its order's transaction began (after the answer, off the request): p50 ${ms(starts.startedAfter.p50)} ms, p95 ${ms(starts.startedAfter.p95)} ms over ${starts.startedAfter.n} orders.`,
    '',
    'Correctness:',
    ...checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
  console.log(report);

  const file = await writeRun('intake', runStarted, {
    benchmark: 'intake',
    options,
    conditions,
    measurements: Object.fromEntries(
      figures.map(({ kind, summary, wallMs, throughputPerSecond, samplesMs }) => [
        kind,
        { label: labels[kind], ...summary, wallMs, throughputPerSecond, samplesMs },
      ]),
    ),
    ratios: {
      intakeOverHelp: { p50: intake.p50 / byKind.help.summary.p50, p95: intake.p95 / byKind.help.summary.p95 },
      intakeOverDuplicate: {
        p50: intake.p50 / byKind.duplicate.summary.p50,
        p95: intake.p95 / byKind.duplicate.summary.p95,
      },
    },
    memory,
    cpu,
    backgroundStatuses: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    workflowStarts: starts,
    correctness: { ok, checks },
    table,
  });
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  return ok ? 0 : 1;
}

runBench(main);
