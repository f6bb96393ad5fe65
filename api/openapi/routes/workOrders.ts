import { z } from 'zod';
import { createdWorkOrder, workflowState, workOrderDetail, workOrderPage } from '../answers';
import {
  assignmentBody,
  cancelBody,
  createWorkOrderBody,
  listWorkOrdersQuery,
  markUrgentBody,
  retryStepBody,
  reviewBody,
  workOrderDetailQuery,
  workOrderParams,
} from '../../schemas';
import { json, type RouteDoc } from '../routeDoc';
import { workOrderMessageBody, workOrderMessageHeaders } from '../../routes/workOrderMessages';

const LOCATION = { Location: { description: 'the new work order: /work-orders/<number>', schema: { type: 'string' } } };
const updatePending = z.object({
  pending: z.literal(true),
  updateId: z
    .string()
    .describe(
      "the update's id in Temporal: `temporal workflow update describe --workflow-id work-order-<number> --update-id <it>`",
    ),
  stage: z
    .enum(['admitted', 'accepted'])
    .describe(
      'admitted: waiting for a worker, which checks it against the order as it is then; accepted: the workflow is applying it',
    ),
  check: z.string().describe('the work order, whose events show the decision with your name once it is applied'),
  message: z.string(),
});
const DECIDED = {
  200: { description: "the decision was taken: the workflow's state after it", content: json(workflowState) },
  202: {
    description:
      'not applied within the deadline (10 s; no worker is running the workflow, or it is slow): Temporal holds the decision and the workflow validates and applies it when ' +
      'a worker runs it (or refuses it if the order moved on meanwhile). Do not send it again: look at the order. A decision held this way is lost if the Temporal server restarts first.',
    content: json(updatePending),
  },
};
const coordinatorTextSent = z.object({
  number: z.number().int(),
  to: z.enum(['tenant', 'technician']),
  recipientId: z.number().int(),
  messageId: z
    .number()
    .int()
    .describe("the text's id in the SMS log (`GET /sms/messages`), shown in the order's `sms`"),
  body: z.string().describe("the text as sent: the order's number, then the words"),
  replayed: z.boolean().describe('true when this key had sent it already: nothing was sent again'),
});
const coordinatorTextPending = z.object({
  pending: z.literal(true),
  replayed: z.boolean(),
  workflowId: z.string(),
  check: z.string(),
  message: z.string(),
});

const DECISION_ERRORS = {
  404: 'no work order with this number',
  409: 'the work order has moved on (closed, or no longer waiting for this decision), or the technician is double-booked',
  422: 'the workflow refused the decision as invalid for this order',
  503: 'Temporal did not take the decision (unreachable, or too slow to say it holds it): nothing was changed; try again after `Retry-After` seconds',
};

export const workOrderDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/work-orders',
    operationId: 'createWorkOrder',
    tag: 'work orders',
    summary: 'Create a work order',
    description:
      'From a unit or a tenant (or both, when they match) and the problem in plain words; its workflow starts at once.',
    auth: { roles: ['coordinator'] },
    body: {
      required: true,
      content: json(createWorkOrderBody, {
        unitId: 3,
        description: 'The kitchen faucet drips all night',
        priority: 'medium',
      }),
    },
    responses: {
      201: { description: 'created; its workflow has started', headers: LOCATION, content: json(createdWorkOrder) },
    },
    errors: {
      404: 'the unit or tenant does not exist (issues names which)',
      422: 'the tenant does not live in that unit',
    },
  },
  {
    method: 'get',
    path: '/work-orders',
    operationId: 'listWorkOrders',
    tag: 'work orders',
    summary: 'List work orders, newest first',
    description: "Filters combine; page with `cursor` (the previous answer's `nextCursor`).",
    auth: { roles: ['coordinator', 'ops'] },
    query: listWorkOrdersQuery,
    responses: { 200: { description: 'one page', content: json(workOrderPage) } },
  },
  {
    method: 'get',
    path: '/work-orders/{id}',
    operationId: 'getWorkOrder',
    tag: 'work orders',
    summary:
      'One work order: record, context, classification, decisions, events, texts; the live workflow state on request',
    description:
      "A technician sees only the orders assigned to them. The record is what the workflow last wrote; `live=true` also asks the workflow for its state (`liveState`), which costs a replay when the order is not in a worker's cache.",
    auth: { roles: ['coordinator', 'ops', 'technician'] },
    params: workOrderParams,
    query: workOrderDetailQuery,
    responses: { 200: { description: 'the work order', content: json(workOrderDetail) } },
    errors: {
      403: "the key's role may not read work orders, or the order is not assigned to this technician",
      404: 'no work order with this number',
    },
  },
  {
    method: 'post',
    path: '/work-orders/{id}/assignment',
    operationId: 'decideAssignment',
    tag: 'work orders',
    summary: 'Accept the proposal, pick an alternative, override with a reason, re-evaluate, or pick a vendor',
    description:
      "`override` outside the technician's working hours, in their time off or over their day's capacity is refused (422 `outside_calendar`, each obstacle in `issues`) unless it has `force: true`; " +
      "then the `assigned` event's `overrides` says what it went past (an emergency: time off only). The reason is logged. `reevaluate` routes the order again with the current rules version. " +
      "`vendor` picks a vendor's quote; one above the building's cap needs `approveOverBudget: true`.",
    auth: { roles: ['coordinator'] },
    params: workOrderParams,
    body: {
      required: true,
      content: json(assignmentBody, {
        action: 'override',
        technicianId: 4,
        slot: { start: '2030-03-06T14:00:00-05:00', end: '2030-03-06T16:00:00-05:00' },
        reason: 'Tenant asked for Sam, who fixed it last time',
      }),
    },
    responses: DECIDED,
    errors: {
      ...DECISION_ERRORS,
      404: "no work order with this number, or no active technician with the override's id (`body.technicianId`)",
      422: "the workflow refused the decision as invalid for this order, or an override outside the technician's calendar without `force: true`",
    },
  },
  {
    method: 'post',
    path: '/work-orders/{id}/review',
    operationId: 'reviewWork',
    tag: 'work orders',
    summary: 'Approve completed work (with its costs) or reject it with notes',
    description:
      'Approval completes the order and sends the tenant a survey; rejection sends it back to the technician (failed_review).',
    auth: { roles: ['coordinator'] },
    params: workOrderParams,
    body: {
      required: true,
      content: json(reviewBody, {
        decision: 'approve',
        notes: 'Clean job',
        costs: { laborCents: 12000, partsCents: 2350 },
      }),
    },
    responses: DECIDED,
    errors: DECISION_ERRORS,
  },
  {
    method: 'post',
    path: '/work-orders/{id}/cancel',
    operationId: 'cancelWorkOrder',
    tag: 'work orders',
    summary: 'Cancel with a reason',
    auth: { roles: ['coordinator'] },
    params: workOrderParams,
    body: { required: true, content: json(cancelBody, { reason: 'Duplicate of 1031' }) },
    responses: DECIDED,
    errors: DECISION_ERRORS,
  },
  {
    method: 'post',
    path: '/work-orders/{id}/urgent',
    operationId: 'markWorkOrderUrgent',
    tag: 'work orders',
    summary: "Mark urgent: its visit goes ahead without the tenant's confirmation",
    description:
      'Emergencies, and orders whose tenant cannot be texted, are scheduled as soon as a visit is booked: the tenant is told (a "visit booked" text), not asked, ' +
      'and the technician may go on their way and check in at once. This does the same for any order, with your reason (a `marked_urgent` event with your name). ' +
      "A visit waiting for the tenant's answer (or for you after they did not answer) is scheduled before this answers; every later booking of the order goes ahead without asking. " +
      'The tenant may still answer: a NO or another time keeps the visit booked and waits for you (`pendingDecision.kind` `visit_objection`): keep it (`accept`), book another (`override`), or cancel.',
    auth: { roles: ['coordinator'] },
    params: workOrderParams,
    body: {
      required: true,
      content: json(markUrgentBody, { reason: 'Tenant is elderly and has no water; confirmed by phone' }),
    },
    responses: DECIDED,
    errors: {
      ...DECISION_ERRORS,
      409: 'the order is closed, being cancelled, already marked urgent, or began before urgent visits existed',
    },
  },
  {
    method: 'post',
    path: '/work-orders/{id}/retry-step',
    operationId: 'retryFailedStep',
    tag: 'work orders',
    summary: 'Try a failed step again',
    description:
      'A step that failed past its retries, or in a way no retry fixes (Postgres refused its data), waits in the `failed-steps` queue with the step and the error ' +
      '(`liveState.failedStep`, a `step_failed` event). Once its cause is fixed, this tries it again; the answer comes when that try has an outcome (done, or failed again). ' +
      'Instead, `POST /work-orders/{id}/assignment` may re-evaluate with the current rules (the step is then tried again) or book a visit (`override`, where `failedStep.mayBookVisit`), and the order can be cancelled.',
    auth: { roles: ['coordinator'] },
    params: workOrderParams,
    body: { required: false, content: json(retryStepBody, {}) },
    responses: DECIDED,
    errors: {
      ...DECISION_ERRORS,
      409: 'no failed step is waiting (the order moved on, or a retry is already under way), or the order is closed',
    },
  },
  {
    method: 'post',
    path: '/work-orders/{id}/messages',
    operationId: 'textAboutWorkOrder',
    tag: 'work orders',
    summary: "Text the order's tenant or technician",
    description:
      "Sent by the worker through the SMS layer (the outbox, or Twilio) like every other text, shown in the order's `sms`, and recorded as the coordinator's " +
      '(a `coordinator_texted` event). The text is `#<number>: ` and the words. Send an `Idempotency-Key` (a UUID): a retried POST with the same key sends nothing ' +
      'again and gets the first answer. A recipient who texted STOP is not texted (409, nothing sent).',
    auth: { roles: ['coordinator'] },
    params: workOrderParams,
    headers: workOrderMessageHeaders,
    body: {
      required: true,
      content: json(workOrderMessageBody, {
        to: 'tenant',
        body: 'Sam is running 20 minutes late, sorry for the wait.',
      }),
    },
    responses: {
      201: { description: 'sent (or sent already, with this key)', content: json(coordinatorTextSent) },
      202: {
        description: 'not sent within the deadline (10 s): Temporal holds it and the worker sends it once',
        content: json(coordinatorTextPending),
      },
    },
    errors: {
      404: 'no work order with this number',
      409: 'no such recipient (no tenant on file, no technician assigned), the recipient opted out (texted STOP), or the SMS provider refused the text: nothing was sent',
      422: 'the Idempotency-Key was used for another text on this order',
      503: 'Temporal did not take the text, or its retries ran out: nothing was sent; try again with the same key',
    },
  },
];
