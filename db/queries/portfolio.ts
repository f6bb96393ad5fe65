import type { Pool } from 'pg';
import type { PortfolioIndex } from '../../domain/appfolio/portfolio';

/** Buildings with their units (and each unit's first tenant on file), vendors, technicians: what an import matches names against. */
export async function loadPortfolioIndex(db: Pool): Promise<PortfolioIndex> {
  const [buildings, vendors, technicians] = await Promise.all([
    db.query<PortfolioIndex['buildings'][number]>(
      `SELECT b.id::int AS id, b.name,
              coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'label', u.label, 'tenant', t.tenant) ORDER BY u.id) FILTER (WHERE u.id IS NOT NULL), '[]') AS units
         FROM buildings b
         LEFT JOIN units u ON u.building_id = b.id
         LEFT JOIN LATERAL (SELECT jsonb_build_object('id', t.id, 'name', t.name) AS tenant FROM tenants t WHERE t.unit_id = u.id ORDER BY t.id LIMIT 1) t ON true
        GROUP BY b.id ORDER BY b.id`,
    ),
    db.query<PortfolioIndex['vendors'][number]>('SELECT id::int AS id, name, approved FROM vendors ORDER BY id'),
    db.query<PortfolioIndex['technicians'][number]>(
      'SELECT id::int AS id, name, vendor_id::int AS "vendorId" FROM technicians ORDER BY id',
    ),
  ]);
  return { buildings: buildings.rows, vendors: vendors.rows, technicians: technicians.rows };
}
