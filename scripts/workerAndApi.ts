/**
 * The worker and the API in one process, on one connection: how `npm start` runs them on the embedded database,
 * which serves one connection at a time. Both entry points run as they are; each makes its pool from DATABASE_URL
 * and gets this process's one 'pglite' pool (db/pool.ts).
 */
import { createPool } from '../db/pool';
import { loadConfig } from '../runtime/config';

async function main(): Promise<void> {
  // Made first, and this share is kept until shutdown: the worker and the API make theirs after their own awaits,
  // and a pool that had closed in between would be made again as a second connection.
  const pool = createPool(loadConfig().databaseUrl, 1, 'pglite');
  // The one connection is taken now and kept (db/pool.ts); a process that has just let go of it (migrate, seed)
  // may still hold it for a moment, and until then the database refuses us.
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('SELECT 1');
      break;
    } catch (err) {
      if (attempt === 25)
        throw new Error(`the embedded database refused the connection for 5 s: ${(err as Error).message}`, {
          cause: err,
        });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  await import('../workers/main');
  await import('../api/main');
  // On shutdown the worker and the API each end their share; ours goes too, so the pool closes after the last one.
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    pool.end().catch(() => undefined);
  };
  process.once('SIGTERM', release);
  process.once('SIGINT', release);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
