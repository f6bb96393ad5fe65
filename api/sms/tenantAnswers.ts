import type { PoolClient } from 'pg';
import { ANSWERABLE_STATUSES, answerAcknowledgement, chooseAnswerTarget, signalledAnswer, type AnswerableStatus } from '../../domain/sms/answerRouting';
import { parseProposedTime } from '../../domain/sms/proposedTime';
import { formatVisitDate, formatVisitTime, renderSms } from '../../domain/sms/templates';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import type { InboundOutcome, InboundSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';

type Answer = { kind: 'answer'; answer: 'yes' | 'no'; workOrderNumber: number | null } | { kind: 'reschedule'; proposal: string; workOrderNumber: number | null };

interface WaitingOrder {
  number: number;
  status: AnswerableStatus;
  description: string;
  scheduledStart: Date | null;
}

/**
 * YES / NO / another time go to the order waiting for this tenant's answer (a visit to confirm, or a day and time
 * after the technician could not get in); with several, the tenant is asked which.
 */
export async function answerWaitingOrder(client: PoolClient, deps: ApiDeps, sms: InboundSms, tenant: { id: number; language: 'en' | 'es' }, intent: Answer): Promise<InboundOutcome> {
  const { rows: waiting } = await client.query<WaitingOrder>(
    `SELECT number::int AS number, status, description, scheduled_start AS "scheduledStart" FROM work_orders
      WHERE tenant_id = $1 AND status = ANY($2) ORDER BY number`,
    [tenant.id, [...ANSWERABLE_STATUSES]],
  );
  const timeZone = await currentTimeZone(client);
  // A waiting_access order's slot is the visit that failed: nothing to confirm.
  const when = (order: WaitingOrder) => (order.scheduledStart && order.status === 'awaiting_confirmation' ? formatVisitTime(order.scheduledStart, timeZone, tenant.language) : null);

  const target = chooseAnswerTarget(waiting, intent.workOrderNumber);
  if (target.kind === 'nothing_waiting') return { reply: renderSms({ kind: 'nothing_waiting' }, tenant.language), workOrderNumber: null };
  if (target.kind === 'ask_which') {
    const orders = waiting.map((o) => ({ number: o.number, summary: o.description.length > 40 ? `${o.description.slice(0, 37)}...` : o.description, when: when(o) }));
    return { reply: renderSms({ kind: 'ask_which_order', orders }, tenant.language), workOrderNumber: null };
  }

  const { order } = target;
  const proposal = intent.kind === 'reschedule' ? intent.proposal : order.status === 'waiting_access' && intent.answer === 'yes' ? sms.body.trim() : null;
  const proposed = proposal ? parseProposedTime(proposal, new Date(), timeZone) : null;
  const answer = signalledAnswer(order.status, intent.kind === 'reschedule' ? 'reschedule' : intent.answer, proposed !== null);
  await deps.temporal.workflow.getHandle(workOrderWorkflowId(order.number)).signal(tenantReplySignal, {
    answer,
    messageSid: sms.messageSid,
    tenantId: tenant.id,
    proposedStart: proposed ? proposed.start.toISOString() : null,
    proposal: answer === 'reschedule' ? proposal : null,
  });
  const proposedWhen = proposed ? (proposed.dayOnly ? formatVisitDate : formatVisitTime)(proposed.start, timeZone, tenant.language) : null;
  const reply = renderSms(answerAcknowledgement(order, answer, { scheduledWhen: when(order), proposedWhen }), tenant.language);
  return { reply, workOrderNumber: order.number };
}
