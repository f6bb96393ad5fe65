import type { Pool } from 'pg';
import { loadTechnicianCalendars, storedWorkingHours } from '../../db/queries/bookings';
import { rulesForOrder } from '../../db/queries/rules';
import type { WorkOrderRecord } from '../../db/queries/workOrders';
import type { TimeSlot } from '../../domain/assignment';
import {
  calendarObstacles,
  endOfLocalDay,
  startOfLocalDay,
  workingHoursOf,
  type CalendarObstacle,
} from '../../domain/technicianCalendar';
import { localDateKey } from '../../domain/zonedTime';

/**
 * What booking `technicianId` for `slot` would override in their calendar: working hours, time off, the day's
 * capacity (the order's pinned rules give the time zone and the default workday; an emergency, as in the proposal,
 * only time off). A vendor's crew keeps no calendar with us: nothing.
 */
export async function overrideObstacles(
  pool: Pool,
  order: WorkOrderRecord,
  technicianId: number,
  slot: TimeSlot,
): Promise<CalendarObstacle[]> {
  const rules = await rulesForOrder(pool, order.rulesVersion);
  const timeZone = rules.scheduling.timeZone;
  const start = new Date(slot.start);
  const end = new Date(slot.end);
  const day = localDateKey(start, timeZone);
  const dayStart = startOfLocalDay(day, timeZone);
  const dayEnd = endOfLocalDay(day, timeZone);
  const [calendar] = await loadTechnicianCalendars(pool, {
    exceptOrder: order.number,
    from: dayStart < start ? dayStart : start,
    to: dayEnd > end ? dayEnd : end,
    technicianIds: [technicianId],
  });
  if (!calendar) return [];
  return calendarObstacles({
    slot: { start, end },
    workingHours: workingHoursOf(storedWorkingHours(calendar.workingHours), rules.scheduling),
    timeOff: calendar.timeOff,
    maxOrdersPerDay: calendar.maxOrdersPerDay,
    bookedThatDay: calendar.bookings.filter((b) => localDateKey(b.start, timeZone) === day).length,
    timeZone,
    emergency: order.priority === 'emergency',
  });
}
