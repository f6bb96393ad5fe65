import type { Pool } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import type { Actor } from '../../domain/actor';
import { openHold } from './heldTextHolds';

export interface DismissedHold {
  holdId: number;
  status: 'dismissed';
  reason: string;
}

/** A coordinator closes an unknown sender's held texts with a reason (a wrong number, spam, handled by phone): the hold and its event, or neither. */
export async function dismissHeldText(
  pool: Pool,
  holdId: number,
  reason: string,
  actor: Actor,
): Promise<DismissedHold> {
  return inTransaction(pool, async (client) => {
    await openHold(client, holdId, true);
    await client.query(
      `UPDATE sms_intake_holds SET status = 'dismissed', resolution_note = $2, resolved_by_type = $3, resolved_by_id = $4, resolved_at = now(), updated_at = now() WHERE id = $1`,
      [holdId, reason, actor.type, actor.id],
    );
    await appendEvent(client, {
      number: null,
      type: 'sms_hold_dismissed',
      actor,
      source: 'api',
      payload: { holdId, reason },
      idempotencyKey: `sms-hold/${holdId}/dismissed`,
      onDuplicateKey: 'throw',
    });
    return { holdId, status: 'dismissed', reason };
  });
}
