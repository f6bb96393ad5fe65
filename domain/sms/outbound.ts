/**
 * What a workflow asks the SMS activity to say and to whom, and what it answers: the workflow names the text, the
 * activity (activities/sms.ts) looks the phone and language up, renders it and sends it once.
 */
import type { AccessEscalationStep } from '../workOrderContract';

/** Who a workflow texts; the activity looks the phone number and language up (a tenant's: the order's, see resolveRecipient in activities/sms.ts). */
export type SmsRecipient =
  { type: 'tenant'; id: number } | { type: 'technician'; id: number } | { type: 'vendor'; id: number };

/** What the workflow wants said; the activity renders it in the recipient's language and the rules' time zone. */
export type OutboundSpec =
  | { kind: 'confirmation_request'; at: string; technicianId: number }
  | { kind: 'confirmation_reminder'; at: string }
  | { kind: 'visit_reminder'; at: string; lead: 'day' | 'hour' }
  | { kind: 'on_the_way'; technicianId: number; eta: string }
  | { kind: 'technician_assignment'; at: string }
  /** Tenant: a visit booked without asking them (urgent, or they could not be asked); they may still answer NO. */
  | { kind: 'visit_booked'; at: string; technicianId: number }
  /** Technician: their visit for this order moved from `from` to `at`. */
  | { kind: 'technician_slot_moved'; at: string; from: string }
  /** Technician: the order went to another technician; `at`: the visit they had been told, if still ahead. */
  | { kind: 'technician_unassigned'; at: string | null }
  /** Technician: the parts they waited for are in; the next visit follows. */
  | { kind: 'technician_parts_arrived' }
  /** Technician: after they could not get in, access was arranged; `at`: the time named, when one was. */
  | { kind: 'technician_access_granted'; at: string | null }
  /** Tenant: parts are ordered, we'll be back around `eta` and will text to confirm a time. */
  | { kind: 'parts_ordered'; eta: string }
  /** Tenant: the technician could not get in; reply with a day and time. `attempt` counts failed visits. */
  | { kind: 'access_request'; attempt: number }
  /** Tenant: a formal notice for the ladder's step (case worker, legal, eviction notice), still inviting a time. */
  | { kind: 'access_escalation'; step: AccessEscalationStep }
  /** Technician: the photo set was not accepted, with what is missing. */
  | { kind: 'photos_incomplete'; issues: string[] }
  /** Technician: the coordinator rejected the work, with their notes. */
  | { kind: 'review_rejected'; notes: string }
  /** Tenant: the work is done; rate it 1-5 with an optional comment. */
  | { kind: 'survey_request' }
  /** Tenant or technician: the order was cancelled (the tenant is not told the internal reason). */
  | { kind: 'cancelled'; audience: 'tenant' | 'technician'; reason: string; at?: string | null }
  /** Vendor: a job offer (address, summary, priority) asking for an ETA and a quote by `respondBy`. */
  | { kind: 'vendor_offer'; respondBy: string }
  /** Vendor: their quote was picked; the visit is at `at`, the tenant is being asked to confirm. */
  | { kind: 'vendor_awarded'; at: string; quoteCents: number }
  /** Vendor: thanks, another vendor got this one. */
  | { kind: 'vendor_not_picked' };

export type SendSmsResult =
  /** `earlyFailure`: a failure receipt arrived before the send was recorded; the workflow treats it like a late one. */
  | {
      outcome: 'sent';
      messageId: number;
      providerSid: string;
      earlyFailure?: { status: 'failed' | 'undelivered'; errorCode: string | null };
    }
  | { outcome: 'suppressed_opt_out'; messageId: number }
  /** The number is a deactivated tenant's (moved out): never texted, the row says 'suppressed' with error 'tenant_inactive'. */
  | { outcome: 'suppressed_inactive'; messageId: number }
  | { outcome: 'refused'; messageId: number; error: string }
  | { outcome: 'no_phone' };
