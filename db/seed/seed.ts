import type { Pool, PoolClient } from 'pg';
import { classificationSchema, type Classification } from '../../domain/classification';
import { DEFAULT_RULES, rulesSchema, type Rules } from '../../domain/rules';
import { localParts, zonedTimeToUtc } from '../../domain/zonedTime';
import { inTransaction } from '../pool';
import { appendEvent } from '../queries/events';
import {
  DEMO_BUILDINGS,
  DEMO_HISTORY,
  DEMO_TECHNICIANS,
  DEMO_TENANTS,
  DEMO_UNITS,
  DEMO_VENDORS,
  type DemoHistoryOrder,
} from './demoData';
import { insertDemoEquipment, insertDemoSeasonalTasks } from './preventiveDemo';

export interface SeedOptions {
  /** Past completed work orders for context enrichment; tests turn it off to count events from zero. */
  history?: boolean;
  /** Rules to make current; when they differ from the newest row, they become a new version. */
  rules?: Rules;
  /** The moment history is dated back from. */
  now?: Date;
}

export interface SeedSummary {
  /** Rows this run added; all zero when the demo data was already there. */
  inserted: {
    buildings: number;
    units: number;
    tenants: number;
    technicians: number;
    vendors: number;
    rules: number;
    workOrders: number;
    events: number;
    equipment: number;
    seasonalTasks: number;
  };
  rulesVersion: number;
}

// Two seeds started together (bootstrap and a test) wait for each other instead of racing on the history check.
const SEED_LOCK_KEY = 727_002;
const HISTORY_MARKER = 'history';

/**
 * Inserts the demo portfolio by natural keys, a rules row and (by default) a year of history, in one
 * transaction. Idempotent: what is already there is left as it is, so a second run inserts nothing.
 */
export async function seedDemoData(pool: Pool, options: SeedOptions = {}): Promise<SeedSummary> {
  const { history = true, now = new Date() } = options;
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const buildings = await insertBuildings(client);
    const units = await insertUnits(client);
    const tenants = await insertTenants(client);
    const technicians = await insertTechnicians(client);
    const vendors = await insertVendors(client);
    const rules = await ensureRules(client, options.rules);
    const past = history ? await insertHistory(client, now) : { workOrders: 0, events: 0 };
    const equipment = await insertDemoEquipment(client);
    const seasonalTasks = await insertDemoSeasonalTasks(client);
    return {
      inserted: {
        buildings,
        units,
        tenants,
        technicians,
        vendors,
        rules: rules.inserted,
        workOrders: past.workOrders,
        events: past.events,
        equipment,
        seasonalTasks,
      },
      rulesVersion: rules.version,
    };
  });
}

async function insertRecords(client: PoolClient, sql: string, records: readonly object[]): Promise<number> {
  const result = await client.query(sql, [JSON.stringify(records)]);
  return result.rowCount ?? 0;
}

function insertBuildings(client: PoolClient): Promise<number> {
  return insertRecords(
    client,
    `INSERT INTO buildings (name, address, latitude, longitude)
     SELECT name, address, latitude, longitude FROM jsonb_to_recordset($1::jsonb) AS x(name text, address text, latitude float8, longitude float8)
     ON CONFLICT (name) DO NOTHING`,
    DEMO_BUILDINGS,
  );
}

function insertUnits(client: PoolClient): Promise<number> {
  return insertRecords(
    client,
    `INSERT INTO units (building_id, label)
     SELECT b.id, x.label FROM jsonb_to_recordset($1::jsonb) AS x(building text, label text) JOIN buildings b ON b.name = x.building
     ON CONFLICT (building_id, label) DO NOTHING`,
    DEMO_UNITS,
  );
}

function insertTenants(client: PoolClient): Promise<number> {
  return insertRecords(
    client,
    `INSERT INTO tenants (unit_id, name, phone, language, availability)
     SELECT u.id, x.name, x.phone, x.language, x.availability
       FROM jsonb_to_recordset($1::jsonb) AS x(building text, unit text, name text, phone text, language text, availability jsonb)
       JOIN buildings b ON b.name = x.building JOIN units u ON u.building_id = b.id AND u.label = x.unit
     ON CONFLICT (phone) DO NOTHING`,
    DEMO_TENANTS,
  );
}

function insertTechnicians(client: PoolClient): Promise<number> {
  return insertRecords(
    client,
    `INSERT INTO technicians (name, phone, skills, certifications, max_orders_per_day, first_time_fix_rate, home_latitude, home_longitude)
     SELECT name, phone, skills, certifications, "maxOrdersPerDay", "firstTimeFixRate", "homeLatitude", "homeLongitude"
       FROM jsonb_to_recordset($1::jsonb) AS x(name text, phone text, skills text[], certifications text[], "maxOrdersPerDay" int,
                                               "firstTimeFixRate" numeric, "homeLatitude" float8, "homeLongitude" float8)
     ON CONFLICT (phone) DO NOTHING`,
    DEMO_TECHNICIANS,
  );
}

function insertVendors(client: PoolClient): Promise<number> {
  return insertRecords(
    client,
    `INSERT INTO vendors (name, phone, skills, approved)
     SELECT name, phone, skills, approved FROM jsonb_to_recordset($1::jsonb) AS x(name text, phone text, skills text[], approved boolean)
     ON CONFLICT (name) DO NOTHING`,
    DEMO_VENDORS,
  );
}

/**
 * Without `override`, writes the default rules only into an empty table, so a coordinator's edits survive a re-seed.
 * With it, makes those rules current (a new version) unless the newest row already holds exactly them.
 */
async function ensureRules(
  client: PoolClient,
  override: Rules | undefined,
): Promise<{ version: number; inserted: number }> {
  const wanted = JSON.stringify(rulesSchema.parse(override ?? DEFAULT_RULES));
  const latest = await client.query<{ version: number; same: boolean }>(
    'SELECT version, rules = $1::jsonb AS same FROM rules ORDER BY version DESC LIMIT 1',
    [wanted],
  );
  const row = latest.rows[0];
  if (row && (override === undefined || row.same)) return { version: row.version, inserted: 0 };
  const version = (row?.version ?? 0) + 1;
  await client.query('INSERT INTO rules (version, rules, created_by, note) VALUES ($1, $2, $3, $4)', [
    version,
    wanted,
    'seed',
    override ? 'rules given to the seed' : 'default rules',
  ]);
  return { version, inserted: 1 };
}

const HOUR_MS = 3_600_000;
const TIME_ZONE = DEFAULT_RULES.scheduling.timeZone;

/**
 * Dates one past order: reported during the day `daysAgo` days before `now`; an emergency visited right away,
 * anything else in working hours on the day `hoursToVisit` later; completed when the visit ends.
 */
function timeline(order: DemoHistoryOrder, index: number, now: Date) {
  const reported = localParts(new Date(now.getTime() - order.daysAgo * 24 * HOUR_MS), TIME_ZONE);
  const createdAt = zonedTimeToUtc(reported.year, reported.month, reported.day, 8 + ((index * 5) % 12), TIME_ZONE);
  let scheduledStart = new Date(createdAt.getTime() + order.hoursToVisit * HOUR_MS);
  if (order.priority !== 'emergency') {
    const visitDay = localParts(scheduledStart, TIME_ZONE);
    scheduledStart = zonedTimeToUtc(visitDay.year, visitDay.month, visitDay.day, 9 + (index % 6), TIME_ZONE);
    if (scheduledStart.getTime() < createdAt.getTime() + HOUR_MS)
      scheduledStart = new Date(scheduledStart.getTime() + 24 * HOUR_MS);
  }
  const scheduledEnd = new Date(scheduledStart.getTime() + order.visitMinutes * 60_000);
  return { createdAt, scheduledStart, scheduledEnd, completedAt: scheduledEnd };
}

function recordedClassification(order: DemoHistoryOrder): Classification {
  return classificationSchema.parse({
    priority: order.priority,
    skillsRequired: [order.skill],
    estimatedMinutes: Math.min(480, Math.max(15, Math.round(order.visitMinutes / 15) * 15)),
    confidence: 1,
    reasoning: 'recorded by the coordinator (demo history)',
    warnings: order.safety ? ['safety'] : [],
    safety: order.safety ?? false,
  });
}

async function insertHistory(client: PoolClient, now: Date): Promise<{ workOrders: number; events: number }> {
  const existing = await client.query(`SELECT 1 FROM work_orders WHERE metadata->>'seed' = $1 LIMIT 1`, [
    HISTORY_MARKER,
  ]);
  if (existing.rowCount) return { workOrders: 0, events: 0 };

  // Oldest first, so the numbers the sequence hands out grow with time like real orders.
  const ordered = DEMO_HISTORY.map((order, index) => ({ order, index })).sort(
    (a, b) => b.order.daysAgo - a.order.daysAgo,
  );
  let workOrders = 0;
  let events = 0;
  for (const { order, index } of ordered) {
    const t = timeline(order, index, now);
    const tenantPhone = DEMO_TENANTS.find((x) => x.building === order.building && x.unit === order.unit)?.phone ?? null;
    const inserted = await client.query<{ number: string }>(
      `INSERT INTO work_orders (status, priority, building_id, unit_id, tenant_id, description, source, metadata, classification,
                                assigned_technician_id, scheduled_start, scheduled_end, created_at, updated_at, completed_at)
       SELECT 'completed', $1, b.id, u.id, (SELECT id FROM tenants WHERE phone = $4), $5, $6, $7, $8,
              tech.id, $9, $10, $11, $12, $12
         FROM buildings b JOIN units u ON u.building_id = b.id AND u.label = $3, technicians tech
        WHERE b.name = $2 AND tech.phone = $13
       RETURNING number`,
      [
        order.priority,
        order.building,
        order.unit,
        tenantPhone,
        order.description,
        order.source,
        JSON.stringify({ seed: HISTORY_MARKER }),
        JSON.stringify(recordedClassification(order)),
        t.scheduledStart,
        t.scheduledEnd,
        t.createdAt,
        t.completedAt,
        order.technicianPhone,
      ],
    );
    const number = inserted.rows[0]?.number;
    if (!number)
      throw new Error(
        `demo history ${index}: ${order.building} - ${order.unit} or technician ${order.technicianPhone} is missing`,
      );
    workOrders++;

    const seeded = { number: Number(number), actor: { type: 'system', id: 'seed' }, onDuplicateKey: 'skip' } as const;
    const created = await appendEvent(client, {
      ...seeded,
      type: 'created',
      source: order.source,
      payload: { description: order.description },
      idempotencyKey: `seed/history/${index}/created`,
      at: t.createdAt,
    });
    const completed = await appendEvent(client, {
      ...seeded,
      type: 'completed',
      source: 'seed',
      payload: { from: 'ready_review', to: 'completed' },
      idempotencyKey: `seed/history/${index}/completed`,
      at: t.completedAt,
    });
    events += (created === null ? 0 : 1) + (completed === null ? 0 : 1);
  }
  return { workOrders, events };
}
