/**
 * Moves the database's work order numbers past every `work-order-<number>` workflow Temporal has, so that no new
 * order's workflow id is an older order's: for a database dropped or restored from an older backup while Temporal
 * kept its state. `npm start` runs it before the API; after a restore, run it by hand before the API takes traffic:
 *   npx tsx scripts/alignWorkOrderNumbers.ts
 * (A start that finds a number taken anyway skips it the same way; this does it once, up front, for every order.)
 */
import { Client, Connection } from '@temporalio/client';
import { createPool } from '../db/pool';
import { loadConfig } from '../runtime/config';
import { alignNumbersWithTemporal } from '../db/numbering/takenNumbers';

async function main(): Promise<void> {
  const config = loadConfig();
  const pool = createPool(config.databaseUrl, 1);
  const connection = await Connection.connect({ address: config.temporalAddress });
  try {
    const temporal = new Client({ connection, namespace: config.temporalNamespace });
    const skipped = await alignNumbersWithTemporal(pool, temporal, (message) => console.log(message));
    if (!skipped) console.log('work order numbers: the database is past every work order workflow Temporal has');
  } finally {
    await connection.close();
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
