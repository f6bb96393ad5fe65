import type { Pool, PoolClient } from 'pg';

/** The portfolio's records: buildings, their units, the tenants living in them, our technicians, the vendors we may call. */
export const PORTFOLIO_KINDS = ['buildings', 'units', 'tenants', 'technicians', 'vendors'] as const;
export type PortfolioKind = (typeof PORTFOLIO_KINDS)[number];

/** Each kind's columns as the API answers them (camelCase, ids as numbers). */
const COLUMNS: Record<PortfolioKind, string> = {
  buildings: `id::int AS id, name, address, latitude, longitude, vendor_budget_cap_cents AS "vendorBudgetCapCents", created_at AS "createdAt"`,
  units: `id::int AS id, building_id::int AS "buildingId", label, created_at AS "createdAt"`,
  tenants: `t.id::int AS id, t.unit_id::int AS "unitId", u.building_id::int AS "buildingId", t.name, t.phone, t.language, t.availability, t.active, t.created_at AS "createdAt"`,
  technicians: `id::int AS id, name, phone, skills, certifications, max_orders_per_day AS "maxOrdersPerDay",
    first_time_fix_rate::float8 AS "firstTimeFixRate", home_latitude AS "homeLatitude", home_longitude AS "homeLongitude",
    hourly_rate_cents AS "hourlyRateCents", language, working_hours AS "workingHours", active, vendor_id::int AS "vendorId", created_at AS "createdAt"`,
  vendors: `id::int AS id, name, phone, skills, approved, created_at AS "createdAt"`,
};

/** Where each kind is read from; tenants carry their unit's building. */
const SOURCES: Record<PortfolioKind, { from: string; id: string }> = {
  buildings: { from: 'buildings', id: 'id' },
  units: { from: 'units', id: 'id' },
  tenants: { from: 'tenants t JOIN units u ON u.id = t.unit_id', id: 't.id' },
  technicians: { from: 'technicians', id: 'id' },
  vendors: { from: 'vendors', id: 'id' },
};

export type PortfolioRecord = { id: number } & Record<string, unknown>;

/** A filter of a list: the column (as the source names it) and the value it must have, or contain for an array. */
export interface PortfolioFilter {
  column: string;
  value: string | number | boolean;
  contains?: boolean;
}

/** A page of one kind in id order, after `afterId`; asks for one more than `limit` so the caller knows whether a next page exists. */
export async function listPortfolio(
  db: Pool,
  kind: PortfolioKind,
  options: { afterId: number; limit: number; filters: PortfolioFilter[] },
): Promise<PortfolioRecord[]> {
  const { from, id } = SOURCES[kind];
  const params: unknown[] = [options.afterId, options.limit];
  const where = [`${id} > $1`];
  for (const filter of options.filters) {
    params.push(filter.value);
    where.push(filter.contains ? `$${params.length} = ANY(${filter.column})` : `${filter.column} = $${params.length}`);
  }
  const { rows } = await db.query<PortfolioRecord>(
    `SELECT ${COLUMNS[kind]} FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${id} LIMIT $2`,
    params,
  );
  return rows;
}

export async function findPortfolioRecord(
  db: Pool | PoolClient,
  kind: PortfolioKind,
  recordId: number,
): Promise<PortfolioRecord | null> {
  const { from, id } = SOURCES[kind];
  const { rows } = await db.query<PortfolioRecord>(`SELECT ${COLUMNS[kind]} FROM ${from} WHERE ${id} = $1`, [recordId]);
  return rows[0] ?? null;
}

/** The table a kind's records are written to (its own columns only: a tenant's building is its unit's). */
export const TABLES: Record<PortfolioKind, string> = {
  buildings: 'buildings',
  units: 'units',
  tenants: 'tenants',
  technicians: 'technicians',
  vendors: 'vendors',
};

/**
 * Everyone texting from this number but `self`: tenants, our technicians, vendors, coordinators. The SMS channel
 * tells people apart by their number, so one number is one person.
 */
export async function otherPhoneOwner(
  client: PoolClient,
  phone: string,
  self: { kind: PortfolioKind; id: number },
): Promise<{ kind: string; id: number } | null> {
  const { rows } = await client.query<{ kind: string; id: number }>(
    `SELECT * FROM (
       SELECT 'tenants' AS kind, id::int AS id FROM tenants WHERE phone = $1
       UNION ALL SELECT 'technicians', id::int FROM technicians WHERE phone = $1 AND vendor_id IS NULL
       UNION ALL SELECT 'vendors', id::int FROM vendors WHERE phone = $1
       UNION ALL SELECT 'coordinators', id::int FROM coordinators WHERE phone = $1
     ) owners WHERE NOT (kind = $2 AND id = $3) ORDER BY kind, id LIMIT 1`,
    [phone, self.kind, self.id],
  );
  return rows[0] ?? null;
}

/** Who already texts from this number, if anyone: the SMS channel tells tenants, technicians and vendors apart by it. */
export async function phoneOwner(
  client: PoolClient,
  phone: string,
): Promise<{ kind: 'tenants' | 'technicians' | 'vendors'; id: number } | null> {
  const { rows } = await client.query<{ kind: 'tenants' | 'technicians' | 'vendors'; id: number }>(
    `SELECT 'tenants' AS kind, id::int AS id FROM tenants WHERE phone = $1
     UNION ALL SELECT 'technicians', id::int FROM technicians WHERE phone = $1 AND vendor_id IS NULL
     UNION ALL SELECT 'vendors', id::int FROM vendors WHERE phone = $1
     LIMIT 1`,
    [phone],
  );
  return rows[0] ?? null;
}
