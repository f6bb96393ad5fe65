import type { Pool } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import type { SmsDeliveryFailed } from '../../domain/workOrderContract';

// Receipts can arrive out of order: a status never moves back to an earlier one.
const RANK: Record<string, number> = {
  sending: 0,
  accepted: 1,
  queued: 1,
  scheduled: 1,
  sent: 2,
  delivered: 3,
  read: 3,
  undelivered: 3,
  failed: 3,
  canceled: 3,
};

/**
 * Updates an outbound message from a delivery receipt. A failed delivery of a work order's message becomes an event
 * (once per message and status) and is returned, so the workflow can send again or tell the coordinator.
 */
export async function recordDeliveryStatus(
  pool: Pool,
  receipt: { messageSid: string; status: string; errorCode: string | null },
): Promise<{ workOrderNumber: number; signal: SmsDeliveryFailed } | null> {
  return inTransaction(pool, async (client) => {
    // Serialized with the sending activity's own update of this message (see activities/sms.ts recordSent).
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [receipt.messageSid]);
    await client.query(
      `INSERT INTO sms_delivery_receipts (message_sid, status, error_code) VALUES ($1, $2, $3) ON CONFLICT (message_sid, status) DO NOTHING`,
      [receipt.messageSid, receipt.status, receipt.errorCode],
    );
    const { rows } = await client.query<{
      id: string;
      status: string;
      work_order_number: string | null;
      idempotency_key: string | null;
    }>(
      `SELECT id, status, work_order_number, idempotency_key FROM sms_messages WHERE provider_sid = $1 AND direction = 'outbound' FOR UPDATE`,
      [receipt.messageSid],
    );
    const message = rows[0];
    if (!message) return null;
    const stored = receipt.status === 'read' ? 'delivered' : receipt.status === 'canceled' ? 'failed' : receipt.status;
    if (
      (RANK[stored] ?? 0) < (RANK[message.status] ?? 0) ||
      !['queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed'].includes(stored)
    )
      return null;
    await client.query(
      `UPDATE sms_messages SET status = $2, error = coalesce($3, error), updated_at = now() WHERE id = $1`,
      [message.id, stored, receipt.errorCode],
    );
    if ((stored !== 'failed' && stored !== 'undelivered') || !message.work_order_number || !message.idempotency_key)
      return null;

    const inserted = await appendEvent(client, {
      number: Number(message.work_order_number),
      type: 'sms_delivery_failed',
      actor: { type: 'system', id: 'twilio' },
      source: 'twilio_status',
      payload: { messageSid: receipt.messageSid, status: stored, errorCode: receipt.errorCode },
      idempotencyKey: `sms-status/${receipt.messageSid}/${stored}`,
      onDuplicateKey: 'skip',
    });
    if (inserted === null) return null;
    return {
      workOrderNumber: Number(message.work_order_number),
      signal: {
        idempotencyKey: message.idempotency_key,
        messageSid: receipt.messageSid,
        status: stored,
        errorCode: receipt.errorCode,
      },
    };
  });
}
