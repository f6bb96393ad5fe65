/** The API's admin key and the local SMS webhook secret: from the environment, else generated and kept in .data/. */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../temporalCli';
import { DATA_DIR } from './dataDir';

export interface Secret {
  key: string;
  /** Where it came from, for the printed summary. */
  origin: string;
}

export interface Secrets {
  admin: Secret;
  /** null with Twilio, whose auth token signs the inbound SMS. */
  smsWebhook: Secret | null;
}

export function loadSecrets(): Secrets {
  const admin = persistedSecret('API_ADMIN_KEY', 'admin-key');
  // Without Twilio, inbound SMS are signed with a local secret: `npm run text` uses it to text as a tenant.
  const smsWebhook = process.env.TWILIO_AUTH_TOKEN ? null : persistedSecret('SMS_WEBHOOK_SECRET', 'sms-webhook-secret');
  return { admin, smsWebhook };
}

/** A secret from its environment variable, else the one generated on a previous run, else a new one kept in .data/. */
export function persistedSecret(envVar: string, file: string): Secret {
  const fromEnv = process.env[envVar];
  if (fromEnv) return { key: fromEnv, origin: `from ${envVar}` };
  const keptIn = path.join(DATA_DIR, file);
  if (existsSync(keptIn))
    return {
      key: readFileSync(keptIn, 'utf8').trim(),
      origin: `generated earlier, kept in ${path.relative(PROJECT_ROOT, keptIn)}`,
    };
  const key = randomBytes(24).toString('base64url');
  writeFileSync(keptIn, `${key}\n`, { mode: 0o600 });
  return { key, origin: `generated, kept in ${path.relative(PROJECT_ROOT, keptIn)}` };
}
