import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { PhotoStore } from '../../db/photoStore';

/** The longest side of a thumbnail, in pixels: a grid of them on a coordinator's screen. */
export const THUMBNAIL_EDGE = 320;
export const THUMBNAIL_TYPE = 'image/jpeg';

/** Larger than any phone camera's photo: a file claiming more pixels is refused before it is decoded. */
const MAX_INPUT_PIXELS = 100_000_000;

/** Thrown when the photo's bytes can't be decoded here (a HEVC-coded HEIC: the bundled libvips has no HEVC decoder). */
export class ThumbnailUnavailable extends Error {}

/** Where a photo's thumbnail is kept once made: beside the photos, under thumbs/, named by the photo's hash and size. */
function thumbnailPath(store: PhotoStore, sha256: string): string {
  // pathOf checks the hash is one, so the name below can't climb out of the folder.
  const photoPath = store.pathOf(sha256);
  return path.join(store.dir, 'thumbs', path.basename(path.dirname(photoPath)), `${sha256}-${THUMBNAIL_EDGE}.jpg`);
}

async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(bytes);
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (err) {
    await rm(temporary, { force: true });
    throw err;
  }
}

/**
 * The photo as a JPEG at most THUMBNAIL_EDGE pixels on its longest side (never enlarged), turned upright by its EXIF
 * orientation, transparency flattened on white. Made once per photo and kept: the photo's bytes never change.
 */
export async function thumbnailOf(store: PhotoStore, sha256: string): Promise<Buffer> {
  const target = thumbnailPath(store, sha256);
  const kept = await readFile(target).catch(() => null);
  if (kept) return kept;
  const original = await store.read(sha256);
  let bytes: Buffer;
  try {
    bytes = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(THUMBNAIL_EDGE, THUMBNAIL_EDGE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 75, mozjpeg: true })
      .toBuffer();
  } catch (err) {
    throw new ThumbnailUnavailable((err as Error).message);
  }
  await writeAtomically(target, bytes);
  return bytes;
}
