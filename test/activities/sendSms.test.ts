import { quietActivityEnvironment } from '../support/activityEnvironment';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createTwilioSender } from '../../activities/adapters/twilioSms';
import { createActivities, type Activities } from '../../activities';
import type { SendSmsRequest } from '../../activities/sms';
import { recordDeliveryStatus } from '../../api/sms/deliveryStatus';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio';

let db: TestDatabase;
let twilio: FakeTwilio;
let activities: Activities;
const { env } = quietActivityEnvironment();
const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> =>
  env.run(fn, ...args) as Promise<R>;
let number: number;
let tenantId: number;
const TENANT_PHONE = '+12155550999';

beforeAll(async () => {
  db = await createTestDatabase();
  twilio = await startFakeTwilio();
  const sender = createTwilioSender({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+15550001234',
    apiBaseUrl: twilio.url,
    timeoutMs: 1000,
  });
  activities = createActivities({
    pool: db.pool,
    classifier: createHeuristicClassifier(),
    sms: { sender, senderNumber: '+15550001234' },
  });
  await db.pool.query(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Building T', '1 Test St', 40.7, -74.0)`,
  );
  await db.pool.query(`INSERT INTO units (building_id, label) SELECT id, '101' FROM buildings`);
  tenantId = Number(
    (
      await db.pool.query(
        `INSERT INTO tenants (unit_id, name, phone, language) SELECT id, 'Pat', $1, 'es' FROM units RETURNING id`,
        [TENANT_PHONE],
      )
    ).rows[0].id,
  );
  number = Number(
    (
      await db.pool.query(
        `INSERT INTO work_orders (building_id, unit_id, tenant_id, description, source) SELECT building_id, id, $1, 'fuga', 'sms' FROM units RETURNING number`,
        [tenantId],
      )
    ).rows[0].number,
  );
  await db.pool.query(
    `INSERT INTO technicians (name, phone, skills) VALUES ('Ray Delgado', '+12675550141', '{plumbing}')`,
  );
});

afterAll(async () => {
  await twilio?.close();
  await db?.drop();
});

function request(key: string): SendSmsRequest {
  return {
    idempotencyKey: key,
    workOrderNumber: number,
    recipient: { type: 'tenant', id: tenantId },
    spec: { kind: 'confirmation_reminder', at: '2031-03-04T14:00:00Z' },
    timeZone: 'America/New_York',
  };
}

test('a retried send with the same key texts once, in the tenant’s language', async () => {
  const first = await run(activities.sendSms, request('k-once'));
  const again = await run(activities.sendSms, request('k-once'));
  expect(first.outcome).toBe('sent');
  expect(again).toEqual(first);
  expect(twilio.messagesTo(TENANT_PHONE)).toHaveLength(1);
  expect(twilio.messagesTo(TENANT_PHONE)[0]!.body).toMatch(/orden #\d+/);
});

test('a 500 from Twilio is retried by Temporal; the retry sends exactly one message', async () => {
  const before = twilio.messagesTo(TENANT_PHONE).length;
  twilio.failNext(1, { status: 500, message: 'internal' });
  await expect(run(activities.sendSms, request('k-retry'))).rejects.toMatchObject({ retryable: true });
  const row = (await db.pool.query(`SELECT status, attempts FROM sms_messages WHERE idempotency_key = 'k-retry'`))
    .rows[0];
  expect(row).toEqual({ status: 'sending', attempts: 1 });
  const retried = await run(activities.sendSms, request('k-retry'));
  expect(retried.outcome).toBe('sent');
  expect(twilio.messagesTo(TENANT_PHONE)).toHaveLength(before + 1);
  expect(
    (await db.pool.query(`SELECT status, attempts FROM sms_messages WHERE idempotency_key = 'k-retry'`)).rows[0],
  ).toEqual({ status: 'queued', attempts: 2 });
});

test('a worker that died after Twilio accepted a text, before recording it, does not text twice: the retry finds it at Twilio', async () => {
  const before = twilio.messagesTo(TENANT_PHONE).length;
  const real = createTwilioSender({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+15550001234',
    apiBaseUrl: twilio.url,
    timeoutMs: 1000,
  });
  const dying = createActivities({
    pool: db.pool,
    classifier: createHeuristicClassifier(),
    sms: {
      senderNumber: '+15550001234',
      sender: {
        name: 'twilio',
        send: async (message) => {
          await real.send(message);
          throw new Error('the worker died here (kill -9)');
        },
      },
    },
  });
  await expect(run(dying.sendSms, request('k-died'))).rejects.toThrow('the worker died here');
  expect(twilio.messagesTo(TENANT_PHONE)).toHaveLength(before + 1);

  const retried = await run(activities.sendSms, request('k-died'));
  expect(retried.outcome).toBe('sent');
  expect(twilio.messagesTo(TENANT_PHONE)).toHaveLength(before + 1);
  const accepted = twilio.messagesTo(TENANT_PHONE).at(-1)!;
  expect(retried).toMatchObject({ providerSid: accepted.sid });
  expect(
    (await db.pool.query(`SELECT status, attempts, provider_sid FROM sms_messages WHERE idempotency_key = 'k-died'`))
      .rows[0],
  ).toEqual({ status: 'queued', attempts: 2, provider_sid: accepted.sid });

  // A text with the same body under another key (a resend of an undelivered one) is still sent: that message is the
  // first one's.
  const resend = await run(activities.sendSms, request('k-died/retry-1'));
  expect(resend.outcome).toBe('sent');
  expect(twilio.messagesTo(TENANT_PHONE)).toHaveLength(before + 2);
});

test('a number Twilio refuses is an answer, not a retry; an opted-out number is never sent to', async () => {
  twilio.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
  const refused = await run(activities.sendSms, request('k-refused'));
  expect(refused).toMatchObject({ outcome: 'refused' });
  expect(await run(activities.sendSms, request('k-refused'))).toEqual(refused);

  const before = twilio.createAttempts;
  await db.pool.query(`INSERT INTO sms_opt_outs (phone) VALUES ($1)`, [TENANT_PHONE]);
  const suppressed = await run(activities.sendSms, request('k-opted-out'));
  expect(suppressed.outcome).toBe('suppressed_opt_out');
  expect(twilio.createAttempts).toBe(before);
  await db.pool.query(`DELETE FROM sms_opt_outs WHERE phone = $1`, [TENANT_PHONE]);
});

test('a failure receipt that arrives before the send is recorded is still reported, exactly once', async () => {
  // The receipt goes through the real webhook code while the provider call is still "in flight".
  const earlySid = 'SMearlyfailure000000000000000001';
  const racing = createActivities({
    pool: db.pool,
    classifier: createHeuristicClassifier(),
    sms: {
      senderNumber: '+15550001234',
      sender: {
        name: 'twilio',
        send: async () => {
          expect(
            await recordDeliveryStatus(db.pool, { messageSid: earlySid, status: 'undelivered', errorCode: '30003' }),
          ).toBeNull();
          return { providerSid: earlySid, status: 'queued' };
        },
      },
    },
  });
  const result = await run(racing.sendSms, request('k-early'));
  expect(result).toMatchObject({
    outcome: 'sent',
    providerSid: earlySid,
    earlyFailure: { status: 'undelivered', errorCode: '30003' },
  });
  expect(
    (await db.pool.query(`SELECT status, error FROM sms_messages WHERE idempotency_key = 'k-early'`)).rows[0],
  ).toEqual({ status: 'undelivered', error: '30003' });
  // The same receipt again (Twilio repeats them) reports nothing more.
  expect(
    await recordDeliveryStatus(db.pool, { messageSid: earlySid, status: 'undelivered', errorCode: '30003' }),
  ).toBeNull();
  const events = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE idempotency_key = $1`, [
    `sms-status/${earlySid}/undelivered`,
  ]);
  expect(events.rows[0].n).toBe(1);
});

test('every visit text is rendered in the recipient’s language; the tenant is not told why an order was cancelled', async () => {
  const technicianId = Number((await db.pool.query(`SELECT id FROM technicians ORDER BY id LIMIT 1`)).rows[0].id);
  const send = async (key: string, recipient: SendSmsRequest['recipient'], spec: SendSmsRequest['spec']) => {
    const result = await run(activities.sendSms, {
      idempotencyKey: key,
      workOrderNumber: number,
      recipient,
      spec,
      timeZone: 'America/New_York',
    });
    expect(result.outcome).toBe('sent');
    return (await db.pool.query<{ body: string }>(`SELECT body FROM sms_messages WHERE idempotency_key = $1`, [key]))
      .rows[0]!.body;
  };
  const tenant = { type: 'tenant', id: tenantId } as const;
  const technician = { type: 'technician', id: technicianId } as const;

  expect(await send('v-parts', tenant, { kind: 'parts_ordered', eta: '2031-03-04T19:00:00Z' })).toBe(
    `Se pidieron las piezas para la orden #${number}. Esperamos volver alrededor del mar 4 mar; le enviaremos un mensaje para confirmar la hora.`,
  );
  expect(await send('v-access', tenant, { kind: 'access_request', attempt: 2 })).toMatch(/^Es la segunda vez/);
  expect(await send('v-legal', tenant, { kind: 'access_escalation', step: 'legal' })).toContain('equipo legal');
  expect(await send('v-survey', tenant, { kind: 'survey_request' })).toContain('Responda del 1 al 5');
  const toTenant = await send('v-cancel-tenant', tenant, {
    kind: 'cancelled',
    audience: 'tenant',
    reason: 'duplicate of another order',
  });
  expect(toTenant).toBe(
    `La orden de trabajo #${number} fue cancelada. Si todavía necesita ayuda, envíenos un mensaje.`,
  );
  expect(toTenant).not.toContain('duplicate');
  expect(
    await send('v-cancel-tech', technician, {
      kind: 'cancelled',
      audience: 'technician',
      reason: 'duplicate of another order',
    }),
  ).toBe(
    `Work order #${number} (Building T - 101, 1 Test St) is cancelled: duplicate of another order. It is off your schedule.`,
  );
  expect(
    await send('v-cancel-tech-at', technician, {
      kind: 'cancelled',
      audience: 'technician',
      reason: 'duplicate',
      at: '2031-03-04T19:00:00Z',
    }),
  ).toBe(
    `Work order #${number} (Building T - 101, 1 Test St, Tue Mar 4, 2:00 PM) is cancelled: duplicate. It is off your schedule.`,
  );
  // Technicians' notices (issue 16) name the order, the address and the time, in the technician's language.
  expect(
    await send('v-moved', technician, {
      kind: 'technician_slot_moved',
      at: '2031-03-04T19:00:00Z',
      from: '2031-03-04T15:00:00Z',
    }),
  ).toBe(
    `Moved: work order #${number} at Building T - 101, 1 Test St is now Tue Mar 4, 2:00 PM (was Tue Mar 4, 10:00 AM).`,
  );
  expect(await send('v-unassigned', technician, { kind: 'technician_unassigned', at: '2031-03-04T19:00:00Z' })).toBe(
    `Reassigned: work order #${number} at Building T - 101, 1 Test St, Tue Mar 4, 2:00 PM, went to another technician. It is off your schedule.`,
  );
  expect(await send('v-parts-in', technician, { kind: 'technician_parts_arrived' })).toMatch(
    new RegExp(`^Parts are in for work order #${number} at Building T - 101, 1 Test St\\.`),
  );
  expect(await send('v-access-ok', technician, { kind: 'technician_access_granted', at: null })).toMatch(
    new RegExp(`^Access arranged for work order #${number} at Building T - 101, 1 Test St\\.`),
  );
  await db.pool.query(`UPDATE technicians SET language = 'es' WHERE id = $1`, [technicianId]);
  expect(
    await send('v-assigned-es', technician, { kind: 'technician_assignment', at: '2031-03-04T19:00:00Z' }),
  ).toMatch(
    new RegExp(
      `^Nueva asignación: orden #${number}, prioridad .+\\. mar 4 mar, 14:00 en Building T - 101, 1 Test St\\.`,
    ),
  );
  expect(
    await send('v-moved-es', technician, {
      kind: 'technician_slot_moved',
      at: '2031-03-04T19:00:00Z',
      from: '2031-03-04T15:00:00Z',
    }),
  ).toBe(
    `Cambio de hora: la orden #${number} en Building T - 101, 1 Test St ahora es el mar 4 mar, 14:00 (antes mar 4 mar, 10:00).`,
  );
  await db.pool.query(`UPDATE technicians SET language = 'en' WHERE id = $1`, [technicianId]);
  expect(await send('v-booked', tenant, { kind: 'visit_booked', at: '2031-03-04T19:00:00Z', technicianId })).toMatch(
    new RegExp(`^Orden #${number}: .+ irá el mar 4 mar, 14:00\\. No necesita responder\\.`),
  );
  expect(await send('v-photos', technician, { kind: 'photos_incomplete', issues: ['no cleanup photo'] })).toBe(
    `The photos for work order #${number} were not accepted: no cleanup photo. Please upload them again.`,
  );
  expect(await send('v-review', technician, { kind: 'review_rejected', notes: 'caulk is peeling' })).toBe(
    `The coordinator sent work order #${number} back: caulk is peeling. Check in when you return.`,
  );
});

test('vendors are texted in English at their own number: the offer with the site and deadline, the award, the thanks', async () => {
  const vendorPhone = '+12155550888';
  const vendorId = Number(
    (
      await db.pool.query(
        `INSERT INTO vendors (name, phone, skills, approved) VALUES ('Test Plumbing Co', $1, '{plumbing}', true) RETURNING id`,
        [vendorPhone],
      )
    ).rows[0].id,
  );
  const vendor = { type: 'vendor', id: vendorId } as const;
  const send = async (key: string, spec: SendSmsRequest['spec']) => {
    const result = await run(activities.sendSms, {
      idempotencyKey: key,
      workOrderNumber: number,
      recipient: vendor,
      spec,
      timeZone: 'America/New_York',
    });
    expect(result.outcome).toBe('sent');
    return (
      await db.pool.query<{ body: string; to_phone: string; recipient_type: string }>(
        `SELECT body, to_phone, recipient_type FROM sms_messages WHERE idempotency_key = $1`,
        [key],
      )
    ).rows[0]!;
  };

  const offer = await send('vendor-offer', { kind: 'vendor_offer', respondBy: '2031-03-04T16:30:00Z' });
  expect(offer).toEqual({
    to_phone: vendorPhone,
    recipient_type: 'vendor',
    body: `Job offer: work order #${number}, MEDIUM priority, at Building T - 101, 1 Test St. fuga. Reply with your ETA and quote, e.g. 'Tue 9am $350', or NO to pass. Please answer by Tue Mar 4, 11:30 AM.`,
  });
  expect(
    (await send('vendor-awarded', { kind: 'vendor_awarded', at: '2031-03-05T14:00:00Z', quoteCents: 35_000 })).body,
  ).toBe(
    `Your quote of $350 for work order #${number} is accepted. Visit: Wed Mar 5, 9:00 AM. The tenant is being asked to confirm.`,
  );
  expect((await send('vendor-not-picked', { kind: 'vendor_not_picked' })).body).toMatch(
    new RegExp(`^Thank you for quoting on work order #${number}\\.`),
  );
  expect(twilio.messagesTo(vendorPhone)).toHaveLength(3);
});

test('a tenant is texted in the language they wrote the order in (metadata.tenantLanguage), else in the one on file; another tenant’s order says nothing of theirs', async () => {
  const insertOrder = async (tenant: number, metadata: object) =>
    Number(
      (
        await db.pool.query(
          `INSERT INTO work_orders (building_id, unit_id, tenant_id, description, source, metadata) SELECT building_id, id, $1, 'leak', 'sms', $2 FROM units RETURNING number`,
          [tenant, JSON.stringify(metadata)],
        )
      ).rows[0].number,
    );
  const englishTenant = Number(
    (
      await db.pool.query(
        `INSERT INTO tenants (unit_id, name, phone, language) SELECT id, 'Sam', '+12155550998', 'en' FROM units RETURNING id`,
      )
    ).rows[0].id,
  );
  const send = async (key: string, workOrderNumber: number, tenant: number) => {
    const request = {
      idempotencyKey: key,
      workOrderNumber,
      recipient: { type: 'tenant', id: tenant },
      spec: { kind: 'survey_request' },
      timeZone: 'America/New_York',
    } as const;
    expect((await run(activities.sendSms, request)).outcome).toBe('sent');
    return (await db.pool.query<{ body: string }>(`SELECT body FROM sms_messages WHERE idempotency_key = $1`, [key]))
      .rows[0]!.body;
  };
  const spanishOrder = await insertOrder(englishTenant, { tenantLanguage: 'es' });
  const plainOrder = await insertOrder(englishTenant, {});
  const pats = await insertOrder(tenantId, { tenantLanguage: 'en' });

  expect(await send('lang-written', spanishOrder, englishTenant)).toContain('Responda del 1 al 5');
  expect(await send('lang-on-file', plainOrder, englishTenant)).toContain('Reply 1-5');
  const otherEnglishTenant = Number(
    (
      await db.pool.query(
        `INSERT INTO tenants (unit_id, name, phone, language) SELECT id, 'Lee', '+12155550997', 'en' FROM units RETURNING id`,
      )
    ).rows[0].id,
  );
  expect(await send('lang-other-tenant', spanishOrder, otherEnglishTenant)).toContain('Reply 1-5');
  expect(await send('lang-pat-english', pats, tenantId)).toContain('Reply 1-5');
  expect(await send('lang-pat-on-file', plainOrder, tenantId)).toContain('Responda del 1 al 5');
  expect((await db.pool.query(`SELECT language FROM tenants WHERE id = $1`, [englishTenant])).rows[0].language).toBe(
    'en',
  );
});
