import type { Pool, PoolClient } from 'pg';
import { AppError, notFound } from '../errors';

/** The statuses of a hold nobody has resolved yet: the ones GET /sms/holds lists and a coordinator can act on. */
export const OPEN_HOLD_STATUSES = ['awaiting_unit', 'held'] as const;

export interface OpenHold {
  id: number;
  phone: string;
  texts: string[];
  status: (typeof OPEN_HOLD_STATUSES)[number];
  claimedNumber: number | null;
}

/**
 * The hold, when it is still open: 404 when there is no such hold, 409 when it was resolved already (matched by the
 * sender naming their unit, attached or dismissed by a coordinator). `lock` holds it until the transaction ends.
 */
export async function openHold(db: Pool | PoolClient, id: number, lock: boolean): Promise<OpenHold> {
  const { rows } = await db.query<Omit<OpenHold, 'status'> & { status: string; workOrderNumber: number | null }>(
    `SELECT id::int AS id, phone, texts, status, claimed_number::int AS "claimedNumber", work_order_number::int AS "workOrderNumber"
       FROM sms_intake_holds WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const hold = rows[0];
  if (!hold) throw notFound(`hold ${id}`);
  const status = OPEN_HOLD_STATUSES.find((open) => open === hold.status);
  if (!status) {
    const order = hold.workOrderNumber !== null ? ` (work order ${hold.workOrderNumber})` : '';
    throw new AppError(
      409,
      'hold_resolved',
      `hold ${id} is ${hold.status} already${order}: nothing more to do with it`,
    );
  }
  return { id: hold.id, phone: hold.phone, texts: hold.texts, status, claimedNumber: hold.claimedNumber };
}
