/** The database made ready before the worker and the API start: migrated, seeded, its numbers past Temporal's. */
import type { EmbeddedDatabase } from '../../db/embedded';
import { log } from './log';
import { runToCompletion } from './processes';

export async function migrateAndSeed(env: NodeJS.ProcessEnv, embedded: EmbeddedDatabase | null): Promise<void> {
  // On the embedded database each step waits for the one before to have let go of the one connection.
  await runToCompletion('migrate', 'db/migrate.ts', env);
  await embedded?.whenIdle();
  await runToCompletion('seed', 'db/seed/run.ts', env);
  await embedded?.whenIdle();
  // A database dropped or restored while .data/temporal.db kept its workflows: numbers move past theirs first.
  await runToCompletion('numbers', 'scripts/alignWorkOrderNumbers.ts', env).catch((err: unknown) =>
    log(`work order numbers were not checked against Temporal: ${(err as Error).message}`),
  );
  await embedded?.whenIdle();
}
