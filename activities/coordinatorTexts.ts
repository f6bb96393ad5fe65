import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../domain/failures';
import { appendEvent } from '../db/queries/events';
import { coordinatorTextBody, type CoordinatorTextInput, type CoordinatorTextResult } from '../domain/coordinatorText';
import type { ActivityDeps } from './deps';
import { deliverSms } from './sms';

const PHONE_TABLES = { tenant: 'tenants', technician: 'technicians' } as const;

export function createCoordinatorTextActivities({ pool, sms }: ActivityDeps) {
  return {
    /**
     * Texts what a coordinator wrote to the order's tenant or technician, once per key (deliverSms: opt-outs, the row
     * before the provider), in the order's conversation, and records who wrote it: an event with the coordinator as
     * actor, written once whichever attempt gets there.
     */
    async sendCoordinatorText(input: CoordinatorTextInput): Promise<CoordinatorTextResult> {
      if (!sms)
        throw ApplicationFailure.create({
          type: FailureType.Misconfigured,
          message: 'the worker has no SMS sender',
          nonRetryable: true,
        });
      const { rows } = await pool.query<{ phone: string }>(
        `SELECT phone FROM ${PHONE_TABLES[input.to]} WHERE id = $1`,
        [input.recipientId],
      );
      const phone = rows[0]?.phone;
      if (!phone) return { outcome: 'no_phone' };
      const body = coordinatorTextBody(input.workOrderNumber, input.body);
      const idempotencyKey = `coordinator-text/${input.workOrderNumber}/${input.idempotencyKey}`;
      const result = await deliverSms(pool, sms, {
        idempotencyKey,
        workOrderNumber: input.workOrderNumber,
        to: phone,
        body,
        kind: 'coordinator_message',
        recipientType: input.to,
        recipientId: input.recipientId,
      });
      await appendEvent(pool, {
        number: input.workOrderNumber,
        type: 'coordinator_texted',
        actor: input.sentBy,
        source: 'api',
        payload: { to: input.to, recipientId: input.recipientId, messageId: result.messageId, outcome: result.outcome },
        idempotencyKey,
        onDuplicateKey: 'skip',
      });
      if (result.outcome === 'sent')
        return { outcome: 'sent', messageId: result.messageId, recipientId: input.recipientId, body };
      return result;
    },
  };
}
