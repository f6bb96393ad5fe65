/**
 * `npm start`: brings the whole system up on this machine and stays in the foreground.
 * Temporal dev server (data in .data/) → Postgres database → migrate → seed → numbers past Temporal's → worker + API →
 * demo work orders.
 * The worker and the API are supervised (scripts/supervisor.ts): one that exits is restarted with a growing delay
 * while the rest keeps serving. Ctrl-C stops the API, then the worker (it finishes its in-flight tasks), then the dev
 * server, with no restart.
 * Without DATABASE_URL and with no Postgres answering, the database is the embedded PGlite in .data/pglite, served
 * from this process, and the worker and the API run as one process on its one connection (scripts/workerAndApi.ts).
 * Each step is in start/; this file runs them in order.
 */
import { mkdirSync } from 'node:fs';
import { loadConfig, type Config } from '../runtime/config';
import { DATA_DIR } from './start/dataDir';
import { openDatabase } from './start/database';
import { createDemo, planDemoOrders } from './start/demo';
import { childEnvironment } from './start/environment';
import { logError } from './start/log';
import { migrateAndSeed } from './start/migrateAndSeed';
import { checkPortsFree } from './start/ports';
import { loadSecrets } from './start/secrets';
import { startServices, waitForHealthy } from './start/services';
import { stopOnSignals, type Started } from './start/shutdown';
import { printSummary } from './start/summary';
import { startTemporal } from './start/temporal';

function parseArgs(argv: string[]): { demo: boolean } {
  let demo = true;
  for (const arg of argv) {
    if (arg === '--no-demo') demo = false;
    else {
      console.error(`unknown argument ${arg}\nusage: npm start [-- --no-demo]`);
      process.exit(2);
    }
  }
  return { demo };
}

async function main(): Promise<void> {
  const { demo } = parseArgs(process.argv.slice(2));
  const started: Started = { devServer: null, embedded: null, services: [] };
  const shutdown = stopOnSignals(started);
  try {
    await start(started, { demo });
  } catch (err) {
    logError((err as Error).message);
    await shutdown(1);
  }
}

async function start(started: Started, { demo }: { demo: boolean }): Promise<void> {
  const config = loadConfig();
  mkdirSync(DATA_DIR, { recursive: true });
  await checkPortsFree(config);

  const temporal = await startTemporal(config);
  started.devServer = temporal.devServer;
  const database = await openDatabase();
  started.embedded = database.embedded;
  const inUse: Config = { ...config, temporalAddress: temporal.address, databaseUrl: database.url };
  const secrets = loadSecrets();
  const env = childEnvironment(inUse, secrets);

  await migrateAndSeed(env, started.embedded);
  const demoOrders = demo ? await planDemoOrders(database.url) : undefined;
  await started.embedded?.whenIdle();

  const apiUrl = `http://127.0.0.1:${config.port}`;
  startServices(started, env, config);
  await waitForHealthy(apiUrl, started.services[started.services.length - 1]!);

  if (demo) await createDemo(inUse, apiUrl, secrets.admin.key, demoOrders);

  printSummary({
    config: inUse,
    apiUrl,
    admin: secrets.admin,
    cliPath: temporal.cliPath,
    temporalUiUrl: temporal.uiUrl,
    embeddedDatabase: started.embedded !== null,
    services: started.services.map((proc) => proc.name),
  });
}

void main();
