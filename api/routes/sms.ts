import { Router } from 'express';
import { z } from 'zod';
import { e164PhoneSchema } from '../../domain/phone';
import { SMS_LANGUAGES } from '../../domain/sms/templates';
import { text } from '../../domain/text';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { recordId, recordIdNumber } from '../schemas';
import { attachHeldText } from '../sms/attachHeldText';
import { dismissHeldText } from '../sms/dismissHeldText';
import { OPEN_HOLD_STATUSES } from '../sms/heldTextHolds';
import { parse } from '../validate';

export const messagesQuery = z
  .object({
    workOrderId: recordId.optional(),
    phone: e164PhoneSchema.optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    before: recordId.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const holdParams = z.object({ id: recordId });

export const attachHoldBody = z
  .object({
    unitId: recordIdNumber,
    /** The sender becomes a tenant of the unit: the order is theirs, and they are texted about it. */
    senderAsTenant: z
      .object({
        name: text({ min: 1, max: 200 }),
        /** Left out: the language their texts are written in, else English. */
        language: z.enum(SMS_LANGUAGES).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const dismissHoldBody = z.object({ reason: text({ min: 3, max: 1000 }) }).strict();

export function smsRouter(deps: ApiDeps): Router {
  const router = Router();

  /** The SMS log, newest first: in local mode this is the outbox. */
  router.get('/messages', allow('coordinator', 'ops'), async (req, res) => {
    const q = parse(messagesQuery, req, 'query');
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (q.workOrderId !== undefined) add('work_order_number = ?', q.workOrderId);
    if (q.phone) {
      values.push(q.phone);
      where.push(`(from_phone = $${values.length} OR to_phone = $${values.length})`);
    }
    if (q.direction) add('direction = ?', q.direction);
    if (q.before !== undefined) add('id < ?', q.before);
    values.push(q.limit);
    const { rows } = await deps.pool.query(
      `SELECT id::int AS id, direction, work_order_number::int AS "workOrderNumber", from_phone AS "from", to_phone AS "to", body, provider,
              provider_sid AS "providerSid", status, error, kind, recipient_type AS "recipientType", recipient_id::int AS "recipientId",
              attempts, reply, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM sms_messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${values.length}`,
      values,
    );
    res.json({ items: rows, nextBefore: rows.length === q.limit ? rows[rows.length - 1].id : null });
  });

  /** Messages from unknown numbers waiting for a unit, or held for a coordinator; resolved ones leave the list. */
  router.get('/holds', allow('coordinator', 'ops'), async (_req, res) => {
    const { rows } = await deps.pool.query(
      `SELECT id::int AS id, phone, texts, status, reason, unit_id::int AS "unitId", work_order_number::int AS "workOrderNumber", created_at AS "createdAt", updated_at AS "updatedAt"
         FROM sms_intake_holds WHERE status = ANY($1) ORDER BY id`,
      [OPEN_HOLD_STATUSES],
    );
    res.json({ items: rows });
  });

  router.post('/holds/:id/attach', allow('coordinator'), async (req, res) => {
    const { id } = parse(holdParams, req, 'params');
    const body = parse(attachHoldBody, req, 'body');
    const attached = await attachHeldText(deps, id, body, actorOf(req.identity!));
    res.status(201).location(`/work-orders/${attached.workOrderNumber}`).json(attached);
  });

  router.post('/holds/:id/dismiss', allow('coordinator'), async (req, res) => {
    const { id } = parse(holdParams, req, 'params');
    const body = parse(dismissHoldBody, req, 'body');
    res.json(await dismissHeldText(deps.pool, id, body.reason, actorOf(req.identity!)));
  });

  return router;
}
