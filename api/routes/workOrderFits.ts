import { Router } from 'express';
import { candidateOf, loadTechnicianCalendars } from '../../db/queries/bookings';
import { rulesForOrder } from '../../db/queries/rules';
import { availabilityWindowsSchema } from '../../domain/availability';
import type { Classification } from '../../domain/classification';
import { fitsOn } from '../../domain/fits';
import type { Priority } from '../../domain/priority';
import { endOfLocalDay, startOfLocalDay } from '../../domain/technicianCalendar';
import { localDateKey } from '../../domain/zonedTime';
import { allow } from '../auth';
import { fitsQuery } from '../calendars/calendarBodies';
import type { ApiDeps } from '../deps';
import { conflict } from '../errors';
import { workOrderParams } from '../schemas';
import { parse } from '../validate';
import { assertOpen, loadWorkOrderFor } from './workOrderAccess';

type Scored = Pick<Classification, 'priority' | 'skillsRequired' | 'estimatedMinutes'>;

/**
 * GET /work-orders/:id/fits?date=YYYY-MM-DD: which technicians can take the order that day (a local day in its rules'
 * time zone; today when left out) and at which times, scored and reasoned by the proposal's own functions.
 */
export function workOrderFitsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.get('/:id/fits', allow('coordinator', 'scheduler', 'ops'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const query = parse(fitsQuery, req, 'query');
    const order = await loadWorkOrderFor(deps, req, id);
    assertOpen(order);
    const classification = order.classification as Scored | null;
    if (!classification?.skillsRequired)
      throw conflict(`work order ${id} is not classified yet: the skills it needs are not known`);
    const rules = await rulesForOrder(deps.pool, order.rulesVersion);
    const timeZone = rules.scheduling.timeZone;
    const date = query.date ?? localDateKey(new Date(), timeZone);
    const now = new Date();
    const [calendars, tenant] = await Promise.all([
      loadTechnicianCalendars(deps.pool, {
        exceptOrder: id,
        from: startOfLocalDay(date, timeZone),
        to: endOfLocalDay(date, timeZone),
        skills: classification.skillsRequired.length > 0 ? classification.skillsRequired : undefined,
        holdsAt: now,
      }),
      order.tenantId === null
        ? null
        : deps.pool.query<{ availability: unknown }>('SELECT availability FROM tenants WHERE id = $1', [
            order.tenantId,
          ]),
    ]);
    const availability = availabilityWindowsSchema.safeParse(tenant?.rows[0]?.availability);
    const priority = (order.priority ?? classification.priority) as Priority;
    const certificationsBySkill = rules.assignment.requiredCertifications;
    const primarySkill = classification.skillsRequired[0];
    const technicians = fitsOn(
      {
        classification: {
          priority,
          skillsRequired: classification.skillsRequired,
          estimatedMinutes: classification.estimatedMinutes,
        },
        buildingId: order.buildingId,
        now,
        scheduling: rules.scheduling,
        technicians: calendars.map(candidateOf),
        requiredCertifications: primarySkill ? (certificationsBySkill[primarySkill] ?? []) : [],
        certificationsBySkill,
        ...(availability.success ? { availability: availability.data } : {}),
      },
      date,
    );
    res.json({
      workOrderNumber: id,
      date,
      timeZone,
      priority,
      skillsRequired: classification.skillsRequired,
      estimatedMinutes: classification.estimatedMinutes,
      technicians,
    });
  });

  return router;
}
