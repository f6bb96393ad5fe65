import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { searchAttributes } from '../../workflows/definitions';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { PROJECT_ROOT, quietServerPath, TEST_BUNDLE_PATH, temporalCliPath } from '../support/paths';

/**
 * `npm start -- --no-demo` end to end (scripts/start.sh, as npm runs it) on free ports, its own database and a Temporal
 * server of its own (which start.ts reuses, so .data/temporal.db is not touched): the worker and then the API are
 * killed with SIGKILL; each is restarted while the other keeps serving, and Ctrl-C still stops everything.
 */

const ADMIN_KEY = 'start-script-test-admin-key-0000';

let env: TestWorkflowEnvironment;
let db: TestDatabase;
let photoDir: string;
let start: ChildProcess | null = null;
const lines: string[] = [];
const lineWaiters: Array<() => void> = [];
const childPids = new Set<number>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the first output line matching `pattern`, from `from` on (throws if npm start exits first). */
async function line(pattern: RegExp, from = 0, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = lines.findIndex((l, i) => i >= from && pattern.test(l));
    if (index >= 0) return index;
    if (start?.exitCode !== null || Date.now() > deadline)
      throw new Error(`no line matching ${pattern}; the output:\n${lines.slice(-60).join('\n')}`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      lineWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** The pid of npm start's child running `script` (e.g. workers/main.ts), read from /proc. */
function childRunning(script: string): number | null {
  const pid = start!.pid!;
  const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  for (const child of children) {
    try {
      if (readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').includes(script)) {
        childPids.add(child);
        return child;
      }
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

async function until<T>(what: string, probe: () => Promise<T | null> | T | null, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; the output:\n${lines.slice(-40).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: quietServerPath() },
      ip: '127.0.0.1',
      searchAttributes: Object.values(searchAttributes),
      extraArgs: ['--log-level', 'error'],
    },
  });
  db = await createTestDatabase();
  photoDir = await mkdtemp(path.join(tmpdir(), 'wo-start-photos-'));
});

afterAll(async () => {
  if (start && start.exitCode === null) {
    start.kill('SIGTERM');
    await new Promise((resolve) => start!.once('exit', resolve));
  }
  for (const pid of childPids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await env?.teardown();
  await db?.drop();
  await rm(photoDir, { recursive: true, force: true });
});

test('a killed worker, then a killed API, is restarted while the rest keeps serving; Ctrl-C stops everything with no restart', async () => {
  const [apiPort, workerMetricsPort, temporalMetricsPort] = [await freePort(), await freePort(), await freePort()];
  const api = `http://127.0.0.1:${apiPort}`;
  start = spawn('bash', ['scripts/start.sh', '--no-demo'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: 'work-orders-start-test',
      TEMPORAL_CLI: temporalCliPath(),
      PORT: String(apiPort),
      WORKER_METRICS_PORT: String(workerMetricsPort),
      TEMPORAL_METRICS_PORT: String(temporalMetricsPort),
      API_ADMIN_KEY: ADMIN_KEY,
      SMS_WEBHOOK_SECRET: 'start-script-test-sms-secret',
      PHOTO_STORAGE_DIR: photoDir,
      WORKFLOW_BUNDLE_PATH: TEST_BUNDLE_PATH,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [start.stdout!, start.stderr!]) {
    createInterface({ input: stream }).on('line', (l) => {
      lines.push(l);
      for (const wake of lineWaiters.splice(0)) wake();
    });
  }
  await line(/Work order engine is running\./, 0, 180_000);
  expect(lines.some((l) => /Supervision +worker and api: restarted when they exit/.test(l))).toBe(true);
  const get = (route: string) => fetch(`${api}${route}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });

  // The worker dies: the API keeps answering, and a new worker runs the next work order.
  const worker = childRunning('workers/main.ts')!;
  const apiPid = childRunning('api/main.ts')!;
  expect(worker).not.toBeNull();
  expect(apiPid).not.toBeNull();
  process.kill(worker, 'SIGKILL');
  const workerRestart = await line(/^\[start\] worker was killed by SIGKILL; restarting in 1 s \(restart 1\)$/);
  expect((await get('/healthz')).status).toBe(200);
  const newWorker = await until('a new worker', () => {
    const pid = childRunning('workers/main.ts');
    return pid !== null && pid !== worker ? pid : null;
  });
  expect(isAlive(apiPid)).toBe(true);
  const { rows } = await db.pool.query<{ id: number }>(
    'SELECT u.id::int AS id FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1',
  );
  const created = await fetch(`${api}/work-orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ unitId: rows[0]!.id, description: 'The kitchen faucet drips all night' }),
  });
  expect(created.status).toBe(201);
  const { number } = (await created.json()) as { number: number };
  // Triage is the worker's: the order moves on only if the restarted worker runs it.
  await until('triage by the restarted worker', async () => {
    const { status } = (await (await get(`/work-orders/${number}`)).json()) as { status: string };
    return status !== 'created' && status !== 'triage' ? status : null;
  });

  // The API dies: it is restarted and answers again; the worker was left alone.
  process.kill(apiPid, 'SIGKILL');
  await line(/^\[start\] api was killed by SIGKILL; restarting in 1 s \(restart 1\)$/, workerRestart);
  await until('the restarted API', async () =>
    (await get(`/work-orders/${number}`).catch(() => null))?.status === 200 ? true : null,
  );
  expect(childRunning('api/main.ts')).not.toBe(apiPid);
  expect(isAlive(newWorker)).toBe(true);

  // Ctrl-C: everything stops, nothing is restarted.
  const exited = new Promise<number | null>((resolve) => start!.once('exit', (code) => resolve(code)));
  start.kill('SIGINT');
  expect(await exited).toBe(0);
  const stopping = lines.findIndex((l) => l === '[start] stopping...');
  expect(stopping).toBeGreaterThan(0);
  expect(lines.slice(stopping).filter((l) => /restarting/.test(l))).toEqual([]);
  expect(lines[lines.length - 1]).toBe('[start] stopped');
  for (const pid of childPids) expect(isAlive(pid)).toBe(false);
}, 300_000);
