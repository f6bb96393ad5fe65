/**
 * `npm start`: brings the whole system up on this machine and stays in the foreground.
 * Temporal dev server (data in .data/) → Postgres database → migrate → seed → numbers past Temporal's → worker + API →
 * demo work orders.
 * The worker and the API are supervised (scripts/supervisor.ts): one that exits is restarted with a growing delay
 * while the rest keeps serving. Ctrl-C stops the API, then the worker (it finishes its in-flight tasks), then the dev
 * server, with no restart.
 * Without DATABASE_URL and with no Postgres answering, the database is the embedded PGlite in .data/pglite, served
 * from this process, and the worker and the API run as one process on its one connection (scripts/workerAndApi.ts).
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../db/embedded';
import { loadConfig, workerHeapLimitMiB, type Config } from '../runtime/config';
import { tenantReplySignal, workOrderWorkflowId } from '../workflows/definitions';
import { runProcess, type Running } from './childProcess';
import { chooseDatabase } from './databaseChoice';
import { ensureDemoPlan } from './demoPlan';
import { portAnswers, startDevServer, type DevServer } from './devServer';
import { RESTART_POLICY, supervise, type Supervised } from './supervisor';
import { findOrBuildTemporalCli, PROJECT_ROOT } from './temporalCli';

const DATA_DIR = path.join(PROJECT_ROOT, '.data');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

const log = (message: string) => console.log(`[start] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------- child processes ----------

/** Runs a TypeScript entry point with tsx as one node process (signals reach it directly, no npx/npm in between). */
function runScript(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  { ownProcessGroup }: { ownProcessGroup: boolean },
): Running {
  return runProcess(name, process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT, env, ownProcessGroup });
}

async function runToCompletion(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const code = await runScript(name, script, env, { ownProcessGroup: false }).exited;
  if (code !== 0) throw new Error(`${script} failed (exit code ${code}); see the [${name}] lines above`);
}

// ---------- Postgres ----------

/** Creates the database named in the URL when it does not exist (connecting to the server's `postgres` database). */
async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}`;
  const target = new PgClient({ connectionString: databaseUrl });
  try {
    await target.connect();
    await target.end();
    return;
  } catch (err) {
    await target.end().catch(() => undefined);
    if ((err as { code?: string }).code !== '3D000')
      throw new Error(`cannot connect to Postgres at ${where}: ${(err as Error).message}`, { cause: err });
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new PgClient({ connectionString: url.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    log(`created database ${name} on ${where}`);
  } catch (err) {
    throw new Error(`database ${name} does not exist on ${where} and could not be created: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    await admin.end().catch(() => undefined);
  }
}

// ---------- API key, API readiness ----------

/** A secret from its environment variable, else the one generated on a previous run, else a new one kept in .data/. */
function persistedSecret(envVar: string, file: string): { key: string; origin: string } {
  const fromEnv = process.env[envVar];
  if (fromEnv) return { key: fromEnv, origin: `from ${envVar}` };
  const keptIn = path.join(DATA_DIR, file);
  if (existsSync(keptIn))
    return {
      key: readFileSync(keptIn, 'utf8').trim(),
      origin: `generated earlier, kept in ${path.relative(PROJECT_ROOT, keptIn)}`,
    };
  const key = randomBytes(24).toString('base64url');
  writeFileSync(keptIn, `${key}\n`, { mode: 0o600 });
  return { key, origin: `generated, kept in ${path.relative(PROJECT_ROOT, keptIn)}` };
}

/** Until the API answers; an API that exits before it ever answered is a failed start (its restarts would fail alike). */
async function waitForHealthy(apiUrl: string, api: Supervised, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.exits > 0)
      throw new Error(
        `the ${api.name === 'api' ? 'API' : api.name} exited while starting; see the [${api.name}] lines above`,
      );
    try {
      if ((await fetch(`${apiUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`the API did not answer ${apiUrl}/healthz within ${timeoutMs / 1000}s`);
}

// ---------- demo work orders ----------

const DEMO_PROBLEMS = [
  'Water is leaking from under the kitchen sink and the cabinet floor is soaked.',
  'The heating stopped working last night; all the radiators are cold.',
  'The bathroom light switch sparks and smells like burning plastic when I turn it on.',
  'The dishwasher does not drain, there is standing water after every cycle.',
  'El inodoro no deja de correr después de jalar la cadena.',
  'The bedroom window latch is broken and the window will not close properly.',
];

/** One unit with a tenant per problem, spread over the buildings. */
async function demoUnits(pg: PgClient, count: number): Promise<Array<{ unitId: number; label: string }>> {
  const { rows } = await pg.query<{ unit_id: string; label: string }>(
    `SELECT u.id AS unit_id, b.name || ' - ' || u.label AS label
       FROM units u JOIN buildings b ON b.id = u.building_id
      WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.unit_id = u.id)
      ORDER BY row_number() OVER (PARTITION BY u.building_id ORDER BY u.id), u.building_id
      LIMIT $1`,
    [count],
  );
  return rows.map((r) => ({ unitId: Number(r.unit_id), label: r.label }));
}

async function api<T>(apiUrl: string, key: string, method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

async function statusOf(apiUrl: string, key: string, number: number): Promise<string> {
  return (await api<{ status: string }>(apiUrl, key, 'GET', `/work-orders/${number}`)).status;
}

/** Polls each work order until `done(status)` or the deadline; returns the last status seen. */
async function pollStatuses(
  apiUrl: string,
  key: string,
  numbers: number[],
  done: (status: string) => boolean,
  timeoutMs: number,
): Promise<Map<number, string>> {
  const statuses = new Map<number, string>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const n of numbers) statuses.set(n, await statusOf(apiUrl, key, n));
    if ([...statuses.values()].every(done) || Date.now() > deadline) return statuses;
    await sleep(500);
  }
}

/** Accepts the proposal; when another order took that slot meanwhile (409), takes an alternative instead. */
async function assignAsCoordinator(apiUrl: string, key: string, number: number): Promise<void> {
  const choices = [{ action: 'accept' }, { action: 'alternative', index: 0 }, { action: 'alternative', index: 1 }];
  const refusals: string[] = [];
  for (const choice of choices) {
    try {
      await api(apiUrl, key, 'POST', `/work-orders/${number}/assignment`, choice);
      return;
    } catch (err) {
      refusals.push((err as Error).message);
    }
  }
  log(`demo: #${number} stays in the review queue: ${refusals.join('; ')}`);
}

/**
 * The units the demo work orders go to, or null when this database has them already. Read before the worker and
 * the API start: on the embedded database they hold its one connection from then on.
 */
async function demoTargets(databaseUrl: string): Promise<Array<{ unitId: number; label: string }> | null> {
  const pg = new PgClient({ connectionString: databaseUrl });
  await pg.connect();
  try {
    const existing = await pg.query('SELECT 1 FROM work_orders WHERE description = ANY($1) LIMIT 1', [DEMO_PROBLEMS]);
    if (existing.rowCount) return null;
    return await demoUnits(pg, DEMO_PROBLEMS.length);
  } finally {
    await pg.end();
  }
}

/**
 * First run on a database only: a few tenant problems, moved on as a coordinator and the tenants would,
 * so that the queues, the Temporal UI and `WorkOrderStatus="scheduled"` all have something to show.
 */
async function createDemoWorkOrders(
  config: Config,
  apiUrl: string,
  key: string,
  units: Array<{ unitId: number; label: string }> | null,
): Promise<void> {
  if (units === null) {
    log('demo work orders exist already in this database; not creating more');
    return;
  }
  if (units.length === 0) throw new Error('no seeded unit with a tenant was found');

  const created: Array<{ number: number; label: string }> = [];
  for (const [i, unit] of units.entries()) {
    const order = await api<{ number: number }>(apiUrl, key, 'POST', '/work-orders', {
      unitId: unit.unitId,
      description: DEMO_PROBLEMS[i],
    });
    created.push({ number: order.number, label: unit.label });
  }
  const numbers = created.map((c) => c.number);
  log(`demo: created work orders ${numbers.join(', ')}; waiting for triage...`);
  const triaged = await pollStatuses(apiUrl, key, numbers, (s) => s !== 'created' && s !== 'triage', 20_000);

  // The coordinator works the review queue, leaving one there to look at.
  const inReview = numbers.filter((n) => triaged.get(n) === 'needs_assignment');
  for (const n of inReview.slice(0, Math.max(1, inReview.length - 1))) await assignAsCoordinator(apiUrl, key, n);
  const assigned = await pollStatuses(
    apiUrl,
    key,
    numbers,
    (s) => s !== 'created' && s !== 'triage' && s !== 'needs_assignment',
    10_000,
  );

  // The tenants say YES; with three or more, one stays waiting (its reminder and timeout are workflow timers).
  const awaiting = numbers.filter((n) => assigned.get(n) === 'awaiting_confirmation');
  const confirming = awaiting.length >= 3 ? awaiting.slice(0, -1) : awaiting;
  if (confirming.length > 0) {
    const connection = await Connection.connect({ address: config.temporalAddress });
    try {
      const temporal = new TemporalClient({ connection, namespace: config.temporalNamespace });
      for (const n of confirming)
        await temporal.workflow
          .getHandle(workOrderWorkflowId(n))
          .signal(tenantReplySignal, { answer: 'yes', messageSid: null, tenantId: null });
    } finally {
      await connection.close();
    }
    log(`demo: the tenants of ${confirming.join(', ')} replied YES`);
  }
  const final = await pollStatuses(apiUrl, key, confirming, (s) => s !== 'awaiting_confirmation', 10_000);
  for (const c of created)
    log(`demo: #${c.number}  ${(final.get(c.number) ?? assigned.get(c.number) ?? '?').padEnd(22)} ${c.label}`);
}

// ---------- main ----------

function parseArgs(argv: string[]): { demo: boolean } {
  let demo = true;
  for (const arg of argv) {
    if (arg === '--no-demo') demo = false;
    else {
      console.error(`unknown argument ${arg}\nusage: npm start [-- --no-demo]`);
      process.exit(2);
    }
  }
  return { demo };
}

function printBox(lines: string[]): void {
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((l) => l.length)) + 2));
  console.log(`\n┌${rule}\n${lines.map((l) => `│ ${l}`).join('\n')}\n└${rule}\n`);
}

async function main(): Promise<void> {
  const { demo } = parseArgs(process.argv.slice(2));
  const running: Supervised[] = [];
  let devServer: DevServer | null = null;
  let embedded: EmbeddedDatabase | null = null;
  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    const anythingToStop = running.length > 0 || embedded !== null || (devServer !== null && !devServer.reused);
    if (anythingToStop) log('stopping...');
    // Reverse start order: the API first (no new work), then the worker, then the servers they talk to.
    for (const proc of [...running].reverse()) await proc.stop(proc.name === 'api' ? 10_000 : 30_000);
    await embedded
      ?.stop()
      .catch((err: unknown) =>
        console.error(`[start] the embedded database did not close cleanly: ${(err as Error).message}`),
      );
    if (devServer) await devServer.stop();
    if (anythingToStop) log('stopped');
    process.exit(exitCode);
  };
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // Under `npx tsx` one Ctrl-C arrives several times (the terminal, npm and tsx each deliver it): only a
    // second press, later, means "kill now".
    if (stopping && Date.now() - firstSignalAt < 1500) return;
    if (stopping) {
      log(`${signal} again: killing everything now`);
      for (const proc of running) proc.kill();
      process.exit(130);
    }
    firstSignalAt = Date.now();
    void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const config = loadConfig();
    mkdirSync(DATA_DIR, { recursive: true });
    if (await portAnswers(config.port))
      throw new Error(`port ${config.port} (the API's) is in use: stop what listens there, or set PORT`);
    for (const [port, variable] of [
      [config.workerMetrics.port, 'WORKER_METRICS_PORT'],
      [config.workerMetrics.temporalPort, 'TEMPORAL_METRICS_PORT'],
    ] as const) {
      if (await portAnswers(port))
        throw new Error(`port ${port} (the worker's metrics) is in use: stop what listens there, or set ${variable}`);
    }
    const cliPath = await findOrBuildTemporalCli(log);

    const [host = '', portText = ''] = config.temporalAddress.split(':');
    let temporalAddress = config.temporalAddress;
    let uiUrl: string | null = null;
    if (LOCAL_HOSTS.has(host)) {
      devServer = await startDevServer({
        cliPath,
        dataDir: DATA_DIR,
        port: Number(portText) || 7233,
        namespace: config.temporalNamespace,
        log,
      });
      temporalAddress = devServer.address;
      uiUrl = devServer.uiUrl;
    } else {
      log(
        `Temporal: using the server at ${temporalAddress} (TEMPORAL_ADDRESS); its search attributes must be registered already`,
      );
    }

    const database = await chooseDatabase(process.env, portAnswers);
    let databaseUrl: string;
    if (database.kind === 'pglite') {
      log(database.notice);
      embedded = await startEmbeddedDatabase(path.join(DATA_DIR, 'pglite'));
      databaseUrl = embedded.url;
    } else {
      if (existsSync(path.join(DATA_DIR, 'pglite')))
        log('.data/pglite holds an earlier run on the embedded database; this run uses Postgres, not those records');
      await ensureDatabase(database.url);
      databaseUrl = database.url;
    }
    const effective: Config = { ...config, temporalAddress, databaseUrl };
    const admin = persistedSecret('API_ADMIN_KEY', 'admin-key');
    // Without Twilio, inbound SMS are signed with a local secret: `npm run text` uses it to text as a tenant.
    const smsSecret = process.env.TWILIO_AUTH_TOKEN
      ? null
      : persistedSecret('SMS_WEBHOOK_SECRET', 'sms-webhook-secret');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: config.temporalNamespace,
      TEMPORAL_TASK_QUEUE: config.taskQueue,
      PORT: String(config.port),
      API_ADMIN_KEY: admin.key,
      // Resolved once, so the API (which writes photos) and the worker (which reads them) share one folder.
      PHOTO_STORAGE_DIR: config.photoStorageDir,
      ...(smsSecret ? { SMS_WEBHOOK_SECRET: smsSecret.key } : {}),
    };
    // On the embedded database each step waits for the one before to have let go of the one connection.
    await runToCompletion('migrate', 'db/migrate.ts', env);
    await embedded?.whenIdle();
    await runToCompletion('seed', 'db/seed/run.ts', env);
    await embedded?.whenIdle();
    // A database dropped or restored while .data/temporal.db kept its workflows: numbers move past theirs first.
    await runToCompletion('numbers', 'scripts/alignWorkOrderNumbers.ts', env).catch((err: unknown) =>
      log(`work order numbers were not checked against Temporal: ${(err as Error).message}`),
    );
    await embedded?.whenIdle();
    const demoUnitsToUse = demo
      ? await demoTargets(databaseUrl).catch((err: unknown) => {
          log(`demo work orders will not be created: ${(err as Error).message}`);
          return undefined;
        })
      : undefined;
    await embedded?.whenIdle();

    const apiUrl = `http://127.0.0.1:${config.port}`;
    const services = embedded
      ? ([['app', 'scripts/workerAndApi.ts']] as const)
      : ([
          ['worker', 'workers/main.ts'],
          ['api', 'api/main.ts'],
        ] as const);
    // Each is restarted when it exits, while the others keep serving; shutdown() stops them for good.
    const beforeRestart = embedded ? () => embedded!.whenIdle() : undefined;
    // The worker alone gets a heap limit sized for its cache (the embedded mode's one process also runs the database).
    const workerEnv: NodeJS.ProcessEnv = {
      ...env,
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${workerHeapLimitMiB(config.maxCachedWorkflows)}`.trim(),
    };
    for (const [name, script] of services) {
      const serviceEnv = name === 'worker' ? workerEnv : env;
      running.push(
        supervise(name, () => runScript(name, script, serviceEnv, { ownProcessGroup: true }), { log, beforeRestart }),
      );
    }
    await waitForHealthy(apiUrl, running[running.length - 1]!);

    if (demo) {
      if (demoUnitsToUse !== undefined) {
        await createDemoWorkOrders(effective, apiUrl, admin.key, demoUnitsToUse).catch((err: unknown) => {
          log(`demo work orders were not created: ${(err as Error).message}`);
        });
      }
      await ensureDemoPlan(apiUrl, admin.key).then(
        (done) => log(`demo: ${done}`),
        (err: unknown) => log(`demo preventive plan was not created: ${(err as Error).message}`),
      );
    }

    const namespace = config.temporalNamespace;
    printBox([
      'Work order engine is running.',
      '',
      `API             ${apiUrl}`,
      `Admin key       ${admin.key}   (${admin.origin})`,
      `Temporal UI     ${uiUrl ? `${uiUrl}/namespaces/${namespace}/workflows` : '(the UI of the server at TEMPORAL_ADDRESS)'}`,
      `Temporal        ${temporalAddress}, namespace ${namespace}, task queue ${config.taskQueue}`,
      `Postgres        ${embedded ? 'the embedded PGlite in .data/pglite: one connection, for a first try only (see README)' : redactPassword(databaseUrl)}`,
      `Photos          ${config.photoStorageDir}   (PHOTO_STORAGE_DIR)`,
      `Metrics         ${apiUrl}/metrics   (API: HTTP latency, work orders, queues, SMS)`,
      `                http://127.0.0.1:${config.workerMetrics.port}/metrics   (worker: AI calls, SMS sends; WORKER_METRICS_PORT)`,
      `                http://127.0.0.1:${config.workerMetrics.temporalPort}/metrics   (worker: Temporal SDK; TEMPORAL_METRICS_PORT)`,
      `Health          ${apiUrl}/healthz, ${apiUrl}/readyz (Postgres, Temporal, a worker polling)`,
      `Supervision     ${running.map((proc) => proc.name).join(' and ')}: restarted when ${running.length > 1 ? 'they exit' : 'it exits'} (after ${RESTART_POLICY.firstDelayMs / 1000} s, doubling to ${RESTART_POLICY.maxDelayMs / 1000} s); see the [start] lines`,
      `Logs            JSON lines on stdout, LOG_LEVEL=${config.logLevel}`,
      '',
      'Scheduled work orders, from the command line:',
      `  ${cliPath} workflow list --address ${temporalAddress} --namespace ${namespace} --query 'WorkOrderStatus="scheduled"'`,
      'Work orders through the API:',
      `  curl -H "Authorization: Bearer ${admin.key}" ${apiUrl}/work-orders`,
      process.env.TWILIO_AUTH_TOKEN
        ? 'SMS: Twilio (TWILIO_* set); point its webhook at /webhooks/twilio/sms'
        : 'SMS: local outbox. Text as a demo tenant (Dana Whitfield, Building A - 101), then read the outbox:',
      ...(process.env.TWILIO_AUTH_TOKEN
        ? []
        : [
            `  npm run text -- +12155550101 "There is a leak in my ceiling"`,
            `  curl -H "Authorization: Bearer ${admin.key}" ${apiUrl}/sms/messages`,
          ]),
      'Preventive maintenance plans (Temporal Schedules); run one now:',
      `  curl -H "Authorization: Bearer ${admin.key}" ${apiUrl}/schedules`,
      `  curl -X POST -H "Authorization: Bearer ${admin.key}" ${apiUrl}/schedules/monthly-preventive/trigger`,
      '',
      'Ctrl-C stops everything; the data stays (.data/ and Postgres).',
    ]);
  } catch (err) {
    console.error(`[start] ${(err as Error).message}`);
    await shutdown(1);
  }
}

function redactPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

void main();
