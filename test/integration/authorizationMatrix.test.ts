import request from 'supertest';
import { PORTFOLIO_KINDS } from '../../db/queries/portfolioRecords';
import { currentRules } from '../../db/queries/rules';
import { appRoutes, routeKey } from '../support/appRoutes';
import {
  createAccessFixtures,
  historyLengths,
  holdingRules,
  tableCounts,
  type AccessFixtures,
} from '../support/matrixFixtures';
import { KEYS, startSystem, type TestSystem } from '../support/system';

/**
 * Every route by every role. The table says who may call each route, as DESIGN.md's API table does; where the
 * code lets more roles in, `alsoAllowed` says which and why. admin passes every role check (api/auth.ts `allow`).
 * A route the app has and the table lacks fails the first test, so a new route cannot be left out.
 */

type Role = 'admin' | 'coordinator' | 'ops' | 'scheduler' | 'technician';
type Caller = keyof typeof KEYS;
const CALLERS: Caller[] = ['admin', 'coordinator', 'ops', 'scheduler', 'technician1', 'technician2'];
const roleOf = (caller: Caller): Role => (caller.startsWith('technician') ? 'technician' : (caller as Role));

interface Probe {
  url: string;
  body?: object;
}

interface RouteRule {
  /** Roles with an API key; `anyone` needs no key; `twilio` needs a webhook signature and no key opens it. */
  who: Role[] | 'anyone' | 'twilio';
  /** Roles the code lets in beyond DESIGN.md's table, and why. */
  alsoAllowed?: { roles: Role[]; why: string };
  /** Requests an allowed caller can make without changing anything (valid where it matters, so that the answer is past the role check). */
  probes(f: AccessFixtures, caller: Caller | null): Probe[];
}

const ALL_ROLES: Role[] = ['admin', 'coordinator', 'ops', 'scheduler', 'technician'];
const VISIT_BODIES: Record<string, object> = {
  'on-my-way': { etaMinutes: 20 },
  'check-in': {},
  'parts-needed': { parts: [{ name: 'P-trap', quantity: 1 }], eta: '2031-01-01T10:00:00Z' },
  'parts-arrived': { note: 'at the office' },
  'no-access': { note: 'nobody home' },
  photos: { photos: [{ id: 'not-uploaded', kind: 'before' }] },
};

/** A technician's own order; everyone else looks at technician 1's. */
const orderFor = (f: AccessFixtures, caller: Caller | null) =>
  caller === 'technician2' ? f.orderOfTechnician2 : f.orderOfTechnician1;
const readOnly = { roles: ['ops' as Role], why: 'ops reads everything (read-only) to answer for the system on call' };

const portfolioReaders = {
  roles: ['coordinator', 'ops'] as Role[],
  why: 'read-only: a coordinator names technicians and vendors by id (overrides, vendor picks); on call, ops looks up whose number texted',
};
/** GET, GET :id and POST of each portfolio kind; the probes' bodies are refused (400), so nothing is added. */
const PORTFOLIO_ROUTES: Record<string, RouteRule> = Object.fromEntries(
  PORTFOLIO_KINDS.flatMap((kind) => [
    [`GET /${kind}`, { who: ['admin'], alsoAllowed: portfolioReaders, probes: () => [{ url: `/${kind}?limit=1` }] }],
    [`GET /${kind}/:id`, { who: ['admin'], alsoAllowed: portfolioReaders, probes: () => [{ url: `/${kind}/1` }] }],
    [`POST /${kind}`, { who: ['admin'], probes: () => [{ url: `/${kind}`, body: {} }] }],
    // No such record: an allowed caller gets 404 and nothing changes.
    [
      `PATCH /${kind}/:id`,
      { who: ['admin'], probes: () => [{ url: `/${kind}/999999`, body: { name: 'Matrix Probe' } }] },
    ],
  ]),
);
/** Deactivating (and reactivating) the people the SMS channel texts; no such record, so nothing changes. */
const DEACTIVATION_ROUTES: Record<string, RouteRule> = Object.fromEntries(
  ['technicians', 'tenants'].flatMap((kind) => [
    [
      `POST /${kind}/:id/deactivate`,
      { who: ['admin'], probes: () => [{ url: `/${kind}/999999/deactivate`, body: {} }] },
    ],
    [
      `POST /${kind}/:id/reactivate`,
      { who: ['admin'], probes: () => [{ url: `/${kind}/999999/reactivate`, body: {} }] },
    ],
  ]),
);

/** What preventive plans look at: schedulers keep it, coordinators and ops read it; no such record, so nothing changes. */
const PREVENTIVE_RECORD_PATCHES: Record<string, object> = {
  equipment: { label: 'Matrix probe' },
  'seasonal-tasks': { name: 'Matrix probe' },
};
const PREVENTIVE_RECORD_ROUTES: Record<string, RouteRule> = Object.fromEntries(
  Object.entries(PREVENTIVE_RECORD_PATCHES).flatMap(([path, patch]) => [
    [`GET /${path}`, { who: ['scheduler', 'coordinator', 'ops'], probes: () => [{ url: `/${path}?limit=1` }] }],
    [`GET /${path}/:id`, { who: ['scheduler', 'coordinator', 'ops'], probes: () => [{ url: `/${path}/999999` }] }],
    [`POST /${path}`, { who: ['scheduler'], probes: () => [{ url: `/${path}`, body: {} }] }],
    [`PATCH /${path}/:id`, { who: ['scheduler'], probes: () => [{ url: `/${path}/999999`, body: patch }] }],
    [`DELETE /${path}/:id`, { who: ['scheduler'], probes: () => [{ url: `/${path}/999999` }] }],
  ]),
);

const ROUTES: Record<string, RouteRule> = {
  'GET /healthz': { who: 'anyone', probes: () => [{ url: '/healthz' }] },
  'GET /readyz': { who: 'anyone', probes: () => [{ url: '/readyz' }] },
  'GET /openapi.json': { who: 'anyone', probes: () => [{ url: '/openapi.json' }] },
  // DESIGN.md: "anyone / ops". Served without a key: Prometheus scrapers rarely send one, and it holds only aggregates.
  'GET /metrics': { who: 'anyone', probes: () => [{ url: '/metrics' }] },
  'POST /webhooks/twilio/sms': { who: 'twilio', probes: () => [{ url: '/webhooks/twilio/sms', body: {} }] },
  'POST /webhooks/twilio/status': { who: 'twilio', probes: () => [{ url: '/webhooks/twilio/status', body: {} }] },
  'POST /imports/appfolio': {
    who: ['admin'],
    probes: () => [
      { url: '/imports/appfolio', body: {} },
      { url: '/imports/appfolio?notifyTenants=true', body: {} },
    ],
  },
  'POST /work-orders': {
    who: ['coordinator'],
    probes: (f) => [
      { url: '/work-orders', body: { unitId: f.unitId, description: 'Matrix probe: the hallway light flickers' } },
    ],
  },
  'GET /work-orders': { who: ['coordinator', 'ops'], probes: () => [{ url: '/work-orders?limit=1' }] },
  'GET /work-orders/:id': {
    who: ['coordinator', 'ops'],
    alsoAllowed: {
      roles: ['technician'],
      why: "the technician's phone app shows the job; only orders assigned to that technician (see the cross-technician tests)",
    },
    probes: (f, caller) => [{ url: `/work-orders/${orderFor(f, caller)}` }],
  },
  'POST /work-orders/:id/assignment': {
    who: ['coordinator'],
    probes: (f) => [{ url: `/work-orders/${f.orderOfTechnician1}/assignment`, body: { action: 'accept' } }],
  },
  'POST /work-orders/:id/review': {
    who: ['coordinator'],
    probes: (f) => [{ url: `/work-orders/${f.orderOfTechnician1}/review`, body: { decision: 'approve' } }],
  },
  'POST /work-orders/:id/cancel': {
    who: ['coordinator'],
    probes: (f) => [
      { url: `/work-orders/${f.cancelledOrder}/cancel`, body: { reason: 'matrix probe on a closed order' } },
    ],
  },
  // Without an Idempotency-Key: an allowed caller gets 400, nothing is texted.
  'POST /work-orders/:id/messages': {
    who: ['coordinator'],
    probes: (f) => [
      { url: `/work-orders/${f.orderOfTechnician1}/messages`, body: { to: 'tenant', body: 'matrix probe' } },
    ],
  },
  'POST /work-orders/:id/urgent': {
    who: ['coordinator'],
    probes: (f) => [
      { url: `/work-orders/${f.cancelledOrder}/urgent`, body: { reason: 'matrix probe on a closed order' } },
    ],
  },
  'POST /work-orders/:id/retry-step': {
    who: ['coordinator'],
    probes: (f) => [{ url: `/work-orders/${f.cancelledOrder}/retry-step`, body: {} }],
  },
  'POST /work-orders/:id/visit/:action': {
    who: ['technician'],
    alsoAllowed: {
      roles: ['coordinator'],
      why: 'a coordinator records what a technician reports by phone, e.g. parts delivered to the office; the event names the coordinator',
    },
    probes: (f, caller) =>
      Object.entries(VISIT_BODIES).map(([action, body]) => ({
        url: `/work-orders/${orderFor(f, caller)}/visit/${action}`,
        body,
      })),
  },
  // A photo the order does not have: an allowed caller gets 404 (a technician on their own order).
  'GET /work-orders/:id/photos': {
    who: ['coordinator', 'ops'],
    alsoAllowed: {
      roles: ['technician'],
      why: "the assigned technician sees the visit's photos; only on orders assigned to them",
    },
    probes: (f, caller) => [{ url: `/work-orders/${orderFor(f, caller)}/photos` }],
  },
  'GET /work-orders/:id/photos/:photoId': {
    who: ['coordinator', 'ops'],
    alsoAllowed: {
      roles: ['technician'],
      why: "the assigned technician sees the visit's photos; only on orders assigned to them",
    },
    probes: (f, caller) => [
      { url: `/work-orders/${orderFor(f, caller)}/photos/2c0e7d4e-6f1a-4c3b-9a55-0d6f3b1e8a70?size=thumb` },
    ],
  },
  'GET /queues/:name': {
    who: ['coordinator'],
    alsoAllowed: readOnly,
    probes: () => [{ url: '/queues/review' }, { url: '/queues/vendor-pick' }],
  },
  'GET /events': { who: ['coordinator', 'ops'], probes: () => [{ url: '/events?limit=1' }] },
  // An allowed caller gets a 400 for the bad cursor instead of a stream that never ends.
  'GET /events/stream': {
    who: ['coordinator', 'ops'],
    probes: () => [{ url: '/events/stream?workOrderId=not-a-number' }],
  },
  'GET /rules': {
    who: ['coordinator', 'admin'],
    alsoAllowed: {
      roles: ['ops', 'scheduler'],
      why: 'read-only: on call needs the durations, plans follow the thresholds',
    },
    probes: () => [{ url: '/rules' }],
  },
  'GET /rules/versions': {
    who: ['coordinator', 'admin'],
    alsoAllowed: { roles: ['ops', 'scheduler'], why: 'as GET /rules (not in DESIGN.md)' },
    probes: () => [{ url: '/rules/versions?limit=1' }],
  },
  'GET /rules/:version': {
    who: ['coordinator', 'admin'],
    alsoAllowed: { roles: ['ops', 'scheduler'], why: 'as GET /rules (not in DESIGN.md)' },
    probes: () => [{ url: '/rules/1' }],
  },
  // expectedVersion 0 is stale: an allowed caller gets 409 and nothing is published.
  'PUT /rules': {
    who: ['coordinator', 'admin'],
    probes: () => [{ url: '/rules', body: { rules: rulesNow, expectedVersion: 0 } }],
  },
  'GET /sms/messages': { who: ['coordinator', 'ops'], probes: () => [{ url: '/sms/messages?limit=1' }] },
  'GET /sms/holds': { who: ['coordinator', 'ops'], probes: () => [{ url: '/sms/holds' }] },
  // No such hold: an allowed caller gets 404, nothing is attached or dismissed.
  'POST /sms/holds/:id/attach': {
    who: ['coordinator'],
    probes: () => [{ url: '/sms/holds/999999/attach', body: { unitId: 1 } }],
  },
  'POST /sms/holds/:id/dismiss': {
    who: ['coordinator'],
    probes: () => [{ url: '/sms/holds/999999/dismiss', body: { reason: 'matrix probe' } }],
  },
  'GET /coordinators': { who: ['coordinator', 'ops'], probes: () => [{ url: '/coordinators' }] },
  'GET /coordinators/on-call': { who: ['coordinator', 'ops'], probes: () => [{ url: '/coordinators/on-call' }] },
  'GET /coordinators/pages': { who: ['coordinator', 'ops'], probes: () => [{ url: '/coordinators/pages' }] },
  'GET /coordinators/:id': { who: ['coordinator', 'ops'], probes: () => [{ url: '/coordinators/999999' }] },
  // No such coordinator, or a body refused: an allowed caller gets 404 or 400 and nothing changes.
  'POST /coordinators': { who: ['admin'], probes: () => [{ url: '/coordinators', body: {} }] },
  'PATCH /coordinators/:id': {
    who: ['admin'],
    probes: () => [{ url: '/coordinators/999999', body: { name: 'Matrix Probe' } }],
  },
  'POST /coordinators/:id/deactivate': {
    who: ['admin'],
    probes: () => [{ url: '/coordinators/999999/deactivate', body: {} }],
  },
  'PUT /coordinators/:id/on-call': {
    who: ['admin'],
    probes: () => [{ url: '/coordinators/999999/on-call', body: {} }],
  },
  'GET /schedules': {
    who: ['scheduler'],
    alsoAllowed: { roles: ['ops', 'coordinator'], why: 'read-only: which plans run when' },
    probes: () => [{ url: '/schedules' }],
  },
  'GET /schedules/:id': {
    who: ['scheduler'],
    alsoAllowed: { roles: ['ops', 'coordinator'], why: 'read-only, as GET /schedules' },
    probes: () => [{ url: '/schedules/no-such-plan' }],
  },
  'POST /schedules': { who: ['scheduler'], probes: () => [{ url: '/schedules', body: {} }] },
  'POST /schedules/:id/trigger': {
    who: ['scheduler'],
    probes: () => [{ url: '/schedules/no-such-plan/trigger', body: {} }],
  },
  'POST /schedules/:id/pause': {
    who: ['scheduler'],
    probes: () => [{ url: '/schedules/no-such-plan/pause', body: { note: 'matrix probe' } }],
  },
  'POST /schedules/:id/unpause': {
    who: ['scheduler'],
    probes: () => [{ url: '/schedules/no-such-plan/unpause', body: {} }],
  },
  'DELETE /schedules/:id': { who: ['scheduler'], probes: () => [{ url: '/schedules/no-such-plan' }] },
  'POST /schedules/:id/preview': {
    who: ['scheduler', 'coordinator', 'ops'],
    probes: () => [{ url: '/schedules/no-such-plan/preview', body: {} }],
  },
  ...PREVENTIVE_RECORD_ROUTES,
  'GET /analytics/summary': { who: ['coordinator', 'ops'], probes: () => [{ url: '/analytics/summary' }] },
  ...PORTFOLIO_ROUTES,
  ...DEACTIVATION_ROUTES,
  // Calendars: a technician reads their own schedule (each probes their own id); time off on no such technician is 404.
  'GET /technicians/:id/schedule': {
    who: ['coordinator', 'scheduler', 'ops'],
    alsoAllowed: {
      roles: ['technician'],
      why: "a technician's phone shows their own days; another technician's schedule is 403",
    },
    probes: (f, caller) => [
      { url: `/technicians/${caller === 'technician2' ? f.technicianIds[1] : f.technicianIds[0]}/schedule` },
    ],
  },
  'POST /technicians/:id/time-off': {
    who: ['coordinator', 'scheduler'],
    probes: () => [
      { url: '/technicians/999999/time-off', body: { start: '2031-01-06', end: '2031-01-07', reason: 'matrix probe' } },
    ],
  },
  'DELETE /technicians/:id/time-off/:timeOffId': {
    who: ['coordinator', 'scheduler'],
    probes: () => [{ url: '/technicians/999999/time-off/999999' }],
  },
  'GET /work-orders/:id/fits': {
    who: ['coordinator', 'scheduler', 'ops'],
    probes: (f) => [{ url: `/work-orders/${f.unassignedOrder}/fits` }],
  },
};

let system: TestSystem;
let f: AccessFixtures;
let rulesNow: unknown;
let present: Set<string>;

beforeAll(async () => {
  system = await startSystem({ rules: holdingRules() });
  f = await createAccessFixtures(system);
  rulesNow = (await currentRules(system.db.pool))!.rules;
  present = new Set(appRoutes(system.app).map(routeKey));
});

afterAll(async () => {
  await system?.stop();
});

function send(
  method: string,
  probe: Probe,
  caller: Caller | null,
  key = caller ? KEYS[caller] : undefined,
): request.Test {
  const agent = request(system.app);
  const test =
    method === 'GET'
      ? agent.get(probe.url)
      : method === 'POST'
        ? agent.post(probe.url)
        : method === 'PUT'
          ? agent.put(probe.url)
          : method === 'PATCH'
            ? agent.patch(probe.url)
            : agent.delete(probe.url);
  if (key) test.set('Authorization', `Bearer ${key}`);
  return probe.body === undefined ? test : test.send(probe.body);
}

type Outcome = 'allowed' | 'forbidden' | 'no key' | `error ${number}`;
const outcomeOf = (status: number): Outcome =>
  status >= 500 ? `error ${status}` : status === 401 ? 'no key' : status === 403 ? 'forbidden' : 'allowed';

function expectedFor(rule: RouteRule, caller: Caller | null): Outcome {
  if (rule.who === 'anyone') return 'allowed';
  if (rule.who === 'twilio') return 'forbidden';
  if (caller === null) return 'no key';
  const allowed = new Set<Role>(['admin', ...rule.who, ...(rule.alsoAllowed?.roles ?? [])]);
  return allowed.has(roleOf(caller)) ? 'allowed' : 'forbidden';
}

test('the table names every route the app has', () => {
  expect(present.size).toBeGreaterThan(20);
  expect([...present].filter((key) => !(key in ROUTES))).toEqual([]);
  for (const rule of Object.values(ROUTES)) {
    if (Array.isArray(rule.who)) expect(rule.who.every((r) => ALL_ROLES.includes(r))).toBe(true);
  }
});

test.each(Object.keys(ROUTES))('%s: every role, and no key', async (key) => {
  // Routes other engineers are still adding are in the table ahead of time.
  if (!present.has(key)) return;
  const rule = ROUTES[key]!;
  const method = key.split(' ')[0]!;
  const expected: Record<string, Outcome> = {};
  const actual: Record<string, Outcome> = {};
  const statuses: Record<string, number[]> = {};
  for (const caller of [null, ...CALLERS]) {
    const name = caller ?? 'no key';
    for (const probe of rule.probes(f, caller)) {
      const res = await send(method, probe, caller);
      (statuses[name] ??= []).push(res.status);
      const outcome = outcomeOf(res.status);
      // One probe out of line is the caller's outcome: a route must let a role in on every probe, or on none.
      if (actual[name] === undefined || outcome !== expectedFor(rule, caller)) actual[name] = outcome;
    }
    expected[name] = expectedFor(rule, caller);
  }
  expect({ key, outcomes: actual }).toEqual({ key, outcomes: expected });
  if (rule.who !== 'anyone' && rule.who !== 'twilio') {
    // A key that is not one is a 401 everywhere, whatever the route.
    for (const probe of rule.probes(f, 'coordinator'))
      expect((await send(method, probe, null, 'wok_000000000000_' + 'A'.repeat(43))).status).toBe(401);
  }
  expect(
    Object.values(statuses)
      .flat()
      .filter((s) => s >= 500),
  ).toEqual([]);
});

test('Twilio webhooks open to a signature only, and a signed request gets past it', async () => {
  const status = await system.postSignedWebhook('/webhooks/twilio/status', {
    MessageSid: `SM${'0'.repeat(32)}`,
    MessageStatus: 'delivered',
  });
  expect(status.status).toBe(204);
  // Signed but missing its fields: refused for the body, not for the signature.
  const sms = await system.postSignedWebhook('/webhooks/twilio/sms', { MessageSid: `SM${'1'.repeat(32)}` });
  expect(sms.status).toBe(400);
  expect(
    (
      await system.postSignedWebhook(
        '/webhooks/twilio/status',
        { MessageSid: `SM${'0'.repeat(32)}`, MessageStatus: 'delivered' },
        'forged',
      )
    ).status,
  ).toBe(403);
});

describe("a technician reaches only that technician's orders", () => {
  test('reading and every visit action on the other technician’s order is 403, and nothing reaches the order', async () => {
    const numbers = [f.orderOfTechnician1, f.orderOfTechnician2];
    const [counts, histories] = [await tableCounts(system), await historyLengths(system, numbers)];
    const attempts: Array<[Caller, number]> = [
      ['technician2', f.orderOfTechnician1],
      ['technician1', f.orderOfTechnician2],
      ['technician1', f.unassignedOrder],
    ];
    for (const [caller, number] of attempts) {
      const read = await system.as(caller).get(`/work-orders/${number}`);
      expect({ caller, number, status: read.status, message: read.body.message }).toEqual({
        caller,
        number,
        status: 403,
        message: `work order ${number} is not assigned to you`,
      });
      for (const [action, body] of Object.entries(VISIT_BODIES)) {
        const res = await system.as(caller).post(`/work-orders/${number}/visit/${action}`).send(body);
        expect({ caller, number, action, status: res.status }).toEqual({ caller, number, action, status: 403 });
      }
      expect((await system.as(caller).get(`/events?workOrderId=${number}`)).status).toBe(403);
      expect((await system.as(caller).get(`/sms/messages?workOrderId=${number}`)).status).toBe(403);
    }
    // The own order, for contrast.
    const own = await system.as('technician1').get(`/work-orders/${f.orderOfTechnician1}`);
    expect(own.status).toBe(200);
    expect(own.body.assignedTechnicianId).toBe(f.technicianIds[0]);
    expect(await tableCounts(system)).toEqual(counts);
    expect(await historyLengths(system, numbers)).toEqual(histories);
  });

  test("a technician cannot assign anyone, not even to themselves, nor list other technicians' orders", async () => {
    const slot = { start: '2031-03-03T15:00:00Z', end: '2031-03-03T16:00:00Z' };
    const self = await system
      .as('technician1')
      .post(`/work-orders/${f.unassignedOrder}/assignment`)
      .send({ action: 'override', technicianId: f.technicianIds[0], slot, reason: 'I will take it' });
    expect(self.status).toBe(403);
    expect(
      (
        await system
          .as('technician1')
          .post(`/work-orders/${f.orderOfTechnician1}/assignment`)
          .send({ action: 'accept' })
      ).status,
    ).toBe(403);
    expect(
      (await system.as('technician1').post(`/work-orders/${f.orderOfTechnician1}/review`).send({ decision: 'approve' }))
        .status,
    ).toBe(403);
    expect(
      (
        await system
          .as('technician1')
          .post(`/work-orders/${f.orderOfTechnician2}/cancel`)
          .send({ reason: 'not mine anyway' })
      ).status,
    ).toBe(403);
    expect((await system.as('technician1').get(`/work-orders?technicianId=${f.technicianIds[1]}`)).status).toBe(403);
    expect((await system.liveState(f.unassignedOrder)).assignment).toBeNull();
  });
});

describe('mass assignment: a body sets only the fields its route allows', () => {
  const issuesOf = (res: request.Response) => (res.body.issues ?? []) as Array<{ path: string; message: string }>;
  /** Extra fields are refused by name (zod: `Unrecognized key(s): "a", "b"` at the object holding them). */
  const expectRefused = (res: request.Response, path: string, keys: string[]) => {
    expect(res.status).toBe(400);
    const issue = issuesOf(res).find((i) => i.path === path && /Unrecognized key/.test(i.message));
    expect(issue).toBeDefined();
    for (const k of keys) expect(issue!.message).toContain(`"${k}"`);
  };

  test('every attempt is a 400 naming the fields, and nothing is written', async () => {
    const counts = await tableCounts(system);
    const numbers = [f.orderOfTechnician1, f.unassignedOrder];
    const histories = await historyLengths(system, numbers);

    const create = await system
      .as('coordinator')
      .post('/work-orders')
      .send({
        unitId: f.unitId,
        description: 'Leak under the sink',
        status: 'completed',
        number: 1,
        createdBy: { type: 'admin', id: 'x' },
        metadata: { vip: true },
        external: { source: 'appfolio', id: '1' },
        assignedTechnicianId: f.technicianIds[0],
      });
    expectRefused(create, 'body', ['status', 'number', 'createdBy', 'metadata', 'external', 'assignedTechnicianId']);

    // The technician on a visit is the workflow's assignment, never the body's.
    const checkIn = await system
      .as('technician1')
      .post(`/work-orders/${f.orderOfTechnician1}/visit/check-in`)
      .send({ technicianId: f.technicianIds[1] });
    expectRefused(checkIn, 'body', ['technicianId']);
    const parts = await system
      .as('technician1')
      .post(`/work-orders/${f.orderOfTechnician1}/visit/parts-needed`)
      .send({
        parts: [{ name: 'P-trap', quantity: 1, unitCostCents: 1 }],
        eta: '2031-01-01T10:00:00Z',
        reportedBy: { type: 'coordinator', id: 'boss' },
      });
    expectRefused(parts, 'body', ['reportedBy']);
    expectRefused(parts, 'body.parts.0', ['unitCostCents']);

    const accept = await system
      .as('coordinator')
      .post(`/work-orders/${f.unassignedOrder}/assignment`)
      .send({ action: 'accept', actor: { type: 'admin', id: 'root' }, technicianId: f.technicianIds[1] });
    expectRefused(accept, 'body', ['actor', 'technicianId']);
    const review = await system
      .as('coordinator')
      .post(`/work-orders/${f.orderOfTechnician1}/review`)
      .send({ decision: 'approve', costs: { laborCents: 1, vendorCents: 2 } });
    expectRefused(review, 'body.costs', ['vendorCents']);
    const cancel = await system
      .as('coordinator')
      .post(`/work-orders/${f.unassignedOrder}/cancel`)
      .send({ reason: 'duplicate', status: 'completed' });
    expectRefused(cancel, 'body', ['status']);

    const current = (await currentRules(system.db.pool))!;
    const rules = current.rules as { thresholds: Record<string, unknown> };
    const put = await system
      .as('coordinator')
      .put('/rules')
      .send({
        rules: { ...rules, thresholds: { ...rules.thresholds, skipSafety: true } },
        expectedVersion: current.version,
        createdBy: 'admin',
      });
    expectRefused(put, 'body', ['createdBy']);
    expectRefused(put, 'body.rules.thresholds', ['skipSafety']);

    const plan = await system
      .as('scheduler')
      .post('/schedules')
      .send({
        id: 'mass-assignment',
        name: 'Boilers',
        timeZone: 'America/New_York',
        schedule: { calendars: [{ hour: 6 }] },
        rules: { seasonal: {} },
        createdBy: { type: 'admin', id: 'x' },
      });
    expectRefused(plan, 'body', ['createdBy']);
    expectRefused(await system.as('scheduler').post('/schedules/mass-assignment/trigger').send({ at: 'now' }), 'body', [
      'at',
    ]);

    expect(await tableCounts(system)).toEqual(counts);
    expect(await historyLengths(system, numbers)).toEqual(histories);
  });
});
