import type { PendingDecision } from './workOrderContract';

/** Columns of the work order read model that the workflow may set alongside a status change. */
export interface WorkOrderPatch {
  priority?: string | null;
  classification?: unknown;
  proposal?: unknown;
  routing?: unknown;
  rulesVersion?: number | null;
  needsCoordinator?: boolean;
  pendingDecision?: PendingDecision | null;
  assignedTechnicianId?: number | null;
  scheduledStart?: string | null;
  scheduledEnd?: string | null;
  slaDeadline?: string | null;
  completed?: boolean;
  waitingUntil?: string | null;
  accessAttempts?: number;
  accessEscalation?: string | null;
  laborCostCents?: number | null;
  partsCostCents?: number | null;
}
