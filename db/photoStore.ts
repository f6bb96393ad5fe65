import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Visit photos live on disk, outside Postgres and outside Temporal: one file per distinct content, named by its
 * SHA-256 (`<dir>/<first two hex digits>/<sha256>`), so the same bytes uploaded twice are one file, and a name
 * always means the same bytes. The API writes; the worker reads (for the AI review).
 */
export interface PhotoStore {
  readonly dir: string;
  pathOf(sha256: string): string;
  /** Stores the bytes (once); resolves with their hash. */
  put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }>;
  read(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createPhotoStore(dir: string): PhotoStore {
  const root = path.resolve(dir);
  const pathOf = (sha256: string) => {
    // The hash becomes a path: anything else could climb out of the folder.
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };
  const has = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  };

  return {
    dir: root,
    pathOf,
    has,
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const target = pathOf(sha256);
      if (await has(sha256)) return { sha256, created: false };
      await mkdir(path.dirname(target), { recursive: true });
      // Written whole and flushed under a temporary name, then renamed: a reader never sees half a photo, and two
      // writers of the same bytes both end with the same complete file.
      const temporary = path.join(path.dirname(target), `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temporary, 'wx', 0o644);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, target);
      } catch (err) {
        await rm(temporary, { force: true });
        throw err;
      }
      return { sha256, created: true };
    },
    read: (sha256) => readFile(pathOf(sha256)),
  };
}
