/**
 * The embedded database for a first try: PGlite (Postgres compiled to WebAssembly, in this process) with its data in
 * a folder, served on 127.0.0.1 over the Postgres wire protocol so that `pg` talks to it as to any Postgres.
 *
 * PGlite is one Postgres backend: it serves one connection at a time (`maxConnections: 1`; a second client is
 * refused). The app's pool is that one connection (createPool(url, 1, 'pglite')), held for the process's life.
 */
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`: one connection at a time. */
  url: string;
  dataDir: string;
  /** Resolves once no client is connected (a process that ended its connection may take a moment to be let go). */
  whenIdle(timeoutMs?: number): Promise<void>;
  /** Stops serving and closes the database (its files are consistent on disk afterwards). */
  stop(): Promise<void>;
}

/** Opens (or creates, about 10 s the first time) the database in `dataDir` and serves it on 127.0.0.1 (0: a free port). */
export async function startEmbeddedDatabase(dataDir: string, port = 0): Promise<EmbeddedDatabase> {
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  let db: PGlite | null = null;
  try {
    // The migrations' extensions (trigram indexes, the bookings' exclusion constraint) ship inside the package.
    db = await PGlite.create({ dataDir, extensions: { pg_trgm, btree_gist } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections: 1 });
    await server.start();
    const opened = db;
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      dataDir,
      async whenIdle(timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (server.getStats().activeConnections > 0) {
          if (Date.now() > deadline)
            throw new Error(`the embedded database still has a client connected after ${timeoutMs / 1000}s`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
      async stop() {
        await server.stop();
        await opened.close();
        releaseLock();
      },
    };
  } catch (err) {
    await db?.close().catch(() => undefined);
    releaseLock();
    throw err;
  }
}

/**
 * PGlite has no lock of its own, and two processes writing one data folder corrupt it: the first one takes
 * `<dataDir>.pid`, and a second one is refused while that process lives.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${path.resolve(dataDir)}.pid`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(lockFile, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `the embedded database in ${dataDir} is in use by process ${holder}; stop it first (PGlite serves one process)`,
          { cause: err },
        );
      }
      rmSync(lockFile, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock ${lockFile}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
