import { randomBytes } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { migrate } from '../../db/migrator';
import { createPool } from '../../db/pool';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  url: string;
  pool: Pool;
  /**
   * Drops the database and creates it again under the same name, empty and migrated: what a dropped (or restored)
   * database looks like to a system that keeps running on it. The pool's connections are cut and it reconnects.
   */
  recreate(): Promise<void>;
  drop(): Promise<void>;
}

async function asAdmin(sql: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new, migrated database of this test file's own; dropped at the end. Never touches another database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `wo_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString());
  await migrate(pool);
  return {
    name,
    url: url.toString(),
    pool,
    async recreate() {
      await asAdmin(`DROP DATABASE ${name} WITH (FORCE)`);
      await asAdmin(`CREATE DATABASE ${name}`);
      await migrate(pool);
    },
    async drop() {
      await pool.end();
      await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** `count` bare work orders in every unit there is (no workflow, no tenant): what booking and proposal tests book. */
export async function insertBareWorkOrders(pool: Pool, count: number): Promise<number[]> {
  const { rows } = await pool.query<{ number: string }>(
    `INSERT INTO work_orders (building_id, unit_id, description, source)
     SELECT u.building_id, u.id, 'leak under the sink #' || n, 'api' FROM units u, generate_series(1, $1) AS n RETURNING number`,
    [count],
  );
  return rows.map((r) => Number(r.number));
}
