/**
 * What a technician is told when an order that concerns them changes after they were told about it: the slot moved,
 * the job went to someone else, the parts are in, access was arranged. Each names the order, the address and the
 * time (when there is one), in the technician's language. (The assignment itself is in templates.ts, the cancel in
 * visitTemplates.ts.)
 */
import type { SmsLanguage } from './templates';
import { truncate } from './textFit';

export type TechnicianSmsMessage =
  | { kind: 'technician_slot_moved'; number: number; when: string; from: string; address: string }
  /** `when`: the visit they had been told, while it was still ahead; null once it was over (parts, no access). */
  | { kind: 'technician_unassigned'; number: number; when: string | null; address: string }
  | { kind: 'technician_parts_arrived'; number: number; address: string }
  /** `when`: the time the tenant (or the coordinator with them) named; null when none was. */
  | { kind: 'technician_access_granted'; number: number; when: string | null; address: string };

const TECHNICIAN_KINDS: Record<TechnicianSmsMessage['kind'], true> = {
  technician_slot_moved: true,
  technician_unassigned: true,
  technician_parts_arrived: true,
  technician_access_granted: true,
};

export function isTechnicianMessage(message: { kind: string }): message is TechnicianSmsMessage {
  return Object.hasOwn(TECHNICIAN_KINDS, message.kind);
}

/** Addresses are cut so that every notice fits one SMS. */
const ADDRESS_MAX = 90;

function renderEnglish(message: TechnicianSmsMessage): string {
  const at = truncate(message.address, ADDRESS_MAX);
  switch (message.kind) {
    case 'technician_slot_moved':
      return `Moved: work order #${message.number} at ${at} is now ${message.when} (was ${message.from}).`;
    case 'technician_unassigned':
      return message.when
        ? `Reassigned: work order #${message.number} at ${at}, ${message.when}, went to another technician. It is off your schedule.`
        : `Reassigned: work order #${message.number} at ${at} went to another technician. It is off your schedule.`;
    case 'technician_parts_arrived':
      return `Parts are in for work order #${message.number} at ${at}. We'll text you the next visit time once it is set.`;
    case 'technician_access_granted':
      return message.when
        ? `Access arranged for work order #${message.number} at ${at}: the tenant asked for ${message.when}. We'll text you once the visit is set.`
        : `Access arranged for work order #${message.number} at ${at}. We'll text you the visit time once it is set.`;
  }
}

function renderSpanish(message: TechnicianSmsMessage): string {
  const at = truncate(message.address, ADDRESS_MAX);
  switch (message.kind) {
    case 'technician_slot_moved':
      return `Cambio de hora: la orden #${message.number} en ${at} ahora es el ${message.when} (antes ${message.from}).`;
    case 'technician_unassigned':
      return message.when
        ? `Reasignada: la orden #${message.number} en ${at}, ${message.when}, pasó a otro técnico. Ya no está en su agenda.`
        : `Reasignada: la orden #${message.number} en ${at} pasó a otro técnico. Ya no está en su agenda.`;
    case 'technician_parts_arrived':
      return `Llegaron las piezas de la orden #${message.number} en ${at}. Le enviaremos la hora de la próxima visita cuando esté fijada.`;
    case 'technician_access_granted':
      return message.when
        ? `Acceso coordinado para la orden #${message.number} en ${at}: el inquilino pidió el ${message.when}. Le avisaremos cuando la visita esté fijada.`
        : `Acceso coordinado para la orden #${message.number} en ${at}. Le enviaremos la hora de la visita cuando esté fijada.`;
  }
}

export function renderTechnicianSms(message: TechnicianSmsMessage, language: SmsLanguage): string {
  return language === 'es' ? renderSpanish(message) : renderEnglish(message);
}
