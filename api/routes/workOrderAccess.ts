import type { Request } from 'express';
import { getWorkOrder, type WorkOrderRecord } from '../../db/queries/workOrders';
import { isTerminal } from '../../domain/status';
import type { ApiDeps } from '../deps';
import { conflict, forbidden, notFound } from '../errors';

/** The record, or 404; a technician's key reaches only the orders assigned to that technician. */
export async function loadWorkOrderFor(deps: ApiDeps, req: Request, number: number): Promise<WorkOrderRecord> {
  return visibleTo(req, number, await getWorkOrder(deps.pool, number));
}

/** The record as read, or 404 when there is none, or 403 when it is not this caller's to see. */
export function visibleTo<R extends WorkOrderRecord>(req: Request, number: number, record: R | null): R {
  if (!record) throw notFound(`work order ${number}`);
  const identity = req.identity!;
  if (identity.role === 'technician' && record.assignedTechnicianId !== identity.technicianId) {
    throw forbidden(`work order ${number} is not assigned to you`);
  }
  return record;
}

export function assertOpen(record: WorkOrderRecord): void {
  if (isTerminal(record.status))
    throw conflict(`work order ${record.number} is ${record.status}: no decision applies any more`);
}
