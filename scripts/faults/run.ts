/**
 * Runs the fault drills: `npm run fault -- <drill> [options]` one, `npm run faults` all of them, one after the other.
 * Each ends with its reconciliation; the exit code is 0 only when every drill's passed.
 *
 *   npm run fault -- kill-worker --orders 100 --kills 12
 *   npm run fault -- postgres-restart --orders 40 --down 3000
 *   npm run fault -- temporal-restart --orders 40 --down 3000
 *   npm run fault -- duplicate-webhooks --rounds 100 --copies 3
 *   npm run fault -- ai-faults --orders 100
 *   npm run fault -- poison --orders 24
 *   npm run faults                  # all six, full size
 *   npm run faults -- --small       # all six at the sizes CI runs (test/integration/faults.test.ts)
 *   --keep-logs                     # keep the worker's and API's logs (.data/faults/) of drills that passed too
 *   --publish                       # also write the drills' output to docs/faults.md (publish.ts)
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { temporalCliPath } from '../../test/support/paths';
import { describeMachine, gitState } from '../bench/harness';
import { aiFaultsDrill } from './ai-faults';
import { numberArg, type CommonDrillOptions, type DrillResult } from './drill';
import { duplicateWebhooksDrill } from './duplicate-webhooks';
import { killWorkerDrill } from './kill-worker';
import { postgresBinDir } from './harness/postgres';
import { publishFaults } from './publish';
import { poisonDrill } from './poison';
import { postgresRestartDrill } from './postgres-restart';
import { temporalRestartDrill } from './temporal-restart';

type Drill = (argv: string[], common: CommonDrillOptions, small: boolean) => Promise<DrillResult>;

/** The full sizes are the issue's; the small ones are what CI runs. */
export const DRILLS: Record<string, Drill> = {
  'kill-worker': (argv, common, small) =>
    killWorkerDrill({
      ...common,
      orders: numberArg(argv, 'orders') ?? (small ? 20 : 100),
      kills: numberArg(argv, 'kills') ?? (small ? 3 : 12),
    }),
  'postgres-restart': (argv, common, small) =>
    postgresRestartDrill({
      ...common,
      orders: numberArg(argv, 'orders') ?? (small ? 12 : 40),
      downMs: numberArg(argv, 'down'),
    }),
  'temporal-restart': (argv, common, small) =>
    temporalRestartDrill({
      ...common,
      orders: numberArg(argv, 'orders') ?? (small ? 12 : 40),
      downMs: numberArg(argv, 'down'),
    }),
  'duplicate-webhooks': (argv, common, small) =>
    duplicateWebhooksDrill({
      ...common,
      rounds: numberArg(argv, 'rounds') ?? (small ? 20 : 100),
      copies: numberArg(argv, 'copies'),
    }),
  'ai-faults': (argv, common, small) =>
    aiFaultsDrill({ ...common, orders: numberArg(argv, 'orders') ?? (small ? 20 : 100) }),
  poison: (argv, common, small) => poisonDrill({ ...common, orders: numberArg(argv, 'orders') ?? (small ? 8 : 24) }),
};

/** The drills' clusters run this server (`postgres --version`). */
function postgresVersion(): string {
  try {
    return execFileSync(path.join(postgresBinDir(), 'postgres'), ['--version'], { encoding: 'utf8' })
      .trim()
      .replace(/^postgres \(PostgreSQL\) /, '');
  } catch {
    return 'unknown';
  }
}

function usage(): string {
  return `usage: npm run fault -- <${Object.keys(DRILLS).join('|')}> [--orders N ...] [--small] [--keep-logs] [--publish]\n       npm run faults [-- --small] [--keep-logs] [--publish]`;
}

/** Runs the drills one after the other; a drill that throws counts as failed and the next one runs. */
async function runDrills(
  names: string[],
  rest: string[],
  common: CommonDrillOptions,
  small: boolean,
  print: (line: string) => void,
  output: string[],
): Promise<DrillResult[]> {
  const results: DrillResult[] = [];
  for (const drill of names) {
    try {
      results.push(await DRILLS[drill]!(rest, common, small));
    } catch (err) {
      console.error(`[${drill}] did not finish: ${(err as Error).stack ?? String(err)}`);
      output.push(`[${drill}] did not finish: ${(err as Error).message}`);
      results.push({ drill, passed: false, seconds: 0 } as DrillResult);
    }
    print('');
  }
  return results;
}

/** One line per drill: passed or not, how long, the checks passed, what it left. */
function printSummary(results: DrillResult[], print: (line: string) => void): void {
  print('fault drills:');
  for (const r of results) {
    const counts = r.after
      ? `${r.after.workOrders} work orders, ${r.after.workflows} workflows, ${r.after.events} events, ${r.after.outboundSms} texts`
      : 'did not finish';
    const checks = r.reconciliation
      ? `${r.reconciliation.checks.filter((c) => c.pass).length}/${r.reconciliation.checks.length} checks`
      : '';
    print(
      `  ${r.passed ? 'PASS' : 'FAIL'}  ${r.drill.padEnd(19)} ${String(r.seconds).padStart(6)} s  ${checks}  ${counts}`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const small = argv.includes('--small');
  const output: string[] = [];
  const print = (line: string) => {
    console.log(line);
    output.push(line);
  };
  const common: CommonDrillOptions = { keepLogs: argv.includes('--keep-logs'), log: print };
  if (!name || name === '--help' || name === '-h') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const names = name === 'all' ? Object.keys(DRILLS) : [name];
  const unknown = names.filter((n) => !DRILLS[n]);
  if (unknown.length > 0) {
    console.error(`unknown drill ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const startedAt = new Date();
  const started = performance.now();
  const code = gitState();
  const results = await runDrills(names, rest, common, small, print, output);
  if (names.length > 1) printSummary(results, print);
  if (argv.includes('--publish')) {
    const command =
      `npm run ${name === 'all' ? 'faults' : 'fault'} -- ${argv.filter((a) => a !== 'all').join(' ')}`.replace(
        / -- $/,
        '',
      );
    const machine = { ...(await describeMachine(null, temporalCliPath())), postgres: postgresVersion() };
    const page = await publishFaults({
      command,
      startedAt,
      seconds: (performance.now() - started) / 1000,
      machine,
      code,
      results,
      output,
    });
    console.log(`published to ${page}`);
  }
  return results.every((r) => r.passed) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
