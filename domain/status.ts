/**
 * The work order status machine. The workflow checks every change with `assertTransition` before it writes
 * (workflows/workOrder/primitives.ts `change`); the write checks the row again (`canTransition`), since other writers
 * (imports, the API) touch the row too.
 */

export const WORK_ORDER_STATUSES = [
  'created',
  'triage',
  'needs_assignment',
  'awaiting_confirmation',
  'scheduled',
  'in_progress',
  'waiting_parts',
  'waiting_access',
  'ready_review',
  'failed_review',
  'escalated',
  'completed',
  'cancelled',
] as const;

export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const TERMINAL_STATUSES: readonly WorkOrderStatus[] = ['completed', 'cancelled'];

const TRANSITIONS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  created: ['triage', 'cancelled'],
  triage: ['needs_assignment', 'awaiting_confirmation', 'escalated', 'cancelled'],
  needs_assignment: ['awaiting_confirmation', 'escalated', 'cancelled'],
  awaiting_confirmation: ['scheduled', 'needs_assignment', 'escalated', 'cancelled'],
  scheduled: ['in_progress', 'awaiting_confirmation', 'needs_assignment', 'waiting_access', 'escalated', 'cancelled'],
  in_progress: ['ready_review', 'waiting_parts', 'waiting_access', 'escalated', 'cancelled'],
  waiting_parts: ['awaiting_confirmation', 'needs_assignment', 'escalated', 'cancelled'],
  waiting_access: ['awaiting_confirmation', 'needs_assignment', 'escalated', 'cancelled'],
  ready_review: ['completed', 'failed_review', 'escalated', 'cancelled'],
  failed_review: ['in_progress', 'waiting_access', 'escalated', 'cancelled'],
  // An escalation is resolved by a coordinator decision, which puts the order back on its path.
  escalated: ['needs_assignment', 'awaiting_confirmation', 'scheduled', 'in_progress', 'ready_review', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function allowedTransitions(from: WorkOrderStatus): readonly WorkOrderStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export class ForbiddenTransitionError extends Error {
  constructor(
    readonly from: WorkOrderStatus,
    readonly to: WorkOrderStatus,
  ) {
    super(`A work order cannot go from ${from} to ${to}`);
    this.name = 'ForbiddenTransitionError';
  }
}

export function assertTransition(from: WorkOrderStatus, to: WorkOrderStatus): void {
  if (!canTransition(from, to)) throw new ForbiddenTransitionError(from, to);
}

export function isTerminal(status: WorkOrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Orders in these statuses hold a technician's slot and count toward the day's capacity. */
export const CAPACITY_STATUSES: readonly WorkOrderStatus[] = [
  'awaiting_confirmation',
  'scheduled',
  'in_progress',
  'ready_review',
  'failed_review',
];
