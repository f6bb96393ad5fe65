import { DEFAULT_RULES } from '../../domain/rules';
import { workOrderWorkflowId, tenantReplySignal } from '../../workflows/definitions';
import { recordHistoryIfAsked } from '../support/histories';
import { startSystem, testRules, type TestSystem } from '../support/system';

/**
 * Vendor dispatch on the real server: nobody on staff does roofing, so a roof job is offered to the approved roofing
 * vendors by SMS. Their texted quotes are parsed and kept, the coordinator picks one (over the building's cap only
 * with an explicit approval), and the vendor's crew then visits, photographs and is reviewed like a technician.
 */

let system: TestSystem;
let vendors: { keystone: { id: number; phone: string }; summit: { id: number; phone: string } };
let unitId: number;
let tenantId: number;

beforeAll(async () => {
  system = await startSystem();
  const rows = (
    await system.db.pool.query<{ id: number; name: string; phone: string }>(
      `SELECT id::int AS id, name, phone FROM vendors WHERE 'roofing' = ANY (skills) AND approved ORDER BY id`,
    )
  ).rows;
  vendors = {
    keystone: rows.find((v) => v.name.startsWith('Keystone'))!,
    summit: rows.find((v) => v.name.startsWith('Summit'))!,
  };
  ({ unitId, tenantId } = await system.unitWithTenant());
});

afterAll(async () => {
  await system?.stop();
});

const ROOF_JOB = 'Shingles blew off the roof in the storm, the gutter is hanging loose';

async function create(): Promise<number> {
  const res = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: ROOF_JOB, priority: 'medium' });
  expect(res.status).toBe(201);
  return res.body.number;
}

async function eventsOf(
  number: number,
  type: string,
): Promise<Array<{ actor_type: string; actor_id: string; payload: Record<string, unknown> }>> {
  return (
    await system.db.pool.query(
      'SELECT actor_type, actor_id, payload FROM events WHERE work_order_number = $1 AND type = $2 ORDER BY id',
      [number, type],
    )
  ).rows;
}

async function offers(
  number: number,
): Promise<Array<{ vendor_id: number; status: string; quote_cents: number | null }>> {
  return (
    await system.db.pool.query(
      'SELECT vendor_id::int AS vendor_id, status, quote_cents FROM vendor_offers WHERE work_order_number = $1 ORDER BY vendor_id',
      [number],
    )
  ).rows;
}

async function waitForSms(
  number: number,
  kind: string,
  atLeast = 1,
): Promise<Array<{ to_phone: string; body: string }>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = (await system.outboundSms(number)).filter((m) => m.kind === kind);
    if (found.length >= atLeast || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('offered to both roofing vendors; two texted quotes; the one over the cap needs approval; the crew visits and the job completes with its costs', async () => {
  await system.publishRules({
    ...testRules(),
    vendors: { mode: 'broadcast', offerCount: 3, responseWindowSeconds: 600 },
  });
  const number = await create();
  const offered = await system.waitForState(number, (s) => s.vendorRequest?.offers.length === 2);
  expect(offered.vendorRequest).toMatchObject({ mode: 'broadcast', budgetCapCents: 50_000 });
  expect(offered.vendorRequest!.reason).toMatch(/no internal technician fits/);
  await system.waitForAgreement(number, 'needs_assignment');
  const { routing } = (
    await system.db.pool.query<{ routing: { outcome: string; reasons: string[] } }>(
      'SELECT routing FROM work_orders WHERE number = $1',
      [number],
    )
  ).rows[0]!;
  expect(routing.outcome).toBe('review');
  expect(routing.reasons.at(-1)).toMatch(/^offered to approved vendors \(no internal technician fits: /);
  const offerTexts = await waitForSms(number, 'vendor_offer', 2);
  expect(offerTexts.map((m) => m.to_phone).sort()).toEqual([vendors.keystone.phone, vendors.summit.phone].sort());

  // Nothing to pick yet.
  expect(
    (
      await system
        .as('coordinator')
        .post(`/work-orders/${number}/assignment`)
        .send({ action: 'vendor', vendorId: vendors.keystone.id })
    ).status,
  ).toBe(409);

  expect((await system.textFrom(vendors.keystone.phone, `#${number} tomorrow 9am $350`)).status).toBe(200);
  expect((await system.textFrom(vendors.summit.phone, `$900, can be there tomorrow at 8am`)).status).toBe(200);
  const quoted = await system.waitForState(
    number,
    (s) => s.vendorRequest?.offers.every((o) => o.status === 'quoted') === true,
  );
  expect(quoted.pendingDecision).toEqual({ kind: 'vendor_pick', reason: '2 vendor quotes to choose from' });
  expect(quoted.vendorRequest!.offers.map((o) => o.quoteCents).sort()).toEqual([35_000, 90_000]);
  expect((await offers(number)).map((o) => [o.status, o.quote_cents])).toEqual(
    [vendors.keystone, vendors.summit]
      .sort((a, b) => a.id - b.id)
      .map((v) => ['quoted', v === vendors.keystone ? 35_000 : 90_000]),
  );
  // The event follows the state by one activity: wait for both.
  await system.waitForState(number, (s) => s.needsCoordinator);
  const deadline = Date.now() + 10_000;
  while ((await eventsOf(number, 'vendor_quoted')).length < 2 && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  expect((await eventsOf(number, 'vendor_quoted')).map((e) => e.payload.overBudget).sort()).toEqual([false, true]);
  const { attributes } = await system.waitForAgreement(number, 'needs_assignment');
  expect(attributes.needsCoordinator).toBe(true);

  // Summit is over the $500 cap: refused without an explicit approval, accepted with one.
  const refused = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'vendor', vendorId: vendors.summit.id });
  expect(refused.status).toBe(422);
  expect(refused.body.message).toMatch(/over the building's cap of \$500\.00/);
  const picked = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'vendor', vendorId: vendors.summit.id, approveOverBudget: true });
  expect(picked.status).toBe(200);
  expect(picked.body).toMatchObject({ status: 'awaiting_confirmation', assignment: { decidedBy: 'vendor' } });
  expect(picked.body.assignment.reason).toMatch(
    /Summit Roofing Co\.'s quote of \$900\.00 \(over the building's cap of \$500\.00, approved\)/,
  );
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  const crew = (
    await system.db.pool.query('SELECT id::int AS id, vendor_id::int AS vendor FROM technicians WHERE id = $1', [
      state.assignment!.technicianId,
    ])
  ).rows[0];
  expect(crew).toEqual({ id: state.assignment!.technicianId, vendor: vendors.summit.id });
  expect(
    (
      await system.db.pool.query(
        'SELECT vendor_id::int AS vendor, vendor_cost_cents AS cost FROM work_orders WHERE number = $1',
        [number],
      )
    ).rows[0],
  ).toEqual({ vendor: vendors.summit.id, cost: 90_000 });
  expect((await offers(number)).find((o) => o.vendor_id === vendors.summit.id)!.status).toBe('picked');
  expect((await offers(number)).find((o) => o.vendor_id === vendors.keystone.id)!.status).toBe('not_picked');
  expect((await waitForSms(number, 'vendor_awarded'))[0]!.to_phone).toBe(vendors.summit.phone);
  expect((await waitForSms(number, 'vendor_not_picked'))[0]!.to_phone).toBe(vendors.keystone.phone);
  expect((await waitForSms(number, 'confirmation_request'))[0]!.body).toMatch(/Technician: Summit Roofing Co\./);

  // The same visit, photo and review steps follow; a coordinator reports for the crew.
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-yes-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  expect((await system.as('coordinator').post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  expect((await system.uploadPhotos(number, 'coordinator')).status).toBe(202);
  await system.waitForAgreement(number, 'ready_review');
  const approved = await system
    .as('coordinator')
    .post(`/work-orders/${number}/review`)
    .send({ decision: 'approve', costs: { partsCents: 12_500 } });
  expect(approved.status).toBe(200);
  await system.waitForAgreement(number, 'completed');
  expect(
    (
      await system.db.pool.query(
        'SELECT parts_cost_cents, labor_cost_cents, vendor_cost_cents FROM work_orders WHERE number = $1',
        [number],
      )
    ).rows[0],
  ).toEqual({ parts_cost_cents: 12_500, labor_cost_cents: null, vendor_cost_cents: 90_000 });
  await recordHistoryIfAsked(
    system.env.address,
    workOrderWorkflowId(number),
    'vendor-quotes-over-cap-approved-completed',
  );
});

test('one vendor at a time: a decline moves the offer on; when nobody answers in time the order escalates to the coordinator', async () => {
  await system.publishRules({
    ...testRules(),
    vendors: { ...DEFAULT_RULES.vendors, mode: 'sequential', responseWindowSeconds: 2 },
  });
  const number = await create();
  const first = await system.waitForState(number, (s) => s.vendorRequest?.offers.length === 1);
  const firstVendor = first.vendorRequest!.offers[0]!.vendorId;
  const firstPhone = firstVendor === vendors.keystone.id ? vendors.keystone.phone : vendors.summit.phone;
  expect((await system.textFrom(firstPhone, 'no, sorry, booked up this week')).status).toBe(200);
  const second = await system.waitForState(number, (s) => s.vendorRequest?.offers.length === 2);
  expect(second.vendorRequest!.offers[0]).toMatchObject({ vendorId: firstVendor, status: 'declined' });
  expect(second.vendorRequest!.offers[1]!.vendorId).not.toBe(firstVendor);

  // The second vendor never answers: after its 2 s window the order goes to the coordinator with the reason.
  const { state, attributes } = await system.waitForAgreement(number, 'escalated', 20_000);
  expect(state.pendingDecision?.kind).toBe('assignment');
  expect(state.pendingDecision?.reason).toMatch(/no vendor answered within 2 s/);
  expect(state.vendorRequest!.offers.map((o) => o.status)).toEqual(['declined', 'expired']);
  expect(attributes.needsCoordinator).toBe(true);
  expect((await offers(number)).map((o) => o.status).sort()).toEqual(['declined', 'expired']);
  expect(await eventsOf(number, 'vendor_offers_expired')).toHaveLength(1);
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
});

test('offered to every roofing vendor at once and none answers: the offers expire and the coordinator decides', async () => {
  await system.publishRules({
    ...testRules(),
    vendors: { mode: 'broadcast', offerCount: 3, responseWindowSeconds: 2 },
  });
  const number = await create();
  await system.waitForState(number, (s) => s.vendorRequest?.offers.length === 2);
  const { state } = await system.waitForAgreement(number, 'escalated', 20_000);
  expect(state.vendorRequest!.offers.map((o) => o.status)).toEqual(['expired', 'expired']);
  expect(state.pendingDecision).toMatchObject({ kind: 'assignment' });
  expect(state.pendingDecision!.reason).toMatch(/no internal technician fits.*no vendor answered within 2 s/);
  expect((await offers(number)).map((o) => o.status)).toEqual(['expired', 'expired']);
  // A quote that arrives after the window changes nothing.
  expect((await system.textFrom(vendors.keystone.phone, `#${number} tomorrow 9am $350`)).status).toBe(200);
  await new Promise((r) => setTimeout(r, 500));
  expect((await system.liveState(number)).pendingDecision?.kind).toBe('assignment');
  expect(
    (
      await system
        .as('coordinator')
        .post(`/work-orders/${number}/assignment`)
        .send({ action: 'vendor', vendorId: vendors.keystone.id })
    ).status,
  ).toBe(409);
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
});
