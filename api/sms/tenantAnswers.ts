import type { PoolClient } from 'pg';
import { parseProposedTime } from '../../domain/sms/proposedTime';
import { formatVisitTime, renderSms } from '../../domain/sms/templates';
import { tenantReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import type { InboundOutcome, InboundSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';

type Answer = { kind: 'answer'; answer: 'yes' | 'no'; workOrderNumber: number | null } | { kind: 'reschedule'; proposal: string; workOrderNumber: number | null };

interface WaitingOrder {
  number: number;
  description: string;
  scheduledStart: Date | null;
}

/** YES / NO / another time go to the order waiting for this tenant's answer; with several, the tenant is asked which. */
export async function answerWaitingOrder(client: PoolClient, deps: ApiDeps, sms: InboundSms, tenant: { id: number; language: 'en' | 'es' }, intent: Answer): Promise<InboundOutcome> {
  const { rows: waiting } = await client.query<WaitingOrder>(
    `SELECT number::int AS number, description, scheduled_start AS "scheduledStart" FROM work_orders
      WHERE tenant_id = $1 AND status = 'awaiting_confirmation' ORDER BY number`,
    [tenant.id],
  );
  const timeZone = await currentTimeZone(client);
  const when = (order: WaitingOrder) => (order.scheduledStart ? formatVisitTime(order.scheduledStart, timeZone, tenant.language) : null);

  if (waiting.length === 0) return { reply: renderSms({ kind: 'nothing_waiting' }, tenant.language), workOrderNumber: null };
  const target = intent.workOrderNumber !== null ? waiting.find((o) => o.number === intent.workOrderNumber) : waiting.length === 1 ? waiting[0] : undefined;
  if (!target) {
    const orders = waiting.map((o) => ({ number: o.number, summary: o.description.length > 40 ? `${o.description.slice(0, 37)}...` : o.description, when: when(o) }));
    return { reply: renderSms({ kind: 'ask_which_order', orders }, tenant.language), workOrderNumber: null };
  }

  const proposed = intent.kind === 'reschedule' ? parseProposedTime(intent.proposal, new Date(), timeZone) : null;
  await deps.temporal.workflow.getHandle(workOrderWorkflowId(target.number)).signal(tenantReplySignal, {
    answer: intent.kind === 'reschedule' ? 'reschedule' : intent.answer,
    messageSid: sms.messageSid,
    tenantId: tenant.id,
    proposedStart: proposed ? proposed.start.toISOString() : null,
    proposal: intent.kind === 'reschedule' ? intent.proposal : null,
  });
  const reply =
    intent.kind === 'answer' && intent.answer === 'yes'
      ? renderSms({ kind: 'confirmed_ack', number: target.number, when: when(target) ?? '' }, tenant.language)
      : renderSms({ kind: 'reschedule_ack', number: target.number }, tenant.language);
  return { reply, workOrderNumber: target.number };
}
