import type { Pool } from 'pg';
import { appendEvent } from '../../db/queries/events';
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
  await appendEvent(pool, {
    number: workOrderNumber,
    type: 'sms_text_repaired',
    actor: { type: 'system', id: 'sms-webhook' },
    source: 'sms',
    payload: { messageSid, from, replaced: repair.replaced, characters: repair.characters },
    idempotencyKey: `sms/${messageSid}/text-repaired`,
    onDuplicateKey: 'skip',
  });
}
