/**
 * `npm run bench [-- --quick] [--only intake,triage,throughput,eventStream,timers] [--timers N] [--budget 14]`
 *
 * Every benchmark, one after the other, each in its own process on its own Temporal dev server and fresh database:
 *   intake       SMS webhook → TwiML answer, p50/p95/p99 (baseline: HELP on the same route)
 *   triage       context assembly at 100,000 past orders (baseline: empty history); webhook → assigned, auto path
 *                (baseline: the same texts' TwiML answer)
 *   throughput   work orders/s through intake, classification and assignment with a few in flight (latency), and at
 *                the knee of a saturating ladder (capacity), with a CPU profile at the knee and each order's workflow
 *                tasks and history events (baseline: an empty workflow on the same server and worker)
 *   eventStream  COMMIT → SSE client, p95 (baseline: a bare LISTEN connection)
 *   timers       open orders parked on their timers, the worker's cache bounded as the product bounds it: worker RSS,
 *                a tenant's YES to an evicted order, GET /work-orders/:id, pickup after a SIGKILL restart (as many
 *                orders as fit the time budget: the rate measured by `throughput` decides; 10,000 extrapolated)
 * Then writes the suite to .data/bench/<timestamp>.json (with every benchmark's run), each benchmark's output to
 * .data/bench/<timestamp>-<name>.log, the summary table to docs/benchmarks.md and the suite to docs/benchmarks.json
 * (a full run; `--quick` and `--only` write .data/bench/<timestamp>.md instead) and prints the table. Exits 1 when a
 * benchmark's checks failed.
 *
 * `--quick`: toy sizes (a smoke test of the whole suite in about 3 minutes; the figures mean little).
 * `--budget`: minutes the whole suite may take (default 14: the README promises under 15 on the reference machine).
 * `--render [SUITE.json]`: writes docs/benchmarks.md again from a saved full run (after a change to report.ts or a new
 * long timers run), running nothing; by default from docs/benchmarks.json, the committed suite (.data is git-ignored).
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { PROJECT_ROOT, temporalCliPath } from '../../test/support/paths';
import { BENCH_DIR, describeMachine, gitState, timestamp, writeBenchBundle } from './harness';
import { figuresOf, renderMarkdown, type BenchmarkRun, type Suite } from './report';
import { NAMES, QUICK, timersSize, type Name } from './suitePlan';
import { readLongRun } from './timersLongRun';

/** The last full run's suite, committed beside its page so the page can be rendered again on a fresh clone. */
const SAVED_SUITE = path.join(PROJECT_ROOT, 'docs', 'benchmarks.json');
/** The hand-written comparison with an earlier run, shown on the page when present. */
const BEFORE_AFTER = path.join(PROJECT_ROOT, 'docs', 'benchmarks-before-after.md');

async function readBeforeAfter(): Promise<string | null> {
  return readFile(BEFORE_AFTER, 'utf8').catch(() => null);
}

interface Options {
  render: string | null;
  quick: boolean;
  only: Name[];
  timers: number | null;
  budgetMinutes: number;
}

function parseOptions(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      quick: { type: 'boolean', default: false },
      render: { type: 'boolean', default: false },
      only: { type: 'string' },
      timers: { type: 'string' },
      budget: { type: 'string', default: '14' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      `usage: npm run bench -- [--quick] [--only ${NAMES.join(',')}] [--timers N] [--budget MINUTES=14] | --render [SUITE.json]`,
    );
    process.exit(0);
  }
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...NAMES];
  for (const name of only)
    if (!(NAMES as readonly string[]).includes(name))
      throw new Error(`--only: unknown benchmark ${name} (${NAMES.join(', ')})`);
  const timers = values.timers === undefined ? null : Number(values.timers);
  if (timers !== null && !(Number.isInteger(timers) && timers > 0))
    throw new Error(`--timers must be a positive integer, got ${values.timers}`);
  const budgetMinutes = Number(values.budget);
  if (!(budgetMinutes > 0)) throw new Error(`--budget must be a positive number of minutes, got ${values.budget}`);
  if (positionals.length > (values.render ? 1 : 0)) throw new Error(`unexpected arguments: ${positionals.join(' ')}`);
  const render = values.render ? (positionals[0] ?? SAVED_SUITE) : null;
  return { render, quick: values.quick, only: NAMES.filter((n) => only.includes(n)), timers, budgetMinutes };
}

let current: ReturnType<typeof spawn> | null = null;
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(`\n${signal}: stopping the running benchmark (it drops its database); once more to force`);
    current?.kill(signal);
  });
}

/** Runs one benchmark script in its own process: its output goes to stderr and a log file; resolves with its exit code and stdout. */
function runScript(
  name: Name,
  args: string[],
  jsonFile: string,
  logFile: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [...process.execArgv, path.join(__dirname, `${name}.ts`), ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, BENCH_JSON: jsonFile, BENCH_BUNDLE_BUILT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C reaches it once, forwarded from here (a second one forces it to exit at once).
      detached: true,
    });
    current = child;
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      log.write(chunk);
      process.stderr.write(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      current = null;
      log.end();
      resolve({ code, stdout });
    });
  });
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return null;
  }
}

async function postgresVersion(): Promise<string> {
  const client = new Client({
    connectionString: process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  });
  try {
    await client.connect();
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  } catch {
    return 'unknown';
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Writes docs/benchmarks.md from a suite saved by a full run. */
async function render(file: string): Promise<number> {
  const saved = JSON.parse(await readFile(file, 'utf8')) as Suite;
  const target = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
  const page = renderMarkdown(saved, figuresOf(saved.runs, await readLongRun()), await readBeforeAfter());
  await writeFile(target, `${page}\n`);
  console.log(`${path.relative(process.cwd(), target)} written from ${file}`);
  return 0;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (options.render) return render(options.render);
  const startedAt = new Date();
  const started = performance.now();
  const stamp = timestamp(startedAt);
  const budgetSeconds = options.budgetMinutes * 60;
  const machine = { ...(await describeMachine(null, temporalCliPath())), postgres: await postgresVersion() };
  const code = gitState();
  await mkdir(BENCH_DIR, { recursive: true });
  console.error(
    `npm run bench: ${options.only.join(', ')}${options.quick ? ' (quick)' : ''}; budget ${options.budgetMinutes} min; building the workflow bundle once…`,
  );
  process.env.TEMPORAL_CLI = temporalCliPath();
  await writeBenchBundle();

  const runs: BenchmarkRun[] = [];
  const notes: string[] = [];
  for (const name of options.only) {
    if (interrupted) break;
    let args = options.quick ? QUICK[name] : [];
    if (name === 'timers' && !options.quick) {
      const choice = timersSize(options, runs, (performance.now() - started) / 1000, budgetSeconds);
      args = [
        '--orders',
        String(choice.orders),
        '--rate',
        String(choice.rate),
        ...(choice.cache === null ? [] : ['--cache', String(choice.cache)]),
      ];
      notes.push(choice.note);
      console.error(`\ntimers: ${choice.note}`);
    }
    const jsonFile = path.join(BENCH_DIR, `${stamp}-${name}.json`);
    const logFile = path.join(BENCH_DIR, `${stamp}-${name}.log`);
    console.error(
      `\n=== ${name} ${args.join(' ')} (${((performance.now() - started) / 60_000).toFixed(1)} min so far) ===`,
    );
    const runStarted = performance.now();
    const loadAtStart = os.loadavg()[0]!.toFixed(2);
    const { code: exit, stdout } = await runScript(name, args, jsonFile, logFile);
    runs.push({
      name,
      code: exit,
      seconds: (performance.now() - runStarted) / 1000,
      loadAtStart,
      json: await readJson(jsonFile),
      report: stdout,
    });
  }

  const totalSeconds = (performance.now() - started) / 1000;
  const partial = options.quick || options.only.length < NAMES.length;
  const suite: Suite = {
    startedAt: startedAt.toISOString(),
    totalSeconds,
    machine,
    loadAverage1mAtEnd: os.loadavg()[0]!.toFixed(2),
    code,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    runs,
    notes,
  };
  const figures = figuresOf(runs, await readLongRun());
  const markdown = renderMarkdown(suite, figures, await readBeforeAfter());
  const jsonFile = path.join(BENCH_DIR, `${stamp}.json`);
  await writeFile(jsonFile, `${JSON.stringify({ ...suite, figures }, null, 2)}\n`);
  const full = !partial && !interrupted;
  const mdFile = full ? path.join(PROJECT_ROOT, 'docs', 'benchmarks.md') : path.join(BENCH_DIR, `${stamp}.md`);
  await mkdir(path.dirname(mdFile), { recursive: true });
  await writeFile(mdFile, `${markdown}\n`);
  if (full) await writeFile(SAVED_SUITE, `${JSON.stringify(suite, null, 2)}\n`);

  const summary = markdown.slice(0, markdown.indexOf('\n## Each benchmark'));
  console.log(`\n${summary}`);
  console.log(
    `suite written to ${path.relative(process.cwd(), jsonFile)}, the page to ${path.relative(process.cwd(), mdFile)}; ${Math.floor(totalSeconds / 60)} min ${Math.round(totalSeconds % 60)} s in all`,
  );
  if (interrupted) return 130;
  return runs.every((r) => r.code === 0) && runs.length === options.only.length ? 0 : 1;
}

main().then(
  (exit) => process.exit(exit),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
