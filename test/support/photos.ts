import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type request from 'supertest';
import type { LatLng } from '../../domain/geo';
import { PHOTO_KINDS, type PhotoKind } from '../../domain/photos';

const marker = (code: number) => [0xff, code];
const segment = (code: number, body: number[]) => [
  ...marker(code),
  (body.length + 2) >> 8,
  (body.length + 2) & 0xff,
  ...body,
];

/**
 * The smallest honest baseline JPEG: 1x1 grey, one quantization table, one-code Huffman tables, one scan byte.
 * `label` goes in a comment segment so each test photo has its own bytes (and hash).
 */
export function tinyJpeg(label: string, padding = 0): Buffer {
  const head = Buffer.from([
    ...marker(0xd8),
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    ...segment(0xfe, [...Buffer.from(label.slice(0, 60_000), 'utf8')]),
  ]);
  // Incompressible comment segments (at most 64 KB each) make a photo as large as a test needs: still a valid JPEG.
  const fill: Buffer[] = [];
  for (let left = padding; left > 0;) {
    const size = Math.min(left, 65_000);
    fill.push(Buffer.concat([Buffer.from([0xff, 0xfe, (size + 2) >> 8, (size + 2) & 0xff]), randomBytes(size)]));
    left -= size;
  }
  const tail = Buffer.from([
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]),
    ...segment(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
    ...segment(0xda, [0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]),
    0x3f,
    ...marker(0xd9),
  ]);
  return Buffer.concat([head, ...fill, tail]);
}

export interface TestPhotoFile {
  /** The file name, unique in the request; the manifest refers to it. */
  name: string;
  kind: PhotoKind;
  bytes: Buffer;
  contentType: string;
  latitude: number;
  longitude: number;
  takenAt: string;
}

export interface UploadOptions {
  /** The kinds to upload, one tiny JPEG each; all three by default. */
  kinds?: readonly PhotoKind[];
  /** Where the photos say they were taken; the order's building by default. */
  at?: LatLng;
  takenAt?: string;
  /** Extra bytes in each photo (JPEG comment segments). */
  paddingBytes?: number;
  /** The files exactly; overrides kinds, at, takenAt and paddingBytes. */
  files?: TestPhotoFile[];
  /** The manifest as sent; built from the files by default. */
  manifest?: unknown;
  notes?: string;
}

export async function buildingOf(pool: Pool, number: number): Promise<LatLng> {
  const { rows } = await pool.query<LatLng>(
    'SELECT b.latitude, b.longitude FROM work_orders w JOIN buildings b ON b.id = w.building_id WHERE w.number = $1',
    [number],
  );
  if (!rows[0]) throw new Error(`no work order ${number}`);
  return rows[0];
}

export async function photoFiles(pool: Pool, number: number, options: UploadOptions = {}): Promise<TestPhotoFile[]> {
  if (options.files) return options.files;
  const at = options.at ?? (await buildingOf(pool, number));
  const takenAt = options.takenAt ?? new Date().toISOString();
  return (options.kinds ?? PHOTO_KINDS).map((kind) => ({
    name: `${kind}.jpg`,
    kind,
    bytes: tinyJpeg(`work order ${number}, ${kind}, ${randomBytes(4).toString('hex')}`, options.paddingBytes),
    contentType: 'image/jpeg',
    latitude: at.latitude,
    longitude: at.longitude,
    takenAt,
  }));
}

/** Posts a multipart photo upload: one `photo` part per file and the `manifest` describing them. */
export function postPhotos(
  post: request.Test,
  files: readonly TestPhotoFile[],
  options: Pick<UploadOptions, 'manifest' | 'notes'> = {},
): request.Test {
  const manifest =
    options.manifest ??
    files.map(({ name, kind, latitude, longitude, takenAt }) => ({ file: name, kind, latitude, longitude, takenAt }));
  let req = post.field('manifest', typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  if (options.notes !== undefined) req = req.field('notes', options.notes);
  for (const file of files)
    req = req.attach('photo', file.bytes, { filename: file.name, contentType: file.contentType });
  return req;
}
