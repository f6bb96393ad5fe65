/** Every text the engine sends, in English and Spanish. Pure: times arrive already formatted (see formatVisitTime). */

import { fitting, SMS_MAX_LENGTH, truncate } from './textFit';
import { isVendorMessage, renderVendorSms, type VendorSmsMessage } from './vendorTemplates';
import { isTechnicianMessage, renderTechnicianSms, type TechnicianSmsMessage } from './technicianTemplates';
import { isVisitMessage, renderVisitSms, type VisitSmsMessage } from './visitTemplates';

export { SMS_MAX_LENGTH } from './textFit';

/** The languages every tenant text is written in: a tenant's reply language is one of these. */
export const SMS_LANGUAGES = ['en', 'es'] as const;
export type SmsLanguage = (typeof SMS_LANGUAGES)[number];

export interface WaitingOrder {
  number: number;
  summary: string;
  when: string | null;
}

export type SmsMessage =
  | { kind: 'intake_ack'; number: number }
  | { kind: 'ask_unit' }
  | { kind: 'ask_which_order'; orders: WaitingOrder[] }
  | { kind: 'nothing_waiting' }
  | { kind: 'confirmation_request'; number: number; when: string; technicianName: string }
  | { kind: 'confirmation_reminder'; number: number; when: string }
  | { kind: 'confirmed_ack'; number: number; when: string }
  | { kind: 'reschedule_ack'; number: number }
  | { kind: 'visit_reminder'; number: number; when: string; lead: 'day' | 'hour' }
  | { kind: 'on_the_way'; number: number; technicianName: string; eta: string }
  | { kind: 'technician_assignment'; number: number; when: string; address: string; summary: string; priority: string }
  | { kind: 'opted_out' }
  | { kind: 'opted_in' }
  | { kind: 'help' }
  | { kind: 'unit_not_found' }
  | { kind: 'held_for_coordinator' }
  | VisitSmsMessage
  | TechnicianSmsMessage
  | VendorSmsMessage;

type ChannelSmsMessage = Exclude<SmsMessage, VisitSmsMessage | TechnicianSmsMessage | VendorSmsMessage>;

const PRIORITY_ES: Record<string, string> = { emergency: 'EMERGENCIA', high: 'ALTA', medium: 'MEDIA', low: 'BAJA' };

function priorityLabel(priority: string, language: SmsLanguage): string {
  return language === 'es' ? (PRIORITY_ES[priority] ?? priority.toUpperCase()) : priority.toUpperCase();
}

/** `summaryMax` 0 leaves the summaries out. */
function waitingOrderList(orders: WaitingOrder[], summaryMax: number, shown: number, language: SmsLanguage): string {
  const items = orders.slice(0, shown).map((o) => {
    const summary = summaryMax > 0 ? truncate(o.summary, summaryMax) : '';
    return [`#${o.number}`, o.when ?? '', summary ? `(${summary})` : ''].filter(Boolean).join(' ');
  });
  const hidden = orders.length - shown;
  if (hidden > 0) items.push(language === 'es' ? `y ${hidden} más` : `and ${hidden} more`);
  // "Wed Nov 25, 2:00 PM" has a comma of its own.
  return items.join(orders.some((o) => o.when?.includes(',')) ? '; ' : ', ');
}

/** Longest list that fits: full summaries, then shorter ones, then none, then fewer orders. */
function askWhichOrder(orders: WaitingOrder[], language: SmsLanguage): string {
  const example = orders[0]?.number ?? 1000;
  const render = (list: string) => {
    const count = orders.length;
    return language === 'es'
      ? `Tiene ${count} ${count === 1 ? 'visita pendiente' : 'visitas pendientes'} de su respuesta: ${list}. Responda SÍ ${example} o NO ${example}.`
      : `You have ${count} ${count === 1 ? 'visit' : 'visits'} waiting for your answer: ${list}. Reply YES ${example} or NO ${example}.`;
  };
  for (let shown = orders.length; shown >= 1; shown--) {
    for (const summaryMax of [SMS_MAX_LENGTH, 40, 24, 0]) {
      const text = render(waitingOrderList(orders, summaryMax, shown, language));
      if (text.length <= SMS_MAX_LENGTH) return text;
    }
  }
  return render(waitingOrderList(orders, 0, 1, language)).slice(0, SMS_MAX_LENGTH);
}

const ASK_UNIT_EN = 'Please include your unit number (Building A - 205)';
const ASK_UNIT_ES = 'Por favor incluya su número de unidad (Edificio A - 205)';

function renderEnglish(message: ChannelSmsMessage): string {
  switch (message.kind) {
    case 'intake_ack':
      return `Got it! We received your request. Work order #${message.number}. We'll text you when a technician is scheduled.`;
    case 'ask_unit':
      // Sent to numbers we do not know, so we cannot know their language either: both, in the reader's order.
      return `Thanks for your message. We couldn't match this phone number to a tenant. ${ASK_UNIT_EN}. / ${ASK_UNIT_ES}.`;
    case 'ask_which_order':
      return askWhichOrder(message.orders, 'en');
    case 'nothing_waiting':
      return `We don't have a visit waiting for your answer. To report a problem, text us a short description and we'll open a work order.`;
    case 'confirmation_request':
      return `Maintenance scheduled ${message.when}. Technician: ${message.technicianName}. Work order #${message.number}. Reply YES to confirm, or NO or another time to reschedule.`;
    case 'confirmation_reminder':
      return `Reminder: maintenance is scheduled ${message.when} (work order #${message.number}). Reply YES to confirm, or NO or another time to reschedule.`;
    case 'confirmed_ack':
      return `Thanks! Your visit on ${message.when} is confirmed (work order #${message.number}). We'll text you a reminder before it.`;
    case 'reschedule_ack':
      return `Thanks for letting us know. We'll find another time for work order #${message.number} and text you.`;
    case 'visit_reminder':
      return message.lead === 'day'
        ? `Reminder: maintenance visit ${message.when} (work order #${message.number}). Please make sure the technician can get into your unit.`
        : `Your maintenance visit is coming up soon: ${message.when} (work order #${message.number}). Please make sure someone can let the technician in.`;
    case 'on_the_way':
      return `${message.technicianName} is on the way for work order #${message.number}. Estimated arrival: ${message.eta}.`;
    case 'technician_assignment':
      return fitting(
        (summary) =>
          `New assignment: work order #${message.number}, ${priorityLabel(message.priority, 'en')} priority. ${message.when} at ${truncate(message.address, 90)}. ${summary}`,
        message.summary,
      );
    case 'opted_out':
      return `You're unsubscribed and will get no more messages from us. Reply START to opt back in. Open work orders continue; a coordinator may call you.`;
    case 'opted_in':
      return `You're subscribed again and will get texts about your work orders. Reply HELP for help or STOP to opt out.`;
    case 'help':
      return `Maintenance requests: text us a short description of the problem. Reply YES or NO to confirm visits. Reply STOP to opt out, HELP for help. Emergencies (gas, fire): call 911.`;
    case 'unit_not_found':
      return `We couldn't find that unit. We saved your message and a coordinator will follow up with you.`;
    case 'held_for_coordinator':
      return `We got your message. A coordinator will follow up with you soon.`;
  }
}

function renderSpanish(message: ChannelSmsMessage): string {
  switch (message.kind) {
    case 'intake_ack':
      return `¡Recibido! Recibimos su solicitud. Orden de trabajo #${message.number}. Le avisaremos por mensaje cuando se programe un técnico.`;
    case 'ask_unit':
      return `Gracias por su mensaje. No encontramos este número de teléfono entre nuestros inquilinos. ${ASK_UNIT_ES}. / ${ASK_UNIT_EN}.`;
    case 'ask_which_order':
      return askWhichOrder(message.orders, 'es');
    case 'nothing_waiting':
      return `No tenemos ninguna visita pendiente de su respuesta. Para reportar un problema, envíenos una breve descripción y abriremos una orden de trabajo.`;
    case 'confirmation_request':
      return `Mantenimiento programado para el ${message.when}. Técnico: ${message.technicianName}. Orden #${message.number}. Responda SÍ para confirmar, o NO u otro horario para cambiar la cita.`;
    case 'confirmation_reminder':
      return `Recordatorio: su mantenimiento está programado para el ${message.when} (orden #${message.number}). Responda SÍ para confirmar, o NO u otro horario para cambiar la cita.`;
    case 'confirmed_ack':
      return `¡Gracias! Su visita del ${message.when} está confirmada (orden #${message.number}). Le enviaremos un recordatorio antes de la visita.`;
    case 'reschedule_ack':
      return `Gracias por avisarnos. Buscaremos otro horario para la orden #${message.number} y le enviaremos un mensaje.`;
    case 'visit_reminder':
      return message.lead === 'day'
        ? `Recordatorio: visita de mantenimiento el ${message.when} (orden #${message.number}). Por favor asegúrese de que el técnico pueda entrar a su unidad.`
        : `Su visita de mantenimiento se acerca: ${message.when} (orden #${message.number}). Por favor asegúrese de que alguien pueda abrirle al técnico.`;
    case 'on_the_way':
      return `${message.technicianName} va en camino para la orden #${message.number}. Llegada estimada: ${message.eta}.`;
    case 'technician_assignment':
      return fitting(
        (summary) =>
          `Nueva asignación: orden #${message.number}, prioridad ${priorityLabel(message.priority, 'es')}. ${message.when} en ${truncate(message.address, 90)}. ${summary}`,
        message.summary,
      );
    case 'opted_out':
      return `Se ha dado de baja y no recibirá más mensajes nuestros. Responda START para volver a suscribirse. Sus órdenes de trabajo abiertas continúan; un coordinador podría llamarle.`;
    case 'opted_in':
      return `Se ha suscrito de nuevo y recibirá mensajes sobre sus órdenes de trabajo. Responda HELP para ayuda o STOP para darse de baja.`;
    case 'help':
      return `Solicitudes de mantenimiento: envíenos una breve descripción del problema. Responda SÍ o NO para confirmar visitas. Responda STOP para darse de baja, HELP o AYUDA para ayuda. Emergencias (gas, fuego): llame al 911.`;
    case 'unit_not_found':
      return `No encontramos esa unidad. Guardamos su mensaje y un coordinador se comunicará con usted.`;
    case 'held_for_coordinator':
      return `Recibimos su mensaje. Un coordinador se comunicará con usted pronto.`;
  }
}

export function renderSms(message: SmsMessage, language: SmsLanguage): string {
  if (isVisitMessage(message)) return renderVisitSms(message, language);
  if (isTechnicianMessage(message)) return renderTechnicianSms(message, language);
  // Vendors are businesses we work with in English, whatever the caller's default.
  if (isVendorMessage(message)) return renderVendorSms(message);
  return language === 'es' ? renderSpanish(message) : renderEnglish(message);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  key: string,
  create: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = create();
    cache.set(key, formatter);
  }
  return formatter;
}

function partsOf(formatter: Intl.DateTimeFormat, at: Date): Partial<Record<Intl.DateTimeFormatPartTypes, string>> {
  // Assembled from parts so the text does not depend on the ICU version's punctuation (dots, narrow spaces).
  return Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value.replace(/\.$/, '')]));
}

/** 'Wed Nov 25' / 'mié 25 nov': the local calendar day in `timeZone`. */
export function formatVisitDate(at: Date, timeZone: string, language: SmsLanguage): string {
  const locale = language === 'es' ? 'es' : 'en-US';
  const formatter = cached(
    dateFormatters,
    `${timeZone}|${language}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
  );
  const p = partsOf(formatter, at);
  return language === 'es' ? `${p.weekday} ${p.day} ${p.month}` : `${p.weekday} ${p.month} ${p.day}`;
}

/** 'Wed Nov 25, 2:00 PM' / 'mié 25 nov, 14:00'. */
export function formatVisitTime(at: Date, timeZone: string, language: SmsLanguage): string {
  const formatter = cached(
    timeFormatters,
    `${timeZone}|${language}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hour: 'numeric',
        minute: '2-digit',
        hourCycle: language === 'es' ? 'h23' : 'h12',
      }),
  );
  const p = partsOf(formatter, at);
  const time =
    language === 'es'
      ? `${p.hour?.padStart(2, '0')}:${p.minute}`
      : `${p.hour}:${p.minute} ${p.dayPeriod?.toUpperCase()}`;
  return `${formatVisitDate(at, timeZone, language)}, ${time}`;
}
