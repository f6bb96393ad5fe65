import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool, type PoolClient } from 'pg';

export type Db = Pool;

/**
 * 'postgres': a server with as many connections as the pool asks for. 'pglite': the embedded database
 * (db/embedded.ts), which serves one connection in all: the pool is that connection, and nothing can open a second
 * one, so whatever wants a session of its own (a LISTEN for the event stream) must read this and poll instead.
 */
export type DatabaseMode = 'postgres' | 'pglite';

const modes = new WeakMap<Pool, DatabaseMode>();
/** The pool whose client the current code holds: set inside inTransaction's work. */
const holding = new AsyncLocalStorage<Pool>();
/**
 * A process's 'pglite' pool, shared: the worker and the API run in one process on the embedded database
 * (scripts/workerAndApi.ts), each making its pool from the same URL, and both get this one connection.
 */
let shared: { url: string; pool: Pool; users: number } | null = null;

export function createPool(connectionString: string, max = 10, mode: DatabaseMode = 'postgres'): Pool {
  if (shared && shared.url === connectionString) {
    shared.users++;
    return shared.pool;
  }
  // Never closed when idle: another client (psql) would take the one connection and the app could not get it back.
  const pool =
    mode === 'pglite'
      ? new Pool({ connectionString, max: 1, idleTimeoutMillis: 0 })
      : new Pool({ connectionString, max });
  modes.set(pool, mode);
  // An idle client losing its connection (Postgres restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  if (mode === 'pglite') {
    refuseNestedUse(pool);
    share(pool, connectionString);
  }
  return pool;
}

/** Each user ends the shared pool once; it closes when the last one has. */
function share(pool: Pool, url: string): void {
  const entry = { url, pool, users: 1 };
  shared = entry;
  const end = pool.end.bind(pool);
  Object.assign(pool, {
    end: async () => {
      if (--entry.users > 0) return;
      if (shared === entry) shared = null;
      await end();
    },
  });
}

export function databaseMode(pool: Pool): DatabaseMode {
  return modes.get(pool) ?? 'postgres';
}

/**
 * With one connection, code that holds it (a transaction) and asks the pool again waits for itself forever. Such a
 * call fails at once instead, naming the mistake: inside inTransaction, query through its client.
 */
function refuseNestedUse(pool: Pool): void {
  // pool.query() goes through connect() too.
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  Object.assign(pool, {
    connect: (...args: unknown[]) => {
      if (holding.getStore() !== pool) return connect(...args);
      const err = new Error(
        "the pool was asked for a connection inside a transaction on it: with one connection (PGlite) that waits forever; use the transaction's client",
      );
      const callback = args[0];
      if (typeof callback !== 'function') return Promise.reject(err);
      process.nextTick(() => (callback as (e: Error) => void)(err));
      return undefined;
    },
  });
}

/** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors of idle clients only: a checked-out client whose connection drops (a Postgres restart)
  // while the transaction waits between queries (on Temporal, say) emits an 'error' nobody handles, and the process
  // dies (found by the postgres-restart drill). Kept here; the transaction's next query fails and it rolls back.
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await holding.run(pool, () => work(client));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.removeListener('error', onError);
    // A client that lost its connection is discarded, not pooled again.
    client.release(lost);
  }
}
