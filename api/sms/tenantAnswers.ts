import type { PoolClient } from 'pg';
import {
  ANSWERABLE_STATUSES,
  answerAcknowledgement,
  chooseAnswerTarget,
  signalledAnswer,
  TOLD_NOT_ASKED_EVENT,
  TOLD_VISIT_ANSWER_EVENTS,
  type AnswerableStatus,
} from '../../domain/sms/answerRouting';
import { parseProposedTime } from '../../domain/sms/proposedTime';
import { formatVisitDate, formatVisitTime, renderSms, type SmsLanguage } from '../../domain/sms/templates';
import { orderLanguageSql, rememberOrderLanguage, smsLanguageOr } from '../../db/queries/orderLanguage';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import type { InboundOutcome, ReadSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';

type Answer =
  | { kind: 'answer'; answer: 'yes' | 'no'; workOrderNumber: number | null }
  | { kind: 'reschedule'; proposal: string; workOrderNumber: number | null };

interface WaitingOrder {
  number: number;
  status: AnswerableStatus;
  description: string;
  scheduledStart: Date | null;
  /** The language the tenant wrote this order's texts in, when a text told us. */
  language: string | null;
}

/**
 * YES / NO / another time go to the order waiting for this tenant's answer (a visit to confirm, or a day and time
 * after the technician could not get in); with several, the tenant is asked which.
 */
export async function answerWaitingOrder(
  client: PoolClient,
  deps: ApiDeps,
  sms: ReadSms,
  tenant: { id: number; language: SmsLanguage },
  intent: Answer,
): Promise<InboundOutcome> {
  const { rows: waiting } = await client.query<WaitingOrder>(
    `SELECT w.number::int AS number, w.status, w.description, w.scheduled_start AS "scheduledStart", ${orderLanguageSql('w')} AS language
       FROM work_orders w
      WHERE w.tenant_id = $1
        AND (w.status = ANY($2)
             OR (w.status = 'scheduled'
                 AND (SELECT e.type FROM events e WHERE e.work_order_number = w.number AND e.type = ANY($4) ORDER BY e.id DESC LIMIT 1) = $3))
      ORDER BY w.number`,
    [tenant.id, [...ANSWERABLE_STATUSES], TOLD_NOT_ASKED_EVENT, [TOLD_NOT_ASKED_EVENT, ...TOLD_VISIT_ANSWER_EVENTS]],
  );
  const timeZone = await currentTimeZone(client);
  // A waiting_access order's slot is the visit that failed: nothing to confirm; a scheduled one's is the visit booked.
  const when = (order: WaitingOrder, language: SmsLanguage) =>
    order.scheduledStart && order.status !== 'waiting_access'
      ? formatVisitTime(order.scheduledStart, timeZone, language)
      : null;

  const target = chooseAnswerTarget(waiting, intent.workOrderNumber);
  if (target.kind !== 'order') {
    const language = sms.language ?? tenant.language;
    if (target.kind === 'nothing_waiting')
      return { reply: renderSms({ kind: 'nothing_waiting' }, language), workOrderNumber: null };
    const orders = waiting.map((o) => ({
      number: o.number,
      summary: o.description.length > 40 ? `${o.description.slice(0, 37)}...` : o.description,
      when: when(o, language),
    }));
    return { reply: renderSms({ kind: 'ask_which_order', orders }, language), workOrderNumber: null };
  }

  const { order } = target;
  // A proposed time written in a language moves the order's texts to it; a YES or NO keeps the order's (inboundSms.ts).
  const language = sms.language ?? smsLanguageOr(order.language, tenant.language);
  if (sms.language) await rememberOrderLanguage(client, order.number, sms.language);
  const proposal =
    intent.kind === 'reschedule'
      ? intent.proposal
      : order.status === 'waiting_access' && intent.answer === 'yes'
        ? sms.body.trim()
        : null;
  const proposed = proposal ? parseProposedTime(proposal, new Date(), timeZone) : null;
  const answer = signalledAnswer(
    order.status,
    intent.kind === 'reschedule' ? 'reschedule' : intent.answer,
    proposed !== null,
  );
  await deps.temporal.workflow.getHandle(workOrderWorkflowId(order.number)).signal(tenantReplySignal, {
    answer,
    messageSid: sms.messageSid,
    tenantId: tenant.id,
    proposedStart: proposed ? proposed.start.toISOString() : null,
    proposal: answer === 'reschedule' ? proposal : null,
  });
  const proposedWhen = proposed
    ? (proposed.dayOnly ? formatVisitDate : formatVisitTime)(proposed.start, timeZone, language)
    : null;
  const reply = renderSms(
    answerAcknowledgement(order, answer, { scheduledWhen: when(order, language), proposedWhen }),
    language,
  );
  return { reply, workOrderNumber: order.number };
}
