/** A change of a work order's record, as the workflow asks for it and the activities write it. */
import type { Actor } from './actor';
import type { WorkOrderStatus } from './status';
import type { WorkOrderPatch } from './workOrderPatch';

export interface ChangeRequest {
  number: number;
  /** Unique per workflow step: a retried activity finds it already applied and does nothing. */
  idempotencyKey: string;
  /** The new status, or absent for an event that does not move the order. */
  to?: WorkOrderStatus;
  event: { type: string; actor: Actor; source: string; payload?: Record<string, unknown> };
  patch?: WorkOrderPatch;
}

export interface ChangeResult {
  applied: boolean;
  eventId: number;
  status: WorkOrderStatus;
}
