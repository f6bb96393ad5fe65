import { loadConfig } from '../../runtime/config';
import { migrate } from '../migrator';
import { createPool } from '../pool';
import { seedDemoData, type SeedSummary } from './seed';

function describe(summary: SeedSummary): string {
  const added = Object.entries(summary.inserted).filter(([, n]) => n > 0);
  const what = added.length
    ? `added ${added.map(([name, n]) => `${n} ${name}`).join(', ')}`
    : 'demo data already present, nothing added';
  return `seed: ${what}; rules version ${summary.rulesVersion}`;
}

async function main(): Promise<void> {
  const pool = createPool(loadConfig().databaseUrl, 2);
  try {
    await migrate(pool);
    console.log(describe(await seedDemoData(pool)));
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
