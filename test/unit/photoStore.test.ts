import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPhotoStore, sha256Hex, type PhotoStore } from '../../db/photoStore';

let dir: string;
let store: PhotoStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'photo-store-test-'));
  store = createPhotoStore(dir);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a file lives at <dir>/<first two hex>/<sha256>, and the same bytes twice are one file', async () => {
  const bytes = Buffer.from('some photo bytes');
  const sha = sha256Hex(bytes);
  expect(await store.put(bytes)).toEqual({ sha256: sha, created: true });
  expect(await store.put(Buffer.from(bytes))).toEqual({ sha256: sha, created: false });
  expect(store.pathOf(sha)).toBe(path.join(dir, sha.slice(0, 2), sha));
  expect(await readFile(store.pathOf(sha))).toEqual(bytes);
  expect(await readdir(path.join(dir, sha.slice(0, 2)))).toEqual([sha]);
  expect(await store.read(sha)).toEqual(bytes);
});

test('concurrent writes of the same bytes leave one complete file and no temporary files', async () => {
  const bytes = Buffer.alloc(512 * 1024, 7);
  const sha = sha256Hex(bytes);
  await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
  expect(await readdir(path.join(dir, sha.slice(0, 2)))).toEqual([sha]);
  expect((await store.read(sha)).equals(bytes)).toBe(true);
});

test('a name that is not a sha256 never becomes a path', async () => {
  expect(() => store.pathOf('../../etc/passwd')).toThrow(/not a sha256/);
  expect(await store.has('0'.repeat(64))).toBe(false);
});
