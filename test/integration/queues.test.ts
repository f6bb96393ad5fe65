/**
 * The vendor-pick queue on the real Temporal server and Postgres (issue 17 item 1): a roof job nobody on staff can do
 * is offered to the roofing vendors; once a quote is texted in, the order waits for the coordinator's pick, and it
 * is in /queues/vendor-pick (and in no other queue) with why and since when, counted by queue_size. The pick takes
 * it out.
 */
import request from 'supertest';
import { QUEUE_NAMES } from '../../db/queries/queues';
import { startSystem, testRules, type TestSystem } from '../support/system';

let system: TestSystem;
let unitId: number;
let vendors: Array<{ id: number; phone: string }>;

beforeAll(async () => {
  system = await startSystem();
  vendors = (
    await system.db.pool.query<{ id: number; phone: string }>(
      `SELECT id::int AS id, phone FROM vendors WHERE 'roofing' = ANY (skills) AND approved ORDER BY id`,
    )
  ).rows;
  ({ unitId } = await system.unitWithTenant());
});

afterAll(async () => {
  await system?.stop();
});

interface Entry {
  number: number;
  why: { kind: string; reason: string };
  since: string;
}

async function queuesHolding(number: number): Promise<Array<{ queue: string; entry: Entry; total: number }>> {
  const found: Array<{ queue: string; entry: Entry; total: number }> = [];
  for (const queue of QUEUE_NAMES) {
    const answer = await system.as('coordinator').get(`/queues/${queue}?limit=500`);
    expect(answer.status).toBe(200);
    const entry = (answer.body.items as Entry[]).find((i) => i.number === number);
    if (entry) found.push({ queue, entry, total: answer.body.total });
  }
  return found;
}

function queueSize(metrics: string, queue: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`queue_size{queue="${queue}"} `));
  return Number(line?.split(' ')[1]);
}

test('vendor quotes waiting for a pick are in the vendor-pick queue, with why and since, and counted; the pick takes the order out', async () => {
  await system.publishRules({
    ...testRules(),
    vendors: { mode: 'broadcast', offerCount: 3, responseWindowSeconds: 600 },
  });
  const created = await system.as('coordinator').post('/work-orders').send({
    unitId,
    description: 'Shingles blew off the roof in the storm, the gutter is hanging loose',
    priority: 'medium',
  });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  await system.waitForState(number, (s) => s.vendorRequest?.offers.length === vendors.length);
  await system.waitForAgreement(number, 'needs_assignment');
  // Offered and waiting for the vendors: nothing for a coordinator yet.
  expect(await queuesHolding(number)).toEqual([]);

  const before = Date.now();
  expect((await system.textFrom(vendors[0]!.phone, `#${number} tomorrow 9am $350`)).status).toBe(200);
  await system.waitForState(number, (s) => s.pendingDecision?.kind === 'vendor_pick');
  const { attributes } = await system.waitForAgreement(number, 'needs_assignment');
  expect(attributes.needsCoordinator).toBe(true);

  const deadline = Date.now() + 10_000;
  let homes = await queuesHolding(number);
  while (homes.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    homes = await queuesHolding(number);
  }
  expect(homes.map((h) => h.queue)).toEqual(['vendor-pick']);
  const { entry, total } = homes[0]!;
  expect(entry.why).toEqual({ kind: 'vendor_pick', reason: '1 vendor quote to choose from' });
  expect(new Date(entry.since).getTime()).toBeGreaterThanOrEqual(before - 1_000);
  expect(new Date(entry.since).getTime()).toBeLessThanOrEqual(Date.now());
  expect(total).toBeGreaterThanOrEqual(1);
  expect(queueSize((await request(system.app).get('/metrics')).text, 'vendor-pick')).toBe(total);

  // A second quote changes the reason, not since when the order has waited.
  expect((await system.textFrom(vendors[1]!.phone, `$420, can be there tomorrow at 8am`)).status).toBe(200);
  await system.waitForState(number, (s) => s.pendingDecision?.reason === '2 vendor quotes to choose from');
  const waitUntil = Date.now() + 10_000;
  let again = (await queuesHolding(number))[0];
  while (again?.entry.why.reason !== '2 vendor quotes to choose from' && Date.now() < waitUntil) {
    await new Promise((r) => setTimeout(r, 100));
    again = (await queuesHolding(number))[0];
  }
  expect(again).toMatchObject({
    queue: 'vendor-pick',
    entry: { why: { kind: 'vendor_pick', reason: '2 vendor quotes to choose from' }, since: entry.since },
  });

  const picked = await system
    .as('coordinator')
    .post(`/work-orders/${number}/assignment`)
    .send({ action: 'vendor', vendorId: vendors[0]!.id });
  expect(picked.status).toBe(200);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  expect((await queuesHolding(number)).map((h) => h.queue)).not.toContain('vendor-pick');
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
});
