import type { Pool } from 'pg';

/**
 * Thrown inside the webhook's transaction when a text is about to open a work order and no number is claimed for it
 * yet: the transaction rolls back (nothing was written yet but the inbound row), the number is claimed on its own,
 * committed, and the text is handled again.
 */
export class IntakeNumberNeeded extends Error {
  constructor(messageSid: string) {
    super(`text ${messageSid} opens a work order: its number must be claimed first`);
  }
}

/** The number claimed for this text by an earlier delivery, if any. */
export async function claimedIntakeNumber(pool: Pool, messageSid: string): Promise<number | null> {
  const { rows } = await pool.query<{ work_order_number: string }>('SELECT work_order_number FROM sms_intake_claims WHERE message_sid = $1', [messageSid]);
  return rows[0] ? Number(rows[0].work_order_number) : null;
}

/** Claims a number for this text (or finds the one another delivery claimed), committed at once, outside any transaction. */
export async function claimIntakeNumber(pool: Pool, messageSid: string): Promise<number> {
  await pool.query(
    `INSERT INTO sms_intake_claims (message_sid, work_order_number) VALUES ($1, nextval('work_order_number_seq')) ON CONFLICT (message_sid) DO NOTHING`,
    [messageSid],
  );
  const claimed = await claimedIntakeNumber(pool, messageSid);
  if (claimed === null) throw new Error(`no number claimed for text ${messageSid}`);
  return claimed;
}

/** The claimed number, or the signal to claim one first. */
export function requireIntakeNumber(claimed: number | null, messageSid: string): number {
  if (claimed === null) throw new IntakeNumberNeeded(messageSid);
  return claimed;
}
