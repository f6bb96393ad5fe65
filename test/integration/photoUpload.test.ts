import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { DEFAULT_RULES } from '../../domain/rules';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { buildingOf, photoFiles, postPhotos, tinyJpeg, type TestPhotoFile } from '../support/photos';
import { KEYS, startSystem, testRules, type TestSystem } from '../support/system';

/**
 * POST /work-orders/:id/visit/photos on the real stack: multipart upload, the photo folder, the photos table, and
 * what reaches the workflow (references only). Written to hold whether or not the workflow reviews the photos
 * before ready_review.
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

function keyFor(technicianId: number): keyof typeof KEYS {
  return technicianId === technicianIds[0]
    ? 'technician1'
    : technicianId === technicianIds[1]
      ? 'technician2'
      : 'coordinator';
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
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-photo-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  const key = keyFor(state.assignment!.technicianId);
  expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');
  return { number, key };
}

async function photoRows(number: number) {
  const { rows } = await system.db.pool.query(
    'SELECT id, kind, sha256, content_type, size_bytes, latitude, longitude, distance_meters, taken_at, technician_id::int AS technician_id, uploaded_by_type FROM photos WHERE work_order_number = $1 ORDER BY kind',
    [number],
  );
  return rows;
}

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(system.photoStorageDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(system.photoStorageDir, path.join(e.parentPath, e.name)))
    .sort();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const issuePaths = (res: request.Response) => (res.body.issues ?? []).map((i: { path: string }) => i.path);

describe('one order in progress', () => {
  let number: number;
  let key: keyof typeof KEYS;
  let files: TestPhotoFile[];
  const post = () => system.as(key).post(`/work-orders/${number}/visit/photos`);

  beforeAll(async () => {
    ({ number, key } = await inProgressOrder());
    files = await photoFiles(system.db.pool, number);
  });

  test('a malformed manifest is a 400 naming each field', async () => {
    const notJson = await postPhotos(post(), files, { manifest: '[{"file": "before.jpg",' });
    expect([notJson.status, issuePaths(notJson)]).toEqual([400, ['body.manifest']]);

    const manifest = files.map(({ name, kind, longitude, takenAt }, i) => ({
      file: name,
      kind: i === 1 ? 'during' : kind,
      latitude: i === 0 ? 123 : 40.7,
      longitude,
      takenAt: i === 2 ? 'today' : takenAt,
    }));
    const bad = await postPhotos(post(), files, { manifest });
    expect(bad.status).toBe(400);
    expect(issuePaths(bad)).toEqual(
      expect.arrayContaining(['body.manifest.0.latitude', 'body.manifest.1.kind', 'body.manifest.2.takenAt']),
    );

    const noManifest = await post().attach('photo', files[0]!.bytes, {
      filename: 'before.jpg',
      contentType: 'image/jpeg',
    });
    expect([noManifest.status, issuePaths(noManifest)]).toEqual([400, ['body.manifest']]);
  });

  test('a file without an entry, an entry without a file: 400 with both named', async () => {
    const manifest = [...files.slice(0, 2), { ...files[2]!, name: 'elsewhere.jpg' }].map(
      ({ name, kind, latitude, longitude, takenAt }) => ({ file: name, kind, latitude, longitude, takenAt }),
    );
    const res = await postPhotos(post(), files, { manifest });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { path: 'body.manifest.2.file', message: 'no file named elsewhere.jpg was uploaded' },
      { path: 'files.cleanup.jpg', message: 'no manifest entry describes this file' },
    ]);
  });

  test('a file that is not an image is a 400, even when it says it is one', async () => {
    const text = { ...files[0]!, name: 'before.txt', bytes: Buffer.from('just some text'), contentType: 'text/plain' };
    const disguised = { ...files[1]!, name: 'after.jpg', bytes: Buffer.from('%PDF-1.7 not a photo at all') };
    const res = await postPhotos(post(), [text, disguised, files[2]!]);
    expect(res.status).toBe(400);
    expect(issuePaths(res)).toEqual(['files.before.txt', 'files.after.jpg']);
    expect(res.body.issues[1].message).toMatch(/not a JPEG, PNG, HEIC or WebP image/);
  });

  test('a photo over 15 MB is a 413, not a 500', async () => {
    const huge = { ...files[0]!, bytes: tinyJpeg('huge', 15 * 1024 * 1024 + 10) };
    const res = await postPhotos(post(), [huge]);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: 'photo_too_large', message: 'before.jpg is larger than 15 MB' });
  });

  test('a body that is not valid multipart is a 400', async () => {
    const res = await post()
      .set('Content-Type', 'multipart/form-data; boundary=----nothing')
      .send('----nothing\r\nContent-Disposition: form-data; name="manifest"\r\n\r\n[');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/multipart/);
  });

  test("a photo taken beyond the order's rules distance is refused with 422, and nothing is stored", async () => {
    // A newer rules version allows 5 km; the order keeps the version it started with (150 m).
    await system.publishRules({ ...testRules(), visit: { ...DEFAULT_RULES.visit, photoMaxDistanceMeters: 5000 } });
    const building = await buildingOf(system.db.pool, number);
    const away = { ...files[1]!, latitude: building.latitude + 0.01, name: 'after-across-the-street.jpg' };
    const before = await storedFiles();
    const res = await postPhotos(post(), [files[0]!, away, files[2]!]);
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('photo_too_far');
    expect(res.body.message).toMatch(
      /^after-across-the-street\.jpg was taken 111\d m from the building; photos must be taken within 150 m of it\. Nothing was stored\.$/,
    );
    expect(res.body.issues).toEqual([
      {
        path: 'files.after-across-the-street.jpg',
        message: expect.stringMatching(/^taken 111\d m from the building; the limit is 150 m$/),
      },
    ]);
    expect(await photoRows(number)).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  test('JSON references to photos never uploaded for this order are a 400', async () => {
    const res = await post().send({
      photos: [
        { id: '2f1c7a9e-5b7d-4a0e-9d2a-0c8f5e6b1a23', kind: 'before' },
        { id: 'not-even-a-uuid', kind: 'after' },
      ],
    });
    expect(res.status).toBe(400);
    expect(issuePaths(res)).toEqual(['body.photos.0.id', 'body.photos.1.id']);
  });

  test('an upload is stored content-addressed with its metadata; the workflow gets references; the same upload again gets the same ids', async () => {
    const res = await postPhotos(post(), files, { notes: 'replaced the P-trap' });
    expect(res.status).toBe(202);
    expect(res.body.photos.map((p: { file: string; kind: string }) => [p.file, p.kind])).toEqual(
      files.map((f) => [f.name, f.kind]),
    );

    const rows = await photoRows(number);
    expect(rows.map((r) => r.kind)).toEqual(['after', 'before', 'cleanup']);
    for (const row of rows) {
      const file = files.find((f) => f.kind === row.kind)!;
      expect(row).toMatchObject({
        sha256: sha256(file.bytes),
        content_type: 'image/jpeg',
        size_bytes: file.bytes.length,
        latitude: file.latitude,
        longitude: file.longitude,
        uploaded_by_type: key === 'coordinator' ? 'coordinator' : 'technician',
      });
      expect(row.distance_meters).toBeLessThan(1);
      expect(row.taken_at.toISOString()).toBe(new Date(file.takenAt).toISOString());
      expect(res.body.photos.find((p: { kind: string }) => p.kind === row.kind)).toMatchObject({
        id: row.id,
        sha256: row.sha256,
      });
      expect(await readFile(path.join(system.photoStorageDir, row.sha256.slice(0, 2), row.sha256))).toEqual(file.bytes);
    }
    expect(await storedFiles()).toEqual(rows.map((r) => `${r.sha256.slice(0, 2)}/${r.sha256}`).sort());

    // Whether or not the workflow reviews first, a complete set ends in ready_review with only references on it.
    const ready = await system.waitForAgreement(number, 'ready_review');
    expect(ready.state.photos).toMatchObject({
      notes: 'replaced the P-trap',
      photos: expect.arrayContaining(rows.map((r) => ({ id: r.id, kind: r.kind }))),
    });

    // Sent back, the technician's phone retries the same upload: the same photos, no new rows or files.
    expect(
      (
        await system
          .as('coordinator')
          .post(`/work-orders/${number}/review`)
          .send({ decision: 'reject', notes: 'please retake them in daylight' })
      ).status,
    ).toBe(200);
    await system.waitForAgreement(number, 'failed_review');
    expect((await system.as(key).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
    await system.waitForAgreement(number, 'in_progress');
    const again = await postPhotos(post(), files);
    expect(again.status).toBe(202);
    expect(again.body.photos.map((p: { id: string }) => p.id)).toEqual(
      res.body.photos.map((p: { id: string }) => p.id),
    );
    expect(await photoRows(number)).toHaveLength(3);
    expect(await storedFiles()).toHaveLength(3);
    await system.waitForAgreement(number, 'ready_review');
    expect(
      (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
        .status,
    ).toBe(200);
  });
});

test('a 5 MB photo goes through the API and the workflow without its bytes entering the workflow history', async () => {
  const { number, key } = await inProgressOrder();
  const files = await photoFiles(system.db.pool, number);
  files[1] = { ...files[1]!, bytes: tinyJpeg('a large after photo', 5 * 1024 * 1024) };
  const big = files[1];
  expect(big.bytes.length).toBeGreaterThan(5 * 1024 * 1024);

  expect((await postPhotos(system.as(key).post(`/work-orders/${number}/visit/photos`), files)).status).toBe(202);
  const ready = await system.waitForAgreement(number, 'ready_review');
  expect(ready.state.photos!.photos).toHaveLength(3);
  expect(
    (
      await system.db.pool.query('SELECT size_bytes FROM photos WHERE work_order_number = $1 AND kind = $2', [
        number,
        'after',
      ])
    ).rows[0].size_bytes,
  ).toBe(big.bytes.length);

  const handle = system.env.client.workflow.getHandle(workOrderWorkflowId(number));
  const history = await handle.fetchHistory();
  const payloadSizes: number[] = [];
  const texts: string[] = [];
  const visit = (node: unknown): void => {
    if (node instanceof Uint8Array) {
      payloadSizes.push(node.length);
      texts.push(Buffer.from(node).toString('latin1'));
      return;
    }
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) Object.values(node).forEach(visit);
  };
  visit(history);
  expect(payloadSizes.length).toBeGreaterThan(0);
  expect(Math.max(...payloadSizes)).toBeLessThan(64 * 1024);
  const described = await handle.describe();
  expect(described.historySize).toBeLessThan(1024 * 1024);

  const everything = texts.join('\n');
  const base64 = big.bytes.toString('base64');
  expect(everything).not.toContain(sha256(big.bytes));
  for (const at of [1000, 2_000_000, 6_000_000]) expect(everything).not.toContain(base64.slice(at, at + 64));
  expect(everything).not.toContain(big.bytes.subarray(200_000, 200_064).toString('latin1'));
  expect(
    (await system.as('coordinator').post(`/work-orders/${number}/cancel`).send({ reason: 'closing the test order' }))
      .status,
  ).toBe(200);
});
