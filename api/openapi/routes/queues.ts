import { z } from 'zod';
import { QUEUE_NAMES } from '../../../db/queries/queues';
import { queueParams, queueQuery } from '../../schemas';
import { instant, workOrderRecord } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

const queueEntry = workOrderRecord.extend({
  why: z
    .object({
      kind: z
        .string()
        .describe(
          "the pending decision's kind (assignment, vendor_pick, step_failed, visit_objection, access, ...), or escalated, awaiting_review, sla_breached, sms_problem, auto_assigned",
        ),
      reason: z.string().describe('why, in words a coordinator reads'),
    })
    .describe('why the order is in this queue'),
  since: instant.describe('since when it has waited for that reason'),
});

const queueAnswer = z.object({
  queue: z.enum(QUEUE_NAMES),
  total: z
    .number()
    .int()
    .describe('how many orders the queue holds (the queue_size gauge); items lists at most `limit`'),
  items: z.array(queueEntry),
});

export const queueDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/queues/{name}',
    operationId: 'getQueue',
    tag: 'queues',
    summary:
      "A coordinator's queue. Every open order that needs a person is in exactly one: failed-steps, vendor-pick, escalations, review, ready-review; auto-assigned lists the rest the rules assigned",
    auth: { roles: ['coordinator', 'ops'] },
    params: queueParams,
    query: queueQuery,
    responses: {
      200: {
        description: 'the orders in the queue, emergencies first, then the longest waiting',
        content: json(queueAnswer),
      },
    },
  },
];
