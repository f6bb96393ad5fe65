/** The steps of an order's life that several branches pass through, as a tenant and a technician take them. */
import type { WorkOrderState } from '../../domain/workOrderContract';
import { technicianCheckInSignal, tenantReplySignal } from '../../workflows/definitions';
import type { Order } from './harness';
import { TENANT_ID } from './scenario';

let replies = 0;

/** The tenant answers the booked visit's confirmation request (the workflow keeps it until it waits for one). */
export async function tenantAnswers(order: Order, answer: 'yes' | 'no'): Promise<void> {
  await order.signal(tenantReplySignal, { answer, messageSid: `SM-reply-${++replies}`, tenantId: TENANT_ID });
}

/** From the confirmation request to a scheduled visit: the tenant says YES. */
export async function confirmVisit(order: Order): Promise<WorkOrderState> {
  await order.waitForStatus('awaiting_confirmation');
  await tenantAnswers(order, 'yes');
  return order.waitForStatus('scheduled');
}

/** The booked technician checks in: the work is in progress. */
export async function checkIn(order: Order): Promise<WorkOrderState> {
  const { assignment } = await order.state();
  await order.signal(technicianCheckInSignal, { technicianId: assignment!.technicianId, at: new Date().toISOString() });
  return order.waitForStatus('in_progress');
}
