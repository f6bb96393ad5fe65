/** The demo portfolio the benchmark runs on, read from the database: units, technicians, tenants. */
import type { Pool } from 'pg';
import type { Tenant } from '../workload';

export interface Unit {
  id: number;
  buildingId: number;
  tenantId: number | null;
}

export interface Portfolio {
  units: Unit[];
  technicianIds: number[];
  tenants: Tenant[];
  buildings: number;
}

export async function loadPortfolio(pool: Pool): Promise<Portfolio> {
  const units = (
    await pool.query<{ id: number; building_id: number; tenant_id: number | null }>(
      'SELECT u.id::int, u.building_id::int, (SELECT t.id::int FROM tenants t WHERE t.unit_id = u.id ORDER BY t.id LIMIT 1) AS tenant_id FROM units u ORDER BY u.id',
    )
  ).rows.map((r): Unit => ({ id: r.id, buildingId: r.building_id, tenantId: r.tenant_id }));
  const technicianIds = (await pool.query<{ id: number }>('SELECT id::int FROM technicians ORDER BY id')).rows.map(
    (r) => r.id,
  );
  const tenants = (
    await pool.query<{ phone: string; language: string }>('SELECT phone, language FROM tenants ORDER BY id')
  ).rows.map((r): Tenant => ({ phone: r.phone, language: r.language === 'es' ? 'es' : 'en' }));
  const buildings = new Set(units.map((u) => u.buildingId)).size;
  if (units.length === 0 || tenants.length === 0 || technicianIds.length === 0)
    throw new Error('the demo portfolio was not seeded');
  return { units, technicianIds, tenants, buildings };
}

/** "4 buildings, 40 units, 40 tenants, 8 technicians". */
export function describePortfolio(p: Portfolio): string {
  return `${p.buildings} buildings, ${p.units.length} units, ${p.tenants.length} tenants, ${p.technicianIds.length} technicians`;
}
