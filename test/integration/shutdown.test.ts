import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT, TEST_BUNDLE_PATH } from '../support/paths';
import { openEventStream, type SseConnection } from '../support/sseClient';
import { KEYS, startSystem, type TestSystem } from '../support/system';

/**
 * The real entry points (api/main.ts, workers/main.ts) as child processes, on this file's database and Temporal dev
 * server. SIGTERM must let in-flight work finish (requests, activities), end the event streams, and exit 0; a client
 * resuming with Last-Event-ID on the next API process misses nothing; a work order goes on on another worker.
 */

interface EntryProcess {
  child: ChildProcess;
  /** What its ready line captured (the API's URL). */
  ready: string;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface ApiProcess extends EntryProcess {
  url: string;
}

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

function startEntry(script: string, env: Record<string, string>, readyLine: RegExp): Promise<EntryProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: system.db.url,
      TEMPORAL_ADDRESS: system.env.address,
      TEMPORAL_NAMESPACE: system.env.namespace ?? 'default',
      TEMPORAL_TASK_QUEUE: system.taskQueue,
      PHOTO_STORAGE_DIR: system.photoStorageDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise<EntryProcess>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} was not ready within 60 s:\n${output.join('\n')}`)),
      60_000,
    );
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = readyLine.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({ child, ready: match[1] ?? match[0], output, exited });
        }
      });
    }
    void exited.then(({ code }) =>
      reject(new Error(`${script} exited (${code}) while starting:\n${output.join('\n')}`)),
    );
  });
}

async function startApi(): Promise<ApiProcess> {
  const api = await startEntry(
    'api/main.ts',
    { PORT: '0', API_ADMIN_KEY: 'shutdown-test-admin-key-000' },
    /API listening on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  return { ...api, url: api.ready };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const auth = { Authorization: `Bearer ${KEYS.coordinator}` };

async function createWorkOrder(api: ApiProcess): Promise<number> {
  const { unitId } = await system.unitWithTenant();
  const res = await fetch(`${api.url}/work-orders`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ unitId, description: 'The bathroom fan rattles and stops' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { number: number }).number;
}

const eventIdsOf = async (number: number) =>
  (
    await system.db.pool.query<{ id: number }>(
      'SELECT id::int AS id FROM events WHERE work_order_number = $1 ORDER BY id',
      [number],
    )
  ).rows.map((r) => r.id);

test('SIGTERM: in-flight requests finish, new connections are refused, event streams end, exit 0; the next process resumes the stream with nothing lost', async () => {
  const api = await startApi();
  const stream: SseConnection = await openEventStream(`${api.url}/events/stream?lastEventId=0`, auth);
  expect(stream.status).toBe(200);
  const number = await createWorkOrder(api);
  await system.waitForEvent(number, 'classified');

  // Without a worker the workflow cannot answer its state query: GET /work-orders/:id?live=true waits its 3 s for it.
  await system.stopWorker();
  const slow = fetch(`${api.url}/work-orders/${number}?live=true`, { headers: auth }).then(async (res) => ({
    status: res.status,
    body: (await res.json()) as { number: number; liveState: unknown; liveStateError?: string },
    at: Date.now(),
  }));
  const creating = createWorkOrder(api);
  await new Promise((resolve) => setTimeout(resolve, 300));
  api.child.kill('SIGTERM');
  const signalledAt = Date.now();
  await stream.ended;
  const refused = await fetch(`${api.url}/healthz`).then(
    () => 'answered',
    () => 'refused',
  );
  const [answer, second, exit] = await Promise.all([slow, creating, api.exited]);

  expect(refused).toBe('refused');
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({
    number,
    liveState: null,
    liveStateError: expect.stringMatching(/no answer within \d+ ms/),
  });
  expect(answer.at).toBeGreaterThan(signalledAt);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(api.output.join('\n')).toMatch(
    /SIGTERM: finishing in-flight work[\s\S]*closing 1 event stream\(s\)[\s\S]*stopped cleanly/,
  );

  // The order created during the shutdown exists, its workflow too; both orders move on once a worker is back.
  await system.startWorker();
  await system.waitForEvent(second, 'classified');
  const seen = stream.messages.map((m) => Number(m.id));
  expect(new Set(seen).size).toBe(seen.length);

  const next = await startApi();
  try {
    const resumed = await openEventStream(`${next.url}/events/stream`, {
      ...auth,
      'Last-Event-ID': String(seen[seen.length - 1]),
    });
    const all = [...(await eventIdsOf(number)), ...(await eventIdsOf(second))].sort((a, b) => a - b);
    const missing = all.filter((id) => !seen.includes(id));
    const got = () => resumed.messages.map((m) => Number(m.id));
    for (let i = 0; i < 200 && !missing.every((id) => got().includes(id)); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...seen, ...got()].filter((id) => all.includes(id))).toEqual(all);
    resumed.close();
  } finally {
    next.child.kill('SIGTERM');
    expect(await next.exited).toEqual({ code: 0, signal: null });
  }
});

test('a second SIGTERM while draining exits at once', async () => {
  await system.stopWorker();
  const api = await startApi();
  try {
    const number = await createWorkOrder(api);
    const slow = fetch(`${api.url}/work-orders/${number}?live=true`, { headers: auth }).then(
      (res) => res.status,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    api.child.kill('SIGTERM');
    // A repeat within a second counts as the same Ctrl-C delivered twice (terminal, npm, tsx).
    await new Promise((resolve) => setTimeout(resolve, 1200));
    api.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: 128 + 15, signal: null });
    expect(await slow).toBe('cut');
  } finally {
    await system.startWorker();
  }
});

test('worker SIGTERM: it stops polling, finishes what it was running, exits 0; the order goes on on another worker, no event twice', async () => {
  await system.stopWorker();
  const worker = await startEntry(
    'workers/main.ts',
    {
      WORKFLOW_BUNDLE_PATH: TEST_BUNDLE_PATH,
      WORKER_METRICS_PORT: String(await freePort()),
      TEMPORAL_METRICS_PORT: String(await freePort()),
    },
    /worker polling task queue/,
  );
  const { unitId } = await system.unitWithTenant();
  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'Kitchen sink drain is clogged and backing up' });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  // Mid-triage: the child worker is running its activities.
  await system.waitForEvent(number, 'triage_started');
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
  expect(worker.output.join('\n')).toMatch(/SIGTERM: finishing in-flight work[\s\S]*stopped cleanly/);

  await system.startWorker();
  // On a loaded machine an activity may outlive the drain's grace and be cut; Temporal then retries it once its
  // 30 s start-to-close timeout has passed, so allow for that before the order is assigned.
  await system.waitForAgreement(number, 'awaiting_confirmation', 75_000);
  const types = (
    await system.db.pool.query<{ type: string }>('SELECT type FROM events WHERE work_order_number = $1 ORDER BY id', [
      number,
    ])
  ).rows.map((r) => r.type);
  expect(types).toEqual(['created', 'triage_started', 'context_enriched', 'classified', 'assigned']);
});
