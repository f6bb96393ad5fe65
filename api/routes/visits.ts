import { Router } from 'express';
import type { z } from 'zod';
import type { WorkOrderStatus } from '../../domain/status';
import {
  noAccessSignal,
  partsArrivedSignal,
  partsNeededSignal,
  photosSubmittedSignal,
  stateQuery,
  technicianCheckInSignal,
  technicianOnTheWaySignal,
  workOrderWorkflowId,
} from '../../workflows/definitions';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, conflict } from '../errors';
import { readPhotoSubmission } from '../photos/readPhotoSubmission';
import { checkInBody, noAccessBody, onMyWayBody, partsArrivedBody, partsNeededBody, photosBody, visitParams, VISIT_ACTIONS } from '../schemas';
import { parse } from '../validate';
import { assertOpen, loadWorkOrderFor } from './workOrderAccess';

type VisitAction = (typeof VISIT_ACTIONS)[number];

/** Where each action applies; the workflow checks again when the signal lands. */
const APPLIES_IN: Record<VisitAction, { statuses: readonly WorkOrderStatus[]; what: string }> = {
  'on-my-way': { statuses: ['scheduled', 'failed_review'], what: '"on my way" applies to a scheduled visit' },
  'check-in': { statuses: ['scheduled', 'failed_review'], what: 'check-in applies to a scheduled visit' },
  'parts-needed': { statuses: ['in_progress'], what: 'parts can be ordered for work in progress' },
  'parts-arrived': { statuses: ['waiting_parts'], what: 'parts-arrived applies to an order waiting for parts' },
  'no-access': { statuses: ['scheduled', 'in_progress', 'failed_review'], what: 'no-access applies to a visit' },
  photos: { statuses: ['in_progress'], what: 'photos apply to work in progress' },
};

/** Each action's JSON body; photos may come as multipart instead (read with its files). */
const BODIES: Record<VisitAction, z.ZodType> = {
  'on-my-way': onMyWayBody,
  'check-in': checkInBody,
  'parts-needed': partsNeededBody,
  'parts-arrived': partsArrivedBody,
  'no-access': noAccessBody,
  photos: photosBody,
};

/** Technician actions arrive as signals; the workflow's state decides whether the action applies now. */
export function visitsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/:id/visit/:action', allow('technician', 'coordinator'), async (req, res) => {
    const { id, action } = parse(visitParams, req, 'params');
    // A bad body is a 400 whatever the order's state; the switch below reads it again, typed.
    if (!(action === 'photos' && req.is('multipart/form-data'))) parse(BODIES[action], req, 'body');
    const record = await loadWorkOrderFor(deps, req, id);
    assertOpen(record);
    const handle = deps.temporal.workflow.getHandle(workOrderWorkflowId(id));
    const state = await handle.query(stateQuery);
    const technicianId = state.assignment?.technicianId;
    if (technicianId === undefined) throw conflict(`work order ${id} has no technician assigned`);
    const applies = APPLIES_IN[action];
    if (!applies.statuses.includes(state.status)) throw conflict(`work order ${id} is ${state.status}: ${applies.what}`);
    const reportedBy = actorOf(req.identity!);
    let answer: Record<string, unknown> = {};

    switch (action) {
      case 'on-my-way': {
        const body = parse(onMyWayBody, req, 'body');
        await handle.signal(technicianOnTheWaySignal, { technicianId, eta: new Date(Date.now() + body.etaMinutes * 60_000).toISOString(), reportedBy });
        break;
      }
      case 'check-in': {
        const body = parse(checkInBody, req, 'body');
        await handle.signal(technicianCheckInSignal, { technicianId, at: body.at ?? new Date().toISOString(), reportedBy });
        break;
      }
      case 'parts-needed': {
        const body = parse(partsNeededBody, req, 'body');
        if (new Date(body.eta).getTime() <= Date.now()) throw badRequest('the parts ETA must be in the future', [{ path: 'body.eta', message: 'must be in the future' }]);
        await handle.signal(partsNeededSignal, { technicianId, parts: body.parts, eta: new Date(body.eta).toISOString(), note: body.note ?? null, reportedBy });
        break;
      }
      case 'parts-arrived': {
        const body = parse(partsArrivedBody, req, 'body');
        await handle.signal(partsArrivedSignal, { note: body.note ?? null, reportedBy });
        break;
      }
      case 'no-access': {
        const body = parse(noAccessBody, req, 'body');
        await handle.signal(noAccessSignal, { technicianId, at: body.at ?? new Date().toISOString(), note: body.note ?? null, reportedBy });
        break;
      }
      case 'photos': {
        const submission = await readPhotoSubmission(deps, req, res, record, technicianId);
        await handle.signal(photosSubmittedSignal, { technicianId, photos: submission.photos, notes: submission.notes, reportedBy });
        answer = { photos: submission.uploaded ?? submission.photos };
        break;
      }
    }
    res.status(202).json({ number: id, action, accepted: true, ...answer });
  });

  return router;
}
