import type { RequestHandler } from 'express';
import twilio from 'twilio';
import type { ApiDeps } from './deps';
import { AppError } from './errors';

/** Refuses a webhook whose X-Twilio-Signature does not match, before anything is read or stored. */
export function requireTwilioSignature(sms: ApiDeps['sms']): RequestHandler {
  return (req, _res, next) => {
    if (!sms.webhookAuthToken)
      throw new AppError(
        503,
        'sms_not_configured',
        'set TWILIO_AUTH_TOKEN (or SMS_WEBHOOK_SECRET locally) to receive SMS',
      );
    const signature = req.header('x-twilio-signature');
    const base = sms.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
    const url = `${base.replace(/\/$/, '')}${req.originalUrl}`;
    const params = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, string>) : {};
    if (!signature || !twilio.validateRequest(sms.webhookAuthToken, signature, url, params)) {
      throw new AppError(403, 'bad_signature', 'the X-Twilio-Signature header does not match this request');
    }
    next();
  };
}
