import { startSystem, type TestSystem } from '../support/system';

/**
 * The portfolio routes (GET, GET :id, POST of buildings, units, tenants, technicians, vendors): what an admin adds is
 * live at once (a new tenant's text opens a work order for that unit), a record that exists already is a 409 naming
 * it with nothing written, and each addition is in the event log, attributed, without phone numbers.
 */

let system: TestSystem;

beforeAll(async () => {
  system = await startSystem();
});

afterAll(async () => {
  await system?.stop();
});

/**
 * What a portfolio request could write: the five tables and events outside any work order. (Not every table: the
 * work order the first test opened keeps writing its own rows meanwhile.)
 */
async function portfolioFootprint(): Promise<Record<string, number>> {
  const { rows } = await system.db.pool.query(
    `SELECT (SELECT count(*)::int FROM buildings) AS buildings, (SELECT count(*)::int FROM units) AS units, (SELECT count(*)::int FROM tenants) AS tenants,
            (SELECT count(*)::int FROM technicians) AS technicians, (SELECT count(*)::int FROM vendors) AS vendors,
            (SELECT count(*)::int FROM events WHERE work_order_number IS NULL) AS events`,
  );
  return rows[0];
}

async function eventsOfType(
  type: string,
): Promise<
  Array<{ actor_type: string; actor_id: string; payload: Record<string, unknown>; work_order_number: number | null }>
> {
  const { rows } = await system.db.pool.query(
    'SELECT actor_type, actor_id, payload, work_order_number FROM events WHERE type = $1 ORDER BY id',
    [type],
  );
  return rows;
}

test('an admin adds a building, a unit and a tenant; the tenant’s first text opens a work order for that unit', async () => {
  const building = await system.as('admin').post('/buildings').send({
    name: 'Portfolio Test Lofts',
    address: '12 Test Ave, Philadelphia, PA',
    latitude: 39.96,
    longitude: -75.15,
  });
  expect(building.status).toBe(201);
  expect(building.headers.location).toBe(`/buildings/${building.body.id}`);
  expect(building.body).toMatchObject({ name: 'Portfolio Test Lofts', vendorBudgetCapCents: 50_000 });

  const unit = await system.as('admin').post('/units').send({ buildingId: building.body.id, label: '3C' });
  expect(unit.status).toBe(201);
  expect(unit.body).toMatchObject({ buildingId: building.body.id, label: '3C' });

  const availability = [{ days: [6, 7], startHour: 10, endHour: 14 }];
  const tenant = await system
    .as('admin')
    .post('/tenants')
    .send({ unitId: unit.body.id, name: 'Noor Haddad', phone: '+12155550777', language: 'es', availability });
  expect(tenant.status).toBe(201);
  expect(tenant.body).toMatchObject({
    unitId: unit.body.id,
    buildingId: building.body.id,
    phone: '+12155550777',
    language: 'es',
    availability,
  });
  expect(tenant.headers.location).toBe(`/tenants/${tenant.body.id}`);
  expect((await system.as('coordinator').get(`/tenants/${tenant.body.id}`)).body).toEqual(tenant.body);

  const reply = await system.textFrom('+12155550777', 'El calentador de agua no funciona');
  expect(reply.status).toBe(200);
  const { rows } = await system.db.pool.query(
    'SELECT number::int AS number, building_id::int AS "buildingId", unit_id::int AS "unitId" FROM work_orders WHERE tenant_id = $1',
    [tenant.body.id],
  );
  expect(rows).toEqual([{ number: expect.any(Number), buildingId: building.body.id, unitId: unit.body.id }]);
  expect(reply.text).toContain(`#${rows[0].number}`);

  const added = (await eventsOfType('tenant_added')).find((e) => e.payload.id === tenant.body.id);
  expect(added).toEqual({
    actor_type: 'admin',
    actor_id: 'admin',
    work_order_number: null,
    payload: { id: tenant.body.id, unitId: unit.body.id, name: 'Noor Haddad' },
  });
  expect(JSON.stringify(await eventsOfType('tenant_added'))).not.toContain('+12155550777');
});

test('a technician and a vendor are added with their defaults and found by the list filters', async () => {
  const tech = await system
    .as('admin')
    .post('/technicians')
    .send({ name: 'Dana Brooks', phone: '+12675550150', skills: ['roofing', 'general'] });
  expect(tech.status).toBe(201);
  expect(tech.body).toMatchObject({
    skills: ['roofing', 'general'],
    certifications: [],
    maxOrdersPerDay: 6,
    firstTimeFixRate: 0.85,
    hourlyRateCents: 6500,
    active: true,
    vendorId: null,
    homeLatitude: null,
  });

  const roofers = await system.as('coordinator').get('/technicians?skill=roofing&active=true');
  expect(roofers.status).toBe(200);
  expect(roofers.body.items.map((t: { id: number }) => t.id)).toContain(tech.body.id);
  expect(
    roofers.body.items.every((t: { skills: string[]; active: boolean }) => t.skills.includes('roofing') && t.active),
  ).toBe(true);
  expect(
    (await system.as('ops').get('/technicians?active=false')).body.items.map((t: { id: number }) => t.id),
  ).not.toContain(tech.body.id);

  const vendor = await system
    .as('admin')
    .post('/vendors')
    .send({ name: 'Portfolio Test Glass', phone: '+12155550778', skills: ['general'] });
  expect(vendor.status).toBe(201);
  expect(vendor.body).toMatchObject({ approved: false });
  const unapproved = await system.as('coordinator').get('/vendors?approved=false&skill=general');
  expect(unapproved.body.items.map((v: { name: string }) => v.name)).toContain('Portfolio Test Glass');
  expect(unapproved.body.items.every((v: { approved: boolean }) => !v.approved)).toBe(true);
});

test('a record that exists already is a 409 naming it, and nothing is written', async () => {
  const { rows } = await system.db.pool.query<{
    buildingId: number;
    name: string;
    unitId: number;
    label: string;
    techPhone: string;
    techId: number;
  }>(
    `SELECT b.id::int AS "buildingId", b.name, u.id::int AS "unitId", u.label, t.phone AS "techPhone", t.id::int AS "techId"
       FROM buildings b JOIN units u ON u.building_id = b.id, technicians t ORDER BY b.id, u.id, t.id LIMIT 1`,
  );
  const seeded = rows[0]!;
  const before = await portfolioFootprint();

  const sameName = await system
    .as('admin')
    .post('/buildings')
    .send({ name: seeded.name, address: 'elsewhere', latitude: 0, longitude: 0 });
  expect(sameName.status).toBe(409);
  expect(sameName.body.message).toContain(`/buildings/${seeded.buildingId}`);
  expect(sameName.body.issues).toEqual([{ path: 'body.name', message: `taken by /buildings/${seeded.buildingId}` }]);

  const sameLabel = await system
    .as('admin')
    .post('/units')
    .send({ buildingId: seeded.buildingId, label: seeded.label });
  expect(sameLabel.status).toBe(409);
  expect(sameLabel.body.issues).toEqual([{ path: 'body.label', message: `taken by /units/${seeded.unitId}` }]);

  // One number is one person to the SMS channel: a technician's phone cannot become a tenant's.
  const techPhone = await system
    .as('admin')
    .post('/tenants')
    .send({ unitId: seeded.unitId, name: 'Someone', phone: seeded.techPhone });
  expect(techPhone.status).toBe(409);
  expect(techPhone.body.issues).toEqual([{ path: 'body.phone', message: `taken by /technicians/${seeded.techId}` }]);

  const noBuilding = await system.as('admin').post('/units').send({ buildingId: 999_999, label: '1A' });
  expect(noBuilding.status).toBe(404);
  expect(noBuilding.body.issues).toEqual([{ path: 'body.buildingId', message: 'not found' }]);
  const noUnit = await system
    .as('admin')
    .post('/tenants')
    .send({ unitId: 999_999, name: 'Nobody', phone: '+12155550999' });
  expect(noUnit.status).toBe(404);

  expect((await system.as('coordinator').get('/units/999999')).status).toBe(404);
  expect(await portfolioFootprint()).toEqual(before);
});

test('the same vendor posted 5 times at once is added once: one 201, four 409s, one row, one event', async () => {
  const body = { name: 'Concurrent Plumbing Co.', phone: '+12155550779', skills: ['plumbing'], approved: true };
  const answers = await Promise.all([1, 2, 3, 4, 5].map(() => system.as('admin').post('/vendors').send(body)));
  expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409]);
  const id = answers.find((a) => a.status === 201)!.body.id;
  for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toContain(`/vendors/${id}`);
  const { rows } = await system.db.pool.query('SELECT count(*)::int AS n FROM vendors WHERE name = $1', [body.name]);
  expect(rows[0].n).toBe(1);
  expect((await eventsOfType('vendor_added')).filter((e) => e.payload.name === body.name)).toHaveLength(1);
});

test('lists page in id order: the pages joined are the whole list, each record once', async () => {
  const all = await system.as('ops').get('/buildings?limit=500');
  expect(all.body.nextCursor).toBeNull();
  expect(all.body.items.length).toBeGreaterThan(2);
  const paged: Array<{ id: number }> = [];
  let cursor: string | null = null;
  do {
    const res = await system.as('ops').get(`/buildings?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    paged.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor !== null);
  expect(paged).toEqual(all.body.items);
  const ids = paged.map((b) => b.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));

  const bad = await system.as('ops').get('/technicians?skill=juggling&active=maybe&limit=0');
  expect(bad.status).toBe(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
    'query.active',
    'query.limit',
    'query.skill',
  ]);
});
