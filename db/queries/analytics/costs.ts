import { ON_SITE, SCOPED, scopeParams, type AnalyticsScope, type Queryable } from './scope';

/** Means per completed order, in whole cents; NULL over no orders. */
export interface CostFigures {
  orders: number;
  meanLaborCents: number | null;
  meanPartsCents: number | null;
  meanVendorCents: number | null;
  meanTotalCents: number | null;
  totalCents: number;
  /** Orders whose labor was costed from time on site, no labor cost having been entered on approval. */
  laborEstimated: number;
  /** Orders with no labor cost entered and no time on site to cost it from: their labor counts as 0. */
  laborUnknown: number;
}

/**
 * Completed orders. Labor: labor_cost_cents as entered on approval; otherwise minutes on site (ON_SITE) at the
 * assigned technician's hourly rate, rounded to the cent (a vendor crew's rate is 0: the quote covers its labor);
 * 0 when neither is known. Parts and vendor: the recorded costs, 0 when none. Vendor-performed: the order has a
 * vendor or its technician is a vendor's crew; internal otherwise.
 */
export interface Costs extends CostFigures {
  byPerformer: { internal: CostFigures; vendor: CostFigures };
  byBuilding: Array<{ buildingId: number; name: string } & CostFigures>;
  byTechnician: Array<{ technicianId: number | null; name: string | null } & CostFigures>;
}

type Row = CostFigures & {
  grouping: number;
  byVendor: boolean | null;
  buildingId: number | null;
  buildingName: string | null;
  technicianId: number | null;
  technicianName: string | null;
};

const EMPTY: CostFigures = {
  orders: 0,
  meanLaborCents: null,
  meanPartsCents: null,
  meanVendorCents: null,
  meanTotalCents: null,
  totalCents: 0,
  laborEstimated: 0,
  laborUnknown: 0,
};

export async function costs(db: Queryable, scope: AnalyticsScope): Promise<Costs> {
  // GROUPING(by_vendor, building_id, technician_id): 7 = all, 3 = per performer, 5 = per building, 6 = per technician.
  const { rows } = await db.query<Row>(
    `WITH ${SCOPED}, ${ON_SITE},
     costed AS (
       SELECT s.building_id, s.assigned_technician_id AS technician_id,
              (s.vendor_id IS NOT NULL OR t.vendor_id IS NOT NULL) AS by_vendor,
              coalesce(s.labor_cost_cents, round(o.minutes * t.hourly_rate_cents / 60), 0) AS labor,
              s.labor_cost_cents IS NULL AND o.minutes IS NOT NULL AND t.id IS NOT NULL AS labor_estimated,
              s.labor_cost_cents IS NULL AND (o.minutes IS NULL OR t.id IS NULL) AS labor_unknown,
              coalesce(s.parts_cost_cents, 0) AS parts,
              coalesce(s.vendor_cost_cents, 0) AS vendor
         FROM scoped s
         LEFT JOIN technicians t ON t.id = s.assigned_technician_id
         LEFT JOIN on_site o ON o.number = s.number
        WHERE s.status = 'completed'
     ),
     grouped AS (
       SELECT GROUPING(by_vendor, building_id, technician_id) AS grouping, by_vendor, building_id, technician_id,
              count(*)::int AS orders,
              round(avg(labor))::float8 AS "meanLaborCents",
              round(avg(parts))::float8 AS "meanPartsCents",
              round(avg(vendor))::float8 AS "meanVendorCents",
              round(avg(labor + parts + vendor))::float8 AS "meanTotalCents",
              coalesce(sum(labor + parts + vendor), 0)::float8 AS "totalCents",
              count(*) FILTER (WHERE labor_estimated)::int AS "laborEstimated",
              count(*) FILTER (WHERE labor_unknown)::int AS "laborUnknown"
         FROM costed GROUP BY GROUPING SETS ((), (by_vendor), (building_id), (technician_id))
     )
     SELECT g.*, g.by_vendor AS "byVendor", g.building_id::int AS "buildingId", b.name AS "buildingName",
            g.technician_id::int AS "technicianId", t.name AS "technicianName"
       FROM grouped g
       LEFT JOIN buildings b ON b.id = g.building_id
       LEFT JOIN technicians t ON t.id = g.technician_id
      ORDER BY g.grouping DESC, g.building_id, g.technician_id NULLS LAST`,
    scopeParams(scope),
  );
  const figures = (r: Row): CostFigures => ({
    orders: r.orders,
    meanLaborCents: r.meanLaborCents,
    meanPartsCents: r.meanPartsCents,
    meanVendorCents: r.meanVendorCents,
    meanTotalCents: r.meanTotalCents,
    totalCents: r.totalCents,
    laborEstimated: r.laborEstimated,
    laborUnknown: r.laborUnknown,
  });
  const performer = (vendor: boolean) => rows.find((r) => r.grouping === 3 && r.byVendor === vendor);
  const all = rows.find((r) => r.grouping === 7);
  const internal = performer(false);
  const vendor = performer(true);
  return {
    ...(all ? figures(all) : EMPTY),
    byPerformer: { internal: internal ? figures(internal) : EMPTY, vendor: vendor ? figures(vendor) : EMPTY },
    byBuilding: rows
      .filter((r) => r.grouping === 5)
      .map((r) => ({ buildingId: r.buildingId!, name: r.buildingName!, ...figures(r) })),
    byTechnician: rows
      .filter((r) => r.grouping === 6)
      .map((r) => ({ technicianId: r.technicianId, name: r.technicianName, ...figures(r) })),
  };
}
