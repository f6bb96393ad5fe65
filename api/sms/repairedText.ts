import type { Pool } from 'pg';
import type { RepairedText } from '../../domain/text';

export interface RepairedSms {
  messageSid: string;
  from: string;
  /** The order the text opened or answered, if any. */
  workOrderNumber: number | null;
  repair: RepairedText;
}

/**
 * Notes in the event log that an inbound text had characters no text here may hold replaced with U+FFFD (the stored
 * message and what it opened carry the repaired text): on the order it concerns, when there is one. Once per message,
 * however often Twilio delivers it.
 */
export async function noteRepairedSms(pool: Pool, sms: RepairedSms): Promise<void> {
  const { messageSid, from, workOrderNumber, repair } = sms;
  await pool.query(
    `INSERT INTO events (work_order_number, type, actor_type, actor_id, source, payload, idempotency_key)
     VALUES ($1, 'sms_text_repaired', 'system', 'sms-webhook', 'sms', $2, $3) ON CONFLICT (idempotency_key) DO NOTHING`,
    [workOrderNumber, JSON.stringify({ messageSid, from, replaced: repair.replaced, characters: repair.characters }), `sms/${messageSid}/text-repaired`],
  );
}
