import express, { Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { repairText, text } from '../../domain/text';
import { smsDeliveryFailedSignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import type { WorkflowStarter } from '../intake/workflowStarter';
import { handleInboundSms } from '../sms/inboundSms';
import { recordDeliveryStatus } from '../sms/deliveryStatus';
import { noteRepairedSms } from '../sms/repairedText';
import { requireTwilioSignature } from '../twilioSignature';
import { parse } from '../validate';

const phone = text({ min: 3, max: 32 });
const messageSid = text({ min: 10, max: 64 });
/**
 * Twilio sends many more fields; only these matter, the rest are ignored (not refused). The tenant's Body is never
 * refused for its characters: those no text may hold are replaced (see repairText) and the replacement noted.
 */
export const inboundSmsBody = z.object({ MessageSid: messageSid, From: phone, To: phone, Body: z.string().max(1600) });
export const statusBody = z.object({
  MessageSid: messageSid,
  MessageStatus: z.enum([
    'accepted',
    'scheduled',
    'queued',
    'sending',
    'sent',
    'delivered',
    'undelivered',
    'failed',
    'read',
    'canceled',
    'receiving',
    'received',
  ]),
  ErrorCode: text({ max: 16 }).optional(),
});

function twiml(message: string): string {
  const response = new twilio.twiml.MessagingResponse();
  if (message) response.message(message);
  return response.toString();
}

export function twilioWebhooksRouter(deps: ApiDeps & { workflowStarter: WorkflowStarter }): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb' }), requireTwilioSignature(deps.sms));

  router.post('/sms', async (req, res) => {
    const body = parse(inboundSmsBody, req, 'body');
    const repair = repairText(body.Body);
    const outcome = await handleInboundSms(deps, {
      messageSid: body.MessageSid,
      from: body.From,
      to: body.To,
      body: repair.text,
    });
    if (repair.replaced > 0)
      await noteRepairedSms(deps.pool, {
        messageSid: body.MessageSid,
        from: body.From,
        workOrderNumber: outcome.workOrderNumber,
        repair,
      });
    res.type('text/xml').send(twiml(outcome.reply));
    // Committed and answered: the work order's workflow starts now, off the answer's path (the sweep has it if not).
    if (outcome.workflowStart) deps.workflowStarter.startSoon(outcome.workflowStart);
  });

  router.post('/status', async (req, res) => {
    const body = parse(statusBody, req, 'body');
    const failure = await recordDeliveryStatus(deps.pool, {
      messageSid: body.MessageSid,
      status: body.MessageStatus,
      errorCode: body.ErrorCode ?? null,
    });
    if (failure) {
      await deps.temporal.workflow
        .getHandle(workOrderWorkflowId(failure.workOrderNumber))
        .signal(smsDeliveryFailedSignal, failure.signal)
        .catch(() => undefined);
    }
    res.status(204).end();
  });

  return router;
}
