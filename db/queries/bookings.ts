import type { Pool, PoolClient } from 'pg';
import type { CandidateTechnician, TimeSlot } from '../../domain/assignment';
import { workingHoursSchema, type TimeOff, type WorkingHours } from '../../domain/technicianCalendar';

/**
 * Why `technicianId` can't take `slot` for work order `number` now, or null: the technician is unknown or inactive,
 * or another order holds an overlapping live booking of theirs (the order's own booking is replaced when it books).
 * A read ahead of the booking: the exclusion constraint stays the guard against a race.
 */
export async function bookingObstacle(
  pool: Pool,
  number: number,
  technicianId: number,
  slot: TimeSlot,
): Promise<'technician_not_found' | 'double_booked' | null> {
  const { rows } = await pool.query<{ active: boolean | null; overlapping: boolean }>(
    `SELECT (SELECT active FROM technicians WHERE id = $1) AS active,
            EXISTS (SELECT 1 FROM technician_bookings
                     WHERE technician_id = $1 AND released_at IS NULL AND work_order_number <> $2
                       AND during && tstzrange($3, $4, '[)')) AS overlapping`,
    [technicianId, number, slot.start, slot.end],
  );
  const row = rows[0]!;
  if (!row.active) return 'technician_not_found';
  return row.overlapping ? 'double_booked' : null;
}

export interface TechnicianCalendarRows {
  id: number;
  name: string;
  skills: string[];
  certifications: string[];
  maxOrdersPerDay: number;
  firstTimeFixRate: number;
  /** As stored: validated where it is read (null: the rules' workday). */
  workingHours: unknown;
  timeOff: TimeOff[];
  /** Live bookings of other orders, and (when asked for) other orders' unexpired proposal holds. */
  bookings: Array<{ start: Date; end: Date; buildingId: number }>;
}

/**
 * Active internal technicians (all, or those with one of `skills`), each with their time off and their other
 * orders' live bookings in [from, to); with `holdsAt`, other orders' proposal holds unexpired then count as bookings.
 * What the proposal, the fits view and the override check read: one query for all three.
 */
export async function loadTechnicianCalendars(
  db: Pool | PoolClient,
  req: {
    exceptOrder: number | null;
    from: Date;
    to: Date;
    skills?: readonly string[];
    technicianIds?: readonly number[];
    holdsAt?: Date;
    includeVendorCrews?: boolean;
  },
): Promise<TechnicianCalendarRows[]> {
  const techs = await db.query<{
    id: string;
    name: string;
    skills: string[];
    certifications: string[];
    max_orders_per_day: number;
    first_time_fix_rate: string;
    working_hours: unknown;
  }>(
    `SELECT id, name, skills, certifications, max_orders_per_day, first_time_fix_rate, working_hours FROM technicians
      WHERE active AND ($1::boolean OR vendor_id IS NULL) AND ($2::text[] IS NULL OR skills && $2::text[]) AND ($3::bigint[] IS NULL OR id = ANY($3::bigint[]))
      ORDER BY id`,
    [req.includeVendorCrews ?? false, req.skills ?? null, req.technicianIds ?? null],
  );
  const ids = techs.rows.map((t) => t.id);
  const [bookings, timeOff] = await Promise.all([
    db.query<{ technician_id: string; start: Date; end: Date; building_id: string }>(
      `SELECT technician_id, lower(during) AS start, upper(during) AS "end", building_id FROM technician_bookings
        WHERE released_at IS NULL AND work_order_number IS DISTINCT FROM $1 AND technician_id = ANY($2::bigint[]) AND during && tstzrange($3, $4, '[)')
       UNION ALL
       SELECT technician_id, lower(during), upper(during), building_id FROM technician_holds
        WHERE $5::timestamptz IS NOT NULL AND expires_at > $5 AND work_order_number IS DISTINCT FROM $1 AND technician_id = ANY($2::bigint[]) AND during && tstzrange($3, $4, '[)')`,
      [req.exceptOrder, ids, req.from, req.to, req.holdsAt ?? null],
    ),
    db.query<{ id: string; technician_id: string; start: Date; end: Date; reason: string | null }>(
      `SELECT id, technician_id, lower(during) AS start, upper(during) AS "end", reason FROM technician_time_off
        WHERE technician_id = ANY($1::bigint[]) AND during && tstzrange($2, $3, '[)') ORDER BY lower(during)`,
      [ids, req.from, req.to],
    ),
  ]);
  return techs.rows.map((t) => ({
    id: Number(t.id),
    name: t.name,
    skills: t.skills,
    certifications: t.certifications,
    maxOrdersPerDay: t.max_orders_per_day,
    firstTimeFixRate: Number(t.first_time_fix_rate),
    workingHours: t.working_hours,
    timeOff: timeOff.rows
      .filter((o) => o.technician_id === t.id)
      .map((o) => ({ id: Number(o.id), start: o.start, end: o.end, reason: o.reason })),
    bookings: bookings.rows
      .filter((b) => b.technician_id === t.id)
      .map((b) => ({ start: b.start, end: b.end, buildingId: Number(b.building_id) })),
  }));
}

/** Stored working hours, or null (the rules' workday) when there are none or they do not validate. */
export function storedWorkingHours(raw: unknown): WorkingHours | null {
  const parsed = workingHoursSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** A loaded calendar as the proposal sees the technician. */
export function candidateOf(row: TechnicianCalendarRows): CandidateTechnician {
  return {
    id: row.id,
    name: row.name,
    skills: row.skills,
    certifications: row.certifications,
    maxOrdersPerDay: row.maxOrdersPerDay,
    firstTimeFixRate: row.firstTimeFixRate,
    bookings: row.bookings,
    workingHours: storedWorkingHours(row.workingHours),
    timeOff: row.timeOff.map((o) => ({ start: o.start, end: o.end })),
  };
}
