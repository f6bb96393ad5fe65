/**
 * The drill's database: a new one on the given server, migrated, the demo portfolio, a building of the drill's own
 * with one tenant per order, API keys, and rules that park every order at a known state.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { Client as PgClient, type Pool } from 'pg';
import { migrate } from '../../../db/migrator';
import { createPool } from '../../../db/pool';
import { upsertApiKey } from '../../../db/queries/apiKeys';
import { seedDemoData } from '../../../db/seed/seed';
import { DEFAULT_RULES, type Rules } from '../../../domain/rules';
import { ADMIN_KEY, COORDINATOR_KEY, COORDINATOR_KEY_NAME } from './credentials';

export interface DrillTenant {
  id: number;
  phone: string;
  unitId: number;
}

export interface DrillDatabase {
  name: string;
  url: string;
  pool: Pool;
  /** One tenant per unit of the drill's building, each in their own unit: every order has its own tenant. */
  tenants: DrillTenant[];
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new PgClient({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * Each drill tenant can let a technician in during one two-hour window a week (Monday 0-2 h, Monday 2-4 h, ...,
 * Saturday 22-24 h), consecutive tenants in different windows. Orders racing for the same technician and hour would
 * make the automatic booking lose the slot and, three times in a row, go to a coordinator instead: with at most two
 * orders per window in flight at once that cannot happen, and every order's path is the one expected.
 */
const AVAILABILITY_WINDOWS = 6 * 12;

/**
 * Rules that park every order at a known state: any classification with an internal technician is assigned at once
 * (no safety words in the drills' texts), the tenant has a week to answer (no reminder inside it), visit reminders
 * fall a second before the visit (never inside a drill: visits start an hour from now at the earliest). Technicians
 * work around the clock, so that every tenant's window (above) has slots.
 */
export function drillRules(): Rules {
  return {
    ...DEFAULT_RULES,
    thresholds: { autoAssign: 0, review: 0 },
    durations: {
      ...DEFAULT_RULES.durations,
      confirmationWaitSeconds: 7 * 24 * 3600,
      confirmationReminderSeconds: 7 * 24 * 3600,
      visitReminderDayBeforeSeconds: 1,
      visitReminderHourBeforeSeconds: 1,
      emergencySlaSeconds: 7 * 24 * 3600,
    },
    scheduling: { ...DEFAULT_RULES.scheduling, workdayStartHour: 0, workdayEndHour: 24, horizonDays: 30 },
  };
}

/**
 * A new database on `adminUrl`: migrated, the demo portfolio (no history), the drill's building with one tenant per
 * order and enough handymen for all of them, API keys, and work order numbers from `numberBase` (workflow ids
 * `work-order-<n>` then differ from any other drill's on a shared Temporal server).
 */
export async function createDrillDatabase(
  adminUrl: string,
  options: { drill: string; tenants: number; rules?: Rules; numberBase?: number },
): Promise<DrillDatabase> {
  const name = `wo_fault_${options.drill.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 20);
  await migrate(pool);
  await seedDemoData(pool, { history: false, rules: options.rules ?? drillRules() });
  const tenants = await addDrillBuilding(pool, options.tenants);
  await upsertApiKey(pool, { name: 'fault-drill admin', role: 'admin', secret: ADMIN_KEY });
  await upsertApiKey(pool, { name: COORDINATOR_KEY_NAME, role: 'coordinator', secret: COORDINATOR_KEY });
  const base = options.numberBase ?? 10_000 * randomInt(1, 90_000);
  await pool.query(`ALTER SEQUENCE work_order_number_seq RESTART WITH ${Math.floor(base)}`);
  return {
    name,
    url: url.toString(),
    pool,
    tenants,
    async drop() {
      await pool.end().catch(() => undefined);
      await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The drill's building: `count` units with a tenant each (by id), and enough handymen for all of them. */
async function addDrillBuilding(pool: Pool, count: number): Promise<DrillTenant[]> {
  const building = await pool.query<{ id: string }>(
    `INSERT INTO buildings (name, address, latitude, longitude) VALUES ('Drill Building', '1 Drill Way, Philadelphia, PA 19104', 39.9566, -75.1899) RETURNING id`,
  );
  const buildingId = Number(building.rows[0]!.id);
  const { rows } = await pool.query<{ id: string; phone: string; unit_id: string }>(
    `WITH units AS (
       INSERT INTO units (building_id, label) SELECT $1, 'D' || lpad(i::text, 4, '0') FROM generate_series(1, $2) AS i RETURNING id, label
     )
     INSERT INTO tenants (unit_id, name, phone, language, availability)
     SELECT id, 'Drill tenant ' || label, '+1445555' || lpad(substr(label, 2), 4, '0'), 'en',
            jsonb_build_array(jsonb_build_object('days', jsonb_build_array(1 + w / 12), 'startHour', 2 * (w % 12), 'endHour', 2 * (w % 12) + 2))
       FROM (SELECT id, label, (substr(label, 2)::int - 1) % ${AVAILABILITY_WINDOWS} AS w FROM units) AS u
     RETURNING id, phone, unit_id`,
    [buildingId, count],
  );
  const handymen = Math.max(4, Math.ceil(count / 25));
  await pool.query(
    `INSERT INTO technicians (name, phone, skills, certifications, max_orders_per_day, first_time_fix_rate, home_latitude, home_longitude)
     SELECT 'Drill Handyman ' || i, '+1445556' || lpad(i::text, 4, '0'), ARRAY['plumbing','general','appliance'], '{}', 20, 0.9, 39.9566, -75.1899
       FROM generate_series(1, $1) AS i`,
    [handymen],
  );
  return rows.map((r) => ({ id: Number(r.id), phone: r.phone, unitId: Number(r.unit_id) })).sort((a, b) => a.id - b.id);
}
