/**
 * `npm run text -- <from phone> "<message>"`: texts the running system as a tenant would, through the same signed
 * webhook Twilio uses (signed with the local secret in .data/sms-webhook-secret), and prints the answer.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import twilio from 'twilio';
import { loadConfig } from '../runtime/config';
import { PROJECT_ROOT } from './temporalCli';

async function main(): Promise<void> {
  const [from, ...words] = process.argv.slice(2);
  const body = words.join(' ').trim();
  if (!from || !body) throw new Error('usage: npm run text -- +12155550101 "There is a leak in my ceiling"');
  const config = loadConfig();
  const secretFile = path.join(PROJECT_ROOT, '.data', 'sms-webhook-secret');
  const token =
    config.sms.webhookAuthToken ?? (existsSync(secretFile) ? readFileSync(secretFile, 'utf8').trim() : undefined);
  if (!token) throw new Error('no webhook secret: start the system with `npm start` first (or set SMS_WEBHOOK_SECRET)');

  const url = `${(config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`).replace(/\/$/, '')}/webhooks/twilio/sms`;
  const params = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: 'AClocal',
    From: from,
    To: config.sms.senderNumber,
    Body: body,
    NumMedia: '0',
  };
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  const text = await response.text();
  const message = /<Message>([\s\S]*)<\/Message>/.exec(text)?.[1];
  console.log(response.ok ? (message ?? '(no answer)') : `HTTP ${response.status}: ${text}`);
  if (!response.ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
