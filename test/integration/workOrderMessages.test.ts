import { coordinatorTextWorkflowId } from '../../workflows/coordinatorTextDefinitions';
import { startSystem, type TestSystem } from '../support/system';

/**
 * A coordinator texts an order's tenant or technician (POST /work-orders/:id/messages): sent by the worker through the
 * SMS layer (here the fake Twilio), in the order's conversation, the coordinator's, once per Idempotency-Key, never to
 * a number that texted STOP.
 */

let system: TestSystem;

interface TenantRow {
  id: number;
  phone: string;
}

let tenants: TenantRow[];

beforeAll(async () => {
  system = await startSystem({ sms: 'twilio' });
  tenants = (
    await system.db.pool.query<TenantRow>(`SELECT id::int AS id, phone FROM tenants WHERE language = 'en' ORDER BY id`)
  ).rows;
});

afterAll(async () => {
  await system?.stop();
});

function takeTenant(): TenantRow {
  const tenant = tenants.shift();
  if (!tenant) throw new Error('no tenant left');
  return tenant;
}

/** An order the tenant reports by text; the clogged sink is auto-assigned and waits for the tenant's YES. */
async function reportedOrder(
  tenant: TenantRow,
  words = 'Kitchen sink is clogged and the drain is backing up',
): Promise<number> {
  const res = await system.textFrom(tenant.phone, words);
  expect(res.status).toBe(200);
  const number = Number(/#(\d+)/.exec(res.text)![1]);
  return number;
}

const message = (number: number, key: string | null, body: unknown) => {
  const req = system.as('coordinator').post(`/work-orders/${number}/messages`);
  return (key === null ? req : req.set('Idempotency-Key', key)).send(body as object);
};

async function coordinatorTexts(
  number: number,
): Promise<Array<{ to_phone: string; body: string; status: string; recipient_type: string }>> {
  return (await system.outboundSms(number)).filter((m) => m.kind === 'coordinator_message');
}

test("a text to the tenant: sent once through Twilio, in the order's conversation, the coordinator's; the same key again sends nothing", async () => {
  const tenant = takeTenant();
  const number = await reportedOrder(tenant);
  await system.waitForAgreement(number, 'awaiting_confirmation');

  const sent = await message(number, 'k-tenant-1', {
    to: 'tenant',
    body: 'Sam is running 20 minutes late, sorry for the wait.',
  });
  expect(sent.status).toBe(201);
  expect(sent.body).toMatchObject({
    number,
    to: 'tenant',
    recipientId: tenant.id,
    body: `#${number}: Sam is running 20 minutes late, sorry for the wait.`,
    replayed: false,
  });
  const atTwilio = system.twilio!.messagesTo(tenant.phone).filter((m) => m.body.startsWith(`#${number}: Sam`));
  expect(atTwilio).toHaveLength(1);

  const detail = await system.as('coordinator').get(`/work-orders/${number}`);
  const inConversation = detail.body.sms.filter((m: { kind: string }) => m.kind === 'coordinator_message');
  expect(inConversation).toEqual([
    expect.objectContaining({
      id: sent.body.messageId,
      direction: 'outbound',
      to: tenant.phone,
      recipientType: 'tenant',
      body: sent.body.body,
    }),
  ]);
  const events = detail.body.events.filter((e: { type: string }) => e.type === 'coordinator_texted');
  expect(events).toEqual([expect.objectContaining({ actorType: 'coordinator', actorId: 'coordinator' })]);

  // A retried POST (the answer lost on the way back, say): the first answer, nothing sent again.
  const retried = await message(number, 'k-tenant-1', {
    to: 'tenant',
    body: 'Sam is running 20 minutes late, sorry for the wait.',
  });
  expect(retried.status).toBe(201);
  expect(retried.body).toMatchObject({ messageId: sent.body.messageId, replayed: true });
  // Two at the same moment with a new key: one text.
  const both = await Promise.all(
    [1, 2].map(() => message(number, 'k-tenant-2', { to: 'tenant', body: 'Please leave the door unlocked.' })),
  );
  expect(both.map((r) => r.status)).toEqual([201, 201]);
  expect(new Set(both.map((r) => r.body.messageId)).size).toBe(1);
  expect((await coordinatorTexts(number)).map((m) => m.body)).toEqual([
    `#${number}: Sam is running 20 minutes late, sorry for the wait.`,
    `#${number}: Please leave the door unlocked.`,
  ]);
  expect(system.twilio!.messagesTo(tenant.phone).filter((m) => m.body.startsWith(`#${number}: `))).toHaveLength(2);

  // The same key for other words is a mistake, not a retry.
  const reused = await message(number, 'k-tenant-1', { to: 'tenant', body: 'Something else entirely' });
  expect(reused.status).toBe(422);
  expect(reused.body.error).toBe('idempotency_key_reused');
  expect(await coordinatorTexts(number)).toHaveLength(2);
});

test('a text to the technician goes to the assigned technician; with none assigned it is a 409 and nothing is sent', async () => {
  const tenant = takeTenant();
  const number = await reportedOrder(tenant);
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  const technician = (
    await system.db.pool.query('SELECT phone FROM technicians WHERE id = $1', [state.assignment!.technicianId])
  ).rows[0];
  const sent = await message(number, 'k-tech-1', {
    to: 'technician',
    body: 'The tenant asks you to call before you come.',
  });
  expect(sent.status).toBe(201);
  expect(sent.body.recipientId).toBe(state.assignment!.technicianId);
  expect(await coordinatorTexts(number)).toEqual([
    expect.objectContaining({ to_phone: technician.phone, recipient_type: 'technician' }),
  ]);

  // Waiting in review: nobody is assigned yet.
  const other = takeTenant();
  const inReview = await reportedOrder(other, 'Something is wrong with the toilet');
  await system.waitForSearchAttributes(inReview, (a) => a.needsCoordinator === true);
  expect((await system.rowOf(inReview)).assigned_technician_id).toBeNull();
  const refused = await message(inReview, 'k-tech-2', { to: 'technician', body: 'Heads up.' });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toBe('no_recipient');
  expect(await coordinatorTexts(inReview)).toEqual([]);
  await expect(
    system.env.client.workflow.getHandle(coordinatorTextWorkflowId(inReview, 'k-tech-2')).describe(),
  ).rejects.toThrow();
});

test('a tenant who texted STOP is not texted: 409 with the reason, no text, no row, no workflow; after START the same key sends', async () => {
  const tenant = takeTenant();
  const number = await reportedOrder(tenant);
  await system.waitForAgreement(number, 'awaiting_confirmation');
  expect((await system.textFrom(tenant.phone, 'STOP')).status).toBe(200);
  const atTwilioBefore = system.twilio!.messagesTo(tenant.phone).length;

  const refused = await message(number, 'k-stop-1', { to: 'tenant', body: 'Are you home today?' });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toBe('recipient_opted_out');
  expect(refused.body.message).toMatch(/STOP/);
  expect(await coordinatorTexts(number)).toEqual([]);
  expect(system.twilio!.messagesTo(tenant.phone)).toHaveLength(atTwilioBefore);
  expect(
    (
      await system.db.pool.query(
        `SELECT count(*)::int AS n FROM events WHERE work_order_number = $1 AND type = 'coordinator_texted'`,
        [number],
      )
    ).rows[0].n,
  ).toBe(0);

  expect((await system.textFrom(tenant.phone, 'START')).status).toBe(200);
  const sent = await message(number, 'k-stop-1', { to: 'tenant', body: 'Are you home today?' });
  expect(sent.status).toBe(201);
  expect(sent.body.replayed).toBe(false);
});

test('bad requests are 400s by field, an unknown order 404, another role 403: nothing sent', async () => {
  const tenant = takeTenant();
  const number = await reportedOrder(tenant);
  const issues = async (res: Promise<{ status: number; body: { issues?: Array<{ path: string }> } }>) => {
    const answer = await res;
    expect(answer.status).toBe(400);
    return answer.body.issues!.map((i) => i.path);
  };
  expect(await issues(message(number, null, { to: 'tenant', body: 'hi' }))).toEqual(['headers.idempotency-key']);
  expect(await issues(message(number, 'has space', { to: 'tenant', body: 'hi' }))).toEqual(['headers.idempotency-key']);
  expect(await issues(message(number, 'k-bad-1', { to: 'landlord', body: '' }))).toEqual(['body.to', 'body.body']);
  expect(await issues(message(number, 'k-bad-1', { to: 'tenant', body: 'x'.repeat(400) }))).toEqual(['body.body']);
  expect(await issues(message(number, 'k-bad-1', { to: 'tenant', body: 'hi', extra: 1 }))).toEqual(['body']);
  expect((await message(999_999, 'k-bad-2', { to: 'tenant', body: 'hi' })).status).toBe(404);
  expect(
    (
      await system
        .as('ops')
        .post(`/work-orders/${number}/messages`)
        .set('Idempotency-Key', 'k-bad-3')
        .send({ to: 'tenant', body: 'hi' })
    ).status,
  ).toBe(403);
  expect(await coordinatorTexts(number)).toEqual([]);
});
