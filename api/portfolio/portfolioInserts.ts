import type { PoolClient } from 'pg';
import type { NewPortfolioRecord } from './portfolioBodies';

async function insertedId(client: PoolClient, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await client.query<{ id: number }>(`${sql} RETURNING id::int AS id`, params);
  return rows[0]!.id;
}

/** Writes the row of a validated body; returns its id. */
export function insertPortfolioRecord(client: PoolClient, record: NewPortfolioRecord): Promise<number> {
  switch (record.kind) {
    case 'buildings': {
      const b = record.body;
      return insertedId(
        client,
        'INSERT INTO buildings (name, address, latitude, longitude, vendor_budget_cap_cents) VALUES ($1, $2, $3, $4, $5)',
        [b.name, b.address, b.latitude, b.longitude, b.vendorBudgetCapCents],
      );
    }
    case 'units':
      return insertedId(client, 'INSERT INTO units (building_id, label) VALUES ($1, $2)', [
        record.body.buildingId,
        record.body.label,
      ]);
    case 'tenants': {
      const t = record.body;
      const availability = t.availability === undefined ? null : JSON.stringify(t.availability);
      return insertedId(
        client,
        'INSERT INTO tenants (unit_id, name, phone, language, availability) VALUES ($1, $2, $3, $4, $5)',
        [t.unitId, t.name, t.phone, t.language, availability],
      );
    }
    case 'technicians': {
      const t = record.body;
      return insertedId(
        client,
        `INSERT INTO technicians (name, phone, skills, certifications, max_orders_per_day, first_time_fix_rate, home_latitude, home_longitude, hourly_rate_cents, active, language, working_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          t.name,
          t.phone,
          t.skills,
          t.certifications,
          t.maxOrdersPerDay,
          t.firstTimeFixRate,
          t.homeLatitude ?? null,
          t.homeLongitude ?? null,
          t.hourlyRateCents,
          t.active,
          t.language,
          t.workingHours === undefined ? null : JSON.stringify(t.workingHours),
        ],
      );
    }
    case 'vendors': {
      const v = record.body;
      return insertedId(client, 'INSERT INTO vendors (name, phone, skills, approved) VALUES ($1, $2, $3, $4)', [
        v.name,
        v.phone,
        v.skills,
        v.approved,
      ]);
    }
  }
}
