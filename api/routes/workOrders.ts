import { Router } from 'express';
import { bookingObstacle } from '../../db/queries/bookings';
import type { CalendarObstacle } from '../../domain/technicianCalendar';
import { overrideObstacles } from '../calendars/overrideObstacles';
import { getWorkOrderDetail } from '../../db/queries/workOrderDetail';
import { listWorkOrders } from '../../db/queries/workOrders';
import {
  cancelUpdate,
  decideAssignmentUpdate,
  markUrgentUpdate,
  reevaluateUpdate,
  pickVendorUpdate,
  reviewUpdate,
  stateQuery,
  workOrderWorkflowId,
} from '../../workflows/definitions';
import type { AssignmentDecision, ReviewDecision, WorkOrderState } from '../../domain/workOrderContract';
import { actorOf, allow } from '../auth';
import { createWorkOrder } from '../commands/createWorkOrder';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import {
  assignmentBody,
  cancelBody,
  createWorkOrderBody,
  listWorkOrdersQuery,
  markUrgentBody,
  reviewBody,
  workOrderDetailQuery,
  workOrderParams,
} from '../schemas';
import { answerWithUpdate, queryWithin, workflowDeadlines } from '../workflowCalls';
import { parse } from '../validate';
import { assertOpen, loadWorkOrderFor, visibleTo } from './workOrderAccess';

/** The detail page's event log is the first this many events; the event feed pages through the rest. */
const DETAIL_EVENT_LIMIT = 1000;

/** The workflow's state for the record's page; without it (no worker answering in time) the page says why. */
async function liveState(deps: ApiDeps, number: number): Promise<{ state: WorkOrderState | null; error?: string }> {
  try {
    return {
      state: await queryWithin(
        deps.temporal.workflow.getHandle(workOrderWorkflowId(number)),
        stateQuery,
        [],
        workflowDeadlines(deps).queryMs,
      ),
    };
  } catch (err) {
    return { state: null, error: (err as Error).message };
  }
}

/** 422 naming each thing the override would go past; `force: true` books it anyway and the assignment says what it overrode. */
function outsideCalendar(technicianId: number, obstacles: CalendarObstacle[]): AppError {
  return new AppError(
    422,
    'outside_calendar',
    `technician ${technicianId}: ${obstacles.map((o) => o.detail).join('; ')}. Send force: true to book it anyway`,
    obstacles.map((o) => ({ path: 'body.slot', message: `${o.kind}: ${o.detail}` })),
  );
}

export function workOrdersRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/', allow('coordinator'), async (req, res) => {
    const body = parse(createWorkOrderBody, req, 'body');
    // Field by field: what the record gets is what this route allows, whatever the schema grows to accept.
    const { unitId, tenantId, description, priority, source } = body;
    const created = await createWorkOrder(deps, {
      unitId,
      tenantId,
      description,
      priority,
      source,
      createdBy: actorOf(req.identity!),
    });
    res
      .status(201)
      .location(`/work-orders/${created.number}`)
      .json({ ...created, status: 'created' });
  });

  router.get('/', allow('coordinator', 'ops'), async (req, res) => {
    const query = parse(listWorkOrdersQuery, req, 'query');
    const items = await listWorkOrders(deps.pool, {
      ...query,
      before: query.cursor ? Number(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = items.slice(0, query.limit);
    res.json({ items: page, nextCursor: items.length > query.limit ? String(page[page.length - 1]!.number) : null });
  });

  router.get('/:id', allow('coordinator', 'ops', 'technician'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const { live: askLive } = parse(workOrderDetailQuery, req, 'query');
    const detail = await getWorkOrderDetail(deps.pool, id, DETAIL_EVENT_LIMIT);
    const { decisions, events, sms, ...record } = visibleTo(req, id, detail);
    // The record is kept current by the workflow; its live state costs a query (a replay when it is not cached).
    const live = askLive ? await liveState(deps, id) : null;
    res.json({
      ...record,
      decisions,
      events,
      sms,
      ...(live ? { liveState: live.state, ...(live.error ? { liveStateError: live.error } : {}) } : {}),
    });
  });

  router.post('/:id/assignment', allow('coordinator'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const body = parse(assignmentBody, req, 'body');
    const record = await loadWorkOrderFor(deps, req, id);
    assertOpen(record);
    const actor = actorOf(req.identity!);
    if (body.action === 'reevaluate') {
      await answerWithUpdate(deps, res, id, reevaluateUpdate, [{ actor }]);
      return;
    }
    if (body.action === 'vendor') {
      await answerWithUpdate(deps, res, id, pickVendorUpdate, [
        { vendorId: body.vendorId, approveOverBudget: body.approveOverBudget, actor },
      ]);
      return;
    }
    if (body.action === 'override') {
      // Refused here rather than by the booking inside the workflow's update, which would leave it in the history.
      const obstacle = await bookingObstacle(deps.pool, id, body.technicianId, body.slot);
      if (obstacle === 'technician_not_found')
        throw new AppError(404, 'not_found', `technician ${body.technicianId} not found`, [
          { path: 'body.technicianId', message: 'no active technician with this id' },
        ]);
      if (obstacle === 'double_booked')
        throw new AppError(
          409,
          'technician_double_booked',
          `technician ${body.technicianId} already has a job overlapping ${body.slot.start} – ${body.slot.end}`,
        );
      const overridden = await overrideObstacles(deps.pool, record, body.technicianId, body.slot);
      if (overridden.length > 0 && !body.force) throw outsideCalendar(body.technicianId, overridden);
      const { force: _force, ...override } = body;
      await answerWithUpdate(deps, res, id, decideAssignmentUpdate, [
        {
          ...override,
          actor,
          ...(overridden.length > 0 ? { overrides: overridden.map(({ kind, detail }) => ({ kind, detail })) } : {}),
        },
      ]);
      return;
    }
    const decision: AssignmentDecision = { ...body, actor };
    await answerWithUpdate(deps, res, id, decideAssignmentUpdate, [decision]);
  });

  router.post('/:id/review', allow('coordinator'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const body = parse(reviewBody, req, 'body');
    assertOpen(await loadWorkOrderFor(deps, req, id));
    const actor = actorOf(req.identity!);
    const decision: ReviewDecision =
      body.decision === 'approve'
        ? { approve: true, notes: body.notes ?? null, actor, ...(body.costs ? { costs: body.costs } : {}) }
        : { approve: false, notes: body.notes, actor };
    await answerWithUpdate(deps, res, id, reviewUpdate, [decision]);
  });

  router.post('/:id/urgent', allow('coordinator'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const body = parse(markUrgentBody, req, 'body');
    assertOpen(await loadWorkOrderFor(deps, req, id));
    await answerWithUpdate(deps, res, id, markUrgentUpdate, [{ reason: body.reason, actor: actorOf(req.identity!) }]);
  });

  router.post('/:id/cancel', allow('coordinator'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const body = parse(cancelBody, req, 'body');
    assertOpen(await loadWorkOrderFor(deps, req, id));
    await answerWithUpdate(deps, res, id, cancelUpdate, [{ reason: body.reason, actor: actorOf(req.identity!) }]);
  });

  return router;
}
