import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '../pool';
import { appendEvent } from './events';
import type { Actor } from '../../domain/actor';

export interface ScheduledBooking {
  workOrderNumber: number;
  start: string;
  end: string;
  buildingId: number;
  status: string;
  priority: string | null;
  description: string;
}

export interface ScheduledHold {
  workOrderNumber: number;
  start: string;
  end: string;
  buildingId: number;
  expiresAt: string;
}

export interface TimeOffRecord {
  id: number;
  technicianId: number;
  start: string;
  end: string;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

const TIME_OFF_COLUMNS = `id::int AS id, technician_id::int AS "technicianId", lower(during) AS start, upper(during) AS "end", reason, created_by AS "createdBy", created_at AS "createdAt"`;

/** The technician's live bookings, unexpired proposal holds and time off overlapping [from, to), earliest first. */
export async function technicianScheduleRows(
  pool: Pool,
  technicianId: number,
  from: Date,
  to: Date,
): Promise<{ bookings: ScheduledBooking[]; holds: ScheduledHold[]; timeOff: TimeOffRecord[] }> {
  const range = [technicianId, from, to];
  const [bookings, holds, timeOff] = await Promise.all([
    pool.query<ScheduledBooking>(
      `SELECT b.work_order_number::int AS "workOrderNumber", lower(b.during) AS start, upper(b.during) AS "end", b.building_id::int AS "buildingId",
              w.status, w.priority, w.description
         FROM technician_bookings b JOIN work_orders w ON w.number = b.work_order_number
        WHERE b.technician_id = $1 AND b.released_at IS NULL AND b.during && tstzrange($2, $3, '[)') ORDER BY lower(b.during)`,
      range,
    ),
    pool.query<ScheduledHold>(
      `SELECT work_order_number::int AS "workOrderNumber", lower(during) AS start, upper(during) AS "end", building_id::int AS "buildingId", expires_at AS "expiresAt"
         FROM technician_holds WHERE technician_id = $1 AND expires_at > now() AND during && tstzrange($2, $3, '[)') ORDER BY lower(during)`,
      range,
    ),
    pool.query<TimeOffRecord>(
      `SELECT ${TIME_OFF_COLUMNS} FROM technician_time_off WHERE technician_id = $1 AND during && tstzrange($2, $3, '[)') ORDER BY lower(during)`,
      range,
    ),
  ]);
  return { bookings: bookings.rows, holds: holds.rows, timeOff: timeOff.rows };
}

/**
 * Records time off with a `technician_time_off_added` event; answers it with the live bookings it overlaps (left as
 * they are: the coordinator decides), or null when there is no such technician.
 */
export async function addTimeOff(
  pool: Pool,
  req: { technicianId: number; start: Date; end: Date; reason: string | null; actor: Actor },
): Promise<{
  timeOff: TimeOffRecord;
  bookingsInside: Array<{ workOrderNumber: number; start: string; end: string }>;
} | null> {
  return inTransaction(pool, async (client) => {
    const tech = await client.query('SELECT 1 FROM technicians WHERE id = $1 FOR UPDATE', [req.technicianId]);
    if (tech.rowCount === 0) return null;
    const { rows } = await client.query<TimeOffRecord>(
      `INSERT INTO technician_time_off (technician_id, during, reason, created_by) VALUES ($1, tstzrange($2, $3, '[)'), $4, $5) RETURNING ${TIME_OFF_COLUMNS}`,
      [req.technicianId, req.start, req.end, req.reason, `${req.actor.type}:${req.actor.id}`],
    );
    const timeOff = rows[0]!;
    const inside = await client.query<{ workOrderNumber: number; start: string; end: string }>(
      `SELECT work_order_number::int AS "workOrderNumber", lower(during) AS start, upper(during) AS "end" FROM technician_bookings
        WHERE technician_id = $1 AND released_at IS NULL AND during && tstzrange($2, $3, '[)') ORDER BY lower(during)`,
      [req.technicianId, req.start, req.end],
    );
    await appendEvent(client, {
      number: null,
      type: 'technician_time_off_added',
      actor: req.actor,
      source: 'api',
      payload: { technicianId: req.technicianId, timeOff, bookingsInside: inside.rows.map((b) => b.workOrderNumber) },
      idempotencyKey: `technicians/${req.technicianId}/time-off/${timeOff.id}/added/${randomUUID()}`,
      onDuplicateKey: 'throw',
    });
    return { timeOff, bookingsInside: inside.rows };
  });
}

/** Removes time off with a `technician_time_off_removed` event; false when the technician has no such time off. */
export async function removeTimeOff(
  pool: Pool,
  req: { technicianId: number; timeOffId: number; actor: Actor },
): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<TimeOffRecord>(
      `DELETE FROM technician_time_off WHERE id = $1 AND technician_id = $2 RETURNING ${TIME_OFF_COLUMNS}`,
      [req.timeOffId, req.technicianId],
    );
    if (!rows[0]) return false;
    await appendEvent(client, {
      number: null,
      type: 'technician_time_off_removed',
      actor: req.actor,
      source: 'api',
      payload: { technicianId: req.technicianId, timeOff: rows[0] },
      idempotencyKey: `technicians/${req.technicianId}/time-off/${req.timeOffId}/removed/${randomUUID()}`,
      onDuplicateKey: 'throw',
    });
    return true;
  });
}
