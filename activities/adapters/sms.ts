/** One interface per outside service: Twilio when configured, otherwise the outbox (stored in Postgres as sent). */
export interface OutboundSms {
  to: string;
  body: string;
  /** absolute URL for Twilio's delivery receipts */
  statusCallbackUrl?: string;
}

export interface SentSms {
  providerSid: string;
  /** provider's status at acceptance: 'queued' | 'accepted' | 'sent' ... */
  status: string;
}

export interface SmsSender {
  readonly name: 'twilio' | 'outbox';
  send(message: OutboundSms): Promise<SentSms>;
  /**
   * Messages to `to` with this body the provider accepted since `since`, newest first: what an earlier attempt sent
   * when it got as far as the provider but died before recording it. Absent: the provider can't be asked (the outbox,
   * whose "send" is the row itself).
   */
  findAccepted?(message: { to: string; body: string; since: Date }): Promise<SentSms[]>;
}

/**
 * retryable: 429, 5xx, time-outs, connection errors; not retryable: the provider refused this message
 * (4xx, e.g. 21211 invalid 'To', 21610 recipient unsubscribed).
 */
export class SmsProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = 'SmsProviderError';
  }
}
