import { CLOCK_SKEW_SECONDS } from '../../domain/photoCompleteness';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { startSystem, type KEYS, type TestSystem } from '../support/system';

/**
 * The times that prove a visit are the server's: a check-in or no-access time from the phone counts only within
 * CLOCK_SKEW_SECONDS of the server's clock, and the photo review's window starts at the check-in, so photos taken long
 * before the visit are refused.
 */

let system: TestSystem;
let technicianIds: number[];

beforeAll(async () => {
  system = await startSystem();
  technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id')
  ).rows.map((r) => r.id);
});

afterAll(async () => {
  await system?.stop();
});

const YEAR_MS = 365 * 86_400_000;
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function scheduledOrder(description: string): Promise<{ number: number; key: keyof typeof KEYS }> {
  const { unitId, tenantId } = await system.unitWithTenant();
  const created = await system.as('coordinator').post('/work-orders').send({ unitId, description });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-yes-${number}`, tenantId });
  const { state } = await system.waitForAgreement(number, 'scheduled');
  const technicianId = state.assignment!.technicianId;
  return {
    number,
    key:
      technicianId === technicianIds[0]
        ? 'technician1'
        : technicianId === technicianIds[1]
          ? 'technician2'
          : 'coordinator',
  };
}

async function eventPayloads(number: number, type: string): Promise<Array<Record<string, unknown>>> {
  return (
    await system.db.pool.query('SELECT payload FROM events WHERE work_order_number = $1 AND type = $2 ORDER BY id', [
      number,
      type,
    ])
  ).rows.map((r) => r.payload);
}

test(`a check-in or no-access time more than ${CLOCK_SKEW_SECONDS / 60} minutes from the server's clock is a 400 naming body.at; within it is taken`, async () => {
  const { number, key } = await scheduledOrder('The kitchen faucet drips all night');
  const skewMinutes = CLOCK_SKEW_SECONDS / 60;
  for (const [action, at] of [
    ['check-in', new Date(Date.now() - YEAR_MS).toISOString()],
    ['check-in', minutesFromNow(skewMinutes + 5)],
    ['no-access', minutesFromNow(-(skewMinutes + 5))],
  ] as const) {
    const res = await system.as(key).post(`/work-orders/${number}/visit/${action}`).send({ at });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['body.at']);
  }
  expect((await system.rowOf(number)).status).toBe('scheduled');

  const at = minutesFromNow(-2);
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({ at })).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  expect((await eventPayloads(number, 'checked_in')).map((p) => p.at)).toEqual([at]);
});

test("with the server's check-in time, photos taken a year earlier are refused; photos taken now pass", async () => {
  const { number, key } = await scheduledOrder('The bathroom sink drain is clogged');
  const before = Date.now();
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  const after = Date.now();
  await system.waitForAgreement(number, 'in_progress');
  const [checkedIn] = await eventPayloads(number, 'checked_in');
  const checkedInAt = new Date(String(checkedIn!.at)).getTime();
  expect(checkedInAt).toBeGreaterThanOrEqual(before);
  expect(checkedInAt).toBeLessThanOrEqual(after);

  expect(
    (await system.uploadPhotos(number, key, { takenAt: new Date(Date.now() - YEAR_MS).toISOString() })).status,
  ).toBe(202);
  await system.waitForEvent(number, 'photos_refused');
  const [refused] = await eventPayloads(number, 'photos_refused');
  expect(refused!.issues).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^before photo .* before the check-in/),
      expect.stringMatching(/^after photo .* before the check-in/),
    ]),
  );
  expect((await system.rowOf(number)).status).toBe('in_progress');

  expect((await system.uploadPhotos(number, key)).status).toBe(202);
  await system.waitForAgreement(number, 'ready_review');
});
