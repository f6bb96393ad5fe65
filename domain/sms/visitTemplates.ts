/** The visit's texts (parts, access, photos, review, survey, cancellation) and the answers to tenants' replies to them. */

import type { SmsLanguage } from './templates';
import { asSentence, fitting, truncate } from './textFit';

export type AccessEscalationStep = 'case_worker' | 'legal' | 'eviction_notice';

export type VisitSmsMessage =
  | { kind: 'parts_ordered'; number: number; eta: string }
  | { kind: 'access_request'; number: number; attempt: number }
  | { kind: 'access_escalation'; number: number; step: AccessEscalationStep }
  | { kind: 'photos_incomplete'; number: number; issues: string[] }
  | { kind: 'review_rejected'; number: number; notes: string }
  | { kind: 'survey_request'; number: number }
  /** The tenant is not told the internal reason. */
  | { kind: 'cancelled_tenant'; number: number }
  /** `address` and `when` (the visit they were told, if still ahead) absent from texts rendered before technician notices. */
  | { kind: 'cancelled_technician'; number: number; reason: string; address?: string; when?: string | null }
  /** A visit booked without asking the tenant (urgent, or they could not be asked): told, and may still answer NO. */
  | { kind: 'visit_booked'; number: number; when: string; technicianName: string }
  /** The tenant answered NO or another time to a visit booked without asking: a coordinator will call; it stays booked until then. */
  | { kind: 'visit_objection_ack'; number: number; when: string | null }
  /** A waiting_access tenant's answer: `when` is the time they named, null when none could be read. */
  | { kind: 'access_time_ack'; number: number; when: string | null }
  /** Any other answer to a waiting_access order (a NO): the workflow decides what it means. */
  | { kind: 'access_reply_ack'; number: number }
  | { kind: 'survey_thanks'; number: number; rating: number }
  | { kind: 'survey_already_answered'; number: number };

const VISIT_KINDS: Record<VisitSmsMessage['kind'], true> = {
  parts_ordered: true,
  access_request: true,
  access_escalation: true,
  photos_incomplete: true,
  review_rejected: true,
  survey_request: true,
  cancelled_tenant: true,
  cancelled_technician: true,
  visit_booked: true,
  visit_objection_ack: true,
  access_time_ack: true,
  access_reply_ack: true,
  survey_thanks: true,
  survey_already_answered: true,
};

export function isVisitMessage(message: { kind: string }): message is VisitSmsMessage {
  return Object.hasOwn(VISIT_KINDS, message.kind);
}

const ENGLISH_ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const SPANISH_ORDINALS = ['', 'primera', 'segunda', 'tercera', 'cuarta', 'quinta'];

function ordinal(n: number, language: SmsLanguage): string {
  if (language === 'es') return SPANISH_ORDINALS[n] ?? `${n}.ª`;
  const named = ENGLISH_ORDINALS[n];
  if (named) return named;
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function issueList(issues: string[]): string {
  return issues
    .map((i) => i.trim().replace(/[\s.;,]+$/, ''))
    .filter(Boolean)
    .join('; ');
}

/** ' (<address>, <when>)' for a technician's cancel; nothing for texts rendered without them. */
function placeAndTime(message: { address?: string; when?: string | null }): string {
  if (!message.address) return '';
  return ` (${truncate(message.address, 90)}${message.when ? `, ${message.when}` : ''})`;
}

const REPLY_WITH_TIME_EN = 'reply with a day and time when we can get in';
const REPLY_WITH_TIME_ES = 'responda con un día y una hora en que podamos entrar';

function renderEnglish(message: VisitSmsMessage): string {
  switch (message.kind) {
    case 'parts_ordered':
      return `Parts for work order #${message.number} have been ordered. We expect to be back around ${message.eta}; we'll text you to confirm a time.`;
    case 'access_request': {
      const opening =
        message.attempt >= 2
          ? `This is the ${ordinal(message.attempt, 'en')} time our technician couldn't get into your unit for work order #${message.number}.`
          : `Our technician couldn't get into your unit for work order #${message.number}.`;
      return `${opening} Please ${REPLY_WITH_TIME_EN} (e.g. "tomorrow 2pm").`;
    }
    case 'access_escalation': {
      const still = `We still have not been able to get into your unit for work order #${message.number}`;
      const byStep: Record<AccessEscalationStep, string> = {
        case_worker: `${still}. A case worker will contact you to arrange access. You can also ${REPLY_WITH_TIME_EN}.`,
        legal: `${still}, so it has been referred to our legal team under your lease's access provisions. To arrange access, ${REPLY_WITH_TIME_EN}.`,
        eviction_notice: `${still}. A formal notice to provide access is being issued as your lease allows. To arrange access now, ${REPLY_WITH_TIME_EN}.`,
      };
      return byStep[message.step];
    }
    case 'photos_incomplete': {
      const issues = issueList(message.issues);
      if (!issues) return `The photos for work order #${message.number} were not accepted. Please upload them again.`;
      return fitting(
        (text) =>
          `The photos for work order #${message.number} were not accepted: ${asSentence(text)} Please upload them again.`,
        issues,
      );
    }
    case 'review_rejected':
      if (!message.notes.trim())
        return `The coordinator sent work order #${message.number} back. Check in when you return.`;
      return fitting(
        (text) =>
          `The coordinator sent work order #${message.number} back: ${asSentence(text)} Check in when you return.`,
        message.notes,
      );
    case 'survey_request':
      return `Work order #${message.number} is complete. How did we do? Reply 1-5 (5 = great) and any comment, e.g. "5 quick and clean".`;
    case 'cancelled_tenant':
      return `Work order #${message.number} has been cancelled. If you still need help, text us.`;
    case 'cancelled_technician': {
      const order = `Work order #${message.number}${placeAndTime(message)}`;
      if (!message.reason.trim()) return `${order} is cancelled. It is off your schedule.`;
      return fitting((text) => `${order} is cancelled: ${asSentence(text)} It is off your schedule.`, message.reason);
    }
    case 'visit_booked':
      return `Work order #${message.number}: ${message.technicianName} is booked to come ${message.when}. No need to reply. If that time can't work, reply NO and a coordinator will call you.`;
    case 'visit_objection_ack':
      return message.when
        ? `Thanks for letting us know. A coordinator will contact you about work order #${message.number}; until then the visit ${message.when} stays booked.`
        : `Thanks for letting us know. A coordinator will contact you about work order #${message.number}.`;
    case 'access_time_ack':
      return message.when
        ? `Thanks! We'll propose a visit around ${message.when} for work order #${message.number} and text you to confirm.`
        : `Thanks! We'll propose a new visit time for work order #${message.number} and text you to confirm.`;
    case 'access_reply_ack':
      return `Thanks, we got your reply about work order #${message.number}. We still need to get into your unit: please ${REPLY_WITH_TIME_EN}.`;
    case 'survey_thanks':
      return `Thank you for rating work order #${message.number} ${message.rating}/5! Your feedback helps us improve.`;
    case 'survey_already_answered':
      return `We already have your rating for work order #${message.number}, thank you. To report a new problem, text us a short description.`;
  }
}

function renderSpanish(message: VisitSmsMessage): string {
  switch (message.kind) {
    case 'parts_ordered':
      return `Se pidieron las piezas para la orden #${message.number}. Esperamos volver alrededor del ${message.eta}; le enviaremos un mensaje para confirmar la hora.`;
    case 'access_request': {
      const opening =
        message.attempt >= 2
          ? `Es la ${ordinal(message.attempt, 'es')} vez que nuestro técnico no puede entrar a su unidad para la orden #${message.number}.`
          : `Nuestro técnico no pudo entrar a su unidad para la orden #${message.number}.`;
      return `${opening} Por favor ${REPLY_WITH_TIME_ES} (p. ej. "mañana 2pm").`;
    }
    case 'access_escalation': {
      const still = `Todavía no hemos podido entrar a su unidad para la orden #${message.number}`;
      const byStep: Record<AccessEscalationStep, string> = {
        case_worker: `${still}. Un gestor de casos se comunicará con usted para coordinar el acceso. También puede responder con un día y una hora en que podamos entrar.`,
        legal: `${still}, por lo que el asunto se remitió a nuestro equipo legal conforme a las disposiciones de acceso de su contrato. Para coordinar el acceso, ${REPLY_WITH_TIME_ES}.`,
        eviction_notice: `${still}. Se está emitiendo un aviso formal para que dé acceso, según lo permite su contrato. Para coordinar el acceso ahora, ${REPLY_WITH_TIME_ES}.`,
      };
      return byStep[message.step];
    }
    case 'photos_incomplete': {
      const issues = issueList(message.issues);
      if (!issues) return `Las fotos de la orden #${message.number} no fueron aceptadas. Por favor súbalas de nuevo.`;
      return fitting(
        (text) =>
          `Las fotos de la orden #${message.number} no fueron aceptadas: ${asSentence(text)} Por favor súbalas de nuevo.`,
        issues,
      );
    }
    case 'review_rejected':
      if (!message.notes.trim())
        return `El coordinador devolvió la orden #${message.number}. Registre su llegada cuando regrese.`;
      return fitting(
        (text) =>
          `El coordinador devolvió la orden #${message.number}: ${asSentence(text)} Registre su llegada cuando regrese.`,
        message.notes,
      );
    case 'survey_request':
      return `La orden #${message.number} está completa. ¿Cómo lo hicimos? Responda del 1 al 5 (5 = excelente) y un comentario si desea, p. ej. "5 rápido y limpio".`;
    case 'cancelled_tenant':
      return `La orden de trabajo #${message.number} fue cancelada. Si todavía necesita ayuda, envíenos un mensaje.`;
    case 'cancelled_technician': {
      const order = `La orden #${message.number}${placeAndTime(message)}`;
      if (!message.reason.trim()) return `${order} está cancelada. Ya no está en su agenda.`;
      return fitting((text) => `${order} está cancelada: ${asSentence(text)} Ya no está en su agenda.`, message.reason);
    }
    case 'visit_booked':
      return `Orden #${message.number}: ${message.technicianName} irá el ${message.when}. No necesita responder. Si ese horario no le sirve, responda NO y un coordinador le llamará.`;
    case 'visit_objection_ack':
      return message.when
        ? `Gracias por avisarnos. Un coordinador se comunicará con usted sobre la orden #${message.number}; mientras tanto la visita del ${message.when} sigue programada.`
        : `Gracias por avisarnos. Un coordinador se comunicará con usted sobre la orden #${message.number}.`;
    case 'access_time_ack':
      return message.when
        ? `¡Gracias! Propondremos una visita alrededor del ${message.when} para la orden #${message.number} y le enviaremos un mensaje para confirmarla.`
        : `¡Gracias! Propondremos un nuevo horario de visita para la orden #${message.number} y le enviaremos un mensaje para confirmarlo.`;
    case 'access_reply_ack':
      return `Gracias, recibimos su respuesta sobre la orden #${message.number}. Todavía necesitamos entrar a su unidad: por favor ${REPLY_WITH_TIME_ES}.`;
    case 'survey_thanks':
      return `¡Gracias por calificar la orden #${message.number} con ${message.rating}/5! Sus comentarios nos ayudan a mejorar.`;
    case 'survey_already_answered':
      return `Ya tenemos su calificación de la orden #${message.number}, gracias. Para reportar un problema nuevo, envíenos una breve descripción.`;
  }
}

export function renderVisitSms(message: VisitSmsMessage, language: SmsLanguage): string {
  return language === 'es' ? renderSpanish(message) : renderEnglish(message);
}
