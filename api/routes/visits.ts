import type { SignalDefinition } from '@temporalio/common';
import { Router } from 'express';
import type { z } from 'zod';
import { CLOCK_SKEW_SECONDS } from '../../domain/photoCompleteness';
import { VISIT_ACTION_APPLIES_IN, visitActionApplies, type VisitAction } from '../../domain/visitActions';
import {
  noAccessSignal,
  partsArrivedSignal,
  partsNeededSignal,
  photosSubmittedSignal,
  technicianCheckInSignal,
  technicianOnTheWaySignal,
  workOrderWorkflowId,
} from '../../workflows/definitions';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { badRequest, conflict } from '../errors';
import { readPhotoSubmission } from '../photos/readPhotoSubmission';
import {
  checkInBody,
  noAccessBody,
  onMyWayBody,
  partsArrivedBody,
  partsNeededBody,
  photosBody,
  visitParams,
} from '../schemas';
import { parse } from '../validate';
import { rethrowWithRetryAfter, signalWithin, workflowDeadlines } from '../workflowCalls';
import { assertOpen, loadWorkOrderFor } from './workOrderAccess';

/** Each action's JSON body; photos may come as multipart instead (read with its files). */
const BODIES: Record<VisitAction, z.ZodType> = {
  'on-my-way': onMyWayBody,
  'check-in': checkInBody,
  'parts-needed': partsNeededBody,
  'parts-arrived': partsArrivedBody,
  'no-access': noAccessBody,
  photos: photosBody,
};

/**
 * A time the technician's phone reports (check-in, no-access) counts only within the clock skew allowed a phone: these
 * times prove a visit (the photo review's window starts at the check-in). Left out, the server's clock is used.
 */
function assertNearNow(at: string, path: string): void {
  const skewMs = CLOCK_SKEW_SECONDS * 1000;
  if (Math.abs(new Date(at).getTime() - Date.now()) <= skewMs) return;
  const message = `must be within ${CLOCK_SKEW_SECONDS / 60} minutes of the server's clock (${new Date().toISOString()}); leave it out to use the server's time`;
  throw badRequest(`${path} ${message}`, [{ path, message }]);
}

/** Technician actions arrive as signals, checked against the record; the workflow applies them when it runs them. */
export function visitsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/:id/visit/:action', allow('technician', 'coordinator'), async (req, res) => {
    const { id, action } = parse(visitParams, req, 'params');
    // A bad body is a 400 whatever the order's state; the switch below reads it again, typed.
    if (!(action === 'photos' && req.is('multipart/form-data'))) {
      const body = parse(BODIES[action], req, 'body') as { at?: string };
      if (body.at !== undefined) assertNearNow(body.at, 'body.at');
    }
    const record = await loadWorkOrderFor(deps, req, id);
    assertOpen(record);
    // Decided from the record, which the workflow keeps current: no replay of an evicted order, no wait on a worker.
    // A signal that lands while the workflow is still taking the change the record shows is held for it.
    const technicianId = record.assignedTechnicianId;
    if (technicianId === null) throw conflict(`work order ${id} has no technician assigned`);
    if (!visitActionApplies(action, record.status))
      throw conflict(`work order ${id} is ${record.status}: ${VISIT_ACTION_APPLIES_IN[action].what}`);
    const handle = deps.temporal.workflow.getHandle(workOrderWorkflowId(id));
    const { queryMs } = workflowDeadlines(deps);
    const signal = <A extends unknown[]>(definition: SignalDefinition<A>, ...args: A) =>
      signalWithin(handle, definition, args, queryMs).catch((err: unknown) => rethrowWithRetryAfter(res, err));
    const reportedBy = actorOf(req.identity!);
    let answer: Record<string, unknown> = {};

    switch (action) {
      case 'on-my-way': {
        const body = parse(onMyWayBody, req, 'body');
        await signal(technicianOnTheWaySignal, {
          technicianId,
          eta: new Date(Date.now() + body.etaMinutes * 60_000).toISOString(),
          reportedBy,
        });
        break;
      }
      case 'check-in': {
        const body = parse(checkInBody, req, 'body');
        await signal(technicianCheckInSignal, { technicianId, at: body.at ?? new Date().toISOString(), reportedBy });
        break;
      }
      case 'parts-needed': {
        const body = parse(partsNeededBody, req, 'body');
        if (new Date(body.eta).getTime() <= Date.now())
          throw badRequest('the parts ETA must be in the future', [
            { path: 'body.eta', message: 'must be in the future' },
          ]);
        await signal(partsNeededSignal, {
          technicianId,
          parts: body.parts,
          eta: new Date(body.eta).toISOString(),
          note: body.note ?? null,
          reportedBy,
        });
        break;
      }
      case 'parts-arrived': {
        const body = parse(partsArrivedBody, req, 'body');
        await signal(partsArrivedSignal, { note: body.note ?? null, reportedBy });
        break;
      }
      case 'no-access': {
        const body = parse(noAccessBody, req, 'body');
        await signal(noAccessSignal, {
          technicianId,
          at: body.at ?? new Date().toISOString(),
          note: body.note ?? null,
          reportedBy,
        });
        break;
      }
      case 'photos': {
        const submission = await readPhotoSubmission(deps, req, res, record, technicianId);
        await signal(photosSubmittedSignal, {
          technicianId,
          photos: submission.photos,
          notes: submission.notes,
          reportedBy,
        });
        answer = { photos: submission.uploaded ?? submission.photos };
        break;
      }
    }
    res.status(202).json({ number: id, action, accepted: true, ...answer, check: `/work-orders/${id}` });
  });

  return router;
}
