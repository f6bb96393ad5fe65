import type { PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import type { WorkflowStartRequest } from '../../db/queries/workflowStartRequests';
import { parseInboundIntent } from '../../domain/sms/inboundIntent';
import { readTenantText } from '../../domain/sms/tenantText';
import { renderTenantRequestSms } from '../../domain/sms/tenantRequestTemplates';
import { parseSurveyAnswer } from '../../domain/sms/surveyAnswer';
import { renderSms, type SmsLanguage } from '../../domain/sms/templates';
import { orderLanguageMetadata } from '../../db/queries/orderLanguage';
import { smsSender, type SmsSender } from '../../db/queries/smsSenders';
import type { ApiDeps } from '../deps';
import { answerSurvey } from './surveyAnswers';
import { answerWaitingOrder } from './tenantAnswers';
import { answerPendingCancel, askToCancel } from './tenantCancel';
import { holdTenantText } from './tenantHolds';
import { answerStatusQuestion } from './tenantQuestions';
import { continueUnknownSender } from './unknownSender';
import { detectTextLanguage } from './languageDetector';
import { createOrderFromText } from './orderFromText';
import { answerVendor } from './vendorReplies';
import { answerCoordinator } from './coordinatorReplies';

export interface InboundSms {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

/** An inbound text with the language it is written in, when it is long and clear enough to tell (domain/sms/textLanguage.ts). */
export interface ReadSms extends InboundSms {
  language: SmsLanguage | null;
}

export interface InboundOutcome {
  reply: string;
  workOrderNumber: number | null;
  /** The text opened a work order: its workflow, to start once the transaction has committed (and the answer is sent). */
  workflowStart?: WorkflowStartRequest;
}

/**
 * Stores the message once (unique MessageSid) and acts on it in the same transaction: a retried or concurrent
 * delivery of the same message waits for the first, then gets the same answer and changes nothing. A text that opens
 * a work order commits the order and the request to start its workflow with the message; nothing is started here.
 */
export async function handleInboundSms(deps: ApiDeps, inbound: InboundSms): Promise<InboundOutcome> {
  // Read before the transaction: the first text long enough loads the detector (under a second, once per process).
  const sms: ReadSms = { ...inbound, language: await detectTextLanguage(inbound.body, deps.logger) };
  return inTransaction(deps.pool, async (client) => {
    const stored = await client.query<{ id: string }>(
      `INSERT INTO sms_messages (direction, from_phone, to_phone, body, provider, provider_sid, status)
       VALUES ('inbound', $1, $2, $3, 'twilio', $4, 'received') ON CONFLICT (provider_sid) DO NOTHING RETURNING id`,
      [sms.from, sms.to, sms.body, sms.messageSid],
    );
    if (!stored.rows[0]) {
      const first = await client.query<{ reply: string | null; work_order_number: string | null }>(
        'SELECT reply, work_order_number FROM sms_messages WHERE provider_sid = $1',
        [sms.messageSid],
      );
      return {
        reply: first.rows[0]?.reply ?? '',
        workOrderNumber: first.rows[0]?.work_order_number ? Number(first.rows[0].work_order_number) : null,
      };
    }
    const outcome = await routeInboundSms(client, deps, sms);
    await client.query('UPDATE sms_messages SET reply = $2, work_order_number = $3, updated_at = now() WHERE id = $1', [
      stored.rows[0].id,
      outcome.reply,
      outcome.workOrderNumber,
    ]);
    return outcome;
  });
}

/**
 * A text is answered in the language it is written in when it can tell (a tenant on file as English who writes in
 * Spanish is answered in Spanish); else in the language of the order it answers, else the one on file. A YES or NO
 * ("yes thank you", "ok muchas gracias") is a stock phrase: it shows words the tenant knows, not the language they
 * read, so it keeps the conversation's.
 */
async function routeInboundSms(client: PoolClient, deps: ApiDeps, read: ReadSms): Promise<InboundOutcome> {
  const intent = parseInboundIntent(read.body);
  const sms: ReadSms = intent.kind === 'answer' ? { ...read, language: null } : read;
  const sender = await smsSender(client, sms.from);
  const { tenant, optedOut } = sender;
  const language = sms.language ?? tenant?.language ?? 'en';
  const reply = (text: string, workOrderNumber: number | null = null): InboundOutcome => ({
    reply: text,
    workOrderNumber,
  });

  // Compliance first: these words mean the same whoever sends them.
  if (intent.kind === 'opt_out') {
    await client.query(`INSERT INTO sms_opt_outs (phone, message_sid) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING`, [
      sms.from,
      sms.messageSid,
    ]);
    return reply(renderSms({ kind: 'opted_out' }, language));
  }
  // Carriers treat YES as an opt-in keyword too: for an opted-out number it means exactly that, nothing more.
  if (intent.kind === 'opt_in' || (optedOut && intent.kind === 'answer' && intent.answer === 'yes')) {
    await client.query('DELETE FROM sms_opt_outs WHERE phone = $1', [sms.from]);
    return reply(renderSms({ kind: 'opted_in' }, language));
  }
  if (intent.kind === 'help') return reply(renderSms({ kind: 'help' }, language));
  const acted = await actOnText(client, deps, sms, sender, language);
  // An opted-out number is texted nothing, not even in the webhook's answer (Twilio would refuse it: error 21610).
  // What the text does still happens: an order opens, a question is held for a coordinator.
  return optedOut ? { ...acted, reply: '' } : acted;
}

/** Everything but the compliance keywords: vendors, unknown numbers, and a tenant's answers, questions and problems. */
async function actOnText(
  client: PoolClient,
  deps: ApiDeps,
  sms: ReadSms,
  sender: SmsSender,
  language: SmsLanguage,
): Promise<InboundOutcome> {
  const { tenant, optedOut } = sender;
  const reply = (text: string, workOrderNumber: number | null = null): InboundOutcome => ({
    reply: text,
    workOrderNumber,
  });
  // A vendor's phone is not a stranger's: their text answers a job offer and never opens a work order.
  const vendorAnswer = sender.vendor ? await answerVendor(client, deps, sms, tenant !== null) : null;
  if (vendorAnswer) return vendorAnswer;
  // A coordinator answering a page (ACK 1107, ACCEPT 1107...); a stranger's "ACK 1107" is told it is not theirs.
  const coordinatorAnswer = await answerCoordinator(client, deps, sms, sender);
  if (coordinatorAnswer) return coordinatorAnswer;
  if (!tenant) return continueUnknownSender(client, deps, sms);

  const reading = readTenantText(sms.body);
  if (reading.kind === 'answer') {
    // "Reply YES to cancel #1045", asked last, takes the YES; a visit question texted after it takes it instead (tenantCancel.ts).
    const cancelled = await answerPendingCancel(client, deps, sms, tenant, reading);
    if (cancelled) return cancelled;
    // A YES or NO keeps priority over a survey: no rating reads as one (see parseSurveyAnswer).
    return answerWaitingOrder(client, deps, sms, tenant, reading);
  }
  // Before "a bare number gets HELP" and before a text opens a work order ("5 great job" is neither).
  const rating = parseSurveyAnswer(sms.body);
  const surveyed = rating ? await answerSurvey(client, sms, tenant, rating) : null;
  if (surveyed) return surveyed;
  switch (reading.kind) {
    case 'reschedule':
      return answerWaitingOrder(client, deps, sms, tenant, reading);
    case 'cancel_order':
      return askToCancel(client, sms, tenant, reading.workOrderNumber, optedOut);
    case 'status_question': {
      const answered = await answerStatusQuestion(client, sms, tenant, reading);
      if (answered) return answered;
      break;
    }
    // "thanks" needs no answer and opens nothing; a bare number or an emoji is no description of a problem.
    case 'courtesy':
      return reply('');
    case 'no_words':
      return reply(renderSms({ kind: 'help' }, language));
    case 'for_coordinator':
      await holdTenantText(client, sms, tenant, reading.reason);
      return reply(renderTenantRequestSms({ kind: 'for_coordinator' }, language));
    default:
      break;
  }
  const created = await createOrderFromText(client, deps, sms.messageSid, {
    tenantId: tenant.id,
    placement: { tenantId: tenant.id, unitId: tenant.unitId, buildingId: tenant.buildingId },
    description: sms.body.trim(),
    createdBy: { type: 'tenant', id: String(tenant.id) },
    metadata: { sms: { messageSid: sms.messageSid, from: sms.from }, ...orderLanguageMetadata(sms.language) },
  });
  return {
    reply: renderSms({ kind: 'intake_ack', number: created.number }, language),
    workOrderNumber: created.number,
    workflowStart: created.start,
  };
}
