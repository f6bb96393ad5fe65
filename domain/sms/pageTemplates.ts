/**
 * Texts to coordinators on call (and the admin contact): pages, digests, and the answers to their commands, in
 * English and Spanish. Pure: times arrive formatted (formatVisitTime), causes as keys (domain/paging/causes.ts).
 */
import { causeLabel } from '../paging/causes';
import { SMS_MAX_LENGTH, truncate } from './textFit';
import type { SmsLanguage } from './templates';

export interface PagedOrder {
  number: number;
  causes: string[];
}

/** The proposal ACCEPT would book, when the order has one waiting for a decision. */
export interface AcceptableProposal {
  technicianName: string;
  when: string;
}

export type PageSmsMessage =
  | {
      kind: 'page';
      number: number;
      causes: string[];
      priority: string | null;
      place: string;
      summary: string;
      accept: AcceptableProposal | null;
    }
  | { kind: 'page_digest'; orders: PagedOrder[] }
  | { kind: 'page_acked'; numbers: number[] }
  | { kind: 'page_nothing_to_ack'; number: number | null }
  | { kind: 'page_accepted'; number: number; technicianName: string; when: string }
  | { kind: 'page_accept_pending'; number: number }
  | { kind: 'page_accept_refused'; number: number; reason: string }
  | { kind: 'page_list'; orders: PagedOrder[] }
  | { kind: 'page_commands' }
  | { kind: 'page_unknown_command' }
  | { kind: 'page_not_coordinator' };

const causes = (list: string[], language: SmsLanguage) => list.map((c) => causeLabel(c, language)).join(', ');

/** "#1107 escalated; #1108 emergency SLA at risk" with as many orders as fit in `room`, then "and 3 more". */
function orderList(orders: PagedOrder[], language: SmsLanguage, room: number): string {
  for (let shown = orders.length; shown >= 1; shown--) {
    const items = orders.slice(0, shown).map((o) => `#${o.number} ${causes(o.causes, language)}`);
    const hidden = orders.length - shown;
    if (hidden > 0) items.push(language === 'es' ? `y ${hidden} más (LISTA)` : `and ${hidden} more (LIST)`);
    const list = items.join('; ');
    if (list.length <= room) return list;
  }
  return truncate(`#${orders[0]!.number} ${causes(orders[0]!.causes, language)}`, room);
}

function page(message: Extract<PageSmsMessage, { kind: 'page' }>, language: SmsLanguage): string {
  const es = language === 'es';
  const head = es
    ? `AVISO orden #${message.number}: ${causes(message.causes, 'es')}.`
    : `PAGE order #${message.number}: ${causes(message.causes, 'en')}.`;
  const priority = message.priority ? (es ? ` Prioridad ${message.priority}.` : ` Priority ${message.priority}.`) : '';
  const reply = message.accept
    ? es
      ? ` Responda ACK ${message.number}, o ACEPTAR ${message.number} para reservar ${message.accept.technicianName} ${message.accept.when}.`
      : ` Reply ACK ${message.number}, or ACCEPT ${message.number} to book ${message.accept.technicianName} ${message.accept.when}.`
    : es
      ? ` Responda ACK ${message.number}.`
      : ` Reply ACK ${message.number}.`;
  const place = ` ${truncate(message.place, 80)}.`;
  const room = SMS_MAX_LENGTH - (head + priority + place + reply).length - 1;
  const summary = room > 10 ? ` ${truncate(message.summary, room)}` : '';
  return `${head}${priority}${place}${summary}${reply}`;
}

function renderEnglish(message: Exclude<PageSmsMessage, { kind: 'page' }>): string {
  switch (message.kind) {
    case 'page_digest': {
      const head = `${message.orders.length} orders need you: `;
      const tail = `. Reply ACK <number>, or ACK for all.`;
      return `${head}${orderList(message.orders, 'en', SMS_MAX_LENGTH - head.length - tail.length)}${tail}`;
    }
    case 'page_acked':
      return `Acknowledged: ${message.numbers.map((n) => `#${n}`).join(', ')}. Recorded as yours.`;
    case 'page_nothing_to_ack':
      return message.number === null
        ? `You have no open pages.`
        : `Order #${message.number} has no open page. Reply LIST for yours.`;
    case 'page_accepted':
      return `Booked: order #${message.number} with ${message.technicianName}, ${message.when}. Recorded as your decision.`;
    case 'page_accept_pending':
      return `ACCEPT for order #${message.number} received; it is being applied. Check the order in a minute.`;
    case 'page_accept_refused':
      return truncate(`Order #${message.number} was not booked: ${message.reason}`, SMS_MAX_LENGTH);
    case 'page_list': {
      if (message.orders.length === 0) return `You have no open pages.`;
      const head = `Open pages: `;
      return `${head}${orderList(message.orders, 'en', SMS_MAX_LENGTH - head.length)}`;
    }
    case 'page_commands':
    case 'page_unknown_command':
      return `${message.kind === 'page_unknown_command' ? `Not a command. ` : ''}Coordinator commands: ACK 1107 (acknowledge an order's pages), ACK (all of yours), ACCEPT 1107 (book its proposal), LIST (your open pages).`;
    case 'page_not_coordinator':
      return `This number is not a coordinator's: ACK and ACCEPT only work from a coordinator's phone on file.`;
  }
}

function renderSpanish(message: Exclude<PageSmsMessage, { kind: 'page' }>): string {
  switch (message.kind) {
    case 'page_digest': {
      const head = `${message.orders.length} órdenes le necesitan: `;
      const tail = `. Responda ACK <número>, o ACK para todas.`;
      return `${head}${orderList(message.orders, 'es', SMS_MAX_LENGTH - head.length - tail.length)}${tail}`;
    }
    case 'page_acked':
      return `Recibido: ${message.numbers.map((n) => `#${n}`).join(', ')}. Registrado a su nombre.`;
    case 'page_nothing_to_ack':
      return message.number === null
        ? `No tiene avisos abiertos.`
        : `La orden #${message.number} no tiene avisos abiertos. Responda LISTA para ver los suyos.`;
    case 'page_accepted':
      return `Reservado: orden #${message.number} con ${message.technicianName}, ${message.when}. Registrado como su decisión.`;
    case 'page_accept_pending':
      return `Recibimos ACEPTAR para la orden #${message.number}; se está aplicando. Revise la orden en un minuto.`;
    case 'page_accept_refused':
      return truncate(`La orden #${message.number} no se reservó: ${message.reason}`, SMS_MAX_LENGTH);
    case 'page_list': {
      if (message.orders.length === 0) return `No tiene avisos abiertos.`;
      const head = `Avisos abiertos: `;
      return `${head}${orderList(message.orders, 'es', SMS_MAX_LENGTH - head.length)}`;
    }
    case 'page_commands':
    case 'page_unknown_command':
      return `${message.kind === 'page_unknown_command' ? `No es un comando. ` : ''}Comandos: ACK 1107 (confirmar los avisos de una orden), ACK (todos los suyos), ACEPTAR 1107 (reservar la propuesta), LISTA (sus avisos abiertos).`;
    case 'page_not_coordinator':
      return `Este número no es de un coordinador: ACK y ACEPTAR solo funcionan desde el teléfono de un coordinador registrado.`;
  }
}

export function renderPageSms(message: PageSmsMessage, language: SmsLanguage): string {
  if (message.kind === 'page') return page(message, language);
  return language === 'es' ? renderSpanish(message) : renderEnglish(message);
}
