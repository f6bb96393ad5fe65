import type { Client } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../api/app';
import { createApiKey, revokeApiKey, upsertApiKey } from '../../db/queries/apiKeys';
import { seedDemoData } from '../../db/seed/seed';
import type { RateLimits } from '../../runtime/config';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signedWebhook } from '../support/fakeTwilio';
import { GENEROUS_RATE_LIMITS } from '../support/system';
import { quietApiLogger } from '../support/quietApiLogger';

/** Headers, limits and keys on the real app and a real database; nothing here reaches Temporal. */
const noTemporal = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`these requests must not reach Temporal (touched ${String(property)})`);
    },
  },
) as Client;

const COORDINATOR = 'security-coordinator-key-000';
const OPS = 'security-ops-key-000000000000';
const WEBHOOK_TOKEN = 'security-webhook-token-00000';
const PUBLIC_URL = 'https://api.example.test';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemoData(db.pool, { history: false });
  await upsertApiKey(db.pool, { name: 'coordinator', role: 'coordinator', secret: COORDINATOR });
  await upsertApiKey(db.pool, { name: 'ops', role: 'ops', secret: OPS });
});

afterAll(async () => {
  await db?.drop();
});

function appWith(rateLimits: Partial<RateLimits> = {}, trustProxy: boolean | number | string = false) {
  return createApp({
    logger: quietApiLogger(),
    pool: db.pool,
    temporal: noTemporal,
    taskQueue: 'unused',
    photoStorageDir: '/nonexistent',
    sms: { webhookAuthToken: WEBHOOK_TOKEN, publicBaseUrl: PUBLIC_URL },
    security: { rateLimits: { ...GENEROUS_RATE_LIMITS, ...rateLimits }, trustProxy },
  });
}

const bearer = (key: string) => `Bearer ${key}`;

describe('security headers', () => {
  test('every answer carries them, whatever its status; no X-Powered-By; HSTS only over https', async () => {
    const app = appWith({}, 'loopback');
    const answers = [
      await request(app).get('/healthz'),
      await request(app).get('/events'),
      await request(app).get('/events').set('Authorization', bearer(COORDINATOR)),
      await request(app).get('/nowhere').set('Authorization', bearer(COORDINATOR)),
      await request(app).post('/webhooks/twilio/sms').type('form').send('Body=hi'),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 200, 404, 403]);
    for (const res of answers) {
      expect(res.headers).toMatchObject({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'cache-control': 'no-store',
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const behindHttps = await request(app).get('/healthz').set('X-Forwarded-Proto', 'https');
    expect(behindHttps.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    // Without a trusted proxy, anyone could claim https.
    expect(
      (await request(appWith()).get('/healthz').set('X-Forwarded-Proto', 'https')).headers['strict-transport-security'],
    ).toBeUndefined();
  });
});

describe('rate limits', () => {
  test('per key: the key over its limit gets 429 with Retry-After; another key goes on', async () => {
    const app = appWith({ perKey: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await request(app).get('/events?limit=1').set('Authorization', bearer(COORDINATOR))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await request(app).get('/events?limit=1').set('Authorization', bearer(COORDINATOR));
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(20);
    expect((await request(app).get('/events?limit=1').set('Authorization', bearer(OPS))).status).toBe(200);
  });

  test('failed key checks: after the limit the address is refused before its key is looked at, even a good key; other addresses go on', async () => {
    const app = appWith({ authFailuresPerAddress: 3 }, 'loopback');
    const from = (address: string) => ({ get: (url: string) => request(app).get(url).set('X-Forwarded-For', address) });
    // No key at all is not a guess: it does not count.
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7').get('/events')).status).toBe(401);
    for (let i = 0; i < 3; i++)
      expect(
        (
          await from('203.0.113.7')
            .get('/events')
            .set('Authorization', bearer(`guess-${i}-0000000000000000`))
        ).status,
      ).toBe(401);
    const refused = await from('203.0.113.7').get('/events').set('Authorization', bearer(COORDINATOR));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(
      (await from('203.0.113.7').get('/events').set('Authorization', bearer('guess-9-0000000000000000'))).status,
    ).toBe(429);
    expect((await from('198.51.100.2').get('/events').set('Authorization', bearer(COORDINATOR))).status).toBe(200);
  });

  test('webhooks: per address, and bad signatures count as failed checks', async () => {
    const perAddress = appWith({ webhooksPerAddress: 3 });
    const signed = signedWebhook(WEBHOOK_TOKEN, `${PUBLIC_URL}/webhooks/twilio/status`, {
      MessageSid: 'SM00000000000000000000000000000000',
      MessageStatus: 'delivered',
    });
    const post = (app: ReturnType<typeof appWith>, signature = signed.signature) =>
      request(app).post('/webhooks/twilio/status').type('form').set('X-Twilio-Signature', signature).send(signed.body);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(perAddress)).status);
    expect(statuses).toEqual([204, 204, 204, 429]);

    const failures = appWith({ authFailuresPerAddress: 2 });
    expect((await post(failures, 'bad')).status).toBe(403);
    expect((await post(failures)).status).toBe(204);
    expect((await post(failures, 'bad')).status).toBe(403);
    const refused = await post(failures);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });
});

describe('bodies', () => {
  test('over the limits: 413, never 500; an unauthenticated body is not even read', async () => {
    const app = appWith();
    const big = { unitId: 1, description: 'x'.repeat(101 * 1024) };
    const json = await request(app).post('/work-orders').set('Authorization', bearer(COORDINATOR)).send(big);
    expect(json.status).toBe(413);
    expect(json.body).toMatchObject({ error: 'payload_too_large', issues: [{ path: 'body' }] });
    expect((await request(app).post('/work-orders').send(big)).status).toBe(401);

    const form = await request(app)
      .post('/webhooks/twilio/sms')
      .type('form')
      .send(`Body=${'x'.repeat(65 * 1024)}`);
    expect(form.status).toBe(413);
    const manyFields = await request(app)
      .post('/webhooks/twilio/sms')
      .type('form')
      .send(Array.from({ length: 1100 }, (_, i) => `f${i}=1`).join('&'));
    expect(manyFields.status).toBe(413);
  });

  test('malformed JSON is a 400 naming the body; a body that is not JSON is a 415', async () => {
    const app = appWith();
    const malformed = await request(app)
      .post('/work-orders')
      .set('Authorization', bearer(COORDINATOR))
      .set('Content-Type', 'application/json')
      .send('{"unitId": 1,');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid_request', issues: [{ path: 'body' }] });
    const primitive = await request(app)
      .post('/work-orders')
      .set('Authorization', bearer(COORDINATOR))
      .set('Content-Type', 'application/json')
      .send('"leak"');
    expect(primitive.status).toBe(400);
    for (const [type, body] of [
      ['text/plain', 'unitId=1'],
      ['application/x-www-form-urlencoded', 'unitId=1&description=leak'],
      ['application/xml', '<order/>'],
    ]) {
      const res = await request(app)
        .post('/work-orders')
        .set('Authorization', bearer(COORDINATOR))
        .set('Content-Type', type!)
        .send(body);
      expect({ type, status: res.status, error: res.body.error }).toEqual({
        type,
        status: 415,
        error: 'unsupported_media_type',
      });
    }
  });
});

describe('keys', () => {
  test('a generated key works until revoked; its last use is kept; the table holds only its hash', async () => {
    const app = appWith();
    const key = await createApiKey(db.pool, { name: 'ops dashboard', role: 'ops', technicianId: null });
    expect((await request(app).get('/events?limit=1').set('Authorization', bearer(key.secret))).status).toBe(200);
    const row = (await db.pool.query('SELECT key_hash, public_id, last_used_at FROM api_keys WHERE id = $1', [key.id]))
      .rows[0];
    expect(row.public_id).toBe(key.publicId);
    expect(row.last_used_at).toBeInstanceOf(Date);
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(17));

    // The same public id with another secret is refused.
    const forged = `${key.secret.slice(0, 17)}${'A'.repeat(43)}`;
    expect((await request(app).get('/events').set('Authorization', bearer(forged))).status).toBe(401);

    expect(await revokeApiKey(db.pool, String(key.id))).toMatchObject({ ok: true });
    const revoked = await request(app).get('/events').set('Authorization', bearer(key.secret));
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toBe('unknown or revoked API key');
  });

  test('a malformed Authorization header is a 401', async () => {
    const app = appWith();
    for (const header of ['Basic abc', 'Bearer', 'Bearer  ', `Token ${COORDINATOR}`, `Bearer ${COORDINATOR} extra`]) {
      expect((await request(app).get('/events').set('Authorization', header)).status).toBe(401);
    }
  });
});
