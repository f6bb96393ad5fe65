/**
 * Serves the embedded database by itself: to look at it with psql while `npm start` is stopped (the app holds its
 * one connection while it runs), and for tests (PGlite does not load inside jest's module sandbox).
 *
 *   npx tsx scripts/serveEmbeddedDatabase.ts [data folder, default .data/pglite] [port, default any free one]
 */
import path from 'node:path';
import { startEmbeddedDatabase } from '../db/embedded';
import { PROJECT_ROOT } from './temporalCli';

async function main(): Promise<void> {
  const [folder = path.join(PROJECT_ROOT, '.data', 'pglite'), port = '0'] = process.argv.slice(2);
  const db = await startEmbeddedDatabase(path.resolve(folder), Number(port));
  console.log(`embedded database: ${db.url}   (data in ${db.dataDir}; one connection at a time; Ctrl-C stops it)`);
  const stop = () => {
    db.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
