/**
 * The coordinator-text workflow's public contract (the API imports this file, never the workflow code): one text a
 * coordinator wrote to an order's tenant or technician, sent by the worker through the SMS layer.
 */
import type { Actor } from './definitions';

export type CoordinatorTextAudience = 'tenant' | 'technician';

export interface CoordinatorTextInput {
  workOrderNumber: number;
  to: CoordinatorTextAudience;
  /** The tenant's or technician's id, as the order had them when the coordinator wrote. */
  recipientId: number;
  /** What the coordinator wrote; the text sent is it after the order's number. */
  body: string;
  /** The coordinator's Idempotency-Key: the same key on the same order is the same text, sent once. */
  idempotencyKey: string;
  sentBy: Actor;
}

export type CoordinatorTextResult =
  | { outcome: 'sent'; messageId: number; recipientId: number; body: string }
  | { outcome: 'suppressed_opt_out'; messageId: number }
  | { outcome: 'suppressed_inactive'; messageId: number }
  | { outcome: 'refused'; messageId: number; error: string }
  | { outcome: 'no_phone' };

/**
 * One workflow per text: a retried POST with the same key finds it (and its answer) instead of texting again. Not
 * `work-order-<number>`: that prefix is the orders' own (db/numbering/workflowHolders.ts scans it).
 */
export function coordinatorTextWorkflowId(workOrderNumber: number, idempotencyKey: string): string {
  return `coordinator-text-${workOrderNumber}-${idempotencyKey}`;
}

/** The text as the recipient reads it: which order it is about, then the coordinator's words. */
export function coordinatorTextBody(workOrderNumber: number, body: string): string {
  return `#${workOrderNumber}: ${body}`;
}
