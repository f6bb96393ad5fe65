import { COORDINATOR_KEY_NAME } from '../harness/credentials';
import type { ExpectedOrder } from '../reconcile';
import type { Opened } from './orders';

/**
 * The drills' path: auto-assigned, the tenant asked once, and (when confirmed) scheduled, and only then the technician
 * texted once: a technician hears of a visit once it is set, never of a proposal.
 */
export function expectedAutoPath(order: Opened, options: { confirmed: boolean; classifier?: string }): ExpectedOrder {
  const events = [
    'created',
    'triage_started',
    'context_enriched',
    'classified',
    'assigned',
    ...(options.confirmed ? ['tenant_confirmed'] : []),
  ];
  return {
    number: order.number,
    status: options.confirmed ? 'scheduled' : 'awaiting_confirmation',
    events,
    actors: {
      created: order.via === 'sms' ? `tenant:${order.tenant.id}` : `coordinator:${COORDINATOR_KEY_NAME}`,
      triage_started: 'system:workflow',
      classified: `system:classifier:${options.classifier ?? 'heuristic'}`,
      assigned: 'system:workflow',
      ...(options.confirmed ? { tenant_confirmed: `tenant:${order.tenant.id}` } : {}),
    },
    sms: { confirmation_request: 1, ...(options.confirmed ? { technician_assignment: 1 } : {}) },
    ...(order.intakeSid ? { intakeSid: order.intakeSid } : {}),
  };
}
