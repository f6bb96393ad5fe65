import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../api/app';
import { upsertApiKey } from '../../db/queries/apiKeys';
import { seedDemoData } from '../../db/seed/seed';
import { seedAnalyticsHistory, type AnalyticsHistory } from '../fixtures/analyticsHistory';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { quietApiLogger } from '../support/quietApiLogger';

// The summary is pure SQL: the app gets a Temporal client that fails loudly if anything ever touches it.
const noTemporal = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`analytics must not use Temporal (touched ${String(property)})`);
    },
  },
) as Client;

const KEYS = {
  coordinator: 'analytics-coordinator-key-0',
  ops: 'analytics-ops-key-000000000',
  technician: 'analytics-technician-key-00',
};

let db: TestDatabase;
let app: Express;
let h: AnalyticsHistory;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { history: false });
  h = await seedAnalyticsHistory(db.pool);
  await upsertApiKey(db.pool, { name: 'coordinator', role: 'coordinator', secret: KEYS.coordinator });
  await upsertApiKey(db.pool, { name: 'ops', role: 'ops', secret: KEYS.ops });
  await upsertApiKey(db.pool, {
    name: 'technician',
    role: 'technician',
    secret: KEYS.technician,
    technicianId: h.technicians.ray,
  });
  app = createApp({
    logger: quietApiLogger(),
    pool: db.pool,
    temporal: noTemporal,
    taskQueue: 'unused',
    photoStorageDir: '/nonexistent',
    sms: {},
  });
});

afterAll(async () => {
  await db?.drop();
});

const summary = (query: string, key: string = KEYS.coordinator) =>
  request(app).get(`/analytics/summary${query}`).set('Authorization', `Bearer ${key}`);

const fix = (completed: number, fixedFirstTime: number, rate: number | null) => ({ completed, fixedFirstTime, rate });
const cost = (
  orders: number,
  meanLaborCents: number | null,
  meanPartsCents: number | null,
  meanVendorCents: number | null,
  meanTotalCents: number | null,
  totalCents: number,
  laborEstimated: number,
  laborUnknown = 0,
) => ({
  orders,
  meanLaborCents,
  meanPartsCents,
  meanVendorCents,
  meanTotalCents,
  totalCents,
  laborEstimated,
  laborUnknown,
});
const NO_COST = cost(0, null, null, null, null, 0, 0);
const confidence = (orders: number, meanConfidence: number | null, low: number, review: number, high: number) => ({
  orders,
  meanConfidence,
  buckets: { '0-0.6': low, '0.6-0.85': review, '0.85-1': high },
});
const parts = (
  requests: number,
  arrived: number,
  cancelled: number,
  meanWaitHours: number | null,
  late: number,
  lateRate: number | null,
) => ({ requests, arrived, cancelled, meanWaitHours, late, lateRate });
const decided = (counts: Partial<Record<'auto' | 'accept' | 'alternative' | 'override' | 'vendor', number>>) => ({
  auto: 0,
  accept: 0,
  alternative: 0,
  override: 0,
  vendor: 0,
  ...counts,
});

const MARCH = '?from=2025-03-01&to=2025-04-01';

test('March: every figure, worked out by hand', async () => {
  const res = await summary(MARCH);
  expect(res.status).toBe(200);
  const { ray, tasha, victor, crew } = h.technicians;
  expect(res.body).toEqual({
    scope: { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z', buildingId: null, technicianId: null },
    // W1 (created exactly at `from`) .. W9; X1 (a second before) and X2 (exactly at `to`) are out.
    // Completed W1-W5, cancelled W6 W9, open W7 (awaiting confirmation) W8 (escalated).
    orders: { created: 9, completed: 5, cancelled: 2, open: 2 },
    assignment: {
      // Assigned at least once: W1-W7. First decided by auto: W1 W3 W7 (3/7); an override at any point: W4 W6 W7 (3/7).
      assignedOrders: 7,
      autoAssigned: 3,
      autoAssignmentRate: 0.429,
      overridden: 3,
      overrideRate: 0.429,
      firstDecidedBy: decided({ auto: 3, accept: 2, override: 1, vendor: 1 }),
      // W6 and W7 (its reason padded with spaces) gave the same reason.
      overrideReasons: [
        { reason: 'tenant prefers mornings', count: 2 },
        { reason: 'tenant asked for Victor', count: 1 },
      ],
    },
    firstTimeFix: {
      // W2 was rejected once, W3 needed parts: 3 of 5.
      ...fix(5, 3, 0.6),
      byTechnician: [
        { technicianId: ray, name: 'Ray Delgado', ...fix(2, 1, 0.5) },
        { technicianId: tasha, name: 'Tasha Greene', ...fix(1, 0, 0) },
        { technicianId: victor, name: 'Victor Alvarez', ...fix(1, 1, 1) },
        { technicianId: crew, name: 'Keystone crew', ...fix(1, 1, 1) },
      ],
      // plumbing W1 W3 W5: 2 of 3.
      byJobType: [
        { jobType: 'electrical', ...fix(1, 0, 0) },
        { jobType: 'hvac', ...fix(1, 1, 1) },
        { jobType: 'plumbing', ...fix(3, 2, 0.667) },
      ],
    },
    // Hours W1 36, W2 30, W3 96, W4 6, W5 12 -> sorted 6 12 30 36 96: mean 180/5 = 36, p50 30,
    // p90 at position 0.9 * 4 = 3.6: 36 + 0.6 * (96 - 36) = 72.
    completionTime: { orders: 5, meanHours: 36, p50Hours: 30, p90Hours: 72 },
    // Due: W4 (met, on site at 13:30 for 14:00), W5 (on site 00:30 for 22:00), W8 (never visited, deadline passed);
    // W9 was cancelled before its deadline. Minutes to check-in: W4 90, W5 270 -> 180. Breach alerts: W5, W8.
    emergencySla: { due: 3, met: 1, missed: 2, complianceRate: 0.333, meanMinutesToCheckIn: 180, breachAlerts: 2 },
    // W3 plumbing: 24 h, reported before its ETA. W7 appliance: 48 h, its ETA timer closed the wait (late).
    partsDelays: {
      ...parts(2, 2, 0, 36, 1, 0.5),
      byJobType: [
        { jobType: 'appliance', ...parts(1, 1, 0, 48, 1, 1) },
        { jobType: 'plumbing', ...parts(1, 1, 0, 24, 0, 0) },
      ],
    },
    // W6 twice (tenant X), W7 once (tenant Y; X2's attempt in April is out of the window).
    accessProblems: {
      failedAttempts: 3,
      ordersAffected: 2,
      repeatTenants: [{ tenantId: h.tenants.X.id, name: h.tenants.X.name, failedAttempts: 2 }],
    },
    ai: {
      confidence: {
        // All nine: 0.9 0.7 0.95 0.5 0.88 0.6 0.85 0.3 0.92 -> sum 6.6, mean 0.733; below 0.6: W4 W8; [0.6, 0.85): W2 W6 (0.6 on the edge).
        ...confidence(9, 0.733, 2, 2, 5),
        byProvider: [
          // W3 0.95, W4 0.5, W7 0.85 (on the edge), W9 0.92 -> 3.22 / 4.
          { provider: 'claude', ...confidence(4, 0.805, 1, 0, 3) },
          // W1 0.9, W2 0.7, W5 0.88, W6 0.6, W8 0.3 -> 3.38 / 5.
          { provider: 'heuristic', ...confidence(5, 0.676, 1, 2, 2) },
        ],
      },
      // Estimated vs on site: W1 60/60, W2 90/120 (90 + 30), W3 60/105 (45 + 60), W4 120/90, W5 60/60
      // -> 390/5 = 78, 435/5 = 87, errors 0 30 45 30 0 -> 21.
      duration: { orders: 5, meanEstimatedMinutes: 78, meanActualMinutes: 87, meanAbsoluteErrorMinutes: 21 },
    },
    // Labor: W1 60 min x 6500/h = 6500 (estimated), W2 20000, W3 105 min = 11375 (estimated), W4 15000, W5 crew at 0 (estimated).
    // Totals: W1 7500, W2 20000, W3 15375, W4 17500, W5 30000 (vendor) = 90375.
    costs: {
      ...cost(5, 10575, 1500, 6000, 18075, 90375, 3),
      byPerformer: {
        // W1-W4: labor 52875 / 4 = 13218.75, parts 7500 / 4, total 60375 / 4 = 15093.75.
        internal: cost(4, 13219, 1875, 0, 15094, 60375, 2),
        vendor: cost(1, 0, 0, 30000, 30000, 30000, 1),
      },
      byBuilding: [
        // A: W1 W2 W5 -> labor 26500 / 3, parts 1000 / 3, vendor 30000 / 3, total 57500 / 3.
        { buildingId: h.buildings.A, name: 'Building A', ...cost(3, 8833, 333, 10000, 19167, 57500, 2) },
        // B: W3 W4 -> labor 26375 / 2 = 13187.5, total 32875 / 2 = 16437.5 (halves round up).
        { buildingId: h.buildings.B, name: 'Building B', ...cost(2, 13188, 3250, 0, 16438, 32875, 1) },
      ],
      byTechnician: [
        { technicianId: ray, name: 'Ray Delgado', ...cost(2, 8938, 2500, 0, 11438, 22875, 2) },
        { technicianId: tasha, name: 'Tasha Greene', ...cost(1, 20000, 0, 0, 20000, 20000, 0) },
        { technicianId: victor, name: 'Victor Alvarez', ...cost(1, 15000, 2500, 0, 17500, 17500, 0) },
        { technicianId: crew, name: 'Keystone crew', ...cost(1, 0, 0, 30000, 30000, 30000, 1) },
      ],
    },
    // Sent for W1 (5), W2 (3), W3 (no answer), W4 (4).
    surveys: { requested: 4, answered: 3, responseRate: 0.75, meanRating: 4 },
  });
});

test('March in Building B: W3, W4, W7, W9', async () => {
  const res = await summary(`${MARCH}&buildingId=${h.buildings.B}`);
  expect(res.status).toBe(200);
  const { ray, victor } = h.technicians;
  expect(res.body).toEqual({
    scope: {
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-04-01T00:00:00.000Z',
      buildingId: h.buildings.B,
      technicianId: null,
    },
    orders: { created: 4, completed: 2, cancelled: 1, open: 1 },
    // Assigned: W3 (auto), W4 (override), W7 (auto, then override).
    assignment: {
      assignedOrders: 3,
      autoAssigned: 2,
      autoAssignmentRate: 0.667,
      overridden: 2,
      overrideRate: 0.667,
      firstDecidedBy: decided({ auto: 2, override: 1 }),
      overrideReasons: [
        { reason: 'tenant asked for Victor', count: 1 },
        { reason: 'tenant prefers mornings', count: 1 },
      ],
    },
    firstTimeFix: {
      ...fix(2, 1, 0.5),
      byTechnician: [
        { technicianId: ray, name: 'Ray Delgado', ...fix(1, 0, 0) },
        { technicianId: victor, name: 'Victor Alvarez', ...fix(1, 1, 1) },
      ],
      byJobType: [
        { jobType: 'hvac', ...fix(1, 1, 1) },
        { jobType: 'plumbing', ...fix(1, 0, 0) },
      ],
    },
    // 6 and 96 h: p50 51, p90 6 + 0.9 * 90 = 87.
    completionTime: { orders: 2, meanHours: 51, p50Hours: 51, p90Hours: 87 },
    emergencySla: { due: 1, met: 1, missed: 0, complianceRate: 1, meanMinutesToCheckIn: 90, breachAlerts: 0 },
    partsDelays: {
      ...parts(2, 2, 0, 36, 1, 0.5),
      byJobType: [
        { jobType: 'appliance', ...parts(1, 1, 0, 48, 1, 1) },
        { jobType: 'plumbing', ...parts(1, 1, 0, 24, 0, 0) },
      ],
    },
    accessProblems: { failedAttempts: 1, ordersAffected: 1, repeatTenants: [] },
    ai: {
      confidence: {
        ...confidence(4, 0.805, 1, 0, 3),
        byProvider: [{ provider: 'claude', ...confidence(4, 0.805, 1, 0, 3) }],
      },
      // W3 60/105, W4 120/90: errors 45 and 30.
      duration: { orders: 2, meanEstimatedMinutes: 90, meanActualMinutes: 97.5, meanAbsoluteErrorMinutes: 37.5 },
    },
    costs: {
      ...cost(2, 13188, 3250, 0, 16438, 32875, 1),
      byPerformer: { internal: cost(2, 13188, 3250, 0, 16438, 32875, 1), vendor: NO_COST },
      byBuilding: [{ buildingId: h.buildings.B, name: 'Building B', ...cost(2, 13188, 3250, 0, 16438, 32875, 1) }],
      byTechnician: [
        { technicianId: ray, name: 'Ray Delgado', ...cost(1, 11375, 4000, 0, 15375, 15375, 1) },
        { technicianId: victor, name: 'Victor Alvarez', ...cost(1, 15000, 2500, 0, 17500, 17500, 0) },
      ],
    },
    // W3 unanswered, W4 rated 4.
    surveys: { requested: 2, answered: 1, responseRate: 0.5, meanRating: 4 },
  });
});

test('March for Ray (the technician of record): W1, W3, W7', async () => {
  const res = await summary(`${MARCH}&technicianId=${h.technicians.ray}`, KEYS.ops);
  expect(res.status).toBe(200);
  const { ray } = h.technicians;
  expect(res.body).toEqual({
    scope: { from: '2025-03-01T00:00:00.000Z', to: '2025-04-01T00:00:00.000Z', buildingId: null, technicianId: ray },
    orders: { created: 3, completed: 2, cancelled: 0, open: 1 },
    // All three first auto-assigned; W7 overridden (to Tasha) on the way.
    assignment: {
      assignedOrders: 3,
      autoAssigned: 3,
      autoAssignmentRate: 1,
      overridden: 1,
      overrideRate: 0.333,
      firstDecidedBy: decided({ auto: 3 }),
      overrideReasons: [{ reason: 'tenant prefers mornings', count: 1 }],
    },
    firstTimeFix: {
      ...fix(2, 1, 0.5),
      byTechnician: [{ technicianId: ray, name: 'Ray Delgado', ...fix(2, 1, 0.5) }],
      byJobType: [{ jobType: 'plumbing', ...fix(2, 1, 0.5) }],
    },
    // 36 and 96 h: p90 36 + 0.9 * 60 = 90.
    completionTime: { orders: 2, meanHours: 66, p50Hours: 66, p90Hours: 90 },
    emergencySla: { due: 0, met: 0, missed: 0, complianceRate: null, meanMinutesToCheckIn: null, breachAlerts: 0 },
    partsDelays: {
      ...parts(2, 2, 0, 36, 1, 0.5),
      byJobType: [
        { jobType: 'appliance', ...parts(1, 1, 0, 48, 1, 1) },
        { jobType: 'plumbing', ...parts(1, 1, 0, 24, 0, 0) },
      ],
    },
    accessProblems: { failedAttempts: 1, ordersAffected: 1, repeatTenants: [] },
    ai: {
      // W1 0.9 (heuristic), W3 0.95 and W7 0.85 (claude).
      confidence: {
        ...confidence(3, 0.9, 0, 0, 3),
        byProvider: [
          { provider: 'claude', ...confidence(2, 0.9, 0, 0, 2) },
          { provider: 'heuristic', ...confidence(1, 0.9, 0, 0, 1) },
        ],
      },
      duration: { orders: 2, meanEstimatedMinutes: 60, meanActualMinutes: 82.5, meanAbsoluteErrorMinutes: 22.5 },
    },
    costs: {
      ...cost(2, 8938, 2500, 0, 11438, 22875, 2),
      byPerformer: { internal: cost(2, 8938, 2500, 0, 11438, 22875, 2), vendor: NO_COST },
      byBuilding: [
        { buildingId: h.buildings.A, name: 'Building A', ...cost(1, 6500, 1000, 0, 7500, 7500, 1) },
        { buildingId: h.buildings.B, name: 'Building B', ...cost(1, 11375, 4000, 0, 15375, 15375, 1) },
      ],
      byTechnician: [{ technicianId: ray, name: 'Ray Delgado', ...cost(2, 8938, 2500, 0, 11438, 22875, 2) }],
    },
    surveys: { requested: 2, answered: 1, responseRate: 0.5, meanRating: 5 },
  });
});

test('both filters together narrow to their intersection', async () => {
  const res = await summary(`${MARCH}&buildingId=${h.buildings.A}&technicianId=${h.technicians.ray}`);
  expect(res.status).toBe(200);
  // Only W1.
  expect(res.body.orders).toEqual({ created: 1, completed: 1, cancelled: 0, open: 0 });
  expect(res.body.costs.byBuilding).toEqual([
    { buildingId: h.buildings.A, name: 'Building A', ...cost(1, 6500, 1000, 0, 7500, 7500, 1) },
  ]);
});

describe('the window is [from, to)', () => {
  test('the second before March holds X1 only: W1 at its `to` is out', async () => {
    const res = await summary('?from=2025-02-28T23:59:59Z&to=2025-03-01T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body.orders).toEqual({ created: 1, completed: 1, cancelled: 0, open: 0 });
    // 23:59:59 to 05:59:59: 6 h; 30 min on site at 6500/h.
    expect(res.body.completionTime).toEqual({ orders: 1, meanHours: 6, p50Hours: 6, p90Hours: 6 });
    expect(res.body.ai.duration).toEqual({
      orders: 1,
      meanEstimatedMinutes: 30,
      meanActualMinutes: 30,
      meanAbsoluteErrorMinutes: 0,
    });
    expect(res.body.costs.byPerformer.internal).toEqual(cost(1, 3250, 0, 0, 3250, 3250, 1));
    expect(res.body.surveys).toEqual({ requested: 1, answered: 1, responseRate: 1, meanRating: 1 });
  });

  test("a day from April 1st holds X2, created exactly at March's `to`", async () => {
    const res = await summary('?from=2025-04-01&to=2025-04-02');
    expect(res.status).toBe(200);
    expect(res.body.orders.created).toBe(1);
    expect(res.body.assignment).toMatchObject({
      assignedOrders: 1,
      autoAssigned: 0,
      overrideRate: 1,
      overrideReasons: [{ reason: 'weekend cover', count: 1 }],
    });
    expect(res.body.firstTimeFix).toMatchObject(fix(1, 0, 0));
    expect(res.body.accessProblems).toEqual({ failedAttempts: 1, ordersAffected: 1, repeatTenants: [] });
    expect(res.body.costs.orders).toBe(1);
    expect(res.body.costs.meanTotalCents).toBe(10000);
    expect(res.body.surveys.meanRating).toBe(2);
  });

  test('an order with neither a labor cost nor time on site: labor unknown, counted as 0', async () => {
    const res = await summary('?from=2025-02-01&to=2025-02-02');
    expect(res.body.orders.created).toBe(1);
    expect(res.body.costs.byTechnician).toEqual([
      { technicianId: h.technicians.ray, name: 'Ray Delgado', ...cost(1, 0, 500, 0, 500, 500, 0, 1) },
    ]);
    expect(res.body.ai.duration.orders).toBe(0);
  });

  test('a millisecond moves an order across either edge', async () => {
    // W1 drops out at the start; X2 comes in at the end.
    const res = await summary('?from=2025-03-01T00:00:00.001Z&to=2025-04-01T00:00:00.001Z');
    expect(res.body.orders.created).toBe(9);
    expect(
      res.body.firstTimeFix.byTechnician.map((t: { technicianId: number; completed: number }) => [
        t.technicianId,
        t.completed,
      ]),
    ).toEqual([
      [h.technicians.ray, 1],
      [h.technicians.tasha, 2],
      [h.technicians.victor, 1],
      [h.technicians.crew, 1],
    ]);
  });

  test('a range with no orders answers zeros and nulls, never NaN', async () => {
    const res = await summary('?from=2024-01-01&to=2024-02-01');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      scope: { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z', buildingId: null, technicianId: null },
      orders: { created: 0, completed: 0, cancelled: 0, open: 0 },
      assignment: {
        assignedOrders: 0,
        autoAssigned: 0,
        autoAssignmentRate: null,
        overridden: 0,
        overrideRate: null,
        firstDecidedBy: decided({}),
        overrideReasons: [],
      },
      firstTimeFix: { ...fix(0, 0, null), byTechnician: [], byJobType: [] },
      completionTime: { orders: 0, meanHours: null, p50Hours: null, p90Hours: null },
      emergencySla: { due: 0, met: 0, missed: 0, complianceRate: null, meanMinutesToCheckIn: null, breachAlerts: 0 },
      partsDelays: { ...parts(0, 0, 0, null, 0, null), byJobType: [] },
      accessProblems: { failedAttempts: 0, ordersAffected: 0, repeatTenants: [] },
      ai: {
        confidence: { ...confidence(0, null, 0, 0, 0), byProvider: [] },
        duration: { orders: 0, meanEstimatedMinutes: null, meanActualMinutes: null, meanAbsoluteErrorMinutes: null },
      },
      costs: { ...NO_COST, byPerformer: { internal: NO_COST, vendor: NO_COST }, byBuilding: [], byTechnician: [] },
      surveys: { requested: 0, answered: 0, responseRate: null, meanRating: null },
    });
  });

  test('without from and to: the 30 days up to now', async () => {
    const before = Date.now();
    const res = await summary('');
    expect(res.status).toBe(200);
    const to = new Date(res.body.scope.to).getTime();
    expect(to).toBeGreaterThanOrEqual(before);
    expect(to).toBeLessThanOrEqual(Date.now());
    expect(to - new Date(res.body.scope.from).getTime()).toBe(30 * 86_400_000);
  });
});

test('bad queries are 400 with the field paths', async () => {
  const cases: Array<[string, string[]]> = [
    ['?from=yesterday', ['query.from']],
    ['?from=2025-02-30', ['query.from']],
    ['?to=2025-03-01T00:00:00', ['query.to']],
    ['?buildingId=0&technicianId=abc', ['query.buildingId', 'query.technicianId']],
    ['?building=1', ['query']],
    ['?from=2025-03-01&to=2025-03-01', ['query.to']],
    ['?from=2025-04-01&to=2025-03-01', ['query.to']],
    ['?from=2024-01-01&to=2025-03-01', ['query.from']],
    ['?from=2999-01-01', ['query.from']],
  ];
  for (const [query, paths] of cases) {
    const res = await summary(query);
    expect({ query, status: res.status, error: res.body.error }).toEqual({
      query,
      status: 400,
      error: 'invalid_request',
    });
    expect(res.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(paths);
  }
  // 366 days is the limit, inclusive.
  expect((await summary('?from=2024-03-01&to=2025-03-02')).status).toBe(200);
  expect((await summary('?from=2024-03-01&to=2025-03-03')).status).toBe(400);
});

test('filters naming nothing are 404; only coordinators, ops and admins may look', async () => {
  expect((await summary(`${MARCH}&buildingId=999999`)).status).toBe(404);
  expect((await summary(`${MARCH}&technicianId=999999`)).status).toBe(404);
  expect((await summary(MARCH, KEYS.technician)).status).toBe(403);
  expect((await request(app).get(`/analytics/summary${MARCH}`)).status).toBe(401);
});
