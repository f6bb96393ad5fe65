/** The run's conditions, the printed report (both parts, the conditions, memory, checks) and the run's JSON file. */
import path from 'node:path';
import type { Pool } from 'pg';
import { DEFAULT_RULES } from '../../../domain/rules';
import { describeMachine, writeRun } from '../harness';
import { mib } from '../stats';
import type { HistoryLoad } from './context';
import type { contextReport } from './contextReport';
import type { BenchCheck } from './figures';
import { HISTORY_YEARS, PROBLEMS } from './generated';
import type { MemoryFigures } from './memory';
import type { Options } from './options';
import { describePortfolio, type Portfolio } from './portfolio';
import type { webhookReport } from './webhookReport';

type ContextReport = ReturnType<typeof contextReport>;
type WebhookReport = ReturnType<typeof webhookReport>;

/** What the run was measured on: the machine, the software, the code, the data, the load. */
export async function describeConditions(
  pool: Pool,
  run: { started: Date; loadAtStart: number; code: string; options: Options; portfolio: Portfolio; load: HistoryLoad },
) {
  const { options, load } = run;
  const machine = await describeMachine(pool);
  return {
    date: run.started.toISOString(),
    ...machine,
    loadAverage1mAtStart: run.loadAtStart.toFixed(2),
    code: run.code,
    history: options.history,
    historyRows: load.historyRows,
    portfolio: describePortfolio(run.portfolio),
    historyShape: `completed, created evenly over ${HISTORY_YEARS} years, uniform over units; ${PROBLEMS.length} problem texts (en/es) × 8 prefixes × 8 suffixes; 2 events each`,
    inWindowPerBuilding: load.windowRows.map((r) => `${r.in_window} of ${r.total}`).join(', '),
    samples: options.samples,
    warmup: options.warmup,
    contextRules: DEFAULT_RULES.context,
    pgTrgmThreshold: (await pool.query<{ t: string }>('SELECT show_limit()::text AS t')).rows[0]!.t,
    orders: options.orders,
    rate: options.rate,
    orderWarmup: options.orderWarmup,
    sms: 'outbox (no Twilio REST calls)',
    classifier: 'heuristic (no AI calls)',
    rules: 'DEFAULT_RULES (production durations and thresholds: auto-assign at 0.85)',
    client:
      'system.textFrom (supertest: signs the form, one new HTTP connection per request), in the same process as the API and the worker',
  };
}
type Conditions = Awaited<ReturnType<typeof describeConditions>>;

function conditionLines(conditions: Conditions, options: Options): string[] {
  return [
    'Conditions:',
    `- machine: ${conditions.cores} cores (${conditions.cpuModel}), ${conditions.totalMemory} RAM, ${conditions.platform}; 1-minute load ${conditions.loadAverage1mAtStart} at start`,
    `- software: Node ${conditions.node}; ${conditions.temporalCli}; Postgres ${conditions.postgres}; pg_trgm.similarity_threshold ${conditions.pgTrgmThreshold}`,
    `- code: ${conditions.code}`,
    `- portfolio: ${conditions.portfolio}; history ${conditions.historyShape}`,
    `- context: ${options.samples} calls per history size after ${options.warmup} warm-up, one at a time, on fresh orders (status triage, random units, same texts); rules.context ${JSON.stringify(DEFAULT_RULES.context)}`,
    `- webhook: ${options.orders} messages at ${options.rate}/s (open loop) after ${options.orderWarmup} warm-up; SMS ${conditions.sms}; classifier ${conditions.classifier}; rules ${conditions.rules}; worker in this process`,
    `- client: ${conditions.client}`,
  ];
}

export interface TriageRun {
  started: Date;
  options: Options;
  conditions: Conditions;
  memory: MemoryFigures;
  context: ContextReport;
  webhook: WebhookReport | null;
}

/** Prints the report, writes the run's JSON; 1 when a check failed. */
export async function reportRun(run: TriageRun): Promise<number> {
  const { options, conditions, memory, context, webhook } = run;
  const checks: BenchCheck[] = [...context.checks, ...(webhook?.checks ?? [])];
  const report = [
    `## Triage benchmark — ${conditions.date}`,
    '',
    ...context.section,
    ...(webhook ? ['', '### 2. Webhook to assigned', '', ...webhook.report] : []),
    '',
    ...conditionLines(conditions, options),
    '',
    `Memory: process RSS ${mib(memory.processRssBefore)} after start, ${mib(memory.processRssAfter)} at the end (peak ${mib(memory.processRssPeak)}); heap used ${mib(memory.heapUsedBefore)} → ${mib(memory.heapUsedAfter)}; ` +
      `Temporal dev server RSS ${mib(memory.temporalServerRssAfter)} at the end.`,
    '',
    'Checks:',
    ...checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
  ].join('\n');
  console.log(report);

  const file = await writeRun('triage', run.started, {
    benchmark: 'triage',
    options,
    conditions,
    context: context.json,
    checks,
    webhook: webhook?.json ?? null,
    memory,
    tables: {
      context: context.tables.context,
      queries: context.tables.queries,
      webhook: webhook?.table ?? null,
      steps: webhook?.stepsTable ?? null,
      workflow: webhook?.workflowTable ?? null,
    },
  });
  console.log(`\nrun written to ${path.relative(process.cwd(), file)}`);
  return checks.some((c) => !c.ok) ? 1 : 0;
}
