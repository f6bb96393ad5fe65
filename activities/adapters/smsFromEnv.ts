import { createOutboxSender } from './outboxSms';
import type { SmsSender } from './sms';
import { createTwilioSender } from './twilioSms';

import type { SmsConfig } from '../../runtime/config';

export type { SmsConfig };

/** Twilio when the account, the token and a sender are all set; otherwise the outbox. */
export function smsSenderFromConfig(config: SmsConfig): SmsSender {
  const { twilioAccountSid, twilioAuthToken, twilioFrom, twilioMessagingServiceSid, twilioApiBaseUrl } = config;
  if (twilioAccountSid && twilioAuthToken && (twilioFrom || twilioMessagingServiceSid)) {
    return createTwilioSender({
      accountSid: twilioAccountSid,
      authToken: twilioAuthToken,
      from: twilioFrom || undefined,
      messagingServiceSid: twilioMessagingServiceSid || undefined,
      apiBaseUrl: twilioApiBaseUrl || undefined,
    });
  }
  return createOutboxSender();
}
