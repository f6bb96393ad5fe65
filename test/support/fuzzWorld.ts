import fc from 'fast-check';
import { APPFOLIO_COLUMNS } from '../../domain/appfolio/columns';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { Json } from './badBodies';
import { createAccessFixtures, createOrder, holdingRules, type AccessFixtures } from './matrixFixtures';
import type { Caller, FuzzOperation, HintPlace, RequestContext } from './openapiRequests';
import type { JsonSchema } from './schemaArbitrary';
import { KEYS, OUR_NUMBER, type TestSystem } from './system';

/**
 * What the API fuzz knows about the system it sends requests to: the records that exist (so that generated ids,
 * phones and names reach past a 404 most of the time), who may call what, and the fixture orders each technician owns.
 */

/** Holding rules (every order waits for a coordinator) with the production durations: no timer comes due while the fuzz runs. */
export function fuzzRules(): Rules {
  return { ...holdingRules(), durations: { ...DEFAULT_RULES.durations } };
}

export interface FuzzFixtures extends AccessFixtures {
  /** Technician 1's order with the technician on site: where photos, parts and no-access apply. */
  inProgressOrder: number;
  /** The fixture technicians' skills as seeded: a new fixture order needs them (a PATCH may have changed them). */
  technicianSkills: string[][];
  /** The tenants as seeded (unit, language, availability), which a PATCH may have changed. */
  seededTenants: unknown[];
}

/** Each fixture order's status, which it keeps until a request moves it on. */
const FIXTURE_STATUSES = {
  orderOfTechnician1: 'awaiting_confirmation',
  orderOfTechnician2: 'awaiting_confirmation',
  unassignedOrder: 'needs_assignment',
  inProgressOrder: 'in_progress',
} as const;
type MovableFixture = keyof typeof FIXTURE_STATUSES;

/** Visit slots no two fixture orders share: a weekday-agnostic hour, 5 to 13 days ahead (within the booking horizon). */
let slotsTaken = 0;
function nextSlot(): { start: string; end: string } {
  const n = slotsTaken++;
  const start = new Date(Date.now() + (5 + (n % 9)) * 86_400_000);
  start.setUTCHours(13 + Math.floor(n / 9), 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
}

/** A new order for the unit, proposed to the technician and waiting for the tenant's answer. */
async function awaitingOrder(
  system: TestSystem,
  unitId: number,
  technicianId: number,
  description: string,
): Promise<number> {
  const number = await createOrder(system, unitId, description);
  const res = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'override', technicianId, slot: nextSlot(), reason: 'fixture for the API fuzz', force: true });
  if (res.status !== 200) throw new Error(`could not assign ${number}: ${res.status} ${JSON.stringify(res.body)}`);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  return number;
}

/** A new order of technician 1 with the technician on site, in another unit than the access fixtures' (texts stay apart). */
async function inProgressOrder(system: TestSystem, f: AccessFixtures): Promise<number> {
  const { rows } = await system.db.pool.query<{ unitId: number; tenantId: number }>(
    `SELECT u.id::int AS "unitId", t.id::int AS "tenantId" FROM units u JOIN tenants t ON t.unit_id = u.id WHERE u.id <> $1 ORDER BY u.id LIMIT 1`,
    [f.unitId],
  );
  const { unitId, tenantId } = rows[0]!;
  const number = await awaitingOrder(system, unitId, f.technicianIds[0], 'The bathroom fan rattles');
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-fuzz-fixture-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  const checkIn = await system.as('technician1').post(`/work-orders/${number}/visit/check-in`).send({});
  if (checkIn.status !== 202)
    throw new Error(`could not check in on ${number}: ${checkIn.status} ${JSON.stringify(checkIn.body)}`);
  await system.waitForAgreement(number, 'in_progress');
  return number;
}

/** The access fixtures (matrixFixtures.ts) and an order in progress. Needs a system started with fuzzRules(). */
export async function createFuzzFixtures(system: TestSystem): Promise<FuzzFixtures> {
  const access = await createAccessFixtures(system);
  // The tenants as seeded, put back before each new fixture order (restoreFixtures).
  const seededTenants = (
    await system.db.pool.query('SELECT id, unit_id, language, availability FROM tenants ORDER BY id')
  ).rows;
  const { rows } = await system.db.pool.query<{ skills: string[] }>(
    'SELECT skills FROM technicians WHERE id = ANY($1) ORDER BY array_position($1, id::int)',
    [access.technicianIds],
  );
  return {
    ...access,
    inProgressOrder: await inProgressOrder(system, access),
    technicianSkills: rows.map((r) => r.skills),
    seededTenants,
  };
}

/**
 * A request that succeeded may have moved a fixture order on (cancelled it, confirmed its visit, ordered parts): each
 * one no longer where it was is replaced by a new order where it was, so that every operation meets the same states.
 */
export async function restoreFixtures(system: TestSystem, f: FuzzFixtures): Promise<void> {
  // A new fixture order is proposed to the fixture technicians and asks its tenant: a request may have deactivated
  // them or changed their skills (PATCH, POST .../deactivate), which moved the old fixtures on in the first place.
  for (const [i, id] of f.technicianIds.entries())
    await system.db.pool.query('UPDATE technicians SET active = true, skills = $2 WHERE id = $1', [
      id,
      f.technicianSkills[i],
    ]);
  await system.db.pool.query('UPDATE tenants SET active = true WHERE NOT active');
  // A PATCH may have moved a fixture unit's tenant to another unit: its new orders would have nobody to ask, and their
  // visits would go ahead without asking. The seeded tenants go back to their units (a changed phone still reaches
  // them, and may since belong to a tenant a POST added, so phones stay as they are).
  await system.db.pool.query(
    `UPDATE tenants t SET unit_id = s.unit_id, language = s.language, availability = s.availability
       FROM jsonb_to_recordset($1::jsonb) AS s(id bigint, unit_id bigint, language text, availability jsonb)
      WHERE t.id = s.id AND (t.unit_id, t.language, t.availability) IS DISTINCT FROM (s.unit_id, s.language, s.availability)`,
    [JSON.stringify(f.seededTenants)],
  );
  // A fuzzed STOP from a tenant's phone opts them out, and an opted-out tenant's visit goes ahead without asking.
  await system.db.pool.query(
    'DELETE FROM sms_opt_outs WHERE phone IN (SELECT phone FROM tenants WHERE phone IS NOT NULL)',
  );
  for (const [fixture, status] of Object.entries(FIXTURE_STATUSES) as Array<[MovableFixture, string]>) {
    if ((await system.rowOf(f[fixture])).status === status) continue;
    if (fixture === 'inProgressOrder') f.inProgressOrder = await inProgressOrder(system, f);
    else if (fixture === 'unassignedOrder')
      f.unassignedOrder = await createOrder(system, f.unitId, 'The hallway closet door sticks');
    else
      f[fixture] = await awaitingOrder(
        system,
        f.unitId,
        f.technicianIds[fixture === 'orderOfTechnician1' ? 0 : 1],
        'The bathroom sink drips',
      );
  }
}

/** The fixture orders, to watch for history events. */
export const fixtureOrders = (f: FuzzFixtures) => [
  f.orderOfTechnician1,
  f.orderOfTechnician2,
  f.unassignedOrder,
  f.cancelledOrder,
  f.inProgressOrder,
];

export interface World {
  orders: number[];
  buildings: Array<{ id: number; name: string }>;
  units: Array<{ id: number; label: string }>;
  tenants: number[];
  technicians: number[];
  vendors: number[];
  phones: string[];
  rulesVersion: number;
  rules: Json;
  lastEventId: number;
  /** Preventive plans (the API's ids; Temporal's schedules are named after them). */
  planIds: string[];
  outboundSids: string[];
  photoIds: string[];
  /** Where technician 1's in-progress order is: photos taken elsewhere are refused. */
  site: { latitude: number; longitude: number };
}

export async function loadWorld(system: TestSystem, f: FuzzFixtures): Promise<World> {
  const q = async <T extends object>(sql: string, params: unknown[] = []) =>
    (await system.db.pool.query<T & Record<string, unknown>>(sql, params)).rows;
  const ids = async (table: string) =>
    (await q<{ id: number }>(`SELECT id::int AS id FROM ${table} ORDER BY id`)).map((r) => r.id);
  const [orders, buildings, units, tenants, technicians, vendors, phones, rules, events, sids, photos, plans, site] =
    await Promise.all([
      q<{ n: number }>('SELECT number::int AS n FROM work_orders ORDER BY number').then((rows) => rows.map((r) => r.n)),
      q<{ id: number; name: string }>('SELECT id::int AS id, name FROM buildings ORDER BY id'),
      q<{ id: number; label: string }>('SELECT id::int AS id, label FROM units ORDER BY id'),
      ids('tenants'),
      ids('technicians'),
      ids('vendors'),
      q<{ phone: string }>(
        'SELECT phone FROM tenants UNION SELECT phone FROM technicians UNION SELECT phone FROM vendors',
      ).then((rows) => rows.map((r) => r.phone)),
      q<{ version: number; rules: Json }>('SELECT version, rules FROM rules ORDER BY version DESC LIMIT 1'),
      q<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM events'),
      q<{ sid: string }>(
        `SELECT provider_sid AS sid FROM sms_messages WHERE provider_sid IS NOT NULL ORDER BY id DESC LIMIT 20`,
      ).then((rows) => rows.map((r) => r.sid)),
      q<{ id: string }>('SELECT id::text AS id FROM photos ORDER BY uploaded_at DESC LIMIT 20').then((rows) =>
        rows.map((r) => r.id),
      ),
      q<{ id: string }>('SELECT id FROM preventive_plans WHERE deleted_at IS NULL ORDER BY id').then((rows) =>
        rows.map((r) => r.id),
      ),
      q<{ latitude: number; longitude: number }>(
        'SELECT b.latitude, b.longitude FROM work_orders w JOIN buildings b ON b.id = w.building_id WHERE w.number = $1',
        [f.inProgressOrder],
      ),
    ]);
  return {
    orders,
    buildings,
    units,
    tenants,
    technicians,
    vendors,
    phones,
    rulesVersion: rules[0]!.version,
    rules: rules[0]!.rules,
    lastEventId: events[0]!.id,
    planIds: plans,
    outboundSids: sids,
    photoIds: photos,
    site: site[0]!,
  };
}

type KeyName = keyof typeof KEYS;
const KEYS_OF_ROLE: Record<string, KeyName[]> = {
  admin: ['admin'],
  coordinator: ['coordinator'],
  ops: ['ops'],
  scheduler: ['scheduler'],
  technician: ['technician1', 'technician2'],
};
const withKey = (name: KeyName): Caller => ({ name, headers: { authorization: `Bearer ${KEYS[name]}` } });
/** Credentials that are not a key: unknown, cut short, in another scheme, two at once, huge, not ASCII. */
const BAD_AUTHORIZATIONS = [
  `Bearer wok_000000000000_${'A'.repeat(43)}`,
  'Bearer',
  'Bearer ',
  'Basic dXNlcjpwYXNz',
  `Bearer ${KEYS.admin}x`,
  `Bearer ${KEYS.admin.slice(0, -1)}`,
  `bearer ${KEYS.coordinator}`,
  `Bearer ${KEYS.coordinator}, Bearer ${KEYS.admin}`,
  `Bearer ${'A'.repeat(4_000)}`,
  'Bearer \u00e9\u00ff',
  `Token ${KEYS.admin}`,
];
const badKey = fc
  .constantFrom(...BAD_AUTHORIZATIONS)
  .map((authorization): Caller => ({ name: 'bad key', headers: { authorization } }));
const noKey = fc.constant<Caller>({ name: 'no key', headers: {} });

/** Mostly a key the operation takes (the fuzz is about what gets past the role check), now and then anyone else. */
function callerFor(operation: FuzzOperation): fc.Arbitrary<Caller> {
  const everyKey = Object.keys(KEYS) as KeyName[];
  if (operation.auth === 'none')
    return fc.oneof(
      { weight: 4, arbitrary: noKey },
      { weight: 1, arbitrary: fc.constantFrom(...everyKey).map(withKey) },
      { weight: 1, arbitrary: badKey },
    );
  if (operation.auth === 'twilio') {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant<Caller>({ name: 'signed', headers: {}, signed: true }) },
      { weight: 1, arbitrary: fc.constant<Caller>({ name: 'unsigned', headers: {} }) },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('forged', '', 'a'.repeat(5_000))
          .map((signature): Caller => ({ name: 'forged signature', headers: { 'x-twilio-signature': signature } })),
      },
      { weight: 1, arbitrary: fc.constant(withKey('admin')) },
    );
  }
  const allowed = operation.auth.roles.flatMap((role) => KEYS_OF_ROLE[role] ?? []);
  const others = everyKey.filter((k) => !allowed.includes(k));
  return fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...allowed).map(withKey) },
    ...(others.length ? [{ weight: 1, arbitrary: fc.constantFrom(...others).map(withKey) }] : []),
    { weight: 1, arbitrary: noKey },
    { weight: 1, arbitrary: badKey },
  );
}

const pick = <T>(values: readonly T[], fallback: T): fc.Arbitrary<T> =>
  values.length ? fc.constantFrom(...values) : fc.constant(fallback);
const freshPhone = fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `+1215${n}`);
const nearNow = fc
  .integer({ min: -120, max: 60 })
  .map((seconds) => new Date(Date.now() + seconds * 1000).toISOString());

/** A visit slot a technician can take: a weekday afternoon within the booking horizon. */
const futureSlot = fc.integer({ min: 2, max: 12 }).map((days): Json => {
  const start = new Date(Date.now() + days * 86_400_000);
  start.setUTCHours(15, 0, 0, 0);
  return { start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() };
});

/** A line of an AppFolio work order report with the columns the import reads, as AppFolio writes them (the fuzz spoils a cell). */
function appfolioRow(world: World): fc.Arbitrary<Json> {
  const date = fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`);
  const c = APPFOLIO_COLUMNS;
  return fc.record(
    {
      [c.workOrderNumber]: fc.oneof(
        fc.integer({ min: 1, max: 99_999 }).map((n) => `${n}-1`),
        fc.integer({ min: 1, max: 99_999 }),
      ),
      [c.propertyName]: pick(
        world.buildings.map((b) => b.name),
        'Building A',
      ),
      [c.unit]: pick(
        world.units.map((u) => u.label),
        '101',
      ),
      [c.jobDescription]: fc.constantFrom('Leaking faucet in kitchen', 'No heat', 'Replace smoke detector battery'),
      [c.status]: fc.constantFrom(
        'New',
        'Assigned',
        'Scheduled',
        'Estimated',
        'Work Done',
        'Completed',
        'Canceled',
        'Waiting',
      ),
      [c.priority]: fc.constantFrom('Urgent', 'Normal', 'Low'),
      [c.createdAt]: date,
      [c.scheduledStart]: date,
      [c.completedOn]: date,
      [c.amount]: fc.constantFrom('$1,234.56', '80', '0.50', 125),
      [c.vendor]: fc.constantFrom('Quick Plumbing', 'Nobody Inc'),
    },
    { requiredKeys: [c.workOrderNumber, c.status, c.jobDescription, c.unit, c.propertyName] },
  ) as fc.Arbitrary<Json>;
}

const SMS_WORDS = [
  'YES',
  'yes',
  'NO',
  'STOP',
  'START',
  'HELP',
  'Y',
  'sí',
  'Building A - 205',
  'My sink is leaking',
  'There is water everywhere, emergency!',
  'Can you come tomorrow at 3pm instead?',
];

/** When a plan runs: one of each kind of spec the API takes. */
const planSpec = fc.constantFrom<Json>(
  { cron: ['0 6 * * 1'] },
  { calendars: [{ hour: 6, dayOfMonth: 1 }] },
  { intervals: [{ everySeconds: 86_400 }] },
);
const planRules = fc.constantFrom<Json>(
  { seasonal: {} },
  { equipment: { lifeShare: 0.8 } },
  { seasonal: { graceDays: 7 }, equipment: {} },
);

/** Known values for the parameters and fields the fuzz should get right most of the time, by name. */
function hintFor(world: World, f: FuzzFixtures) {
  return (name: string, schema: JsonSchema, where: HintPlace): fc.Arbitrary<Json> | undefined => {
    const isInteger = schema.type === 'integer';
    const path = where.operation.path;
    if (where.in === 'body' && path === '/schedules') {
      if (name === 'schedule') return planSpec;
      if (name === 'rules') return planRules;
    }
    if (where.in === 'body' && name === 'id' && path.endsWith('/visit/photos'))
      return pick(world.photoIds, 'no-such-photo');
    if (where.in !== 'path') return fieldHint(world, name, schema);
    if (name === 'id' && path.startsWith('/work-orders/')) {
      if (where.caller.name === 'technician1')
        return fc.constantFrom(f.orderOfTechnician1, f.inProgressOrder, f.orderOfTechnician1);
      if (where.caller.name === 'technician2') return fc.constant(f.orderOfTechnician2);
      return fc.oneof(
        {
          weight: 3,
          arbitrary: fc.constantFrom(
            f.orderOfTechnician1,
            f.orderOfTechnician2,
            f.unassignedOrder,
            f.cancelledOrder,
            f.inProgressOrder,
          ),
        },
        { weight: 1, arbitrary: pick(world.orders, 1) },
      );
    }
    if (name === 'id' && path.startsWith('/schedules/'))
      return pick([...world.planIds, 'no-such-plan'], 'no-such-plan');
    if (name === 'id' && isInteger) {
      const table = {
        '/buildings/{id}': world.buildings.map((b) => b.id),
        '/units/{id}': world.units.map((u) => u.id),
        '/tenants/{id}': world.tenants,
        '/technicians/{id}': world.technicians,
        '/vendors/{id}': world.vendors,
      }[path];
      return table ? pick(table, 1) : undefined;
    }
    if (name === 'version') return fc.integer({ min: 1, max: world.rulesVersion + 1 });
    return undefined;
  };
}

/** Known values for a query parameter, a header or a body field (an array's items go by the array's name). */
function fieldHint(world: World, name: string, schema: JsonSchema): fc.Arbitrary<Json> | undefined {
  if (schema.type === 'array') return undefined;
  if (schema.type === 'object') {
    if (name === 'rules' && 'thresholds' in ((schema.properties ?? {}) as object)) return fc.constant(world.rules);
    if (name === 'rows' || name === 'results') return appfolioRow(world);
    if (name === 'slot') return futureSlot;
    return undefined;
  }
  if (schema.type === 'string') {
    const strings: Record<string, fc.Arbitrary<Json>> = {
      phone: fc.oneof(freshPhone, pick(world.phones, '+12155550101')),
      From: fc.oneof(
        { weight: 3, arbitrary: pick(world.phones, '+12155550101') },
        { weight: 1, arbitrary: freshPhone },
      ),
      To: fc.constant(OUR_NUMBER),
      MessageSid: fc.oneof(
        pick(world.outboundSids, 'SM0'),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 32, maxLength: 32 }).map((h) => `SM${h}`),
      ),
      Body: fc.oneof(
        fc.constantFrom(...SMS_WORDS),
        pick(world.orders, 1).map((n) => `ACK ${n}`),
      ),
      at: nearNow,
      takenAt: nearNow,
      timeZone: fc.constantFrom('America/New_York', 'UTC', 'Europe/Paris', 'Mars/Olympus_Mons', 'Etc/GMT+14'),
      file: fc.constantFrom('before.jpg', 'after.jpg', 'cleanup.jpg'),
      filename: fc.constantFrom('before.jpg', 'after.jpg', 'cleanup.jpg'),
      cursor: fc.nat({ max: world.lastEventId + 5 }).map(String),
    };
    return Object.hasOwn(strings, name) ? strings[name] : undefined;
  }
  const numbers: Record<string, fc.Arbitrary<Json>> = {
    expectedVersion: fc.constant(world.rulesVersion),
    latitude: fc.constant(world.site.latitude),
    longitude: fc.constant(world.site.longitude),
    unitId: pick(
      world.units.map((u) => u.id),
      1,
    ),
    buildingId: pick(
      world.buildings.map((b) => b.id),
      1,
    ),
    buildingIds: pick(
      world.buildings.map((b) => b.id),
      1,
    ),
    tenantId: pick(world.tenants, 1),
    technicianId: pick(world.technicians, 1),
    vendorId: pick(world.vendors, 1),
    workOrderId: pick(world.orders, 1),
    after: fc.nat({ max: world.lastEventId + 5 }),
    before: fc.nat({ max: world.lastEventId + 5 }),
    lastEventId: fc.nat({ max: world.lastEventId + 5 }),
    'last-event-id': fc.nat({ max: world.lastEventId + 5 }),
  };
  return Object.hasOwn(numbers, name) ? numbers[name] : undefined;
}

export function fuzzContext(world: World, f: FuzzFixtures): RequestContext {
  return { caller: callerFor, hint: hintFor(world, f) };
}
