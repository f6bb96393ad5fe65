/**
 * The answers to a tenant's question about their orders and to a cancel by text, in English and Spanish. Pure: visit
 * times arrive formatted (formatVisitTime). Kept apart from templates.ts, whose texts the workflow sends.
 */

import type { WorkOrderStatus } from '../status';
import type { SmsLanguage } from './templates';
import { SMS_MAX_LENGTH, truncate } from './textFit';

export interface OrderLine {
  number: number;
  status: WorkOrderStatus;
  summary: string;
  /** The visit's time when one is booked, formatted in the tenant's language. */
  when: string | null;
}

export type TenantRequestMessage =
  /** One order: its status and visit time (and how to confirm a proposed visit). */
  | { kind: 'order_status'; order: OrderLine }
  | { kind: 'open_orders'; orders: OrderLine[] }
  | { kind: 'no_open_orders' }
  /** A number that is not one of this tenant's orders: nothing is said about it. */
  | { kind: 'order_not_found'; number: number }
  | { kind: 'cancel_confirm'; order: OrderLine }
  | { kind: 'cancel_which'; orders: OrderLine[] }
  | { kind: 'cancel_kept'; number: number }
  | { kind: 'cancel_pending'; number: number }
  | { kind: 'cancel_unavailable'; number: number }
  | { kind: 'cancel_closed'; number: number; status: WorkOrderStatus }
  /** Work has started (or parts are ordered): a coordinator decides, the tenant is told so. */
  | { kind: 'cancel_to_coordinator'; number: number }
  | { kind: 'for_coordinator' };

function statusText(order: OrderLine, language: SmsLanguage, single: boolean): string {
  const { when } = order;
  const es = language === 'es';
  switch (order.status) {
    case 'created':
    case 'triage':
      return es ? 'recibida, la estamos revisando' : "received, we're reviewing it";
    case 'needs_assignment':
      return es ? 'estamos buscando un técnico' : "we're finding a technician";
    case 'escalated':
      return es ? 'un coordinador la está revisando' : 'a coordinator is reviewing it';
    case 'awaiting_confirmation':
      if (!when) return es ? 'estamos buscando un horario' : "we're finding a time";
      if (!single)
        return es
          ? `visita propuesta para el ${when}, falta su confirmación`
          : `visit proposed for ${when}, waiting for your YES`;
      return es
        ? `visita propuesta para el ${when}. Responda SÍ para confirmar o NO para cambiarla`
        : `visit proposed for ${when}. Reply YES to confirm or NO to change it`;
    case 'scheduled':
      return when
        ? es
          ? `visita del técnico el ${when}`
          : `technician visit ${when}`
        : es
          ? 'visita programada'
          : 'visit scheduled';
    case 'in_progress':
      return es ? 'el técnico está trabajando en ella' : 'the technician is working on it';
    case 'waiting_parts':
      return es ? 'esperando piezas; le avisaremos la nueva fecha' : "waiting for parts; we'll text you the new time";
    case 'waiting_access':
      return es
        ? 'el técnico no pudo entrar; responda con un día y una hora que le convengan'
        : "the technician couldn't get in; reply with a day and time that works";
    case 'ready_review':
      return es ? 'el trabajo está hecho y en revisión' : 'the work is done and being checked';
    case 'failed_review':
      return es ? 'un técnico volverá a terminar el trabajo' : 'a technician will come back to finish it';
    case 'completed':
      return es ? 'completada' : 'completed';
    case 'cancelled':
      return es ? 'cancelada' : 'cancelled';
  }
}

function line(order: OrderLine, summaryMax: number, language: SmsLanguage, single: boolean): string {
  const summary = summaryMax > 0 ? truncate(order.summary, summaryMax) : '';
  return `#${order.number}${summary ? ` (${summary})` : ''}: ${statusText(order, language, single)}`;
}

/** Longest text that fits: full summaries, then shorter ones, then none, then fewer orders. */
function fitted(render: (summaryMax: number, shown: number) => string, count: number): string {
  for (let shown = count; shown >= 1; shown--) {
    for (const summaryMax of [60, 40, 24, 0]) {
      const text = render(summaryMax, shown);
      if (text.length <= SMS_MAX_LENGTH) return text;
    }
  }
  return render(0, 1).slice(0, SMS_MAX_LENGTH);
}

function orderList(orders: OrderLine[], summaryMax: number, shown: number, language: SmsLanguage): string {
  const items = orders.slice(0, shown).map((o) => line(o, summaryMax, language, false));
  const hidden = orders.length - shown;
  if (hidden > 0) items.push(language === 'es' ? `y ${hidden} más` : `and ${hidden} more`);
  return items.join('; ');
}

export function renderTenantRequestSms(message: TenantRequestMessage, language: SmsLanguage): string {
  const es = language === 'es';
  switch (message.kind) {
    case 'order_status': {
      const { order } = message;
      return fitted(
        (summaryMax) => `${es ? 'Orden de trabajo' : 'Work order'} ${line(order, summaryMax, language, true)}.`,
        1,
      );
    }
    case 'open_orders':
      return fitted(
        (summaryMax, shown) =>
          `${es ? 'Sus órdenes abiertas' : 'Your open work orders'}: ${orderList(message.orders, summaryMax, shown, language)}.`,
        message.orders.length,
      );
    case 'no_open_orders':
      return es
        ? 'No tiene órdenes de trabajo abiertas. Para reportar un problema, envíenos una breve descripción.'
        : 'You have no open work orders. To report a problem, text us a short description.';
    case 'order_not_found':
      return es
        ? `No encontramos la orden #${message.number} para este número. Envíe "estado" para ver sus órdenes.`
        : `We couldn't find work order #${message.number} for this number. Text "status" to see your orders.`;
    case 'cancel_confirm':
      return fitted((summaryMax) => {
        const summary = summaryMax > 0 ? ` (${truncate(message.order.summary, summaryMax)})` : '';
        return es
          ? `¿Cancelar la orden #${message.order.number}${summary}? Responda SÍ para cancelarla o NO para mantenerla.`
          : `Cancel work order #${message.order.number}${summary}? Reply YES to cancel #${message.order.number}, or NO to keep it.`;
      }, 1);
    case 'cancel_which':
      return fitted((summaryMax, shown) => {
        const example = message.orders[0]?.number ?? 1000;
        return es
          ? `¿Qué orden quiere cancelar? ${orderList(message.orders, summaryMax, shown, language)}. Responda CANCELAR ${example} (con el número).`
          : `Which work order do you want to cancel? ${orderList(message.orders, summaryMax, shown, language)}. Reply CANCEL ${example} (with its number).`;
      }, message.orders.length);
    case 'cancel_kept':
      return es
        ? `De acuerdo, la orden #${message.number} sigue abierta.`
        : `OK, work order #${message.number} stays open.`;
    case 'cancel_pending':
      return es
        ? `Estamos cancelando la orden #${message.number}. Le enviaremos un mensaje cuando esté cancelada.`
        : `We're cancelling work order #${message.number} and will text you once it is cancelled.`;
    case 'cancel_unavailable':
      return es
        ? `No pudimos cancelar la orden #${message.number} ahora. Responda SÍ de nuevo en unos minutos.`
        : `We couldn't cancel work order #${message.number} just now. Reply YES again in a few minutes.`;
    case 'cancel_closed':
      return es
        ? `La orden #${message.number} ya está ${message.status === 'completed' ? 'completada' : 'cancelada'}.`
        : `Work order #${message.number} is already ${message.status === 'completed' ? 'completed' : 'cancelled'}.`;
    case 'cancel_to_coordinator':
      return es
        ? `El trabajo de la orden #${message.number} ya empezó, así que pasamos su pedido de cancelarla a un coordinador, que se comunicará con usted.`
        : `Work on order #${message.number} has already started, so we passed your request to cancel it to a coordinator, who will get back to you.`;
    case 'for_coordinator':
      return es
        ? 'Gracias. Pasamos su mensaje a un coordinador, que le responderá. Para reportar una reparación, descríbala en un mensaje.'
        : 'Thanks. We passed your message to a coordinator, who will get back to you. To report a repair, describe it in a text.';
  }
}
