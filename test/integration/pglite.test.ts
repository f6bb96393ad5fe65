/**
 * The embedded database path of `npm start`, as it runs it: PGlite in a folder of its own, migrated and seeded
 * through its one connection, then the worker and the API as one process (scripts/workerAndApi.ts) on that same
 * connection, against a real Temporal dev server. A work order goes from the API to awaiting_confirmation.
 * PGlite itself runs in a child process (scripts/serveEmbeddedDatabase.ts): it does not load in jest's sandbox.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../db/migrator';
import { createPool, databaseMode, inTransaction } from '../../db/pool';
import { seedDemoData } from '../../db/seed/seed';
import { searchAttributes } from '../../workflows/definitions';
import { PROJECT_ROOT, quietServerPath, TEST_BUNDLE_PATH } from '../support/paths';

const ADMIN_KEY = 'pglite-test-admin-key-000000';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let env: TestWorkflowEnvironment;
let folder: string;
interface Child {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}
let db: (Child & { url: string }) | null = null;
let app: Child | null = null;
let apiUrl: string;
let unitId: number;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function api<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${ADMIN_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function statusOf(number: number): Promise<string> {
  const { status, body } = await api<{ status: string }>('GET', `/work-orders/${number}`);
  if (status !== 200) throw new Error(`GET /work-orders/${number} answered ${status}: ${JSON.stringify(body)}`);
  return body.status;
}

async function waitForStatus(number: number, done: (status: string) => boolean, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await statusOf(number);
    if (done(status)) return status;
    if (Date.now() > deadline)
      throw new Error(`work order ${number} is still ${status}; the app said:\n${app?.output.join('\n')}`);
    await sleep(200);
  }
}

function runTsx(script: string, args: string[], childEnv: NodeJS.ProcessEnv = process.env): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnv,
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output, exited };
}

/** SIGTERM, and SIGKILL after 30 s: never leaves a process behind. */
async function stopChild(child: Child | null): Promise<number | null> {
  if (!child) return null;
  if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGTERM');
  const killer = setTimeout(() => child.child.kill('SIGKILL'), 30_000);
  try {
    return await child.exited;
  } finally {
    clearTimeout(killer);
  }
}

async function serveDatabase(): Promise<void> {
  const served = runTsx('scripts/serveEmbeddedDatabase.ts', [path.join(folder, 'pglite')]);
  // Migrating an empty embedded database takes a few seconds here, over a minute on a machine loaded ten times over.
  const deadline = Date.now() + 180_000;
  for (;;) {
    const url = /postgres:\/\/\S+/.exec(served.output.join(''))?.[0];
    if (url) {
      db = { ...served, url };
      return;
    }
    if (served.child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the embedded database did not start:\n${served.output.join('')}`);
    await sleep(100);
  }
}

async function startApp(databaseUrl: string): Promise<void> {
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  app = runTsx('scripts/workerAndApi.ts', [], {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: `work-orders-pglite-${randomBytes(3).toString('hex')}`,
    PORT: String(port),
    API_ADMIN_KEY: ADMIN_KEY,
    SMS_WEBHOOK_SECRET: 'pglite-test-webhook-secret-0000',
    PHOTO_STORAGE_DIR: path.join(folder, 'photos'),
    WORKFLOW_BUNDLE_PATH: TEST_BUNDLE_PATH,
    WORKER_METRICS_PORT: String(await freePort()),
    TEMPORAL_METRICS_PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
  });
  const { child, output } = app;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output.join('')}`);
    if (
      await fetch(`${apiUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    if (Date.now() > deadline) throw new Error(`the app did not answer /healthz within 60 s:\n${output.join('')}`);
    await sleep(250);
  }
}

beforeAll(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // installed by an earlier test file in this jest worker
  }
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: quietServerPath() },
      ip: '127.0.0.1',
      searchAttributes: Object.values(searchAttributes),
      extraArgs: ['--log-level', 'error'],
    },
  });
  folder = await mkdtemp(path.join(tmpdir(), 'wo-pglite-'));
  await serveDatabase();

  // What `npm start` does before the app, one connection at a time: migrate, seed, read (here: a unit with a tenant).
  const pool = createPool(db!.url, 1, 'pglite');
  expect(databaseMode(pool)).toBe('pglite');
  expect(await migrate(pool)).toContain('001_initial.sql');
  await seedDemoData(pool);
  const { rows } = await pool.query<{ id: number }>(
    'SELECT u.id::int AS id FROM units u WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.unit_id = u.id) ORDER BY u.id LIMIT 1',
  );
  unitId = rows[0]!.id;
  // Asking the pool again from inside a transaction on it would wait for itself forever: it fails at once.
  await expect(inTransaction(pool, () => pool.query('SELECT 1'))).rejects.toThrow(/inside a transaction/);
  await pool.end();

  await startApp(db!.url);
}, 300_000);

afterAll(async () => {
  await stopChild(app);
  await stopChild(db);
  await env?.teardown();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('the app holds the one connection: another client is refused while it runs', async () => {
  const other = new Client({ connectionString: db!.url, connectionTimeoutMillis: 3000 });
  other.on('error', () => undefined);
  await expect(other.connect().then(() => other.query('SELECT 1'))).rejects.toThrow();
  await other.end().catch(() => undefined);
});

test('a work order created through the API reaches awaiting_confirmation, the worker and the API sharing one connection', async () => {
  const created = await api<{ number: number }>('POST', '/work-orders', {
    unitId,
    description: 'The kitchen faucet drips all night and the cabinet below is damp.',
  });
  expect(created.status).toBe(201);
  const { number } = created.body;

  // The API keeps answering reads while the workflow's activities write through the same connection.
  const readers = Array.from({ length: 5 }, () => api<{ items: unknown[] }>('GET', '/work-orders?limit=20'));
  const triaged = await waitForStatus(number, (s) => !['created', 'triage'].includes(s));
  for (const read of await Promise.all(readers)) expect(read.status).toBe(200);

  if (triaged === 'needs_assignment') {
    const accepted = await api('POST', `/work-orders/${number}/assignment`, { action: 'accept' });
    expect(accepted.status).toBeLessThan(300);
  }
  expect(await waitForStatus(number, (s) => s === 'awaiting_confirmation')).toBe('awaiting_confirmation');

  const events = await api<Array<{ type: string }>>('GET', `/events?workOrderId=${number}`);
  expect(events.status).toBe(200);
}, 90_000);

test('stopped with SIGTERM, the app exits cleanly; the records stay in the data folder', async () => {
  const { number } = (
    await api<{ number: number }>('POST', '/work-orders', { unitId, description: 'The bathroom fan rattles loudly.' })
  ).body;
  await waitForStatus(number, (s) => s !== 'created');
  expect(await stopChild(app)).toBe(0);

  expect(await stopChild(db)).toBe(0);
  await serveDatabase();
  const pool = createPool(db!.url, 1, 'pglite');
  try {
    expect(await migrate(pool)).toEqual([]);
    const { rows } = await pool.query<{ status: string }>('SELECT status FROM work_orders WHERE number = $1', [number]);
    expect(rows[0]?.status).toBeDefined();
  } finally {
    await pool.end();
  }
}, 90_000);
