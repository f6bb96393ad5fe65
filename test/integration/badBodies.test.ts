import fc from 'fast-check';
import { readdir } from 'node:fs/promises';
import request from 'supertest';
import type { z } from 'zod';
import { timeOffBody } from '../../api/calendars/calendarBodies';
import {
  coordinatorPatchBody,
  deactivateCoordinatorBody,
  newCoordinatorBody,
  onCallWindowsBody,
} from '../../api/coordinators/coordinatorBodies';
import {
  newBuildingBody,
  newTechnicianBody,
  newTenantBody,
  newUnitBody,
  newVendorBody,
} from '../../api/portfolio/portfolioBodies';
import { deactivationBody, PATCH_SCHEMAS } from '../../api/portfolio/portfolioPatches';
import { publishBody } from '../../api/routes/rules';
import { attachHoldBody, dismissHoldBody } from '../../api/routes/sms';
import { inboundSmsBody, statusBody } from '../../api/routes/twilioWebhooks';
import { workOrderMessageBody } from '../../api/routes/workOrderMessages';
import { RECORD_SCHEMAS } from '../../api/schedules/preventiveRecordBodies';
import { createScheduleBody, pauseBody, previewBody, triggerBody, unpauseBody } from '../../api/schedules/scheduleBody';
import {
  assignmentBody,
  cancelBody,
  checkInBody,
  createWorkOrderBody,
  markUrgentBody,
  noAccessBody,
  onMyWayBody,
  partsArrivedBody,
  partsNeededBody,
  photosBody,
  retryStepBody,
  reviewBody,
} from '../../api/schemas';
import { currentRules } from '../../db/queries/rules';
import { appRoutes, routeKey } from '../support/appRoutes';
import { badFormParams, badJsonBodies, commonBadBodies, printable, type BadBody } from '../support/badBodies';
import {
  createAccessFixtures,
  historyLengths,
  holdingRules,
  tableCounts,
  type AccessFixtures,
} from '../support/matrixFixtures';
import { KEYS, OUR_NUMBER, startSystem, type TestSystem } from '../support/system';

/**
 * Generated bad bodies at every POST, PUT and PATCH route: always a 4xx (a 400 naming exactly the fields the route's
 * schema refuses, 413 over the size limit, 415 for what is not JSON), never a 5xx, and nothing written: no row in
 * any table, no photo file, no signal or update in any workflow's history, no schedule.
 */

const RUNS = Number(process.env.BAD_BODY_RUNS ?? 40);

type Json = Parameters<typeof badJsonBodies>[1];
type Method = 'post' | 'put' | 'patch';

interface JsonRoute {
  /** The app's route it exercises. */
  route: string;
  label: string;
  caller: keyof typeof KEYS;
  method: Method;
  url(): string;
  /** Headers the route needs before it would act on a body (an idempotency key): the body is what is judged. */
  headers?: Record<string, string>;
  /** On a record that does not exist: a valid body answers 404. */
  noRecord?: true;
  schema: z.ZodType;
  /** A body the schema accepts, for the generator to spoil. */
  valid(): Json;
}

let system: TestSystem;
let f: AccessFixtures;
let rules: { version: number; rules: Json };

const slot = { start: '2031-03-03T15:00:00Z', end: '2031-03-03T16:00:00Z' };
const visit = (action: string, schema: z.ZodType, valid: Json): JsonRoute => ({
  route: 'POST /work-orders/:id/visit/:action',
  label: `POST /work-orders/:id/visit/${action}`,
  caller: 'technician1',
  method: 'post',
  url: () => `/work-orders/${f.orderOfTechnician1}/visit/${action}`,
  schema,
  valid: () => valid,
});

const portfolio = (kind: string, schema: z.ZodType, valid: Json | (() => Json)): JsonRoute => ({
  route: `POST /${kind}`,
  label: `POST /${kind}`,
  caller: 'admin',
  method: 'post',
  url: () => `/${kind}`,
  schema,
  valid: typeof valid === 'function' ? valid : () => valid,
});

/**
 * No record has this id. Each route using it reads its body before it looks the id up, so a bad body is judged
 * (a 400), and a body that got past its schema would answer 404 and change nothing.
 */
const NOWHERE = 999_999;

/** A route on a record that does not exist (see NOWHERE); `path` is the route's pattern with `:id`. */
const onNoRecord = (
  method: Method,
  path: string,
  caller: keyof typeof KEYS,
  schema: z.ZodType,
  valid: Json | (() => Json),
): JsonRoute => ({
  route: `${method.toUpperCase()} ${path}`,
  label: `${method.toUpperCase()} ${path}`,
  caller,
  method,
  url: () => path.replace(':id', String(NOWHERE)),
  noRecord: true,
  schema,
  valid: typeof valid === 'function' ? valid : () => valid,
});

const JSON_ROUTES: JsonRoute[] = [
  {
    route: 'POST /work-orders',
    label: 'POST /work-orders',
    caller: 'coordinator',
    method: 'post',
    url: () => '/work-orders',
    schema: createWorkOrderBody,
    valid: () => ({ unitId: f.unitId, description: 'Leak under the sink', priority: 'low', source: 'api' }),
  },
  {
    route: 'POST /work-orders/:id/assignment',
    label: 'POST /work-orders/:id/assignment',
    caller: 'coordinator',
    method: 'post',
    url: () => `/work-orders/${f.unassignedOrder}/assignment`,
    schema: assignmentBody,
    valid: () => ({
      action: 'override',
      technicianId: f.technicianIds[0],
      slot,
      reason: 'tenant asked for Pat',
      force: false,
    }),
  },
  {
    route: 'POST /work-orders/:id/review',
    label: 'POST /work-orders/:id/review',
    caller: 'coordinator',
    method: 'post',
    url: () => `/work-orders/${f.orderOfTechnician1}/review`,
    schema: reviewBody,
    valid: () => ({ decision: 'approve', notes: 'good work', costs: { laborCents: 12_000, partsCents: 900 } }),
  },
  {
    route: 'POST /work-orders/:id/urgent',
    label: 'POST /work-orders/:id/urgent',
    caller: 'coordinator',
    method: 'post',
    url: () => `/work-orders/${f.unassignedOrder}/urgent`,
    schema: markUrgentBody,
    valid: () => ({ reason: 'water reaching the flat below' }),
  },
  {
    route: 'POST /work-orders/:id/messages',
    label: 'POST /work-orders/:id/messages',
    caller: 'coordinator',
    method: 'post',
    url: () => `/work-orders/${f.orderOfTechnician1}/messages`,
    headers: { 'Idempotency-Key': 'bad-bodies' },
    schema: workOrderMessageBody,
    valid: () => ({ to: 'tenant', body: 'Pat will come on Monday morning.' }),
  },
  {
    route: 'POST /work-orders/:id/cancel',
    label: 'POST /work-orders/:id/cancel',
    caller: 'coordinator',
    method: 'post',
    url: () => `/work-orders/${f.unassignedOrder}/cancel`,
    schema: cancelBody,
    valid: () => ({ reason: 'duplicate request' }),
  },
  {
    route: 'POST /work-orders/:id/retry-step',
    label: 'POST /work-orders/:id/retry-step',
    caller: 'coordinator',
    method: 'post',
    url: () => `/work-orders/${f.unassignedOrder}/retry-step`,
    schema: retryStepBody,
    valid: () => ({}),
  },
  visit('on-my-way', onMyWayBody, { etaMinutes: 20 }),
  visit('check-in', checkInBody, { at: '2031-01-01T10:00:00Z' }),
  visit('parts-needed', partsNeededBody, {
    parts: [{ name: 'P-trap', quantity: 2 }],
    eta: '2031-01-01T10:00:00Z',
    note: 'corroded',
  }),
  visit('parts-arrived', partsArrivedBody, { note: 'at the office' }),
  visit('no-access', noAccessBody, { at: '2031-01-01T10:00:00Z', note: 'nobody home' }),
  visit('photos', photosBody, { photos: [{ id: 'abc', kind: 'before' }], notes: 'before' }),
  {
    route: 'PUT /rules',
    label: 'PUT /rules',
    caller: 'coordinator',
    method: 'put',
    url: () => '/rules',
    schema: publishBody,
    valid: () => ({ rules: rules.rules, expectedVersion: rules.version, note: 'tuning' }),
  },
  {
    route: 'POST /schedules',
    label: 'POST /schedules',
    caller: 'scheduler',
    method: 'post',
    url: () => '/schedules',
    schema: createScheduleBody,
    valid: () => ({
      id: 'boilers',
      name: 'Boilers',
      timeZone: 'America/New_York',
      schedule: { calendars: [{ dayOfMonth: 1, hour: 6 }], cron: ['0 6 * * 1'] },
      rules: { equipment: { lifeShare: 0.8 }, seasonal: {} },
    }),
  },
  // No plan by this id: a body that got past its schema would answer 404, not the 400 expected.
  {
    route: 'POST /schedules/:id/trigger',
    label: 'POST /schedules/:id/trigger',
    caller: 'scheduler',
    method: 'post',
    url: () => '/schedules/no-such-plan/trigger',
    schema: triggerBody,
    valid: () => ({}),
  },
  {
    route: 'POST /schedules/:id/preview',
    label: 'POST /schedules/:id/preview',
    caller: 'scheduler',
    method: 'post',
    url: () => '/schedules/no-such-plan/preview',
    schema: previewBody,
    valid: () => ({ asOf: '2031-01-01T10:00:00Z' }),
  },
  {
    route: 'POST /schedules/:id/pause',
    label: 'POST /schedules/:id/pause',
    caller: 'scheduler',
    method: 'post',
    url: () => '/schedules/no-such-plan/pause',
    schema: pauseBody,
    valid: () => ({ note: 'boiler replaced' }),
  },
  {
    route: 'POST /schedules/:id/unpause',
    label: 'POST /schedules/:id/unpause',
    caller: 'scheduler',
    method: 'post',
    url: () => '/schedules/no-such-plan/unpause',
    schema: unpauseBody,
    valid: () => ({ note: 'back on' }),
  },
  portfolio('buildings', newBuildingBody, {
    name: 'Bad Body Court',
    address: '1 Test St',
    latitude: 39.95,
    longitude: -75.16,
    vendorBudgetCapCents: 40_000,
  }),
  portfolio('units', newUnitBody, () => ({ buildingId: f.buildingId, label: '9Z' })),
  portfolio('tenants', newTenantBody, () => ({
    unitId: f.unitId,
    name: 'Robin Test',
    phone: '+12155559876',
    language: 'es',
    availability: [{ days: [1, 3], startHour: 9, endHour: 12 }],
  })),
  portfolio('technicians', newTechnicianBody, {
    name: 'Alex Test',
    phone: '+12675559876',
    skills: ['plumbing'],
    certifications: ['osha-10'],
    maxOrdersPerDay: 5,
    workingHours: [{ days: [1, 2, 3, 4], startHour: 7, endHour: 17 }],
    firstTimeFixRate: 0.9,
    homeLatitude: 39.9,
    homeLongitude: -75.2,
    hourlyRateCents: 7000,
    active: true,
  }),
  portfolio('vendors', newVendorBody, {
    name: 'Bad Body Plumbing',
    phone: '+12155559877',
    skills: ['plumbing'],
    approved: true,
  }),
  onNoRecord('patch', '/buildings/:id', 'admin', PATCH_SCHEMAS.buildings, {
    name: 'Bad Body Court',
    latitude: 39.95,
    vendorBudgetCapCents: 50_000,
  }),
  onNoRecord('patch', '/units/:id', 'admin', PATCH_SCHEMAS.units, { label: '9Y' }),
  onNoRecord('patch', '/tenants/:id', 'admin', PATCH_SCHEMAS.tenants, () => ({
    unitId: f.unitId,
    name: 'Robin Test',
    phone: '+12155559878',
    language: 'en',
    availability: null,
  })),
  onNoRecord('patch', '/technicians/:id', 'admin', PATCH_SCHEMAS.technicians, {
    skills: ['plumbing', 'electrical'],
    certifications: ['epa-608'],
    maxOrdersPerDay: 4,
    workingHours: [
      { days: [1, 2, 3, 4, 5], startHour: 8, endHour: 16 },
      { days: [6], startHour: 9, endHour: 13 },
    ],
    homeLatitude: null,
    hourlyRateCents: 7500,
    language: 'es',
  }),
  onNoRecord('post', '/technicians/:id/time-off', 'coordinator', timeOffBody, {
    start: '2031-07-01',
    end: '2031-07-02T12:00:00Z',
    reason: 'dentist',
  }),
  onNoRecord('patch', '/vendors/:id', 'admin', PATCH_SCHEMAS.vendors, {
    name: 'Bad Body Drains',
    skills: ['plumbing'],
    approved: false,
  }),
  ...['technicians', 'tenants'].flatMap((kind) =>
    ['deactivate', 'reactivate'].map((action) =>
      onNoRecord('post', `/${kind}/:id/${action}`, 'admin', deactivationBody, { reason: 'moved away' }),
    ),
  ),
  {
    route: 'POST /coordinators',
    label: 'POST /coordinators',
    caller: 'admin',
    method: 'post',
    url: () => '/coordinators',
    schema: newCoordinatorBody,
    valid: (): Json => ({
      name: 'Sam Test',
      phone: '+12155559879',
      language: 'es',
      active: true,
      onCall: [
        { kind: 'weekly', days: [1, 5], start: '18:00', end: '08:00' },
        { kind: 'dates', start: '2031-12-24T18:00', end: '2031-12-26T08:00' },
      ],
    }),
  },
  onNoRecord('patch', '/coordinators/:id', 'admin', coordinatorPatchBody, {
    name: 'Sam Test',
    phone: '+12155559879',
    language: 'en',
    active: false,
  }),
  onNoRecord('post', '/coordinators/:id/deactivate', 'admin', deactivateCoordinatorBody, {}),
  onNoRecord('put', '/coordinators/:id/on-call', 'admin', onCallWindowsBody, {
    windows: [
      { kind: 'weekly', days: [6, 7], start: '00:00', end: '24:00' },
      { kind: 'dates', start: '2031-07-03T17:00', end: '2031-07-05T09:00' },
    ],
  }),
  onNoRecord('post', '/sms/holds/:id/attach', 'coordinator', attachHoldBody, () => ({
    unitId: f.unitId,
    senderAsTenant: { name: 'Robin Test', language: 'es' },
  })),
  onNoRecord('post', '/sms/holds/:id/dismiss', 'coordinator', dismissHoldBody, { reason: 'a wrong number' }),
  {
    route: 'POST /equipment',
    label: 'POST /equipment',
    caller: 'scheduler',
    method: 'post',
    url: () => '/equipment',
    schema: RECORD_SCHEMAS.equipment.body,
    valid: () => ({
      buildingId: f.buildingId,
      unitId: f.unitId,
      kind: 'water_heater',
      label: 'Water heater',
      installedOn: '2015-06-01',
      typicalLifeYears: 12,
      retiredOn: null,
    }),
  },
  onNoRecord('patch', '/equipment/:id', 'scheduler', RECORD_SCHEMAS.equipment.patch, {
    unitId: null,
    label: 'Boiler',
    installedOn: '2015-06-01',
    retiredOn: '2030-01-31',
  }),
  {
    route: 'POST /seasonal-tasks',
    label: 'POST /seasonal-tasks',
    caller: 'scheduler',
    method: 'post',
    url: () => '/seasonal-tasks',
    schema: RECORD_SCHEMAS.seasonalTasks.body,
    valid: () => ({
      buildingId: f.buildingId,
      name: 'Gutters',
      description: 'Clear the gutters before winter',
      dueMonth: 10,
      dueDay: 31,
      leadDays: 14,
      priority: 'low',
      active: true,
    }),
  },
  onNoRecord('patch', '/seasonal-tasks/:id', 'scheduler', RECORD_SCHEMAS.seasonalTasks.patch, {
    dueMonth: 4,
    dueDay: 30,
    priority: 'medium',
    active: false,
  }),
];

const FORM_ROUTES: Array<{ route: string; schema: z.ZodType; valid: Record<string, string> }> = [
  {
    route: 'POST /webhooks/twilio/sms',
    schema: inboundSmsBody,
    valid: {
      MessageSid: `SM${'a'.repeat(32)}`,
      AccountSid: 'ACtest',
      From: '+12155550101',
      To: OUR_NUMBER,
      Body: 'The sink leaks',
      NumMedia: '0',
    },
  },
  {
    route: 'POST /webhooks/twilio/status',
    schema: statusBody,
    valid: { MessageSid: `SM${'b'.repeat(32)}`, MessageStatus: 'delivered', ErrorCode: '30003' },
  },
];

const IMPORT_ROUTE = 'POST /imports/appfolio';

async function photoFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

/** Everything that could have been written, to compare before and after. */
async function footprint() {
  const [tables, photos, schedules] = await Promise.all([
    tableCounts(system),
    photoFiles(system.photoStorageDir),
    countSchedules(),
  ]);
  return { tables, photos, schedules };
}

async function countSchedules(): Promise<number> {
  let n = 0;
  for await (const _ of system.env.client.schedule.list()) n++;
  return n;
}

function send(
  method: Method,
  url: string,
  caller: keyof typeof KEYS,
  body: Pick<BadBody, 'contentType' | 'raw'>,
  headers: Record<string, string> = {},
): request.Test {
  const test = request(system.app)[method](url);
  return test
    .set(headers)
    .set('Authorization', `Bearer ${KEYS[caller]}`)
    .set('Content-Type', body.contentType)
    .send(body.raw);
}

/** The answer is the one the body calls for; on a mismatch, says what was sent and what came back. */
function checkAnswer(res: request.Response, body: BadBody): void {
  const seen = {
    kind: body.kind,
    status: res.status,
    paths: ((res.body?.issues ?? []) as Array<{ path: string }>).map((i) => i.path),
  };
  const context = {
    ...seen,
    sent: body.raw.length > 300 ? `${body.raw.slice(0, 300)}… (${body.raw.length} chars)` : body.raw,
    answer: res.body,
  };
  expect({ ...context, status: res.status }).toMatchObject({ status: body.expect.status });
  if ('paths' in body.expect) expect({ ...context, paths: seen.paths }).toMatchObject({ paths: body.expect.paths });
  if ('pathsUnder' in body.expect) {
    expect(seen.paths.length).toBeGreaterThan(0);
    expect(seen.paths.filter((p) => p !== 'body' && !p.startsWith('body.'))).toEqual([]);
  }
}

beforeAll(async () => {
  system = await startSystem({ rules: holdingRules() });
  f = await createAccessFixtures(system);
  const current = (await currentRules(system.db.pool))!;
  rules = { version: current.version, rules: current.rules as Json };
  // The fixtures' workflows are idle from here on: what changes after this is what the requests did.
  let last = JSON.stringify(await footprint());
  for (let settled = 0; settled < 3;) {
    await new Promise((r) => setTimeout(r, 300));
    const now = JSON.stringify(await footprint());
    settled = now === last ? settled + 1 : 0;
    last = now;
  }
});

afterAll(async () => {
  await system?.stop();
});

let before: Awaited<ReturnType<typeof footprint>>;
let histories: Record<number, number>;

describe('bad bodies', () => {
  beforeAll(async () => {
    before = await footprint();
    histories = await historyLengths(system, [f.orderOfTechnician1, f.orderOfTechnician2, f.unassignedOrder]);
  });

  test('every POST, PUT and PATCH route of the app is covered', () => {
    const covered = new Set([...JSON_ROUTES.map((r) => r.route), ...FORM_ROUTES.map((r) => r.route), IMPORT_ROUTE]);
    const writes = appRoutes(system.app)
      .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))
      .map(routeKey);
    expect(writes.filter((key) => !covered.has(key))).toEqual([]);
  });

  test.each(JSON_ROUTES.map((r) => [r.label, r] as const))(
    '%s: 4xx naming the fields, never 5xx, nothing written',
    async (_label, route) => {
      expect(route.schema.safeParse(route.valid()).success).toBe(true);
      // Every body schema is strict: a field the route does not take is refused, never ignored nor stored.
      expect(route.schema.safeParse({ ...(route.valid() as object), notAField: 1 }).success).toBe(false);
      await fc.assert(
        fc.asyncProperty(badJsonBodies(route.schema, route.valid()), async (body) => {
          const res = await send(route.method, route.url(), route.caller, body, route.headers);
          checkAnswer(res, body);
          expect(await tableCounts(system)).toEqual(before.tables);
        }),
        { numRuns: RUNS },
      );
      if (route.noRecord) {
        // The body is judged before the id is looked up: past the schema, the missing record is what is refused.
        const res = await send(
          route.method,
          route.url(),
          route.caller,
          { contentType: 'application/json', raw: JSON.stringify(route.valid()) },
          route.headers,
        );
        expect({ status: res.status, answer: res.body }).toMatchObject({ status: 404 });
        expect(await tableCounts(system)).toEqual(before.tables);
      }
    },
  );

  test.each(FORM_ROUTES.map((r) => [r.route, r] as const))(
    '%s (signed): 400 naming the fields, never 5xx, nothing written',
    async (_label, route) => {
      await fc.assert(
        fc.asyncProperty(badFormParams(route.schema, route.valid), async ({ params, paths }) => {
          const res = await system.postSignedWebhook(route.route.replace('POST ', ''), params);
          expect({
            params,
            status: res.status,
            paths: (res.body.issues ?? []).map((i: { path: string }) => i.path),
          }).toEqual({ params, status: 400, paths });
          expect(await tableCounts(system)).toEqual(before.tables);
        }),
        { numRuns: RUNS },
      );
      // Too big, or not a form: refused before the signature is even checked.
      const big = await request(system.app)
        .post(route.route.replace('POST ', ''))
        .type('form')
        .send(`Body=${'x'.repeat(70 * 1024)}`);
      expect(big.status).toBe(413);
      const json = await request(system.app).post(route.route.replace('POST ', '')).send(route.valid);
      expect(json.status).toBe(403);
    },
  );

  test(`${IMPORT_ROUTE}: 4xx naming the body's problems, never 5xx, nothing written`, async () => {
    const cellOfWrongType = fc.oneof(
      fc.boolean(),
      fc.array(fc.jsonValue({ maxDepth: 2 })),
      fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
    );
    const json = (kind: string, body: fc.Arbitrary<unknown>) =>
      body.map((b): BadBody => ({
        kind,
        contentType: 'application/json',
        raw: JSON.stringify(b),
        expect: { status: 400, pathsUnder: 'body' },
      }));
    const exports = fc
      .oneof(
        json(
          'not an object',
          fc.oneof(fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }), fc.constantFrom(null, 1, 'rows', true)),
        ),
        json(
          'no rows',
          fc.dictionary(
            fc.string().filter((k) => k !== 'rows' && k !== 'results'),
            fc.jsonValue({ maxDepth: 3 }),
            { maxKeys: 4 },
          ),
        ),
        json(
          'rows not a list',
          fc
            .jsonValue({ maxDepth: 3 })
            .filter((v) => !Array.isArray(v))
            .map((rows) => ({ rows })),
        ),
        json(
          'cells of the wrong type',
          fc
            .array(fc.dictionary(fc.string({ minLength: 1 }), cellOfWrongType, { minKeys: 1, maxKeys: 4 }), {
              minLength: 1,
              maxLength: 5,
            })
            .map((rows) => ({ rows })),
        ),
        json(
          'rows without the report columns',
          fc
            .array(
              fc.dictionary(
                fc.string({ minLength: 1, maxLength: 12 }),
                fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
                { maxKeys: 4 },
              ),
              { maxLength: 5 },
            )
            .map((rows) => ({ rows })),
        ),
        fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }), { maxLength: 6 }).map((lines): BadBody => ({
          kind: 'CSV without the report columns',
          contentType: 'text/csv',
          raw: lines.map((l) => l.join(',')).join('\r\n'),
          expect: { status: 400, pathsUnder: 'body' },
        })),
        ...commonBadBodies({}, 5 * 1024 * 1024).slice(0, 1),
      )
      .map(printable);
    await fc.assert(
      fc.asyncProperty(exports, async (body) => {
        const res = await send('post', '/imports/appfolio', 'admin', body);
        checkAnswer(res, body);
        expect(await tableCounts(system)).toEqual(before.tables);
      }),
      { numRuns: RUNS },
    );
  });

  test('nothing reached a workflow, a schedule or the photo folder', async () => {
    // A signal or an update that got through would be in a history; a schedule or a photo would be there to see.
    expect(await historyLengths(system, [f.orderOfTechnician1, f.orderOfTechnician2, f.unassignedOrder])).toEqual(
      histories,
    );
    expect(await footprint()).toEqual(before);
  });
});
