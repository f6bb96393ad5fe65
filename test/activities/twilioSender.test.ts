import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { createOutboxSender } from '../../activities/adapters/outboxSms';
import { SmsProviderError, type SmsSender } from '../../activities/adapters/sms';
import { smsSenderFromConfig } from '../../activities/adapters/smsFromEnv';
import { createTwilioSender } from '../../activities/adapters/twilioSms';
import { MESSAGING_SERVICE_POOL_NUMBER, signedWebhook, startFakeTwilio, type FakeTwilio } from '../support/fakeTwilio';

const FROM = '+12155550100';
const TENANT = '+12155550191';
const CALLBACK = 'https://hooks.example.test/webhooks/twilio/status';

let fake: FakeTwilio;

beforeAll(async () => {
  fake = await startFakeTwilio();
});

afterAll(async () => {
  await fake.close();
});

function senderFor(overrides: Partial<Parameters<typeof createTwilioSender>[0]> = {}): SmsSender {
  return createTwilioSender({
    accountSid: fake.accountSid,
    authToken: fake.authToken,
    from: FROM,
    apiBaseUrl: fake.url,
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function sendFailure(sender: SmsSender): Promise<SmsProviderError> {
  const error: unknown = await sender
    .send({ to: TENANT, body: 'Maintenance scheduled Wed 2pm. Reply YES to confirm' })
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(SmsProviderError);
  return error as SmsProviderError;
}

describe('Twilio sender through the real SDK', () => {
  test('the message reaches Twilio with its to, from, body and status callback', async () => {
    const sent = await senderFor().send({ to: TENANT, body: 'Got it! Work order #1042', statusCallbackUrl: CALLBACK });

    expect(sent.providerSid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    const [received] = await fake.waitForMessages((m) => m.sid === sent.providerSid, 1, 1_000);
    expect(received).toMatchObject({
      to: TENANT,
      from: FROM,
      body: 'Got it! Work order #1042',
      statusCallback: CALLBACK,
    });
    expect(received?.messagingServiceSid).toBeUndefined();
  });

  test('a Messaging Service sends instead of a From number', async () => {
    const messagingServiceSid = `MG${'a'.repeat(32)}`;
    const sent = await senderFor({ from: undefined, messagingServiceSid }).send({
      to: TENANT,
      body: 'Reminder: visit tomorrow 2pm',
    });

    expect(sent.status).toBe('accepted');
    expect(fake.messages.find((m) => m.sid === sent.providerSid)).toMatchObject({
      messagingServiceSid,
      from: MESSAGING_SERVICE_POOL_NUMBER,
    });
  });

  test('wrong credentials are refused (401) and not retried', async () => {
    const error = await sendFailure(senderFor({ authToken: 'not-the-token' }));

    expect(error).toMatchObject({ retryable: false, providerCode: '20003' });
    expect(error.message).toMatch(/HTTP 401.*Authenticate/);
  });

  test.each([
    [429, '20429'],
    [500, '20500'],
    [503, '20503'],
  ])('HTTP %i is retryable, and the SDK does not retry it by itself', async (status, providerCode) => {
    fake.failNext(1, { status });
    const attemptsBefore = fake.createAttempts;

    const error = await sendFailure(senderFor());

    expect(error).toMatchObject({ retryable: true, providerCode });
    expect(fake.createAttempts - attemptsBefore).toBe(1);
  });

  test("a refused recipient (21211 invalid 'To') is not retryable and keeps Twilio's code and message", async () => {
    fake.failNext(1, { status: 400, code: 21211, message: "The 'To' number +1555 is not a valid phone number." });

    const error = await sendFailure(senderFor());

    expect(error).toMatchObject({ retryable: false, providerCode: '21211' });
    expect(error.message).toContain("The 'To' number +1555 is not a valid phone number.");
  });

  test('an unsubscribed recipient (21610) is not retryable', async () => {
    fake.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });

    await expect(sendFailure(senderFor())).resolves.toMatchObject({ retryable: false, providerCode: '21610' });
  });

  test("the fake validates like Twilio: a number that isn't E.164 gets 21211", async () => {
    const error: unknown = await senderFor()
      .send({ to: '555-0191', body: 'hello' })
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ retryable: false, providerCode: '21211' });
  });

  test('a server that never answers is a retryable time-out', async () => {
    fake.failNext(1, 'hang');
    const started = Date.now();

    const error = await sendFailure(senderFor({ timeoutMs: 500 }));

    expect(error.retryable).toBe(true);
    expect(error.providerCode).toBeUndefined();
    expect(error.message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  test('a server that is not there is a retryable connection error', async () => {
    const gone = await startFakeTwilio();
    await gone.close();

    const error = await sendFailure(
      createTwilioSender({ accountSid: gone.accountSid, authToken: gone.authToken, from: FROM, apiBaseUrl: gone.url }),
    );

    expect(error).toMatchObject({ retryable: true, providerCode: undefined });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  test('an accepted message with an unreadable answer is not retried (it would text twice)', async () => {
    fake.failNext(1, 'malformed');
    const before = fake.messages.length;

    const error = await sendFailure(senderFor());

    expect(error.retryable).toBe(false);
    expect(fake.messages.length - before).toBe(1);
  });

  test("an earlier attempt's message is found behind 150 later texts to the same number (pages back to `since`)", async () => {
    const technician = '+12155550177';
    const since = new Date(Date.now() - 60_000);
    const sender = senderFor();
    const original = await sender.send({
      to: technician,
      body: 'New assignment: work order #677820051, MEDIUM priority.',
    });
    for (let i = 0; i < 150; i++)
      await sender.send({ to: technician, body: `New assignment: work order #${700000000 + i}, LOW priority.` });

    const found = await sender.findAccepted!({
      to: technician,
      body: 'New assignment: work order #677820051, MEDIUM priority.',
      since,
    });
    expect(found.map((m) => m.providerSid)).toEqual([original.providerSid]);
    // Nothing older than `since` counts, however far back the pages go.
    expect(
      await sender.findAccepted!({
        to: technician,
        body: 'New assignment: work order #677820051, MEDIUM priority.',
        since: new Date(Date.now() + 60_000),
      }),
    ).toEqual([]);
  });

  test('a sender needs a From number or a Messaging Service', () => {
    expect(() => senderFor({ from: undefined })).toThrow(/sender/);
  });
});

describe('outbox and provider choice', () => {
  test('the outbox hands out OB sids and reports the message as sent', async () => {
    const outbox = createOutboxSender();
    const first = await outbox.send({ to: TENANT, body: 'hello' });
    const second = await outbox.send({ to: TENANT, body: 'hello' });

    expect(outbox.name).toBe('outbox');
    expect(first).toEqual({ providerSid: expect.stringMatching(/^OB[0-9a-f]{32}$/), status: 'sent' });
    expect(second.providerSid).not.toBe(first.providerSid);
  });

  test.each([
    ['nothing set', 'outbox', {}],
    ['no sender', 'outbox', { twilioAccountSid: 'AC' + '0'.repeat(32), twilioAuthToken: 'token' }],
    ['no token', 'outbox', { twilioAccountSid: 'AC' + '0'.repeat(32), twilioFrom: FROM }],
    ['empty strings', 'outbox', { twilioAccountSid: '', twilioAuthToken: '', twilioFrom: '' }],
    [
      'account, token and From',
      'twilio',
      { twilioAccountSid: 'AC' + '0'.repeat(32), twilioAuthToken: 'token', twilioFrom: FROM },
    ],
    [
      'account, token and Messaging Service',
      'twilio',
      {
        twilioAccountSid: 'AC' + '0'.repeat(32),
        twilioAuthToken: 'token',
        twilioMessagingServiceSid: 'MG' + '0'.repeat(32),
      },
    ],
  ] as const)('%s → %s', (_case, expected, config) => {
    expect(smsSenderFromConfig(config).name).toBe(expected);
  });

  test('the configured Twilio sender talks to the configured API base URL', async () => {
    const sender = smsSenderFromConfig({
      twilioAccountSid: fake.accountSid,
      twilioAuthToken: fake.authToken,
      twilioFrom: FROM,
      twilioApiBaseUrl: fake.url,
    });
    const sent = await sender.send({ to: TENANT, body: 'from config' });

    expect(fake.messagesTo(TENANT).map((m) => m.sid)).toContain(sent.providerSid);
  });
});

describe('signed webhooks', () => {
  const url = 'https://work-orders.example.test/webhooks/twilio/sms';
  const params = {
    MessageSid: `SM${'1'.repeat(32)}`,
    From: TENANT,
    To: FROM,
    Body: 'The sink is leaking & the floor is wet',
  };

  test("signedWebhook's signature validates with the SDK's validator", () => {
    const { signature, body } = signedWebhook(fake.authToken, url, params);

    expect(twilio.validateRequest(fake.authToken, signature, url, Object.fromEntries(new URLSearchParams(body)))).toBe(
      true,
    );
  });

  test('a tampered parameter, another URL or another token fails it', () => {
    const { signature } = signedWebhook(fake.authToken, url, params);

    expect(twilio.validateRequest(fake.authToken, signature, url, { ...params, Body: 'YES' })).toBe(false);
    expect(twilio.validateRequest(fake.authToken, signature, `${url}?x=1`, params)).toBe(false);
    expect(twilio.validateRequest('another-token', signature, url, params)).toBe(false);
  });

  test('a status callback arrives form-encoded and signed for its URL', async () => {
    const received: Array<{ signature: string | undefined; url: string; params: Record<string, string> }> = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({
          signature: req.headers['x-twilio-signature'] as string | undefined,
          url: req.url ?? '',
          params: Object.fromEntries(new URLSearchParams(body)),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/twilio/status`;
    try {
      const sent = await senderFor().send({ to: TENANT, body: 'status please', statusCallbackUrl: callbackUrl });
      const answer = await fake.sendStatusCallback(sent.providerSid, 'undelivered', '30003');

      expect(answer.status).toBe(204);
      const [callback] = received;
      expect(callback?.params).toMatchObject({
        MessageSid: sent.providerSid,
        MessageStatus: 'undelivered',
        ErrorCode: '30003',
        AccountSid: fake.accountSid,
        To: TENANT,
        From: FROM,
      });
      expect(
        twilio.validateRequest(fake.authToken, callback?.signature ?? '', callbackUrl, callback?.params ?? {}),
      ).toBe(true);
    } finally {
      receiver.closeAllConnections();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
