import type { PoolClient } from 'pg';
import type { InboundSms } from './inboundSms';

/**
 * A tenant's text that no work order should open (not a repair, a cancel after work started, a cancel from an
 * opted-out number) joins the holds a coordinator reads (GET /sms/holds), with why and the tenant's unit. A tenant's
 * next such text joins their open hold instead of adding another.
 */
export async function holdTenantText(
  client: PoolClient,
  sms: InboundSms,
  tenant: { id: number },
  reason: string,
): Promise<void> {
  const labelled = `tenant ${tenant.id}: ${reason}`;
  const open = await client.query<{ id: number }>(
    `SELECT id::int AS id FROM sms_intake_holds WHERE phone = $1 AND status = 'held' AND reason LIKE $2 ORDER BY id DESC LIMIT 1 FOR UPDATE`,
    [sms.from, `tenant ${tenant.id}: %`],
  );
  if (open.rows[0]) {
    await client.query(
      `UPDATE sms_intake_holds SET texts = texts || ARRAY[$2::text], reason = $3, updated_at = now() WHERE id = $1`,
      [open.rows[0].id, sms.body.trim(), labelled],
    );
    return;
  }
  await client.query(
    `INSERT INTO sms_intake_holds (phone, texts, status, reason, unit_id) VALUES ($1, ARRAY[$2::text], 'held', $3, (SELECT unit_id FROM tenants WHERE id = $4))`,
    [sms.from, sms.body.trim(), labelled, tenant.id],
  );
}
