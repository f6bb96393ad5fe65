import type { Pool } from 'pg';
import { skipTakenNumber } from '../../db/numbering/takenNumbers';
import { numberingLog, type ClaimedNumberTaken, type CommandDeps, type NumberClaim } from '../commands/createWorkOrder';

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

/** What the work order's workflow carries (its memo) to say which text it was started for. */
function claimOf(messageSid: string, number: number): NumberClaim {
  return { number, key: `sms:${messageSid}` };
}

/** The number claimed for this text by an earlier delivery, if any. */
export async function claimedIntake(pool: Pool, messageSid: string): Promise<NumberClaim | null> {
  const { rows } = await pool.query<{ work_order_number: string }>(
    'SELECT work_order_number FROM sms_intake_claims WHERE message_sid = $1',
    [messageSid],
  );
  return rows[0] ? claimOf(messageSid, Number(rows[0].work_order_number)) : null;
}

/** Claims a number for this text (or finds the one another delivery claimed), committed at once, outside any transaction. */
export async function claimIntakeNumber(pool: Pool, messageSid: string): Promise<NumberClaim> {
  await pool.query(
    `INSERT INTO sms_intake_claims (message_sid, work_order_number) VALUES ($1, nextval('work_order_number_seq')) ON CONFLICT (message_sid) DO NOTHING`,
    [messageSid],
  );
  const claimed = await claimedIntake(pool, messageSid);
  if (claimed === null) throw new Error(`no number claimed for text ${messageSid}`);
  return claimed;
}

/**
 * The claimed number's workflow id belongs to another order: moves the sequence past Temporal's work order workflows
 * and the claim to a new number, committed before the text is handled again (as a first claim is). Another delivery
 * of the same text moving it at the same time finds it moved, and both use the new number.
 */
export async function moveIntakeClaim(
  deps: CommandDeps,
  messageSid: string,
  taken: ClaimedNumberTaken,
): Promise<NumberClaim> {
  await skipTakenNumber(deps.pool, deps.temporal, numberingLog(deps), {
    number: taken.claim.number,
    holder: taken.holder,
    wanting: `the text ${messageSid}`,
  });
  await deps.pool.query(
    `UPDATE sms_intake_claims SET work_order_number = nextval('work_order_number_seq') WHERE message_sid = $1 AND work_order_number = $2`,
    [messageSid, taken.claim.number],
  );
  const moved = await claimedIntake(deps.pool, messageSid);
  if (moved === null) throw new Error(`the claim of text ${messageSid} is gone`);
  return moved;
}

/** The claim, or the signal to claim a number first. */
export function requireIntakeClaim(claim: NumberClaim | null, messageSid: string): NumberClaim {
  if (claim === null) throw new IntakeNumberNeeded(messageSid);
  return claim;
}
