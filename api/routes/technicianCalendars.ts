import { Router } from 'express';
import { storedWorkingHours } from '../../db/queries/bookings';
import { findPortfolioRecord } from '../../db/queries/portfolioRecords';
import { currentRules } from '../../db/queries/rules';
import { addTimeOff, removeTimeOff, technicianScheduleRows } from '../../db/queries/technicianSchedule';
import { DEFAULT_RULES, type Rules } from '../../domain/rules';
import {
  addDays,
  endOfLocalDay,
  overlaps,
  resolveBound,
  startOfLocalDay,
  workingDays,
  workingHoursOf,
} from '../../domain/technicianCalendar';
import { localDateKey } from '../../domain/zonedTime';
import { actorOf, allow } from '../auth';
import {
  MAX_SCHEDULE_DAYS,
  scheduleQuery,
  technicianParams,
  timeOffBody,
  timeOffParams,
} from '../calendars/calendarBodies';
import type { ApiDeps } from '../deps';
import { badRequest, forbidden, notFound } from '../errors';
import { parse } from '../validate';

/** The longest single time off: a year. */
const MAX_TIME_OFF_MS = 366 * 86_400_000;

async function scheduling(deps: ApiDeps): Promise<Rules['scheduling']> {
  return ((await currentRules(deps.pool))?.rules ?? DEFAULT_RULES).scheduling;
}

/**
 * A technician's calendar: GET /technicians/:id/schedule (bookings, holds, working hours, time off, per day), and
 * their time off (POST /technicians/:id/time-off, DELETE /technicians/:id/time-off/:timeOffId). Working hours and the
 * daily capacity are edited with PATCH /technicians/:id (workingHours, maxOrdersPerDay).
 */
export function technicianCalendarsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/:id/schedule', allow('coordinator', 'scheduler', 'ops', 'technician'), async (req, res) => {
    const { id } = parse(technicianParams, req, 'params');
    const query = parse(scheduleQuery, req, 'query');
    const technician = await findPortfolioRecord(deps.pool, 'technicians', id);
    if (!technician) throw notFound(`technician ${id}`);
    const identity = req.identity!;
    if (identity.role === 'technician' && identity.technicianId !== id)
      throw forbidden('a technician sees only their own schedule');
    const rules = await scheduling(deps);
    const timeZone = rules.timeZone;
    const from = query.from ?? localDateKey(new Date(), timeZone);
    const to = query.to ?? addDays(from, 6);
    if (to > addDays(from, MAX_SCHEDULE_DAYS - 1))
      throw badRequest(`at most ${MAX_SCHEDULE_DAYS} days at once`, [
        { path: 'query.to', message: `at most ${MAX_SCHEDULE_DAYS} days after from` },
      ]);
    const { bookings, holds, timeOff } = await technicianScheduleRows(
      deps.pool,
      id,
      startOfLocalDay(from, timeZone),
      endOfLocalDay(to, timeZone),
    );
    const own = storedWorkingHours(technician.workingHours);
    const hours = workingHoursOf(own, rules);
    const maxOrdersPerDay = technician.maxOrdersPerDay as number;
    const days = workingDays(from, to, hours, timeZone).map((day) => {
      const booked = bookings.filter((b) => localDateKey(new Date(b.start), timeZone) === day.date).length;
      return {
        date: day.date,
        workingHours: day.working.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
        timeOff: timeOff
          .filter((o) => overlaps(day, { start: new Date(o.start), end: new Date(o.end) }))
          .map((o) => o.id),
        booked,
        capacityLeft: Math.max(0, maxOrdersPerDay - booked),
      };
    });
    res.json({
      technicianId: id,
      name: technician.name,
      active: technician.active,
      timeZone,
      from,
      to,
      maxOrdersPerDay,
      firstTimeFixRate: technician.firstTimeFixRate,
      workingHours: { windows: hours, source: own ? 'technician' : 'rules' },
      days,
      bookings,
      holds,
      timeOff,
    });
  });

  router.post('/:id/time-off', allow('coordinator', 'scheduler'), async (req, res) => {
    const { id } = parse(technicianParams, req, 'params');
    const body = parse(timeOffBody, req, 'body');
    const { timeZone } = await scheduling(deps);
    const start = resolveBound(body.start, 'start', timeZone);
    const end = resolveBound(body.end, 'end', timeZone);
    if (end <= start)
      throw badRequest('time off must end after it starts', [
        { path: 'body.end', message: 'must be after start (a date as the end is the whole of that day)' },
      ]);
    if (end.getTime() - start.getTime() > MAX_TIME_OFF_MS)
      throw badRequest('time off is at most a year at once', [
        { path: 'body.end', message: 'at most 366 days after start' },
      ]);
    const added = await addTimeOff(deps.pool, {
      technicianId: id,
      start,
      end,
      reason: body.reason ?? null,
      actor: actorOf(req.identity!),
    });
    if (!added) throw notFound(`technician ${id}`);
    res
      .status(201)
      .location(`/technicians/${id}/schedule?from=${localDateKey(start, timeZone)}`)
      .json({ ...added.timeOff, bookingsInside: added.bookingsInside });
  });

  router.delete('/:id/time-off/:timeOffId', allow('coordinator', 'scheduler'), async (req, res) => {
    const { id, timeOffId } = parse(timeOffParams, req, 'params');
    if (!(await removeTimeOff(deps.pool, { technicianId: id, timeOffId, actor: actorOf(req.identity!) })))
      throw notFound(`time off ${timeOffId} of technician ${id}`);
    res.status(204).end();
  });

  return router;
}
