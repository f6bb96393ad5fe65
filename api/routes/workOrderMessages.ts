import { Router, type Response } from 'express';
import { z } from 'zod';
import { SMS_MAX_LENGTH } from '../../domain/sms/textFit';
import { text } from '../../domain/text';
import { coordinatorTextBody, type CoordinatorTextResult } from '../../domain/coordinatorText';
import { actorOf, allow } from '../auth';
import { sendCoordinatorText } from '../commands/sendCoordinatorText';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { workOrderParams } from '../schemas';
import { parse } from '../validate';
import { loadWorkOrderFor } from './workOrderAccess';

/** Room for the order's number before the words ("#1045: "), within two SMS segments. */
export const COORDINATOR_TEXT_MAX_LENGTH = SMS_MAX_LENGTH - coordinatorTextBody(99_999_999, '').length;

export const workOrderMessageHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, '1 to 100 letters, digits, dots, dashes, underscores or colons (a UUID, say)')
    .describe(
      'The same key on the same order is the same text: a retried POST sends it once and gets the first answer.',
    ),
});

export const workOrderMessageBody = z
  .object({
    to: z.enum(['tenant', 'technician']).describe("the order's tenant, or the technician assigned to it"),
    body: text({ min: 1, max: COORDINATOR_TEXT_MAX_LENGTH }).describe(
      "what the coordinator writes; the text sent starts with the order's number",
    ),
  })
  .strict();

const RECIPIENT_TABLES = { tenant: 'tenants', technician: 'technicians' } as const;

/** A coordinator texts an order's tenant or technician: sent by the worker through the SMS layer, in the order's conversation. */
export function workOrderMessagesRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post('/:id/messages', allow('coordinator'), async (req, res) => {
    const { id } = parse(workOrderParams, req, 'params');
    const body = parse(workOrderMessageBody, req, 'body');
    const headers = parse(workOrderMessageHeaders, req, 'headers');
    const record = await loadWorkOrderFor(deps, req, id);
    const recipientId = body.to === 'tenant' ? record.tenantId : record.assignedTechnicianId;
    const input = {
      workOrderNumber: id,
      to: body.to,
      recipientId: recipientId ?? 0,
      body: body.body,
      idempotencyKey: headers['idempotency-key'],
      sentBy: actorOf(req.identity!),
    };

    const outcome = await sendCoordinatorText(deps, input, async () => {
      if (recipientId === null)
        throw new AppError(
          409,
          'no_recipient',
          `work order ${id} has no ${body.to === 'tenant' ? 'tenant on file' : 'technician assigned'}: nothing was sent`,
        );
      const optedOut = await deps.pool.query(
        `SELECT 1 FROM sms_opt_outs o JOIN ${RECIPIENT_TABLES[body.to]} r ON r.phone = o.phone WHERE r.id = $1`,
        [recipientId],
      );
      if (optedOut.rowCount) throw optedOutError(id, body.to);
    });
    if (outcome.status === 'pending') {
      res.status(202).json({
        pending: true,
        replayed: outcome.replayed,
        workflowId: outcome.workflowId,
        check: `/work-orders/${id}`,
        message:
          'not sent within the deadline (no worker running, or the SMS provider slow): Temporal holds it and the worker sends it once; its text shows in the order then. Retry with the same Idempotency-Key to hear the outcome.',
      });
      return;
    }
    answerWith(res, id, body.to, outcome.result, outcome.replayed);
  });

  return router;
}

function optedOutError(id: number, to: 'tenant' | 'technician'): AppError {
  return new AppError(
    409,
    'recipient_opted_out',
    `the ${to} of work order ${id} texted STOP: they get no texts until they text START; nothing was sent`,
  );
}

function answerWith(
  res: Response,
  id: number,
  to: 'tenant' | 'technician',
  result: CoordinatorTextResult,
  replayed: boolean,
): void {
  switch (result.outcome) {
    case 'sent':
      res.status(201).json({
        number: id,
        to,
        recipientId: result.recipientId,
        messageId: result.messageId,
        body: result.body,
        replayed,
      });
      return;
    case 'suppressed_opt_out':
      throw optedOutError(id, to);
    case 'suppressed_inactive':
      throw new AppError(
        409,
        'recipient_inactive',
        `the ${to} of work order ${id} was deactivated: they get no texts; nothing was sent`,
      );
    case 'refused':
      throw new AppError(
        409,
        'sms_refused',
        `the SMS provider refused the text to the ${to} of work order ${id}: ${result.error}`,
      );
    case 'no_phone':
      throw new AppError(409, 'no_recipient', `the ${to} of work order ${id} is no longer on file: nothing was sent`);
  }
}
