/**
 * The database npm start runs on (chosen in scripts/databaseChoice.ts): a Postgres database, created when it is
 * missing, or the embedded PGlite database served from this process.
 */
import { existsSync } from 'node:fs';
import { Client as PgClient } from 'pg';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../db/embedded';
import { chooseDatabase } from '../databaseChoice';
import { portAnswers } from '../devServer';
import { PGLITE_DIR } from './dataDir';
import { log } from './log';

export interface DatabaseInUse {
  url: string;
  /** null on Postgres. */
  embedded: EmbeddedDatabase | null;
}

export async function openDatabase(): Promise<DatabaseInUse> {
  const database = await chooseDatabase(process.env, portAnswers);
  if (database.kind === 'pglite') {
    log(database.notice);
    const embedded = await startEmbeddedDatabase(PGLITE_DIR);
    return { url: embedded.url, embedded };
  }
  if (existsSync(PGLITE_DIR))
    log('.data/pglite holds an earlier run on the embedded database; this run uses Postgres, not those records');
  await ensureDatabase(database.url);
  return { url: database.url, embedded: null };
}

/** Creates the database named in the URL when it does not exist (connecting to the server's `postgres` database). */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const where = `${url.hostname}:${url.port || 5432}`;
  const target = new PgClient({ connectionString: databaseUrl });
  try {
    await target.connect();
    await target.end();
    return;
  } catch (err) {
    await target.end().catch(() => undefined);
    if ((err as { code?: string }).code !== '3D000')
      throw new Error(`cannot connect to Postgres at ${where}: ${(err as Error).message}`, { cause: err });
  }
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new PgClient({ connectionString: url.toString() });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    log(`created database ${name} on ${where}`);
  } catch (err) {
    throw new Error(`database ${name} does not exist on ${where} and could not be created: ${(err as Error).message}`, {
      cause: err,
    });
  } finally {
    await admin.end().catch(() => undefined);
  }
}

export function redactPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}
