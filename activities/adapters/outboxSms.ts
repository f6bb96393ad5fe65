import { randomUUID } from 'node:crypto';
import type { SmsSender } from './sms';

/** Local default: the sms activity stores every message, so "sending" here only hands out a sid. */
export function createOutboxSender(): SmsSender {
  return {
    name: 'outbox',
    send: async () => ({ providerSid: `OB${randomUUID().replace(/-/g, '')}`, status: 'sent' }),
  };
}
