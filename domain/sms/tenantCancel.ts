import type { WorkOrderStatus } from '../status';

/**
 * A tenant's cancel by text: which orders they may cancel themselves, how long the "Reply YES to cancel" question
 * stays open, and which question a later YES or NO answers.
 */

/** How long a "Reply YES to cancel #1045" waits for the YES; later, a YES means what it would mean without it. */
export const CANCEL_CONFIRMATION_MINUTES = 30;

/** Before work starts. After (in progress, parts ordered, in review) a coordinator decides, as for any cost already spent. */
export const TENANT_CANCELLABLE: readonly WorkOrderStatus[] = [
  'created',
  'triage',
  'needs_assignment',
  'awaiting_confirmation',
  'scheduled',
  'waiting_access',
  'escalated',
];

/** Texts the workflow sends that ask the tenant for a YES, NO or a time (OutboundSpec kinds: domain/sms/outbound.ts). */
export const TEXTS_ASKING_AN_ANSWER = ['confirmation_request', 'confirmation_reminder', 'access_request'] as const;

export const CANCEL_REASON = 'cancelled by the tenant by text';

export interface PendingCancel {
  workOrderNumber: number;
  askedAt: Date;
  expiresAt: Date;
}

/**
 * Which question a tenant's YES or NO answers while a cancel waits for its confirmation. The newest question wins:
 * the cancel's, unless the workflow texted a question after it (a visit to confirm, a time asked after a failed
 * visit): the tenant answers the last text they read. A number named in the answer decides over that: "YES 1045"
 * answers the question about 1045, "YES 1046" never cancels 1045. A lapsed cancel answers nothing.
 */
export function cancelAnswered(
  pending: PendingCancel,
  answer: { workOrderNumber: number | null },
  now: Date,
  newestOtherQuestionAt: Date | null,
): 'cancel' | 'expired' | 'superseded' | 'other_order' {
  if (now.getTime() >= pending.expiresAt.getTime()) return 'expired';
  if (answer.workOrderNumber !== null)
    return answer.workOrderNumber === pending.workOrderNumber ? 'cancel' : 'other_order';
  if (newestOtherQuestionAt && newestOtherQuestionAt.getTime() > pending.askedAt.getTime()) return 'superseded';
  return 'cancel';
}
