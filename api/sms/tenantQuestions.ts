import type { PoolClient } from 'pg';
import { smsLanguageOr } from '../../db/queries/orderLanguage';
import { questionIsNewProblem, tradesIn } from '../../domain/sms/problemText';
import type { SmsLanguage } from '../../domain/sms/templates';
import { renderTenantRequestSms } from '../../domain/sms/tenantRequestTemplates';
import type { InboundOutcome, ReadSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';
import { openOrdersOf, orderLine, tenantOrder } from './tenantOrders';

type StatusQuestion = { kind: 'status_question'; workOrderNumber: number | null; namesProblem: boolean };

/**
 * "When is someone coming?", "status of #1045": the order's status and visit time, opening nothing. With several open
 * orders and none named, each in a line. A number that is not the tenant's gets no word about that order. Null when the
 * question also tells a problem that none of the tenant's open orders is about (none open, or none for its trade):
 * then it is a new problem, reported as one.
 */
export async function answerStatusQuestion(
  client: PoolClient,
  sms: ReadSms,
  tenant: { id: number; language: SmsLanguage },
  question: StatusQuestion,
): Promise<InboundOutcome | null> {
  const timeZone = await currentTimeZone(client);
  if (question.workOrderNumber !== null) {
    const order = await tenantOrder(client, tenant.id, question.workOrderNumber);
    if (!order)
      return {
        reply: renderTenantRequestSms(
          { kind: 'order_not_found', number: question.workOrderNumber },
          sms.language ?? tenant.language,
        ),
        workOrderNumber: null,
      };
    const language = sms.language ?? smsLanguageOr(order.language, tenant.language);
    return {
      reply: renderTenantRequestSms({ kind: 'order_status', order: orderLine(order, timeZone, language) }, language),
      workOrderNumber: order.number,
    };
  }
  const open = await openOrdersOf(client, tenant.id);
  if (
    question.namesProblem &&
    (open.length === 0 ||
      questionIsNewProblem(
        sms.body,
        open.map((o) => o.skills ?? tradesIn(o.description) ?? []),
      ))
  )
    return null;
  if (open.length === 0) {
    return {
      reply: renderTenantRequestSms({ kind: 'no_open_orders' }, sms.language ?? tenant.language),
      workOrderNumber: null,
    };
  }
  if (open.length === 1) {
    const order = open[0]!;
    const language = sms.language ?? smsLanguageOr(order.language, tenant.language);
    return {
      reply: renderTenantRequestSms({ kind: 'order_status', order: orderLine(order, timeZone, language) }, language),
      workOrderNumber: order.number,
    };
  }
  const language = sms.language ?? tenant.language;
  return {
    reply: renderTenantRequestSms(
      { kind: 'open_orders', orders: open.map((o) => orderLine(o, timeZone, language)) },
      language,
    ),
    workOrderNumber: null,
  };
}
