/**
 * What pages a coordinator. One page per cause per order: a cause is a key such as `escalated`, `access:legal` or
 * `step_failed:proposeAssignment`, so each access-ladder step and each failed step is its own cause.
 *
 * From the event log (written by the work order workflow):
 * - escalated: the rules engine sent the order to a person (a safety concern, low confidence, no technician or vendor);
 * - confirmation_timed_out: the tenant never confirmed the proposed visit (the order is escalated);
 * - review_overdue: finished work waited past the rules' review wait;
 * - sla_breached: an emergency had nobody on site by its deadline;
 * - access:<step>: each step of the access ladder (case worker, legal, eviction notice);
 * - step_failed:<step>: a step failed for good and waits for a coordinator;
 * - sms_undeliverable: a text kept failing after its re-sends, so someone on the order is not hearing from us.
 * From the orders' state (noticed by the pager on its sweeps):
 * - sla_at_risk: an emergency past the rules' share of its window with nobody on site;
 * - review_waiting: an order waiting for a coordinator's assignment decision longer than the rules allow;
 * - vendor_pick_waiting: vendor quotes waiting for a pick longer than the rules allow.
 */

/** Event types that page, each with the cause it raises from its payload. */
const EVENT_CAUSES: Record<string, (payload: Record<string, unknown>) => string | null> = {
  escalated: () => 'escalated',
  confirmation_timed_out: () => 'confirmation_timed_out',
  review_overdue: () => 'review_overdue',
  sla_breached: () => 'sla_breached',
  access_escalated: (p) => (typeof p.step === 'string' ? `access:${p.step}` : null),
  step_failed: (p) => (typeof p.step === 'string' ? `step_failed:${p.step}` : 'step_failed'),
  sms_undeliverable: () => 'sms_undeliverable',
};

export const PAGING_EVENT_TYPES: readonly string[] = Object.keys(EVENT_CAUSES);

export const STATE_CAUSES = ['sla_at_risk', 'review_waiting', 'vendor_pick_waiting'] as const;
export type StateCause = (typeof STATE_CAUSES)[number];

/** The cause an event raises, or null when this event pages nobody. */
export function causeOfEvent(type: string, payload: Record<string, unknown>): string | null {
  const cause = EVENT_CAUSES[type];
  return cause ? cause(payload) : null;
}

const LABELS: Record<string, { en: string; es: string }> = {
  escalated: { en: 'escalated', es: 'escalada' },
  confirmation_timed_out: { en: 'tenant never confirmed', es: 'el inquilino no confirmó' },
  review_overdue: { en: 'review overdue', es: 'revisión atrasada' },
  sla_breached: { en: 'EMERGENCY SLA BREACHED', es: 'SLA DE EMERGENCIA INCUMPLIDO' },
  sla_at_risk: { en: 'emergency SLA at risk', es: 'SLA de emergencia en riesgo' },
  review_waiting: { en: 'waiting for your decision', es: 'espera su decisión' },
  vendor_pick_waiting: { en: 'vendor quotes waiting for a pick', es: 'cotizaciones esperan elección' },
  sms_undeliverable: { en: 'texts not delivered', es: 'mensajes no entregados' },
  step_failed: { en: 'a step failed', es: 'un paso falló' },
};

const ACCESS_STEPS: Record<string, { en: string; es: string }> = {
  case_worker: { en: 'case worker', es: 'trabajador social' },
  legal: { en: 'legal', es: 'legal' },
  eviction_notice: { en: 'eviction notice', es: 'aviso de desalojo' },
};

/** A few words for a text: "escalated", "no access: legal step", "step failed (proposeAssignment)". */
export function causeLabel(cause: string, language: 'en' | 'es'): string {
  const [family, detail] = cause.split(/:(.*)/s, 2) as [string, string | undefined];
  if (family === 'access') {
    const step = ACCESS_STEPS[detail ?? '']?.[language] ?? detail ?? '';
    return language === 'es' ? `sin acceso: paso ${step}` : `no access: ${step} step`;
  }
  if (family === 'step_failed' && detail)
    return language === 'es' ? `falló un paso (${detail})` : `step failed (${detail})`;
  return LABELS[family]?.[language] ?? cause;
}
