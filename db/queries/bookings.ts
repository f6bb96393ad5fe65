import type { Pool } from 'pg';
import type { TimeSlot } from '../../domain/assignment';

/**
 * Why `technicianId` can't take `slot` for work order `number` now, or null: the technician is unknown or inactive,
 * or another order holds an overlapping live booking of theirs (the order's own booking is replaced when it books).
 * A read ahead of the booking: the exclusion constraint stays the guard against a race.
 */
export async function bookingObstacle(pool: Pool, number: number, technicianId: number, slot: TimeSlot): Promise<'technician_not_found' | 'double_booked' | null> {
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
