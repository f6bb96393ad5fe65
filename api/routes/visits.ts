import { Router } from 'express';
import { photosSubmittedSignal, stateQuery, technicianCheckInSignal, technicianOnTheWaySignal, workOrderWorkflowId } from '../../workflows/definitions';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { conflict } from '../errors';
import { checkInBody, onMyWayBody, photosBody, visitParams } from '../schemas';
import { parse } from '../validate';
import { assertOpen, loadWorkOrderFor } from './workOrderAccess';

/** Technician actions arrive as signals; the workflow's state decides whether the action applies now. */
export function visitsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/:id/visit/:action', allow('technician', 'coordinator'), async (req, res) => {
    const { id, action } = parse(visitParams, req, 'params');
    const record = await loadWorkOrderFor(deps, req, id);
    assertOpen(record);
    const handle = deps.temporal.workflow.getHandle(workOrderWorkflowId(id));
    const state = await handle.query(stateQuery);
    const technicianId = state.assignment?.technicianId;
    if (technicianId === undefined) throw conflict(`work order ${id} has no technician assigned`);
    const reportedBy = actorOf(req.identity!);

    if (action === 'on-my-way') {
      const body = parse(onMyWayBody, req, 'body');
      if (state.status !== 'scheduled' && state.status !== 'failed_review') throw conflict(`work order ${id} is ${state.status}: "on my way" applies to a scheduled visit`);
      await handle.signal(technicianOnTheWaySignal, { technicianId, eta: new Date(Date.now() + body.etaMinutes * 60_000).toISOString(), reportedBy });
    } else if (action === 'check-in') {
      const body = parse(checkInBody, req, 'body');
      if (state.status !== 'scheduled' && state.status !== 'failed_review') throw conflict(`work order ${id} is ${state.status}: check-in applies to a scheduled visit`);
      await handle.signal(technicianCheckInSignal, { technicianId, at: body.at ?? new Date().toISOString(), reportedBy });
    } else {
      const body = parse(photosBody, req, 'body');
      if (state.status !== 'in_progress') throw conflict(`work order ${id} is ${state.status}: photos apply to work in progress`);
      await handle.signal(photosSubmittedSignal, { technicianId, photos: body.photos, notes: body.notes ?? null, reportedBy });
    }
    res.status(202).json({ number: id, action, accepted: true });
  });

  return router;
}
