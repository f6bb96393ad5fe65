/**
 * What every fault drill runs on: a database of its own (on the machine's Postgres, or on a private cluster the drill
 * may restart), a Temporal dev server of its own with a file database (or a shared one, by task queue), the worker as
 * a child process (`workers/main.ts`, so it can be killed with SIGKILL), the API in this process, local fakes of
 * Twilio and Anthropic, and a driver that talks to the API as tenants and coordinators do (signed webhooks, API keys).
 */
import { Client, Connection } from '@temporalio/client';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { chownSync, createWriteStream, existsSync, mkdirSync, readdirSync, type WriteStream } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client as PgClient, type Pool } from 'pg';
import pino from 'pino';
import twilio from 'twilio';
import { createApp } from '../../api/app';
import { migrate } from '../../db/migrator';
import { createPool } from '../../db/pool';
import { upsertApiKey } from '../../db/queries/apiKeys';
import { seedDemoData } from '../../db/seed/seed';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import type { WorkOrderStatus } from '../../domain/status';
import { createLogger } from '../../observability/logger';
import { writeWorkflowBundle } from '../../workers/bundle';
import { startFakeAnthropic, type FakeAnthropic } from '../../test/support/fakeAnthropic';
import { startFakeTwilio, type FakeTwilio } from '../../test/support/fakeTwilio';
import { startDevServer, type DevServer } from '../devServer';
import { findOrBuildTemporalCli, PROJECT_ROOT } from '../temporalCli';

const execFileAsync = promisify(execFile);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type Log = (line: string) => void;

/** Our own number: webhooks are addressed to it, the worker texts from it. */
export const OUR_NUMBER = '+15550001234';
const ADMIN_KEY = `fault-drill-admin-${randomBytes(8).toString('hex')}`;
const COORDINATOR_KEY = `fault-drill-coordinator-${randomBytes(8).toString('hex')}`;
export const COORDINATOR_KEY_NAME = 'fault-drill coordinator';

// ---------- small utilities ----------

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `work` over `items` with at most `limit` at a time; results in the items' order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Retries `attempt` (a request that may fail while a service is down) until it succeeds or `timeoutMs` passes. */
export async function retrying<T>(
  what: string,
  attempt: () => Promise<T>,
  { timeoutMs = 120_000, pauseMs = 500 } = {},
): Promise<{ value: T; failures: number }> {
  const deadline = Date.now() + timeoutMs;
  let failures = 0;
  for (;;) {
    try {
      return { value: await attempt(), failures };
    } catch (err) {
      failures++;
      if (Date.now() > deadline)
        throw new Error(`${what}: still failing after ${failures} attempts: ${(err as Error).message}`, { cause: err });
      await sleep(pauseMs);
    }
  }
}

// ---------- the workflow bundle ----------

let bundled: Promise<string> | null = null;

/**
 * One bundle per process (the worker would otherwise bundle with webpack at every restart), built from the current
 * code into .data/faults/ (written aside, then renamed: drills running at once never read half a file).
 */
export function ensureWorkflowBundle(log: Log, given = process.env.WORKFLOW_BUNDLE_PATH): Promise<string> {
  if (given && existsSync(given)) return Promise.resolve(given);
  bundled ??= (async () => {
    const file = path.join(PROJECT_ROOT, '.data', 'faults', 'workflow-bundle.js');
    const aside = `${file}.${process.pid}.tmp`;
    const started = Date.now();
    await writeWorkflowBundle(aside);
    await rename(aside, file);
    log(
      `workflow bundle built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(PROJECT_ROOT, file)}`,
    );
    return file;
  })();
  return bundled;
}

// ---------- Postgres ----------

/** A Postgres cluster of the drill's own (initdb into a temporary folder, trust auth, its own port): one it may restart. */
export interface PrivatePostgres {
  adminUrl: string;
  port: number;
  logFile: string;
  /** Stops the server (`fast`: clients are disconnected; `immediate`: a crash, recovered at start), waits, starts it again. */
  restart(options: { mode: 'fast' | 'immediate'; downMs: number }): Promise<void>;
  stop(): Promise<void>;
}

export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0])
    throw new Error(
      'initdb was not found under /usr/lib/postgresql/*/bin: set PG_BIN to the folder holding initdb and pg_ctl',
    );
  return path.join(root, versions[0], 'bin');
}

/** initdb and the server refuse to run as root: as root, they run as the `postgres` user. */
async function runPostgresTool(tool: string, args: string[]): Promise<string> {
  const bin = path.join(postgresBinDir(), tool);
  const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const { stdout } = await execFileAsync(file, argv, { maxBuffer: 4 * 1024 * 1024 });
  return stdout;
}

export async function startPrivatePostgres(log: Log): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wo-fault-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number((await execFileAsync('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await execFileAsync('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  await runPostgresTool('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  const start = () =>
    runPostgresTool('pg_ctl', ['-D', dataDir, '-o', serverOptions, '-l', logFile, '-w', '-t', '60', 'start']);
  const stopWith = (mode: 'fast' | 'immediate') =>
    runPostgresTool('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  await start();
  log(`Postgres: private cluster on 127.0.0.1:${port} (${dir})`);
  let running = true;
  // A drill that dies leaves no server behind (pg_ctl detaches it).
  const stopOnExit = () => {
    if (!running) return;
    const bin = path.join(postgresBinDir(), 'pg_ctl');
    const args = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
    try {
      if (process.getuid?.() === 0)
        execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' });
      else execFileSync(bin, args, { stdio: 'ignore' });
    } catch {
      // already stopped
    }
  };
  process.on('exit', stopOnExit);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    logFile,
    async restart({ mode, downMs }) {
      await stopWith(mode);
      running = false;
      await sleep(downMs);
      await start();
      running = true;
    },
    async stop() {
      if (running) await stopWith('immediate').catch(() => undefined);
      running = false;
      process.removeListener('exit', stopOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The machine's Postgres (what the tests use); the drill only ever creates and drops its own database there. */
export const SHARED_POSTGRES_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface DrillTenant {
  id: number;
  phone: string;
  unitId: number;
}

export interface DrillDatabase {
  name: string;
  url: string;
  pool: Pool;
  /** One tenant per unit of the drill's building, each in their own unit: every order has its own tenant. */
  tenants: DrillTenant[];
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Each drill tenant can let a technician in during one two-hour window a week (Monday 0-2 h, Monday 2-4 h, ...,
 * Saturday 22-24 h), consecutive tenants in different windows. Orders racing for the same technician and hour would
 * make the automatic booking lose the slot and, three times in a row, go to a coordinator instead: with at most two
 * orders per window in flight at once that cannot happen, and every order's path is the one expected.
 */
const AVAILABILITY_WINDOWS = 6 * 12;

/**
 * Rules that park every order at a known state: any classification with an internal technician is assigned at once
 * (no safety words in the drills' texts), the tenant has a week to answer (no reminder inside it), visit reminders
 * fall a second before the visit (never inside a drill: visits start an hour from now at the earliest). Technicians
 * work around the clock, so that every tenant's window (above) has slots.
 */
export function drillRules(): Rules {
  return {
    ...DEFAULT_RULES,
    thresholds: { autoAssign: 0, review: 0 },
    durations: {
      ...DEFAULT_RULES.durations,
      confirmationWaitSeconds: 7 * 24 * 3600,
      confirmationReminderSeconds: 7 * 24 * 3600,
      visitReminderDayBeforeSeconds: 1,
      visitReminderHourBeforeSeconds: 1,
      emergencySlaSeconds: 7 * 24 * 3600,
    },
    scheduling: { ...DEFAULT_RULES.scheduling, workdayStartHour: 0, workdayEndHour: 24, horizonDays: 30 },
  };
}

/**
 * A new database on `adminUrl`: migrated, the demo portfolio (no history), the drill's building with one tenant per
 * order and enough handymen for all of them, API keys, and work order numbers from `numberBase` (workflow ids
 * `work-order-<n>` then differ from any other drill's on a shared Temporal server).
 */
export async function createDrillDatabase(
  adminUrl: string,
  options: { drill: string; tenants: number; rules?: Rules; numberBase?: number },
): Promise<DrillDatabase> {
  const name = `wo_fault_${options.drill.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 20);
  await migrate(pool);
  await seedDemoData(pool, { history: false, rules: options.rules ?? drillRules() });
  const building = await pool.query<{ id: string }>(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Drill Building', '1 Drill Way, Philadelphia, PA 19104', 39.9566, -75.1899) RETURNING id`,
  );
  const buildingId = Number(building.rows[0]!.id);
  const { rows } = await pool.query<{ id: string; phone: string; unit_id: string }>(
    `WITH units AS (
       INSERT INTO units (building_id, label) SELECT $1, 'D' || lpad(i::text, 4, '0') FROM generate_series(1, $2) AS i RETURNING id, label
     )
     INSERT INTO tenants (unit_id, name, phone, language, availability)
     SELECT id, 'Drill tenant ' || label, '+1445555' || lpad(substr(label, 2), 4, '0'), 'en',
            jsonb_build_array(jsonb_build_object('days', jsonb_build_array(1 + w / 12), 'startHour', 2 * (w % 12), 'endHour', 2 * (w % 12) + 2))
       FROM (SELECT id, label, (substr(label, 2)::int - 1) % ${AVAILABILITY_WINDOWS} AS w FROM units) AS u
     RETURNING id, phone, unit_id`,
    [buildingId, options.tenants],
  );
  const handymen = Math.max(4, Math.ceil(options.tenants / 25));
  await pool.query(
    `INSERT INTO technicians (name, phone, skills, certifications, max_orders_per_day, first_time_fix_rate, home_latitude, home_longitude)
     SELECT 'Drill Handyman ' || i, '+1445556' || lpad(i::text, 4, '0'), ARRAY['plumbing','general','appliance'], '{}', 20, 0.9, 39.9566, -75.1899
       FROM generate_series(1, $1) AS i`,
    [handymen],
  );
  await upsertApiKey(pool, { name: 'fault-drill admin', role: 'admin', secret: ADMIN_KEY });
  await upsertApiKey(pool, { name: COORDINATOR_KEY_NAME, role: 'coordinator', secret: COORDINATOR_KEY });
  const base = options.numberBase ?? 10_000 * randomInt(1, 90_000);
  await pool.query(`ALTER SEQUENCE work_order_number_seq RESTART WITH ${Math.floor(base)}`);
  const tenants = rows
    .map((r) => ({ id: Number(r.id), phone: r.phone, unitId: Number(r.unit_id) }))
    .sort((a, b) => a.id - b.id);
  return {
    name,
    url: url.toString(),
    pool,
    tenants,
    async drop() {
      await pool.end().catch(() => undefined);
      await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// ---------- Temporal ----------

export interface TemporalServer {
  address: string;
  namespace: string;
  client: Client;
  /** The dev server's SQLite file: every workflow and its history survive a restart. */
  dbFile: string;
  /** Stops the dev server (SIGTERM), waits `downMs`, starts it again on the same port and file. */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTemporal(log: Log): Promise<TemporalServer> {
  const cliPath = await findOrBuildTemporalCli(log);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'wo-fault-temporal-'));
  const port = await freePort();
  const quiet: Log = () => undefined;
  const start = () => startDevServer({ cliPath, dataDir, port, headless: true, log: quiet });
  let server: DevServer = await start();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: 'default' });
  const dbFile = path.join(dataDir, 'temporal.db');
  log(`Temporal: dev server on ${server.address} (file database ${dbFile})`);
  return {
    address: server.address,
    namespace: 'default',
    client,
    dbFile,
    async restart(downMs) {
      await server.stop();
      await sleep(downMs);
      server = await start();
    },
    async stop() {
      await connection.close().catch(() => undefined);
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------- the worker, as a child process ----------

export interface WorkerProcess {
  /** Starts `workers/main.ts` and resolves once it polls its task queue. */
  start(): Promise<void>;
  /** SIGKILL: no shutdown, no in-flight task finished; resolves once the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (the worker finishes its in-flight tasks), SIGKILL after 30 s. */
  stop(): Promise<void>;
  readonly running: boolean;
  readonly pid: number | null;
  readonly starts: number;
  readonly kills: number;
  logFile: string;
}

/** The worker's environment: only what it needs (the caller's own ANTHROPIC_* or TWILIO_* never reach it). */
export function workerEnvironment(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const inherited = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_EXTRA_CA_CERTS'];
  const env: NodeJS.ProcessEnv = {};
  for (const name of inherited) if (process.env[name] !== undefined) env[name] = process.env[name];
  for (const [name, value] of Object.entries(vars)) if (value !== undefined) env[name] = value;
  return env;
}

/** True once a worker of process `pid` (identity `<pid>@<host>`, the SDK's default) polls `taskQueue` for workflow tasks. */
export async function isPolling(client: Client, taskQueue: string, pid: number): Promise<boolean> {
  const described = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    // TASK_QUEUE_KIND_NORMAL, TASK_QUEUE_TYPE_WORKFLOW (the proto enums; @temporalio/proto is no direct dependency)
    taskQueue: { name: taskQueue, kind: 1 },
    taskQueueType: 1,
  });
  return (described.pollers ?? []).some((p) => (p.identity ?? '').startsWith(`${pid}@`));
}

/**
 * The worker as a child process. It counts as started once Temporal lists it among the task queue's pollers (its
 * log lines are no contract); its stdout and stderr go to `logFile`.
 */
export function workerProcess(options: {
  env: NodeJS.ProcessEnv;
  logFile: string;
  client: Client;
  taskQueue: string;
  readyTimeoutMs?: number;
}): WorkerProcess {
  const { env, logFile, client, taskQueue, readyTimeoutMs = 120_000 } = options;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream: WriteStream = createWriteStream(logFile, { flags: 'a' });
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let starts = 0;
  let kills = 0;
  const killOnExit = () => child?.kill('SIGKILL');
  process.on('exit', killOnExit);

  const handle: WorkerProcess = {
    logFile,
    get running() {
      return child !== null;
    },
    get pid() {
      return child?.pid ?? null;
    },
    get starts() {
      return starts;
    },
    get kills() {
      return kills;
    },
    async start() {
      if (child) throw new Error('the worker is already running');
      starts++;
      logStream.write(`\n===== start #${starts} at ${new Date().toISOString()} =====\n`);
      const spawned = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'workers', 'main.ts')], {
        cwd: PROJECT_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = spawned;
      exited = new Promise<void>((resolve) => spawned.once('exit', () => resolve()));
      void exited.then(() => {
        if (child === spawned) child = null;
      });
      spawned.stdout!.on('data', (chunk: Buffer) => logStream.write(chunk));
      spawned.stderr!.on('data', (chunk: Buffer) => logStream.write(chunk));
      const deadline = Date.now() + readyTimeoutMs;
      for (;;) {
        if (child !== spawned)
          throw new Error(
            `the worker exited while starting (${spawned.exitCode ?? spawned.signalCode}); log: ${logFile}`,
          );
        if (await isPolling(client, taskQueue, spawned.pid!).catch(() => false)) return;
        if (Date.now() > deadline)
          throw new Error(`the worker did not poll within ${readyTimeoutMs / 1000} s (log: ${logFile})`);
        await sleep(250);
      }
    },
    async kill9() {
      const current = child;
      if (!current) return;
      kills++;
      logStream.write(`\n===== kill -9 #${kills} (pid ${current.pid}) at ${new Date().toISOString()} =====\n`);
      current.kill('SIGKILL');
      await exited;
    },
    async stop() {
      const current = child;
      if (current) {
        current.kill('SIGTERM');
        const timer = setTimeout(() => current.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      await new Promise<void>((resolve) => logStream.end(() => resolve()));
    },
  };
  return handle;
}

// ---------- the API, in this process ----------

export interface Reply {
  status: number;
  body: unknown;
  text: string;
}

export interface Api {
  baseUrl: string;
  /** An API call with the coordinator's key (or the admin's). */
  call(method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown, as?: 'coordinator' | 'admin'): Promise<Reply>;
  /** An inbound SMS exactly as Twilio posts it: form-encoded, signed with X-Twilio-Signature. */
  textFrom(from: string, text: string, messageSid: string): Promise<Reply>;
  /** Every request this driver made: how many, how many failed (no answer or 5xx), the slowest answer. */
  readonly stats: { requests: number; failed: number; slowestMs: number };
  close(): Promise<void>;
}

export async function startApi(options: {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  webhookAuthToken: string;
  logFile: string;
  photoStorageDir: string;
}): Promise<Api> {
  const sms: { webhookAuthToken: string; publicBaseUrl?: string } = { webhookAuthToken: options.webhookAuthToken };
  const logger = createLogger({
    level: 'warn',
    service: 'api',
    destination: pino.destination({ dest: options.logFile, mkdir: true, sync: false }),
  });
  const app = createApp({
    pool: options.pool,
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    photoStorageDir: options.photoStorageDir,
    logger,
    sms,
    security: { rateLimits: { perKey: 1_000_000, webhooksPerAddress: 1_000_000, authFailuresPerAddress: 1_000_000 } },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sms.publicBaseUrl = baseUrl;
  const stats = { requests: 0, failed: 0, slowestMs: 0 };
  const timed = async (send: () => Promise<Response>): Promise<Reply> => {
    const started = Date.now();
    stats.requests++;
    try {
      const reply = await read(await send());
      if (reply.status >= 500) stats.failed++;
      return reply;
    } catch (err) {
      stats.failed++;
      throw err;
    } finally {
      stats.slowestMs = Math.max(stats.slowestMs, Date.now() - started);
    }
  };
  const read = async (res: Response): Promise<Reply> => {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // TwiML, or an empty body
    }
    return { status: res.status, body, text };
  };
  return {
    baseUrl,
    stats,
    call(method, route, body, as = 'coordinator') {
      return timed(() =>
        fetch(`${baseUrl}${route}`, {
          method,
          headers: {
            authorization: `Bearer ${as === 'admin' ? ADMIN_KEY : COORDINATOR_KEY}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    },
    textFrom(from, text, messageSid) {
      const params = {
        MessageSid: messageSid,
        AccountSid: 'ACfaultdrill',
        From: from,
        To: OUR_NUMBER,
        Body: text,
        NumMedia: '0',
      };
      const url = `${baseUrl}/webhooks/twilio/sms`;
      return timed(() =>
        fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': twilio.getExpectedTwilioSignature(options.webhookAuthToken, url, params),
          },
          body: new URLSearchParams(params).toString(),
        }),
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      logger.flush();
    },
  };
}

// ---------- the whole stack ----------

export interface StackOptions {
  drill: string;
  /** Tenants (one order each at most, so a YES always names one order). */
  tenants: number;
  log: Log;
  /** `private`: a cluster of the drill's own, which it may restart. Default: a database on the machine's Postgres. */
  postgres?: 'shared' | 'private';
  /** A Temporal server to share (tests); default: a dev server of the drill's own. */
  temporal?: TemporalServer;
  /** `twilio`: the worker texts through the real twilio SDK to a local fake Twilio; default: the outbox. */
  sms?: 'outbox' | 'twilio';
  /** The worker classifies with Claude (the real SDK) against this local fake; default: the deterministic classifier. */
  anthropic?: boolean;
  rules?: Rules;
  bundlePath?: string;
}

export interface Stack {
  drill: string;
  log: Log;
  pool: Pool;
  db: DrillDatabase;
  postgres: PrivatePostgres | null;
  temporal: TemporalServer;
  client: Client;
  taskQueue: string;
  api: Api;
  worker: WorkerProcess;
  twilio: FakeTwilio | null;
  anthropic: FakeAnthropic | null;
  /** Where the worker's and the API's logs go. */
  logDir: string;
  /** Every work order's status in Postgres, counted. */
  statusCounts(): Promise<Record<string, number>>;
  /** Polls Postgres until every order in `numbers` has a status in `statuses`, or the time is up; returns those that don't. */
  waitForStatuses(
    numbers: number[],
    statuses: WorkOrderStatus[],
    timeoutMs: number,
    onPoll?: () => Promise<void>,
  ): Promise<Map<number, string>>;
  stop(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const { drill, log } = options;
  const cleanups: Array<() => Promise<unknown>> = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse())
      await step().catch((err: unknown) => log(`cleanup: ${(err as Error).message}`));
  };
  try {
    const logDir = path.join(
      PROJECT_ROOT,
      '.data',
      'faults',
      `${drill}-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    );
    mkdirSync(logDir, { recursive: true });
    const bundlePath = options.bundlePath ?? (await ensureWorkflowBundle(log));

    const postgres = options.postgres === 'private' ? await startPrivatePostgres(log) : null;
    if (postgres) cleanups.push(() => postgres.stop());
    const db = await createDrillDatabase(postgres?.adminUrl ?? SHARED_POSTGRES_ADMIN_URL, {
      drill,
      tenants: options.tenants,
      rules: options.rules,
    });
    // Dropped unless it's on the private cluster, which goes as a whole.
    cleanups.push(() => (postgres ? db.pool.end() : db.drop()));
    log(
      `Postgres: database ${db.name}${postgres ? '' : " on the machine's server"}, ${db.tenants.length} drill tenants`,
    );

    const temporal = options.temporal ?? (await startTemporal(log));
    if (!options.temporal) cleanups.push(() => temporal.stop());
    const taskQueue = `faults-${drill}-${randomBytes(3).toString('hex')}`;

    const fakeTwilio = options.sms === 'twilio' ? await startFakeTwilio() : null;
    if (fakeTwilio) cleanups.push(() => fakeTwilio.close());
    const anthropic = options.anthropic ? await startFakeAnthropic() : null;
    if (anthropic) cleanups.push(() => anthropic.close());

    const photoStorageDir = path.join(logDir, 'photos');
    const webhookAuthToken = fakeTwilio?.authToken ?? `fault-drill-webhook-secret-${randomBytes(8).toString('hex')}`;
    const api = await startApi({
      pool: db.pool,
      temporal: temporal.client,
      taskQueue,
      webhookAuthToken,
      logFile: path.join(logDir, 'api.log'),
      photoStorageDir,
    });
    cleanups.push(() => api.close());

    const worker = workerProcess({
      client: temporal.client,
      taskQueue,
      logFile: path.join(logDir, 'worker.log'),
      env: workerEnvironment({
        DATABASE_URL: db.url,
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: temporal.namespace,
        TEMPORAL_TASK_QUEUE: taskQueue,
        WORKFLOW_BUNDLE_PATH: bundlePath,
        WORKER_METRICS_PORT: String(await freePort()),
        TEMPORAL_METRICS_PORT: String(await freePort()),
        PHOTO_STORAGE_DIR: photoStorageDir,
        LOG_LEVEL: process.env.FAULTS_WORKER_LOG_LEVEL ?? 'warn',
        SMS_SENDER_NUMBER: OUR_NUMBER,
        ...(fakeTwilio
          ? {
              TWILIO_ACCOUNT_SID: fakeTwilio.accountSid,
              TWILIO_AUTH_TOKEN: fakeTwilio.authToken,
              TWILIO_FROM_NUMBER: OUR_NUMBER,
              TWILIO_API_BASE_URL: fakeTwilio.url,
            }
          : { SMS_WEBHOOK_SECRET: webhookAuthToken }),
        ...(anthropic ? { ANTHROPIC_API_KEY: anthropic.apiKey, ANTHROPIC_BASE_URL: anthropic.url } : {}),
      }),
    });
    cleanups.push(() => worker.stop());
    await worker.start();
    log(
      `worker: pid ${worker.pid} polling ${taskQueue} (SMS: ${fakeTwilio ? 'Twilio SDK → local fake Twilio' : 'outbox'}; classifier: ${anthropic ? 'Claude SDK → local fake Anthropic' : 'deterministic'}); logs in ${path.relative(PROJECT_ROOT, logDir)}`,
    );

    const stack: Stack = {
      drill,
      log,
      pool: db.pool,
      db,
      postgres,
      temporal,
      client: temporal.client,
      taskQueue,
      api,
      worker,
      twilio: fakeTwilio,
      anthropic,
      logDir,
      async statusCounts() {
        const { rows } = await db.pool.query<{ status: string; n: string }>(
          'SELECT status, count(*) AS n FROM work_orders GROUP BY status ORDER BY status',
        );
        return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      },
      async waitForStatuses(numbers, statuses, timeoutMs, onPoll) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          if (onPoll) await onPoll();
          const pending = new Map<number, string>();
          try {
            const { rows } = await db.pool.query<{ number: string; status: string }>(
              'SELECT number, status FROM work_orders WHERE number = ANY($1)',
              [numbers],
            );
            const found = new Map(rows.map((r) => [Number(r.number), r.status]));
            for (const n of numbers) {
              const status = found.get(n) ?? '(no row)';
              if (!statuses.includes(status as WorkOrderStatus)) pending.set(n, status);
            }
          } catch (err) {
            // Postgres may be restarting: poll again.
            for (const n of numbers) pending.set(n, `(unknown: ${(err as Error).message})`);
          }
          if (pending.size === 0 || Date.now() > deadline) return pending;
          await sleep(500);
        }
      },
      stop: cleanup,
    };
    return stack;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

// ---------- what the drills send ----------

/** Non-urgent problems the deterministic classifier (and the fake Claude) route to a handyman with no safety concern. */
export const PROBLEMS = [
  'The kitchen faucet drips all night',
  'The bathroom sink drains slowly',
  'A kitchen cabinet hinge is loose',
  'The toilet keeps running after flushing',
  'The closet shelf fell down',
  'The window blinds are broken in the living room',
  'The garbage disposal is jammed',
  'The washing machine will not spin',
];

/** A distinct text per order (the classification cache is keyed by text). */
export function problemFor(index: number): string {
  return `${PROBLEMS[index % PROBLEMS.length]} (drill order ${index + 1})`;
}

export function messageSid(drill: string, label: string): string {
  return `SM${drill.replace(/[^a-z0-9]/gi, '').slice(0, 8)}${label}${randomBytes(6).toString('hex')}`.slice(0, 64);
}

/** The work order an intake text opened, from the stored inbound message. */
export async function orderOfMessage(pool: Pool, sid: string): Promise<number | null> {
  const { rows } = await pool.query<{ work_order_number: string | null }>(
    `SELECT work_order_number FROM sms_messages WHERE provider_sid = $1 AND direction = 'inbound'`,
    [sid],
  );
  return rows[0]?.work_order_number ? Number(rows[0].work_order_number) : null;
}
