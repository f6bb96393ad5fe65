import { loadConfig } from '../runtime/config';
import { migrate } from './migrator';
import { createPool } from './pool';

async function main(): Promise<void> {
  const pool = createPool(loadConfig().databaseUrl, 1);
  try {
    const applied = await migrate(pool);
    console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
