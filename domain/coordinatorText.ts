/**
 * One text a coordinator wrote to an order's tenant or technician: what the coordinator-text workflow starts with,
 * what it answers, and the words the recipient reads. Its workflow id is in workflows/coordinatorTextDefinitions.ts.
 */
import type { Actor } from './actor';

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

/** The text as the recipient reads it: which order it is about, then the coordinator's words. */
export function coordinatorTextBody(workOrderNumber: number, body: string): string {
  return `#${workOrderNumber}: ${body}`;
}
