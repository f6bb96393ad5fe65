import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../domain/failures';
import type { Pool } from 'pg';
import { inTransaction } from '../db/pool';
import { appendEvent } from '../db/queries/events';
import {
  formatVisitDate,
  formatVisitTime,
  renderSms,
  type SmsLanguage,
  type SmsMessage,
} from '../domain/sms/templates';
import { orderLanguageSql, smsLanguageOr } from '../db/queries/orderLanguage';
import { SmsProviderError, type SentSms, type SmsSender } from './adapters/sms';
import type { ActivityDeps } from './deps';
import type { OutboundSpec, SendSmsResult, SmsRecipient } from '../domain/sms/outbound';

export interface SendSmsRequest {
  /** Unique per workflow step: a retried activity or a restarted worker never texts twice. */
  idempotencyKey: string;
  workOrderNumber: number;
  recipient: SmsRecipient;
  spec: OutboundSpec;
  timeZone: string;
}

export interface SmsDeps {
  sender: SmsSender;
  /** Our own number, recorded as the sender. */
  senderNumber: string;
  /** Where Twilio posts delivery receipts; absent in local (outbox) mode. */
  statusCallbackUrl?: string;
}

interface ResolvedRecipient {
  phone: string;
  language: SmsLanguage;
}

/** Where staff and vendors' phones are kept, and their language (vendors are businesses we text in English). */
const STAFF_TABLES: Record<Exclude<SmsRecipient['type'], 'tenant'>, { table: string; language: string }> = {
  technician: { table: 'technicians', language: 'language' },
  vendor: { table: 'vendors', language: `'en'` },
};

/** A tenant is texted in the language they wrote this order's texts in, when a text told us; else in their record's. */
async function resolveRecipient(
  pool: Pool,
  recipient: SmsRecipient,
  workOrderNumber: number,
): Promise<ResolvedRecipient | null> {
  const { rows } =
    recipient.type === 'tenant'
      ? await pool.query<{ phone: string; language: string }>(
          `SELECT t.phone, coalesce(${orderLanguageSql('w')}, t.language) AS language
             FROM tenants t LEFT JOIN work_orders w ON w.number = $2 AND w.tenant_id = t.id WHERE t.id = $1`,
          [recipient.id, workOrderNumber],
        )
      : await pool.query<{ phone: string; language: string }>(
          `SELECT phone, ${STAFF_TABLES[recipient.type].language} AS language FROM ${STAFF_TABLES[recipient.type].table} WHERE id = $1`,
          [recipient.id],
        );
  const row = rows[0];
  return row ? { phone: row.phone, language: smsLanguageOr(row.language, 'en') } : null;
}

async function technicianName(pool: Pool, id: number): Promise<string> {
  // A vendor's crew goes by the vendor's name; our own technicians by their first name.
  const { rows } = await pool.query<{ name: string; vendor: string | null }>(
    'SELECT t.name, v.name AS vendor FROM technicians t LEFT JOIN vendors v ON v.id = t.vendor_id WHERE t.id = $1',
    [id],
  );
  const row = rows[0];
  return row ? (row.vendor ?? row.name.split(' ')[0]!) : 'your technician';
}

/** Where the job is and what it is, for whoever is sent to do it (a technician or a vendor). */
async function jobSite(pool: Pool, number: number): Promise<{ address: string; summary: string; priority: string }> {
  const { rows } = await pool.query<{
    building: string;
    address: string;
    unit: string;
    description: string;
    priority: string | null;
  }>(
    `SELECT b.name AS building, b.address, u.label AS unit, w.description, w.priority
       FROM work_orders w JOIN units u ON u.id = w.unit_id JOIN buildings b ON b.id = w.building_id WHERE w.number = $1`,
    [number],
  );
  const order = rows[0];
  if (!order) throw new Error(`work order ${number} not found`);
  const summary = order.description.length > 80 ? `${order.description.slice(0, 77)}...` : order.description;
  return {
    address: `${order.building} - ${order.unit}, ${order.address}`,
    summary,
    priority: order.priority ?? 'medium',
  };
}

async function render(pool: Pool, req: SendSmsRequest, language: SmsLanguage): Promise<string> {
  const { spec, workOrderNumber: number } = req;
  const when = (at: string) => formatVisitTime(new Date(at), req.timeZone, language);
  let message: SmsMessage;
  switch (spec.kind) {
    case 'confirmation_request':
      message = {
        kind: 'confirmation_request',
        number,
        when: when(spec.at),
        technicianName: await technicianName(pool, spec.technicianId),
      };
      break;
    case 'confirmation_reminder':
      message = { kind: 'confirmation_reminder', number, when: when(spec.at) };
      break;
    case 'visit_reminder':
      message = { kind: 'visit_reminder', number, when: when(spec.at), lead: spec.lead };
      break;
    case 'on_the_way':
      message = {
        kind: 'on_the_way',
        number,
        technicianName: await technicianName(pool, spec.technicianId),
        eta: when(spec.eta),
      };
      break;
    case 'technician_assignment':
      message = { kind: 'technician_assignment', number, when: when(spec.at), ...(await jobSite(pool, number)) };
      break;
    case 'visit_booked':
      message = {
        kind: 'visit_booked',
        number,
        when: when(spec.at),
        technicianName: await technicianName(pool, spec.technicianId),
      };
      break;
    case 'technician_slot_moved':
      message = {
        kind: 'technician_slot_moved',
        number,
        when: when(spec.at),
        from: when(spec.from),
        address: (await jobSite(pool, number)).address,
      };
      break;
    case 'technician_unassigned':
      message = {
        kind: 'technician_unassigned',
        number,
        when: spec.at ? when(spec.at) : null,
        address: (await jobSite(pool, number)).address,
      };
      break;
    case 'technician_parts_arrived':
      message = { kind: 'technician_parts_arrived', number, address: (await jobSite(pool, number)).address };
      break;
    case 'technician_access_granted':
      message = {
        kind: 'technician_access_granted',
        number,
        when: spec.at ? when(spec.at) : null,
        address: (await jobSite(pool, number)).address,
      };
      break;
    case 'parts_ordered':
      // The day only: the visit's time is proposed once the parts are in.
      message = { kind: 'parts_ordered', number, eta: formatVisitDate(new Date(spec.eta), req.timeZone, language) };
      break;
    case 'access_request':
      message = { kind: 'access_request', number, attempt: spec.attempt };
      break;
    case 'access_escalation':
      message = { kind: 'access_escalation', number, step: spec.step };
      break;
    case 'photos_incomplete':
      message = { kind: 'photos_incomplete', number, issues: spec.issues };
      break;
    case 'review_rejected':
      message = { kind: 'review_rejected', number, notes: spec.notes };
      break;
    case 'survey_request':
      message = { kind: 'survey_request', number };
      break;
    case 'cancelled':
      message =
        spec.audience === 'tenant'
          ? { kind: 'cancelled_tenant', number }
          : {
              kind: 'cancelled_technician',
              number,
              reason: spec.reason,
              address: (await jobSite(pool, number)).address,
              when: spec.at ? when(spec.at) : null,
            };
      break;
    case 'vendor_offer':
      message = { kind: 'vendor_offer', number, respondBy: when(spec.respondBy), ...(await jobSite(pool, number)) };
      break;
    case 'vendor_awarded':
      message = { kind: 'vendor_awarded', number, when: when(spec.at), quoteCents: spec.quoteCents };
      break;
    case 'vendor_not_picked':
      message = { kind: 'vendor_not_picked', number };
      break;
  }
  return renderSms(message, language);
}

export function createSmsActivities({ pool, sms }: ActivityDeps) {
  return {
    /**
     * Texts a tenant, technician or vendor once per idempotency key. The row is written before the provider is called, so
     * a retry finds it; an opted-out number is never texted (the row says 'suppressed'). A provider refusal (bad
     * number, unsubscribed) is an answer, not a retry; 429, 5xx and time-outs are retried by Temporal.
     */
    async sendSms(req: SendSmsRequest): Promise<SendSmsResult> {
      if (!sms)
        throw ApplicationFailure.create({
          type: FailureType.Misconfigured,
          message: 'the worker has no SMS sender',
          nonRetryable: true,
        });
      const done = await pool.query<{ id: string; status: string; provider_sid: string | null; error: string | null }>(
        `SELECT id, status, provider_sid, error FROM sms_messages WHERE idempotency_key = $1`,
        [req.idempotencyKey],
      );
      const previous = done.rows[0];
      if (previous && previous.status !== 'sending') return resultOf(previous);

      const recipient = await resolveRecipient(pool, req.recipient, req.workOrderNumber);
      if (!recipient) return { outcome: 'no_phone' };
      const body = await render(pool, req, recipient.language);
      return deliverSms(pool, sms, {
        idempotencyKey: req.idempotencyKey,
        workOrderNumber: req.workOrderNumber,
        to: recipient.phone,
        body,
        kind: req.spec.kind,
        recipientType: req.recipient.type,
        recipientId: req.recipient.id,
      });
    },
  };
}

/** A rendered text for one number, as `deliverSms` records and sends it. */
export interface RenderedSms {
  idempotencyKey: string;
  /** The order whose conversation shows it; null for a text about several orders (a coordinator's digest). */
  workOrderNumber: number | null;
  to: string;
  body: string;
  kind: string;
  recipientType: string;
  recipientId: number | null;
}

/**
 * Sends a rendered text once per idempotency key: the row is written before the provider is called, so a retry
 * finds it; an opted-out number is never texted (the row says 'suppressed'); a provider refusal is an answer, not a
 * retry. Used by sendSms and by the coordinator pager (activities/paging.ts).
 */
export async function deliverSms(
  pool: Pool,
  sms: SmsDeps,
  message: RenderedSms,
): Promise<Exclude<SendSmsResult, { outcome: 'no_phone' }>> {
  const common = [
    message.workOrderNumber,
    sms.senderNumber,
    message.to,
    message.body,
    sms.sender.name,
    message.idempotencyKey,
    message.kind,
    message.recipientType,
    message.recipientId,
  ];

  // One number is one person: a deactivated tenant's number is theirs alone (phones are unique across the portfolio).
  const suppressed = await pool.query<{ reason: string }>(
    `SELECT 'tenant_inactive' AS reason FROM tenants WHERE phone = $1 AND NOT active
     UNION ALL SELECT 'opt_out' FROM sms_opt_outs WHERE phone = $1 LIMIT 1`,
    [message.to],
  );
  if (suppressed.rows[0]) {
    const reason = suppressed.rows[0].reason === 'tenant_inactive' ? INACTIVE_TENANT : null;
    const { rows } = await pool.query<{
      id: string;
      status: string;
      provider_sid: string | null;
      error: string | null;
    }>(
      `INSERT INTO sms_messages (direction, work_order_number, from_phone, to_phone, body, provider, idempotency_key, kind, recipient_type, recipient_id, status, error)
       VALUES ('outbound', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'suppressed', $10)
       ON CONFLICT (idempotency_key) DO UPDATE SET status = 'suppressed', error = $10, updated_at = now() RETURNING id, status, provider_sid, error`,
      [...common, reason],
    );
    return resultOf(rows[0]!);
  }

  const claimed = await pool.query<{
    id: string;
    status: string;
    provider_sid: string | null;
    error: string | null;
    attempts: number;
    created_at: Date;
    body: string;
    to_phone: string;
  }>(
    `INSERT INTO sms_messages (direction, work_order_number, from_phone, to_phone, body, provider, idempotency_key, kind, recipient_type, recipient_id, status, attempts)
     VALUES ('outbound', $1, $2, $3, $4, $5, $6, $7, $8, $9, 'sending', 1)
     ON CONFLICT (idempotency_key) DO UPDATE SET attempts = sms_messages.attempts + 1, updated_at = now()
     RETURNING id, status, provider_sid, error, attempts, created_at, body, to_phone`,
    common,
  );
  const row = claimed.rows[0]!;
  if (row.status !== 'sending') return resultOf(row);

  // An earlier attempt claimed this text and may have reached the provider before it died (a worker killed between
  // the provider's answer and recording it): ask the provider before sending it again.
  if (row.attempts > 1) {
    const earlier = await acceptedEarlier(pool, sms.sender, {
      to: row.to_phone,
      body: row.body,
      since: new Date(row.created_at.getTime() - 60_000),
    });
    if (earlier) {
      const earlyFailure = await recordSent(
        pool,
        Number(row.id),
        message.workOrderNumber,
        earlier.providerSid,
        normalizeStatus(earlier.status),
      );
      return {
        outcome: 'sent',
        messageId: Number(row.id),
        providerSid: earlier.providerSid,
        ...(earlyFailure ? { earlyFailure } : {}),
      };
    }
  }

  try {
    const sent = await sms.sender.send({
      to: message.to,
      body: message.body,
      statusCallbackUrl: sms.statusCallbackUrl,
    });
    const earlyFailure = await recordSent(
      pool,
      Number(row.id),
      message.workOrderNumber,
      sent.providerSid,
      normalizeStatus(sent.status),
    );
    return {
      outcome: 'sent',
      messageId: Number(row.id),
      providerSid: sent.providerSid,
      ...(earlyFailure ? { earlyFailure } : {}),
    };
  } catch (err) {
    if (err instanceof SmsProviderError && !err.retryable) {
      const error = err.message;
      await pool.query(`UPDATE sms_messages SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [
        row.id,
        error,
      ]);
      return { outcome: 'refused', messageId: Number(row.id), error };
    }
    throw err;
  }
}

/** A message the provider accepted for this text whose id no row holds yet: the one an earlier attempt sent. */
async function acceptedEarlier(
  pool: Pool,
  sender: SmsSender,
  message: { to: string; body: string; since: Date },
): Promise<SentSms | null> {
  if (!sender.findAccepted) return null;
  const candidates = await sender.findAccepted(message);
  if (candidates.length === 0) return null;
  // A resend of an undelivered text has the same body: the original's id is on the original's row.
  const known = await pool.query<{ provider_sid: string }>(
    'SELECT provider_sid FROM sms_messages WHERE provider_sid = ANY($1)',
    [candidates.map((c) => c.providerSid)],
  );
  const taken = new Set(known.rows.map((r) => r.provider_sid));
  return candidates.find((c) => !taken.has(c.providerSid)) ?? null;
}

/**
 * Records the provider's id, then applies a failure receipt that got here first. The event key is the one the
 * status webhook uses, so whichever of the two sees the failure first reports it, and only that one.
 */
async function recordSent(
  pool: Pool,
  messageId: number,
  workOrderNumber: number | null,
  providerSid: string,
  status: string,
): Promise<{ status: 'failed' | 'undelivered'; errorCode: string | null } | null> {
  return inTransaction(pool, async (client) => {
    // Without this lock a receipt stored while this transaction is open would be seen by neither side.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [providerSid]);
    await client.query(`UPDATE sms_messages SET status = $2, provider_sid = $3, updated_at = now() WHERE id = $1`, [
      messageId,
      status,
      providerSid,
    ]);
    const early = await client.query<{ status: 'failed' | 'undelivered'; error_code: string | null }>(
      `SELECT status, error_code FROM sms_delivery_receipts WHERE message_sid = $1 AND status IN ('failed', 'undelivered') ORDER BY received_at LIMIT 1`,
      [providerSid],
    );
    const receipt = early.rows[0];
    if (!receipt) return null;
    await client.query(
      `UPDATE sms_messages SET status = $2, error = coalesce($3, error), updated_at = now() WHERE id = $1`,
      [messageId, receipt.status, receipt.error_code],
    );
    // Like the status webhook: only a work order's text has a workflow to send it again.
    if (workOrderNumber === null) return null;
    const inserted = await appendEvent(client, {
      number: workOrderNumber,
      type: 'sms_delivery_failed',
      actor: { type: 'system', id: 'twilio' },
      source: 'twilio_status',
      payload: { messageSid: providerSid, status: receipt.status, errorCode: receipt.error_code },
      idempotencyKey: `sms-status/${providerSid}/${receipt.status}`,
      onDuplicateKey: 'skip',
    });
    return inserted !== null ? { status: receipt.status, errorCode: receipt.error_code } : null;
  });
}

/** The reason a suppressed row gives when the number is a deactivated tenant's (an opt-out's row gives none). */
const INACTIVE_TENANT = 'tenant_inactive';

const KNOWN_STATUSES = new Set(['queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed']);

function normalizeStatus(status: string): string {
  return KNOWN_STATUSES.has(status) ? status : 'queued';
}

function resultOf(row: {
  id: string;
  status: string;
  provider_sid: string | null;
  error: string | null;
}): Exclude<SendSmsResult, { outcome: 'no_phone' }> {
  if (row.status === 'suppressed')
    return {
      outcome: row.error === INACTIVE_TENANT ? 'suppressed_inactive' : 'suppressed_opt_out',
      messageId: Number(row.id),
    };
  if (row.status === 'failed' && !row.provider_sid)
    return { outcome: 'refused', messageId: Number(row.id), error: row.error ?? 'refused' };
  return { outcome: 'sent', messageId: Number(row.id), providerSid: row.provider_sid ?? '' };
}
