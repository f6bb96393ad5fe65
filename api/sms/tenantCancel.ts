import type { PoolClient } from 'pg';
import { smsLanguageOr } from '../../db/queries/orderLanguage';
import {
  CANCEL_CONFIRMATION_MINUTES,
  CANCEL_REASON,
  cancelAnswered,
  TENANT_CANCELLABLE,
  TEXTS_ASKING_AN_ANSWER,
} from '../../domain/sms/tenantCancel';
import { renderTenantRequestSms, type TenantRequestMessage } from '../../domain/sms/tenantRequestTemplates';
import type { SmsLanguage } from '../../domain/sms/templates';
import { isTerminal } from '../../domain/status';
import { cancelUpdate, workOrderWorkflowId } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { executeUpdateWithin, isUnavailable, workflowDeadlines } from '../workflowCalls';
import type { InboundOutcome, ReadSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';
import { holdTenantText } from './tenantHolds';
import { openOrdersOf, orderLine, tenantOrder, type TenantOrder } from './tenantOrders';

interface Tenant {
  id: number;
  language: SmsLanguage;
}

/**
 * "cancel 1045", "cancel my repair", "ya no necesito el servicio": the tenant is asked once to confirm ("Reply YES to
 * cancel #1045"); nothing is cancelled until the YES (answerPendingCancel). A new cancel replaces the question before it.
 * An order whose work has started, or a tenant who opted out of texts (their YES would opt them back in, not confirm),
 * goes to a coordinator as a held text instead.
 */
export async function askToCancel(
  client: PoolClient,
  sms: ReadSms,
  tenant: Tenant,
  named: number | null,
  optedOut: boolean,
): Promise<InboundOutcome> {
  const timeZone = await currentTimeZone(client);
  const answer = (
    message: TenantRequestMessage,
    language: SmsLanguage,
    workOrderNumber: number | null = null,
  ): InboundOutcome => ({ reply: renderTenantRequestSms(message, language), workOrderNumber });
  let order: TenantOrder | null;
  if (named !== null) {
    order = await tenantOrder(client, tenant.id, named);
    if (!order) return answer({ kind: 'order_not_found', number: named }, sms.language ?? tenant.language);
  } else {
    const open = await openOrdersOf(client, tenant.id);
    const language = sms.language ?? tenant.language;
    if (open.length === 0) return answer({ kind: 'no_open_orders' }, language);
    if (open.length > 1)
      return answer({ kind: 'cancel_which', orders: open.map((o) => orderLine(o, timeZone, language)) }, language);
    order = open[0]!;
  }
  const language = sms.language ?? smsLanguageOr(order.language, tenant.language);
  if (isTerminal(order.status))
    return answer({ kind: 'cancel_closed', number: order.number, status: order.status }, language, order.number);
  if (!TENANT_CANCELLABLE.includes(order.status)) {
    await holdTenantText(
      client,
      sms,
      tenant,
      `asks to cancel work order ${order.number}, which is ${order.status}: a coordinator decides`,
    );
    return answer({ kind: 'cancel_to_coordinator', number: order.number }, language, order.number);
  }
  if (optedOut) {
    await holdTenantText(
      client,
      sms,
      tenant,
      `asks to cancel work order ${order.number} but has opted out of texts: confirm with them another way`,
    );
    return answer({ kind: 'for_coordinator' }, language, order.number);
  }
  await client.query(
    `UPDATE sms_pending_questions SET status = 'replaced', answered_at = now() WHERE tenant_id = $1 AND status = 'pending'`,
    [tenant.id],
  );
  await client.query(
    `INSERT INTO sms_pending_questions (tenant_id, phone, kind, work_order_number, asked_by_sid, status, expires_at)
     VALUES ($1, $2, 'cancel_order', $3, $4, 'pending', now() + make_interval(mins => $5))`,
    [tenant.id, sms.from, order.number, sms.messageSid, CANCEL_CONFIRMATION_MINUTES],
  );
  return answer({ kind: 'cancel_confirm', order: orderLine(order, timeZone, language) }, language, order.number);
}

interface PendingRow {
  id: number;
  workOrderNumber: number;
  askedAt: Date;
  expiresAt: Date;
  now: Date;
}

/**
 * A YES or NO while a cancel waits for its confirmation: the cancel's, when it is the newest question the tenant was
 * texted and still open (domain/sms/tenantCancel.ts, cancelAnswered); null when the answer is for something else.
 * YES cancels through the workflow's cancel update, as POST /work-orders/:id/cancel does, with the tenant as the actor.
 */
export async function answerPendingCancel(
  client: PoolClient,
  deps: ApiDeps,
  sms: ReadSms,
  tenant: Tenant,
  intent: { answer: 'yes' | 'no'; workOrderNumber: number | null },
): Promise<InboundOutcome | null> {
  const { rows } = await client.query<PendingRow>(
    `SELECT id::int AS id, work_order_number::int AS "workOrderNumber", asked_at AS "askedAt", expires_at AS "expiresAt", now() AS now
       FROM sms_pending_questions WHERE tenant_id = $1 AND status = 'pending' FOR UPDATE`,
    [tenant.id],
  );
  const pending = rows[0];
  if (!pending) return null;
  const newer = await client.query<{ at: Date | null }>(
    `SELECT max(created_at) AS at FROM sms_messages WHERE direction = 'outbound' AND to_phone = $1 AND kind = ANY($2) AND created_at > $3`,
    [sms.from, [...TEXTS_ASKING_AN_ANSWER], pending.askedAt],
  );
  const verdict = cancelAnswered(pending, intent, pending.now, newer.rows[0]?.at ?? null);
  if (verdict === 'other_order') return null;
  if (verdict !== 'cancel') {
    await client.query(`UPDATE sms_pending_questions SET status = $2 WHERE id = $1`, [pending.id, verdict]);
    return null;
  }

  const number = pending.workOrderNumber;
  const order = await tenantOrder(client, tenant.id, number);
  const language = sms.language ?? smsLanguageOr(order?.language, tenant.language);
  const answer = (message: TenantRequestMessage): InboundOutcome => ({
    reply: renderTenantRequestSms(message, language),
    workOrderNumber: number,
  });
  const close = (status: 'confirmed' | 'declined') =>
    client.query(
      `UPDATE sms_pending_questions SET status = $2, answered_by_sid = $3, answered_at = now() WHERE id = $1`,
      [pending.id, status, sms.messageSid],
    );

  if (intent.answer === 'no') {
    await close('declined');
    return answer({ kind: 'cancel_kept', number });
  }
  if (order && isTerminal(order.status)) {
    await close('confirmed');
    return answer({ kind: 'cancel_closed', number, status: order.status });
  }
  const { updateMs } = workflowDeadlines(deps);
  const handle = deps.temporal.workflow.getHandle(workOrderWorkflowId(number));
  try {
    // The text's id makes the update's: a retried delivery of this YES is the same update, applied once.
    const outcome = await executeUpdateWithin(
      handle,
      cancelUpdate,
      [{ reason: CANCEL_REASON, actor: { type: 'tenant', id: String(tenant.id) } }],
      updateMs,
      `tenant-cancel-${sms.messageSid}`,
    );
    await close('confirmed');
    // Applied: the workflow texts the tenant that the order is cancelled (workflows/workOrder/cancel.ts); one text is enough.
    return outcome.status === 'applied'
      ? { reply: '', workOrderNumber: number }
      : answer({ kind: 'cancel_pending', number });
  } catch (err) {
    if (err instanceof AppError && err.status === 409) {
      // Closed, or being cancelled already (a coordinator, or this YES delivered twice at once).
      await close('confirmed');
      const now = await tenantOrder(client, tenant.id, number);
      return answer({
        kind: 'cancel_closed',
        number,
        status: now && isTerminal(now.status) ? now.status : 'cancelled',
      });
    }
    // Temporal did not take it: the question stays open, a YES later tries again.
    if (isUnavailable(err)) return answer({ kind: 'cancel_unavailable', number });
    throw err;
  }
}
