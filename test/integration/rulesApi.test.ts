import request from 'supertest';
import { upsertApiKey } from '../../db/queries/apiKeys';
import type { Rules } from '../../domain/rules';
import { startSystem, testRules, type TestSystem } from '../support/system';

let system: TestSystem;
let unitId: number;
const SCHEDULER_KEY = 'test-scheduler-key-000000';

beforeAll(async () => {
  system = await startSystem();
  await upsertApiKey(system.db.pool, { name: 'scheduler', role: 'scheduler', secret: SCHEDULER_KEY });
  const { rows } = await system.db.pool.query<{ id: number }>(
    'SELECT u.id::int AS id FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id LIMIT 1',
  );
  unitId = rows[0]!.id;
});

afterAll(async () => {
  await system?.stop();
});

interface RulesAnswer {
  version: number;
  rules: Rules;
  createdBy: string;
  note: string | null;
  createdAt: string;
}

async function currentRules(): Promise<RulesAnswer> {
  const res = await system.as('coordinator').get('/rules');
  expect(res.status).toBe(200);
  return res.body;
}

function withThresholds(rules: Rules, autoAssign: number, review: number): Rules {
  return { ...rules, thresholds: { autoAssign, review } };
}

/** Rules versions and the events about them (work orders from earlier tests keep writing their own events). */
async function countWrites(): Promise<{ versions: number; events: number }> {
  const { rows } = await system.db.pool.query(
    `SELECT (SELECT count(*)::int FROM rules) AS versions, (SELECT count(*)::int FROM events WHERE work_order_number IS NULL) AS events`,
  );
  return rows[0];
}

async function createWorkOrder(): Promise<number> {
  const res = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'Something is wrong with the toilet' });
  expect(res.status).toBe(201);
  return res.body.number;
}

async function pinnedVersion(number: number): Promise<{ live: number | null; row: number | null }> {
  await system.waitForEvent(number, 'triage_started');
  const state = await system.waitForState(number, (s) => s.rulesVersion !== null);
  const { rows } = await system.db.pool.query<{ rules_version: number | null }>(
    'SELECT rules_version FROM work_orders WHERE number = $1',
    [number],
  );
  return { live: state.rulesVersion, row: rows[0]!.rules_version };
}

// First, while the seeded test rules are current, so the order is known to stop in the review queue.
test('a running work order keeps the rules version it started with; a new one gets the new version', async () => {
  const before = await currentRules();
  const running = await createWorkOrder();
  const { state } = await system.waitForAgreement(running, 'needs_assignment');
  expect(state.rulesVersion).toBe(before.version);

  const put = await system
    .as('coordinator')
    .put('/rules')
    .send({
      rules: { ...before.rules, durations: { ...before.rules.durations, reviewWaitSeconds: 90 } },
      expectedVersion: before.version,
    });
  expect(put.status).toBe(201);
  expect(put.body.version).toBe(before.version + 1);

  expect(await pinnedVersion(running)).toEqual({ live: before.version, row: before.version });
  const decisions = await system.db.pool.query<{ rules_version: number }>(
    'SELECT DISTINCT rules_version FROM decisions WHERE work_order_number = $1',
    [running],
  );
  expect(decisions.rows).toEqual([{ rules_version: before.version }]);

  const fresh = await createWorkOrder();
  expect(await pinnedVersion(fresh)).toEqual({ live: before.version + 1, row: before.version + 1 });
});

test('readers see the newest rules, the version list and any one version; others do not', async () => {
  const current = await currentRules();
  expect(current.rules).toEqual(expect.objectContaining({ thresholds: testRules().thresholds, sms: testRules().sms }));

  const versions = await system.as('ops').get('/rules/versions?limit=5');
  expect(versions.status).toBe(200);
  expect(versions.body.items[0]).toEqual({
    version: current.version,
    createdBy: current.createdBy,
    note: current.note,
    createdAt: current.createdAt,
  });
  expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual(
    [...Array(Math.min(current.version, 5)).keys()].map((i) => current.version - i),
  );

  const first = await system.as('admin').get('/rules/1');
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ version: 1, createdBy: 'seed', rules: testRules() });
  expect((await request(system.app).get('/rules').set('Authorization', `Bearer ${SCHEDULER_KEY}`)).status).toBe(200);

  expect((await system.as('coordinator').get('/rules/9999')).status).toBe(404);
  const badVersion = await system.as('coordinator').get('/rules/first');
  expect(badVersion.status).toBe(400);
  expect(badVersion.body.issues[0].path).toBe('params.version');
  expect((await system.as('coordinator').get('/rules/versions?limit=0')).status).toBe(400);
  expect((await system.as('technician1').get('/rules')).status).toBe(403);
});

test('a coordinator publishes a change: a new version, and an event naming who changed what', async () => {
  const before = await currentRules();
  const rules = withThresholds(before.rules, 0.9, 0.7);
  const res = await system
    .as('coordinator')
    .put('/rules')
    .send({ rules, note: 'fewer auto-assignments after the March complaints', expectedVersion: before.version });
  expect(res.status).toBe(201);
  const version = before.version + 1;
  expect(res.headers.location).toBe(`/rules/${version}`);
  expect(res.body).toMatchObject({
    version,
    rules,
    createdBy: 'coordinator:coordinator',
    note: 'fewer auto-assignments after the March complaints',
    changed: ['thresholds.autoAssign', 'thresholds.review'],
  });

  const after = await currentRules();
  expect(after).toMatchObject({ version, rules, createdBy: 'coordinator:coordinator' });
  expect((await system.as('coordinator').get(`/rules/${before.version}`)).body.rules).toEqual(before.rules);

  const events = await system.as('ops').get('/events?type=rules_published');
  expect(events.status).toBe(200);
  const published = events.body.items.find((e: { payload: { version: number } }) => e.payload.version === version);
  expect(published).toMatchObject({
    workOrderNumber: null,
    actorType: 'coordinator',
    actorId: 'coordinator',
    payload: {
      version,
      note: 'fewer auto-assignments after the March complaints',
      changed: ['thresholds.autoAssign', 'thresholds.review'],
    },
  });
  const { rows } = await system.db.pool.query(
    'SELECT idempotency_key FROM events WHERE type = $1 AND (payload->>$2)::int = $3',
    ['rules_published', 'version', version],
  );
  expect(rows).toEqual([{ idempotency_key: `rules/${version}` }]);
});

test('fields with defaults may be left out and are filled in', async () => {
  const before = await currentRules();
  const { sms: _sms, ...rest } = before.rules;
  const { confirmationReminderSeconds: _reminder, ...durations } = rest.durations;
  const res = await system
    .as('admin')
    .put('/rules')
    .send({ rules: { ...rest, durations }, expectedVersion: before.version });
  expect(res.status).toBe(201);
  expect(res.body.createdBy).toBe('admin:admin');
  expect(res.body.rules.sms).toEqual({ maxDeliveryAttempts: 2 });
  expect(res.body.rules.durations.confirmationReminderSeconds).toBe(12 * 3600);
  expect(res.body.changed).toEqual(
    before.rules.durations.confirmationReminderSeconds === 12 * 3600 ? [] : ['durations.confirmationReminderSeconds'],
  );
});

test('a stale expectedVersion is a 409 and writes nothing', async () => {
  const before = await currentRules();
  const writes = await countWrites();
  const res = await system
    .as('coordinator')
    .put('/rules')
    .send({ rules: withThresholds(before.rules, 0.8, 0.5), expectedVersion: before.version - 1 });
  expect(res.status).toBe(409);
  expect(res.body.error).toBe('conflict');
  expect(res.body.message).toContain(`version ${before.version}`);
  expect(await countWrites()).toEqual(writes);
  expect((await currentRules()).version).toBe(before.version);
});

test('invalid bodies are 400 with the field paths and write nothing', async () => {
  const { version, rules } = await currentRules();
  const writes = await countWrites();
  const { thresholds: _thresholds, ...withoutThresholds } = rules;
  const cases: Array<{ name: string; body: unknown; paths: string[]; message?: RegExp }> = [
    {
      name: 'review above autoAssign',
      body: { rules: withThresholds(rules, 0.6, 0.8), expectedVersion: version },
      paths: ['body.rules.thresholds.review'],
    },
    {
      name: 'negative duration',
      body: {
        rules: { ...rules, durations: { ...rules.durations, reviewWaitSeconds: -60 } },
        expectedVersion: version,
      },
      paths: ['body.rules.durations.reviewWaitSeconds'],
    },
    {
      name: 'misspelt nested key',
      body: { rules: { ...rules, thresholds: { autoAsign: 0.9, review: 0.6 } }, expectedVersion: version },
      paths: ['body.rules.thresholds', 'body.rules.thresholds.autoAssign'],
      message: /autoAsign/,
    },
    {
      name: 'unknown top-level rule',
      body: { rules: { ...rules, overtime: true }, expectedVersion: version },
      paths: ['body.rules'],
      message: /overtime/,
    },
    {
      name: 'unknown key in a defaulted section',
      body: { rules: { ...rules, sms: { maxDeliveryAttempts: 2, quietHours: true } }, expectedVersion: version },
      paths: ['body.rules.sms'],
    },
    {
      name: 'unknown key in assignment',
      body: {
        rules: { ...rules, assignment: { requiredCertifications: {}, waiveAll: true } },
        expectedVersion: version,
      },
      paths: ['body.rules.assignment'],
    },
    {
      name: 'missing thresholds',
      body: { rules: withoutThresholds, expectedVersion: version },
      paths: ['body.rules.thresholds'],
    },
    { name: 'missing expectedVersion', body: { rules }, paths: ['body.expectedVersion'] },
    { name: 'unknown body key', body: { rules, expectedVersion: version, version: version + 1 }, paths: ['body'] },
    { name: 'not an object', body: [rules], paths: ['body'] },
  ];
  for (const { name, body, paths, message } of cases) {
    const res = await system
      .as('coordinator')
      .put('/rules')
      .send(body as object);
    expect({ name, status: res.status, error: res.body.error }).toEqual({
      name,
      status: 400,
      error: 'invalid_request',
    });
    const seen: string[] = res.body.issues.map((i: { path: string }) => i.path);
    expect({ name, seen }).toEqual({ name, seen: expect.arrayContaining(paths) });
    if (message) expect(res.body.issues.map((i: { message: string }) => i.message).join(' ')).toMatch(message);
  }
  expect(await countWrites()).toEqual(writes);
});

test('technicians and ops may not publish rules', async () => {
  const { version, rules } = await currentRules();
  const writes = await countWrites();
  expect((await system.as('technician1').put('/rules').send({ rules, expectedVersion: version })).status).toBe(403);
  expect((await system.as('ops').put('/rules').send({ rules, expectedVersion: version })).status).toBe(403);
  expect((await request(system.app).put('/rules').send({ rules, expectedVersion: version })).status).toBe(401);
  expect(await countWrites()).toEqual(writes);
});

test('two coordinators publishing from the same version at once: exactly one wins, the other gets 409', async () => {
  for (let round = 0; round < 5; round++) {
    const before = await currentRules();
    const writes = await countWrites();
    const [a, b] = await Promise.all([
      system
        .as('coordinator')
        .put('/rules')
        .send({ rules: withThresholds(before.rules, 0.88, 0.6), note: `a${round}`, expectedVersion: before.version }),
      system
        .as('admin')
        .put('/rules')
        .send({ rules: withThresholds(before.rules, 0.86, 0.65), note: `b${round}`, expectedVersion: before.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const winner = a.status === 201 ? a : b;
    expect(winner.body.version).toBe(before.version + 1);
    expect(await currentRules()).toMatchObject({
      version: before.version + 1,
      note: winner.body.note,
      rules: winner.body.rules,
    });
    expect(await countWrites()).toEqual({ versions: writes.versions + 1, events: writes.events + 1 });
  }
});
