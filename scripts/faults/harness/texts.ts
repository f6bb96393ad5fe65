/** What the drills send: problem texts, MessageSids, and the work order an intake text opened. */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';

/** Non-urgent problems the deterministic classifier (and the fake Claude) route to a handyman with no safety concern. */
export const PROBLEMS = [
  'The kitchen faucet drips all night',
  'The bathroom sink drains slowly',
  'A kitchen cabinet hinge is loose',
  'The toilet keeps running after flushing',
  'The closet shelf fell down',
  'The window blinds are broken in the living room',
  'The garbage disposal is jammed',
  'The washing machine will not spin',
];

/** A distinct text per order (the classification cache is keyed by text). */
export function problemFor(index: number): string {
  return `${PROBLEMS[index % PROBLEMS.length]} (drill order ${index + 1})`;
}

export function messageSid(drill: string, label: string): string {
  return `SM${drill.replace(/[^a-z0-9]/gi, '').slice(0, 8)}${label}${randomBytes(6).toString('hex')}`.slice(0, 64);
}

/** The work order an intake text opened, from the stored inbound message. */
export async function orderOfMessage(pool: Pool, sid: string): Promise<number | null> {
  const { rows } = await pool.query<{ work_order_number: string | null }>(
    `SELECT work_order_number FROM sms_messages WHERE provider_sid = $1 AND direction = 'inbound'`,
    [sid],
  );
  return rows[0]?.work_order_number ? Number(rows[0].work_order_number) : null;
}
