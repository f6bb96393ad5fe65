import request from 'supertest';
import sharp from 'sharp';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { buildingOf, postPhotos, tinyJpeg, type TestPhotoFile } from '../support/photos';
import { KEYS, startSystem, type TestSystem } from '../support/system';

/**
 * GET /work-orders/:id/photos and /photos/:photoId on the real stack (Temporal, Postgres, the photo folder): who may
 * see a visit's photos, the files with the type their bytes announce, and thumbnails.
 */

let system: TestSystem;
let number: number;
let technicianKey: keyof typeof KEYS;
let otherTechnicianKey: keyof typeof KEYS;
let photos: Array<{ id: string; kind: string; contentType: string; url: string; thumbnailUrl: string }>;
const files: Record<string, Buffer> = {};

/** A real picture (sharp draws it): 1600 x 1200, wider than tall, so a thumbnail's size says it was scaled. */
const picture = (format: 'png' | 'webp') => {
  const image = sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3366aa' } });
  return image[format]().toBuffer();
};
/** The first bytes of a HEIC from a phone (a HEVC-coded image): accepted on upload, not decodable here. */
const heicBytes = () =>
  Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypheic', 'ascii'),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('mif1heic', 'ascii'),
    Buffer.alloc(64, 7),
  ]);

beforeAll(async () => {
  system = await startSystem();
  const technicianIds = (
    await system.db.pool.query<{ id: number }>('SELECT id::int AS id FROM technicians ORDER BY id')
  ).rows.map((r) => r.id);
  const { unitId, tenantId } = await system.unitWithTenant();
  const created = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'Kitchen sink is clogged and the drain is backing up' });
  expect(created.status).toBe(201);
  number = created.body.number;
  const { state } = await system.waitForAgreement(number, 'awaiting_confirmation');
  await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .signal(tenantReplySignal, { answer: 'yes', messageSid: `SM-view-${number}`, tenantId });
  await system.waitForAgreement(number, 'scheduled');
  const assigned = state.assignment!.technicianId;
  expect(technicianIds.slice(0, 2)).toContain(assigned);
  technicianKey = assigned === technicianIds[0] ? 'technician1' : 'technician2';
  otherTechnicianKey = technicianKey === 'technician1' ? 'technician2' : 'technician1';
  expect((await system.as(technicianKey).post(`/work-orders/${number}/visit/check-in`).send({})).status).toBe(202);
  await system.waitForAgreement(number, 'in_progress');

  files.before = tinyJpeg(`viewing ${number} before`);
  files.after = await picture('png');
  files.cleanup = await picture('webp');
  files.extra = heicBytes();
  const at = await buildingOf(system.db.pool, number);
  const takenAt = new Date().toISOString();
  const upload = (name: string, kind: 'before' | 'after' | 'cleanup', contentType: string): TestPhotoFile => ({
    name,
    kind,
    bytes: files[name === 'extra.heic' ? 'extra' : kind]!,
    contentType,
    ...at,
    takenAt,
  });
  const res = await postPhotos(system.as(technicianKey).post(`/work-orders/${number}/visit/photos`), [
    upload('before.jpg', 'before', 'image/jpeg'),
    upload('after.png', 'after', 'image/png'),
    upload('cleanup.webp', 'cleanup', 'image/webp'),
    upload('extra.heic', 'after', 'image/heic'),
  ]);
  expect(res.status).toBe(202);
  const list = await system.as('coordinator').get(`/work-orders/${number}/photos`);
  expect(list.status).toBe(200);
  photos = list.body.items;
});

afterAll(async () => {
  await system?.stop();
});

const photoOf = (contentType: string) => photos.find((p) => p.contentType === contentType)!;
/** Supertest buffers an image answer into `body`. */
const bytesOf = (res: request.Response) => res.body as Buffer;

test('the list names each photo with its type, file and thumbnail', () => {
  expect(photos.map((p) => [p.kind, p.contentType]).sort()).toEqual([
    ['after', 'image/heic'],
    ['after', 'image/png'],
    ['before', 'image/jpeg'],
    ['cleanup', 'image/webp'],
  ]);
  for (const p of photos) {
    expect(p.url).toBe(`/work-orders/${number}/photos/${p.id}`);
    expect(p.thumbnailUrl).toBe(`${p.url}?size=thumb`);
  }
});

test('coordinators, ops and the assigned technician get the file as uploaded, with the type its bytes announce', async () => {
  for (const caller of ['coordinator', 'ops', 'admin', technicianKey] as const) {
    for (const [contentType, bytes] of [
      ['image/jpeg', files.before],
      ['image/png', files.after],
      ['image/webp', files.cleanup],
      ['image/heic', files.extra],
    ] as const) {
      const res = await system.as(caller).get(photoOf(contentType).url).buffer(true);
      expect({ caller, contentType, status: res.status, type: res.headers['content-type'] }).toEqual({
        caller,
        contentType,
        status: 200,
        type: contentType,
      });
      expect(Buffer.compare(bytesOf(res), bytes!)).toBe(0);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, max-age=86400, immutable');
    }
  }
});

test('a thumbnail is a JPEG at most 320 px on its longest side, never enlarged, and the same bytes each time', async () => {
  const png = await system
    .as('coordinator')
    .get(`${photoOf('image/png').url}?size=thumb`)
    .buffer(true);
  expect([png.status, png.headers['content-type']]).toEqual([200, 'image/jpeg']);
  const meta = await sharp(bytesOf(png)).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 320, 240]);
  expect(bytesOf(png).length).toBeLessThan(files.after!.length);

  const webp = await system.as(technicianKey).get(photoOf('image/webp').thumbnailUrl).buffer(true);
  expect([webp.status, webp.headers['content-type']]).toEqual([200, 'image/jpeg']);
  expect((await sharp(bytesOf(webp)).metadata()).width).toBe(320);

  const tiny = await system.as('ops').get(photoOf('image/jpeg').thumbnailUrl).buffer(true);
  expect(tiny.status).toBe(200);
  const tinyMeta = await sharp(bytesOf(tiny)).metadata();
  expect([tinyMeta.width, tinyMeta.height]).toEqual([1, 1]);

  const again = await system
    .as('coordinator')
    .get(`${photoOf('image/png').url}?size=thumb`)
    .buffer(true);
  expect(Buffer.compare(bytesOf(again), bytesOf(png))).toBe(0);
  // Revalidation: the ETag is the content's hash.
  const notModified = await system
    .as('coordinator')
    .get(`${photoOf('image/png').url}?size=thumb`)
    .set('If-None-Match', png.headers.etag!);
  expect(notModified.status).toBe(304);
});

test("a photo that can't be decoded here has no thumbnail (422 saying to get the file), and its file is still served", async () => {
  const res = await system.as('coordinator').get(photoOf('image/heic').thumbnailUrl);
  expect([res.status, res.body.error]).toEqual([422, 'thumbnail_unavailable']);
  expect((await system.as('coordinator').get(photoOf('image/heic').url)).status).toBe(200);
});

test('another technician, the scheduler and no key are refused; unknown orders and photos are 404; bad ids and sizes 400', async () => {
  const url = photoOf('image/png').url;
  for (const path of [url, `${url}?size=thumb`, `/work-orders/${number}/photos`]) {
    const other = await system.as(otherTechnicianKey).get(path);
    expect([path, other.status, other.body.message]).toEqual([
      path,
      403,
      `work order ${number} is not assigned to you`,
    ]);
    expect((await system.as('scheduler').get(path)).status).toBe(403);
    expect((await request(system.app).get(path)).status).toBe(401);
  }
  expect(
    (await system.as('coordinator').get(`/work-orders/${number}/photos/2c0e7d4e-6f1a-4c3b-9a55-0d6f3b1e8a70`)).status,
  ).toBe(404);
  expect((await system.as('coordinator').get(`/work-orders/99999999/photos/${photos[0]!.id}`)).status).toBe(404);
  expect((await system.as('coordinator').get('/work-orders/99999999/photos')).status).toBe(404);
  // Another order's photo is not this order's.
  const { unitId } = await system.unitWithTenant();
  const other = await system
    .as('coordinator')
    .post('/work-orders')
    .send({ unitId, description: 'The hallway light flickers' });
  expect((await system.as('coordinator').get(`/work-orders/${other.body.number}/photos/${photos[0]!.id}`)).status).toBe(
    404,
  );

  const badId = await system.as('coordinator').get(`/work-orders/${number}/photos/not-a-uuid`);
  expect([badId.status, badId.body.issues.map((i: { path: string }) => i.path)]).toEqual([400, ['params.photoId']]);
  const badSize = await system.as('coordinator').get(`${url}?size=huge`);
  expect([badSize.status, badSize.body.issues.map((i: { path: string }) => i.path)]).toEqual([400, ['query.size']]);
});
