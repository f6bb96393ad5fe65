import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { signedWebhook } from '../support/fakeTwilio';
import { tableCounts } from '../support/matrixFixtures';
import { buildingOf, tinyJpeg } from '../support/photos';
import { multipartBody, noise, postStreamed, type MultipartPart } from '../support/streamedRequest';
import { KEYS, OUR_NUMBER, startSystem, type TestSystem } from '../support/system';

/**
 * Every body limit counts the bytes that arrive, not the ones a request declares: bodies sent chunked (no
 * Content-Length) past each limit, on the real stack, get a 413 and leave nothing behind.
 */

const MB = 1024 * 1024;

let system: TestSystem;
let technicianIds: number[];

beforeAll(async () => {
  // Twilio mode: its auth token signs the webhooks this test sends.
  system = await startSystem({ sms: 'twilio' });
  technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id')
  ).rows.map((r) => r.id);
});

afterAll(async () => {
  await system?.stop();
});

const auth = (role: keyof typeof KEYS) => ({ authorization: `Bearer ${KEYS[role]}` });

/** `text` repeated to `bytes` bytes, in 64 KiB slices. */
function* repeatedText(text: string, bytes: number): Generator<Buffer> {
  const block = Buffer.from(text.repeat(Math.ceil((64 * 1024) / text.length)));
  for (let left = bytes; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

describe('bodies with a parser limit (JSON 100 kB, Twilio forms 64 kB, AppFolio exports 5 MB), sent chunked', () => {
  // No workflow runs yet: any row written by these requests would show in the counts.
  let before: Record<string, number>;
  beforeAll(async () => {
    before = await tableCounts(system);
  });
  afterEach(async () => {
    expect(await tableCounts(system)).toEqual(before);
  });

  test('a chunked JSON body under the limit is read (400 naming the field): the chunked sender is understood', async () => {
    const res = await postStreamed(
      `${system.baseUrl}/work-orders`,
      { ...auth('coordinator'), 'content-type': 'application/json' },
      [Buffer.from('{"unitId":'), Buffer.from('"one"}')],
    );
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain('body.unitId');
  });

  test('JSON past 100 kB: 413 payload_too_large', async () => {
    const { unitId } = await system.unitWithTenant();
    const body = [
      Buffer.from(`{"unitId":${unitId},"description":"`),
      ...repeatedText('the sink leaks ', 150 * 1024),
      Buffer.from('"}'),
    ];
    const res = await postStreamed(
      `${system.baseUrl}/work-orders`,
      { ...auth('coordinator'), 'content-type': 'application/json' },
      body,
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'payload_too_large', issues: [{ path: 'body' }] });
  });

  test('gzipped JSON is counted once inflated: 2 MB of JSON in a few kB is a 413', async () => {
    const { unitId } = await system.unitWithTenant();
    const inflated = Buffer.concat([
      Buffer.from(`{"unitId":${unitId},"description":"`),
      ...repeatedText('drip ', 2 * MB),
      Buffer.from('"}'),
    ]);
    const gzipped = gzipSync(inflated);
    expect(gzipped.length).toBeLessThan(100 * 1024);
    const res = await postStreamed(
      `${system.baseUrl}/work-orders`,
      { ...auth('coordinator'), 'content-type': 'application/json', 'content-encoding': 'gzip' },
      [gzipped],
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
  });

  test('a signed Twilio SMS form past 64 kB: 413, and the text is not stored', async () => {
    const url = `${system.baseUrl}/webhooks/twilio/sms`;
    const params = {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: system.twilio!.accountSid,
      From: '+12155550101',
      To: OUR_NUMBER,
      Body: 'leak '.repeat(14_000),
      NumMedia: '0',
    };
    const signed = signedWebhook(system.twilio!.authToken, url, params);
    expect(signed.body.length).toBeGreaterThan(64 * 1024);
    const res = await postStreamed(
      url,
      { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed.signature },
      [Buffer.from(signed.body)],
    );
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('payload_too_large');
  });

  test('an AppFolio export past 5 MB, CSV or JSON: 413', async () => {
    const csv = [
      Buffer.from('Work Order Number,Status,Job Description\r\n'),
      ...repeatedText('9001-1,New,the sink leaks\r\n', 6 * MB),
    ];
    const asCsv = await postStreamed(
      `${system.baseUrl}/imports/appfolio`,
      { ...auth('admin'), 'content-type': 'text/csv' },
      csv,
    );
    expect([asCsv.status, asCsv.body.error]).toEqual([413, 'payload_too_large']);

    const json = [
      Buffer.from('{"results":['),
      ...repeatedText('{"work_order_number":"9001-1","status":"New"},', 6 * MB),
      Buffer.from('{}]}'),
    ];
    const asJson = await postStreamed(
      `${system.baseUrl}/imports/appfolio`,
      { ...auth('admin'), 'content-type': 'application/json' },
      json,
    );
    expect([asJson.status, asJson.body.error]).toEqual([413, 'payload_too_large']);
  });
});

describe('photo uploads (15 MB a file, 100 MB a request, 30 files), sent chunked', () => {
  let number: number;
  let key: keyof typeof KEYS;
  let at: { latitude: number; longitude: number };
  const url = () => `${system.baseUrl}/work-orders/${number}/visit/photos`;

  beforeAll(async () => {
    ({ number, key } = await inProgressOrder());
    at = await buildingOf(system.db.pool, number);
  });

  /** Everything under the photo folder, temporary files and folders included. */
  async function photoFolder(): Promise<string[]> {
    const entries = await readdir(system.photoStorageDir, { recursive: true, withFileTypes: true });
    return entries.map((e) => path.relative(system.photoStorageDir, path.join(e.parentPath, e.name))).sort();
  }

  async function photoRows(): Promise<number> {
    return (
      await system.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM photos WHERE work_order_number = $1', [
        number,
      ])
    ).rows[0]!.n;
  }

  /** A manifest naming each file as a photo taken at the building now (kinds in turn). */
  function manifest(names: readonly string[]): MultipartPart {
    const kinds = ['before', 'after', 'cleanup'] as const;
    const entries = names.map((file, i) => ({
      file,
      kind: kinds[i % 3],
      latitude: at.latitude,
      longitude: at.longitude,
      takenAt: new Date().toISOString(),
    }));
    return { name: 'manifest', content: JSON.stringify(entries) };
  }

  /** `size` bytes under a JPEG's first bytes: refused for its size before anyone looks at its content. */
  const bigPhoto = (name: string, size: number): MultipartPart => ({
    name: 'photo',
    filename: name,
    contentType: 'image/jpeg',
    content: [Buffer.from([0xff, 0xd8, 0xff]), ...noise(size - 3)],
  });

  /** A small, real JPEG of its own. */
  const photo = (name: string): MultipartPart => ({
    name: 'photo',
    filename: name,
    contentType: 'image/jpeg',
    content: tinyJpeg(`${number} ${name} ${randomBytes(4).toString('hex')}`),
  });

  async function upload(parts: MultipartPart[], options: { contentLength?: number; extra?: Buffer } = {}) {
    const boundary = `----limits${randomBytes(8).toString('hex')}`;
    const body = [...multipartBody(boundary, parts), ...(options.extra ? [options.extra] : [])];
    return postStreamed(
      url(),
      { ...auth(key), 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      options,
    );
  }

  test('8 photos of 14 MB (112 MB, no Content-Length): 413 payload_too_large; no file, no temporary file, no row', async () => {
    const folder = await photoFolder();
    const names = Array.from({ length: 8 }, (_, i) => `photo-${i}.jpg`);
    const res = await upload([manifest(names), ...names.map((name) => bigPhoto(name, 14 * MB))]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: 'payload_too_large',
      message: 'the upload is over 100 MB; at most 100 MB per request (send the photos in several requests)',
      issues: [{ path: 'body' }],
    });
    expect(await photoFolder()).toEqual(folder);
    expect(await photoRows()).toBe(0);
  });

  test('one photo a byte over 15 MB, sent chunked: 413 photo_too_large naming it; nothing stored', async () => {
    const folder = await photoFolder();
    const res = await upload([manifest(['before.jpg']), bigPhoto('before.jpg', 15 * MB + 1)]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: 'photo_too_large',
      message: 'before.jpg is larger than 15 MB',
      issues: [{ path: 'files.before.jpg' }],
    });
    expect(await photoFolder()).toEqual(folder);
    expect(await photoRows()).toBe(0);
  });

  test('a Content-Length shorter than what is sent: the body ends where it says (400, nothing stored); what follows is read as the next request', async () => {
    const folder = await photoFolder();
    const boundary = `----limits${randomBytes(8).toString('hex')}`;
    const parts = [
      manifest(['before.jpg']),
      { name: 'photo', filename: 'before.jpg', contentType: 'image/jpeg', content: tinyJpeg('declared short', 2 * MB) },
    ];
    // The declared length stops short of the closing boundary; after it come the closing boundary and another request.
    const body = Buffer.concat([...multipartBody(boundary, parts)]);
    const declared = body.length - 64;
    const head = [
      `POST /work-orders/${number}/visit/photos HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: Bearer ${KEYS[key]}`,
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      `Content-Length: ${declared}`,
    ];
    const next = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n';
    const answers = await rawExchange(
      Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), body.subarray(0, declared), Buffer.from(next)]),
    );
    expect([...answers.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => m[1])).toEqual(['400', '200']);
    expect(answers).toContain('"path":"body","message":"malformed multipart/form-data"');
    expect(await photoFolder()).toEqual(folder);
    expect(await photoRows()).toBe(0);
  });

  test('a Content-Length over 100 MB is refused before the body is read', async () => {
    const res = await postStreamed(
      url(),
      { ...auth(key), 'content-type': 'multipart/form-data; boundary=x', connection: 'close' },
      [Buffer.from('--x\r\n')],
      { contentLength: 101 * MB },
    );
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      error: 'payload_too_large',
      message: 'the upload is 101 MB; at most 100 MB per request (send the photos in several requests)',
    });
  });

  test("a row Postgres refuses leaves no file either: the files are written in the rows' transaction", async () => {
    const folder = await photoFolder();
    await system.db.pool.query(
      'ALTER TABLE photos ADD CONSTRAINT upload_limits_test_refuses CHECK (size_bytes < 0) NOT VALID',
    );
    try {
      const res = await upload([manifest(['before.jpg', 'after.jpg']), photo('before.jpg'), photo('after.jpg')]);
      // A failure on our side, not the client's: whatever it answers, nothing may be left of the upload.
      expect(res.status).toBeGreaterThanOrEqual(400);
    } finally {
      await system.db.pool.query('ALTER TABLE photos DROP CONSTRAINT upload_limits_test_refuses');
    }
    expect(await photoFolder()).toEqual(folder);
    expect(await photoRows()).toBe(0);
  });

  test('31 files, counted as they are parsed: 400 naming files, nothing stored; 30 are taken', async () => {
    const names = Array.from({ length: 31 }, (_, i) => `photo-${i}.jpg`);
    const folder = await photoFolder();

    const tooMany = await upload([manifest(names.slice(0, 30)), ...names.map(photo)]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      error: 'invalid_request',
      message: 'at most 30 photos per request',
      issues: [{ path: 'files', message: 'more than 30 files' }],
    });
    expect(await photoFolder()).toEqual(folder);
    expect(await photoRows()).toBe(0);

    const thirty = await upload([manifest(names.slice(0, 30)), ...names.slice(0, 30).map(photo)]);
    expect(thirty.status).toBe(202);
    expect(thirty.body.photos).toHaveLength(30);
    expect(await photoRows()).toBe(30);
    await system.waitForAgreement(number, 'ready_review');
    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
        .status,
    ).toBe(200);
  });
});

/**
 * Writes `bytes` to the API's socket as they are and answers everything it sends back until it closes (the last
 * request must ask it to). The write side stays open: Node's server drops requests still pending when a client
 * half-closes.
 */
async function rawExchange(bytes: Buffer): Promise<string> {
  const { hostname, port } = new URL(system.baseUrl);
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.write(bytes);
  await once(socket, 'close');
  return Buffer.concat(received).toString('utf8');
}

async function inProgressOrder(): Promise<{ number: number; key: keyof typeof KEYS }> {
  const { unitId, tenantId } = await system.unitWithTenant();
  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'The kitchen sink is dripping under the sink, the pipe drips all day' });
  expect(created.status).toBe(201);
  const number: number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-limits-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  const id = state.assignment!.technicianId;
  const key = id === technicianIds[0] ? 'technician1' : id === technicianIds[1] ? 'technician2' : 'coordinator';
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  return { number, key };
}
