import request from 'supertest';
import { startSystem, type TestSystem } from '../support/system';

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

async function countRows(): Promise<{ orders: number; events: number }> {
  const { rows } = await system.db.pool.query(
    'SELECT (SELECT count(*)::int FROM work_orders) AS orders, (SELECT count(*)::int FROM events) AS events',
  );
  return rows[0];
}

test('bad bodies get 400 with the field paths and write nothing', async () => {
  const before = await countRows();
  const cases: Array<{ body: unknown; paths: string[] }> = [
    { body: {}, paths: ['body.unitId', 'body.description'] },
    { body: { unitId: 'twelve', description: 'x' }, paths: ['body.unitId'] },
    { body: { unitId: 1, description: '   ' }, paths: ['body.description'] },
    { body: { unitId: 1, description: 'leak', priority: 'urgent' }, paths: ['body.priority'] },
    { body: { unitId: 1, description: 'leak', status: 'completed' }, paths: ['body'] },
    { body: { unitId: 1, description: 'x'.repeat(4001) }, paths: ['body.description'] },
    { body: [1, 2, 3], paths: ['body'] },
  ];
  for (const { body, paths } of cases) {
    const res = await system
      .as('coordinator')
      .post('/work-orders')
      .send(body as object);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    const seen = res.body.issues.map((i: { path: string }) => i.path);
    for (const path of paths) expect(seen).toContain(path);
  }
  const malformed = await system
    .as('coordinator')
    .post('/work-orders')
    .set('Content-Type', 'application/json')
    .send('{"unitId": 1,');
  expect(malformed.status).toBe(400);
  expect(await countRows()).toEqual(before);
});

test('decision bodies are validated before they reach the workflow', async () => {
  const assignment = await system
    .as('coordinator')
    .post('/work-orders/1001/assignment')
    .send({
      action: 'override',
      technicianId: 1,
      slot: { start: '2030-01-01T10:00:00Z', end: '2030-01-01T09:00:00Z' },
    });
  expect(assignment.status).toBe(400);
  expect(assignment.body.issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['body.slot.end', 'body.reason']),
  );
  const review = await system.as('coordinator').post('/work-orders/1001/review').send({ decision: 'reject' });
  expect(review.status).toBe(400);
  expect(review.body.issues.map((i: { path: string }) => i.path)).toContain('body.notes');
  const visit = await system.as('technician1').post('/work-orders/1001/visit/teleport').send({});
  expect(visit.status).toBe(400);
  expect(visit.body.issues.map((i: { path: string }) => i.path)).toContain('params.action');
});

test('unknown ids are 404, malformed ids 400', async () => {
  expect((await system.as('coordinator').get('/work-orders/999999')).status).toBe(404);
  expect(
    (await system.as('coordinator').post('/work-orders/999999/cancel').send({ reason: 'duplicate request' })).status,
  ).toBe(404);
  expect(
    (await system.as('coordinator').post('/work-orders/999999/assignment').send({ action: 'accept' })).status,
  ).toBe(404);
  const badId = await system.as('coordinator').get('/work-orders/abc');
  expect(badId.status).toBe(400);
  expect(badId.body.issues[0].path).toBe('params.id');
  const unknownUnit = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId: 987654, description: 'leak under the sink' });
  expect(unknownUnit.status).toBe(404);
  expect(unknownUnit.body.issues[0].path).toBe('body.unitId');
  expect((await system.as('coordinator').get('/queues/backlog')).status).toBe(400);
  expect((await system.as('coordinator').get('/nowhere')).status).toBe(404);
});

test('keys and roles are checked', async () => {
  expect((await request(system.app).get('/work-orders')).status).toBe(401);
  expect((await request(system.app).get('/work-orders').set('Authorization', 'Bearer not-a-real-key')).status).toBe(
    401,
  );
  expect((await system.as('technician1').post('/work-orders').send({ unitId: 1, description: 'leak' })).status).toBe(
    403,
  );
  expect((await system.as('ops').post('/work-orders/1001/cancel').send({ reason: 'nope nope' })).status).toBe(403);
  expect((await system.as('ops').get('/work-orders')).status).toBe(200);
  expect((await system.as('technician1').get('/queues/review')).status).toBe(403);
});

test('the list filters and pages newest first', async () => {
  const units = (
    await system.db.pool.query(
      'SELECT u.id::int AS id, u.building_id::int AS "buildingId" FROM units u JOIN tenants t ON t.unit_id = u.id ORDER BY u.id',
    )
  ).rows;
  const first = units[0];
  const otherBuilding = units.find((u) => u.buildingId !== first.buildingId);
  const created: number[] = [];
  for (const unit of [first, first, otherBuilding]) {
    const res = await system
      .as('coordinator')
      .post('/work-orders')
      .send({ unitId: unit.id, description: 'The bedroom door squeaks, no rush', priority: 'low' });
    expect(res.status).toBe(201);
    created.push(res.body.number);
  }
  const page1 = await system.as('coordinator').get('/work-orders?limit=2&priority=low');
  expect(page1.status).toBe(200);
  expect(page1.body.items.map((i: { number: number }) => i.number)).toEqual([created[2], created[1]]);
  const page2 = await system.as('coordinator').get(`/work-orders?limit=2&priority=low&cursor=${page1.body.nextCursor}`);
  expect(page2.body.items.map((i: { number: number }) => i.number)).toEqual([created[0]]);
  expect(page2.body.nextCursor).toBeNull();
  const byBuilding = await system.as('coordinator').get(`/work-orders?buildingId=${otherBuilding.buildingId}`);
  expect(byBuilding.body.items.map((i: { number: number }) => i.number)).toEqual([created[2]]);
  const bySource = await system.as('coordinator').get('/work-orders?source=import');
  expect(bySource.body.items).toEqual([]);
  const badFilter = await system.as('coordinator').get('/work-orders?status=lost&limit=0');
  expect(badFilter.status).toBe(400);
  expect(badFilter.body.issues.map((i: { path: string }) => i.path)).toEqual(
    expect.arrayContaining(['query.status', 'query.limit']),
  );

  const events = await system.as('ops').get(`/events?workOrderId=${created[0]}&type=created`);
  expect(events.status).toBe(200);
  expect(events.body.items).toHaveLength(1);
  expect(events.body.items[0]).toMatchObject({
    workOrderNumber: created[0],
    type: 'created',
    actorType: 'coordinator',
  });
});

test('health and readiness answer without a key', async () => {
  expect((await request(system.app).get('/healthz')).body).toEqual({ ok: true });
  const ready = await request(system.app).get('/readyz');
  expect(ready.status).toBe(200);
  expect(ready.body.checks).toEqual({ postgres: 'ok', temporal: 'ok', worker: 'ok' });
});
