/**
 * The intake benchmark's figures, printed report and run JSON (intake.ts runs it): latency and answers/s of each
 * kind over its measured blocks, the table against the baselines, the conditions, memory, CPU and checks. Pure.
 */
import { DEFAULT_MAX_CACHED_WORKFLOWS, workerHeapLimitMiB } from '../../runtime/config';
import { sum, type Machine } from './harness';
import { KINDS, type Block, type Kind } from './intakeBlocks';
import type { Check, WorkflowStarts } from './intakeChecks';
import type { IntakeOptions } from './intakeOptions';
import type { IntakeCpu, IntakeMemory } from './intakeResources';
import { LATENCY_COLUMNS, latencyCells, markdownTable, mib, ms, ratio, summarize, type Summary } from './stats';

const LABELS: Record<Kind, string> = {
  intake: 'intake: new problem → "Work order #N"',
  help: 'baseline A: HELP (webhook path, creates nothing)',
  duplicate: 'baseline B: duplicate MessageSid (stored answer)',
};

export interface KindFigures {
  kind: Kind;
  summary: Summary;
  /** The wall time of that kind's blocks. */
  wallMs: number;
  throughputPerSecond: number;
  samplesMs: number[];
}

/** What the report and the run's JSON are made of. */
export interface IntakeResults {
  conditions: IntakeConditions;
  figures: Record<Kind, KindFigures>;
  table: string;
  memory: IntakeMemory;
  cpu: IntakeCpu;
  statuses: Array<{ status: string; n: string }>;
  starts: WorkflowStarts;
  checks: Check[];
  ok: boolean;
}

export function kindFigures(measured: Record<Kind, Block[]>): Record<Kind, KindFigures> {
  const figuresOf = (kind: Kind): KindFigures => {
    const answers = measured[kind].flatMap((b) => b.answers);
    const wallMs = sum(measured[kind].map((b) => b.wallMs));
    return {
      kind,
      summary: summarize(answers.map((a) => a.latencyMs)),
      wallMs,
      throughputPerSecond: answers.length / (wallMs / 1000),
      samplesMs: answers.map((a) => Math.round(a.latencyMs * 100) / 100),
    };
  };
  return { intake: figuresOf('intake'), help: figuresOf('help'), duplicate: figuresOf('duplicate') };
}

export function intakeTable(figures: Record<Kind, KindFigures>): string {
  const intake = figures.intake.summary;
  return markdownTable(
    ['measurement', ...LATENCY_COLUMNS, 'answers/s', 'intake p50 ÷ p50', 'intake p95 ÷ p95'],
    KINDS.map((kind) => {
      const { summary, throughputPerSecond } = figures[kind];
      return [
        LABELS[kind],
        ...latencyCells(summary),
        throughputPerSecond.toFixed(1),
        kind === 'intake' ? '—' : ratio(intake.p50, summary.p50),
        kind === 'intake' ? '—' : ratio(intake.p95, summary.p95),
      ];
    }),
    'after-label',
  );
}

export type IntakeConditions = ReturnType<typeof intakeConditions>;

export function intakeConditions(
  options: IntakeOptions,
  machine: Machine,
  start: { runStarted: Date; loadAtStart: number; codeAtStart: string },
) {
  return {
    date: start.runStarted.toISOString(),
    ...machine,
    loadAverage1mAtStart: start.loadAtStart.toFixed(2),
    code: start.codeAtStart,
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
}

export function intakeReport(r: IntakeResults): string {
  const { conditions, memory, cpu, starts } = r;
  const intake = r.figures.intake.summary;
  const help = r.figures.help.summary;
  return [
    `## SMS intake benchmark — ${conditions.date}`,
    '',
    r.table,
    '',
    `Intake adds ${ms(intake.p50 - help.p50)} ms at p50 and ${ms(intake.p95 - help.p95)} ms at p95 to the webhook path (baseline A).`,
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
    `Background triage at the end: ${r.statuses.map((s) => `${s.status} ${s.n}`).join(', ')}.`,
    '',
    `Workflow started after its order's transaction began (after the answer, off the request): p50 ${ms(starts.startedAfter.p50)} ms, p95 ${ms(starts.startedAfter.p95)} ms over ${starts.startedAfter.n} orders.`,
    '',
    'Correctness:',
    ...r.checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
}

/** The run as written to .data/bench/intake-<timestamp>.json. */
export function intakeRun(options: IntakeOptions, r: IntakeResults): object {
  const intake = r.figures.intake.summary;
  return {
    benchmark: 'intake',
    options,
    conditions: r.conditions,
    measurements: Object.fromEntries(
      KINDS.map((kind) => {
        const { summary, wallMs, throughputPerSecond, samplesMs } = r.figures[kind];
        return [kind, { label: LABELS[kind], ...summary, wallMs, throughputPerSecond, samplesMs }];
      }),
    ),
    ratios: {
      intakeOverHelp: { p50: intake.p50 / r.figures.help.summary.p50, p95: intake.p95 / r.figures.help.summary.p95 },
      intakeOverDuplicate: {
        p50: intake.p50 / r.figures.duplicate.summary.p50,
        p95: intake.p95 / r.figures.duplicate.summary.p95,
      },
    },
    memory: r.memory,
    cpu: r.cpu,
    backgroundStatuses: Object.fromEntries(r.statuses.map((s) => [s.status, Number(s.n)])),
    workflowStarts: r.starts,
    correctness: { ok: r.ok, checks: r.checks },
    table: r.table,
  };
}
