import { z } from 'zod';
import { attachHoldBody, dismissHoldBody, holdParams, messagesQuery } from '../../routes/sms';
import { smsHolds, smsPage } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

const attachedHold = z.object({
  holdId: z.number().int(),
  status: z.literal('attached'),
  workOrderNumber: z.number().int().describe('the order opened with the held texts'),
  workflowId: z.string(),
  unitId: z.number().int(),
  tenantId: z
    .number()
    .int()
    .nullable()
    .describe("the order's tenant: the sender when `senderAsTenant` made them one, else the unit's tenant on file"),
  senderIsTenant: z.boolean(),
});
const dismissedHold = z.object({ holdId: z.number().int(), status: z.literal('dismissed'), reason: z.string() });
const HOLD_ERRORS = {
  404: 'no hold with this id',
  409: 'the hold was resolved already (matched by the sender, attached or dismissed): nothing was changed',
};

export const smsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/sms/messages',
    operationId: 'listSmsMessages',
    tag: 'sms',
    summary: 'The SMS log, in and out, newest first (the outbox in local mode)',
    auth: { roles: ['coordinator', 'ops'] },
    query: messagesQuery,
    responses: { 200: { description: 'one page of texts', content: json(smsPage) } },
  },
  {
    method: 'get',
    path: '/sms/holds',
    operationId: 'listSmsHolds',
    tag: 'sms',
    summary: 'Texts from unknown numbers waiting for a unit, or held for a coordinator',
    auth: { roles: ['coordinator', 'ops'] },
    responses: { 200: { description: 'the open holds', content: json(smsHolds) } },
  },
  {
    method: 'post',
    path: '/sms/holds/{id}/attach',
    operationId: 'attachSmsHold',
    tag: 'sms',
    summary: "Attach a held text to a unit: a work order opens with the sender's words",
    description:
      'The order is created as an SMS intake is (the description is what the sender wrote), by the coordinator. With `senderAsTenant` the sender ' +
      'becomes a tenant of the unit (or is found as one already): the order is theirs and they are texted about it; without it the order is the ' +
      "unit's, and the unit's tenant on file is texted. Attaching twice opens one order: the second answers 409.",
    auth: { roles: ['coordinator'] },
    params: holdParams,
    body: {
      required: true,
      content: json(attachHoldBody, { unitId: 3, senderAsTenant: { name: 'Ana Ruiz', language: 'es' } }),
    },
    responses: {
      201: {
        description: 'attached; the order has started',
        headers: { Location: { description: '/work-orders/<number>', schema: { type: 'string' } } },
        content: json(attachedHold),
      },
    },
    errors: {
      ...HOLD_ERRORS,
      404: 'no hold with this id, or no such unit (`body.unitId`)',
      409: `${HOLD_ERRORS[409]}; or the sender is a tenant of another unit already`,
    },
  },
  {
    method: 'post',
    path: '/sms/holds/{id}/dismiss',
    operationId: 'dismissSmsHold',
    tag: 'sms',
    summary: 'Dismiss a held text with a reason (a wrong number, spam, handled by phone)',
    auth: { roles: ['coordinator'] },
    params: holdParams,
    body: { required: true, content: json(dismissHoldBody, { reason: 'Wrong number: not one of our buildings' }) },
    responses: { 200: { description: 'dismissed; it leaves the list', content: json(dismissedHold) } },
    errors: HOLD_ERRORS,
  },
];
