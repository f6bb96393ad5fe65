import type { WorkOrderStatus } from './status';

/** What a technician (or a coordinator for them) reports about a visit: one route each, one signal each. */
export const VISIT_ACTIONS = ['on-my-way', 'check-in', 'parts-needed', 'parts-arrived', 'no-access', 'photos'] as const;
export type VisitAction = (typeof VISIT_ACTIONS)[number];

/**
 * Where each action applies: the route answers 409 with `what` outside these statuses, and the workflow ignores the
 * signal if the order has moved on by the time it lands. One table, so the two never disagree.
 */
export const VISIT_ACTION_APPLIES_IN: Record<VisitAction, { statuses: readonly WorkOrderStatus[]; what: string }> = {
  'on-my-way': { statuses: ['scheduled', 'failed_review'], what: '"on my way" applies to a scheduled visit' },
  'check-in': { statuses: ['scheduled', 'failed_review'], what: 'check-in applies to a scheduled visit' },
  'parts-needed': { statuses: ['in_progress'], what: 'parts can be ordered for work in progress' },
  'parts-arrived': { statuses: ['waiting_parts'], what: 'parts-arrived applies to an order waiting for parts' },
  'no-access': { statuses: ['scheduled', 'in_progress', 'failed_review'], what: 'no-access applies to a visit' },
  photos: { statuses: ['in_progress'], what: 'photos apply to work in progress' },
};

export function visitActionApplies(action: VisitAction, status: WorkOrderStatus): boolean {
  return VISIT_ACTION_APPLIES_IN[action].statuses.includes(status);
}
