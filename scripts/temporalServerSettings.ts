/**
 * The Temporal server settings the product runs with. `npm start`'s dev server (scripts/devServer.ts) and the
 * benchmarks' (scripts/bench/harness.ts) get them as `temporal server start-dev` flags; docker-compose's server reads
 * the same values from temporal-config/dynamicconfig.yaml (test/unit/temporalServerSettings.test.ts keeps the two equal).
 */

/** Dynamic config keys and values (go.temporal.io/server common/dynamicconfig). */
export const SERVER_DYNAMIC_CONFIG: Readonly<Record<string, boolean>> = {
  // An activity scheduled by a workflow task comes back to the worker in the reply to that task's completion instead
  // of waiting in matching for a poll (about 36 ms each, measured). The SDK asks for it by default (activity option
  // allowEagerDispatch, worker option maxEagerActivityReservationsPerWorkflowTask = 3); the server must allow it.
  'system.enableActivityEagerExecution': true,
  // The dev server turns this on so that search attributes created at run time are usable at once; it makes every
  // search-attribute read go to the database. Ours are registered when the server starts (--search-attribute), and
  // with SQL visibility the names live in the namespace, not in this cache (refreshed every 60 s anyway).
  'system.forceSearchAttributesCacheRefreshOnRead': false,
};

/**
 * For a dev server with a database file: WAL journal and synchronous=normal. A commit no longer waits for the file
 * and its journal to be synced (about 2.2 ms against 0.04 ms per commit, measured); a power cut can lose the last
 * commits but does not corrupt the file. Not for in-memory servers (there is no journal file).
 */
export const SQLITE_FILE_PRAGMAS: readonly string[] = ['journal_mode=wal', 'synchronous=normal'];

/** `--dynamic-config-value KEY=JSON` for each of SERVER_DYNAMIC_CONFIG. */
export function dynamicConfigArgs(): string[] {
  return Object.entries(SERVER_DYNAMIC_CONFIG).flatMap(([key, value]) => [
    '--dynamic-config-value',
    `${key}=${JSON.stringify(value)}`,
  ]);
}

/** `--sqlite-pragma NAME=VALUE` for each of SQLITE_FILE_PRAGMAS. */
export function sqliteFilePragmaArgs(): string[] {
  return SQLITE_FILE_PRAGMAS.flatMap((pragma) => ['--sqlite-pragma', pragma]);
}
