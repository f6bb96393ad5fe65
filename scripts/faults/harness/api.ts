/**
 * The API in this process (createApp on a free port, its log to a file) and a driver that talks to it as tenants and
 * coordinators do: signed Twilio webhooks, API keys; every request counted and timed.
 */
import type { Client } from '@temporalio/client';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from 'pg';
import pino from 'pino';
import twilio from 'twilio';
import { createApp } from '../../../api/app';
import { createLogger } from '../../../observability/logger';
import { ADMIN_KEY, COORDINATOR_KEY, OUR_NUMBER } from './credentials';

export interface Reply {
  status: number;
  body: unknown;
  text: string;
}

export interface Api {
  baseUrl: string;
  /** An API call with the coordinator's key (or the admin's). */
  call(method: 'GET' | 'POST' | 'PUT', route: string, body?: unknown, as?: 'coordinator' | 'admin'): Promise<Reply>;
  /** An inbound SMS exactly as Twilio posts it: form-encoded, signed with X-Twilio-Signature. */
  textFrom(from: string, text: string, messageSid: string): Promise<Reply>;
  /** Every request this driver made: how many, how many failed (no answer or 5xx), the slowest answer. */
  readonly stats: { requests: number; failed: number; slowestMs: number };
  close(): Promise<void>;
}

type RequestStats = Api['stats'];

/** The answer's status and text, and its body parsed when it is JSON. */
async function read(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // TwiML, or an empty body
  }
  return { status: res.status, body, text };
}

/** Sends a request and reads its answer, counting it in `stats` (failed: no answer or a 5xx) and timing it. */
async function timed(stats: RequestStats, send: () => Promise<Response>): Promise<Reply> {
  const started = Date.now();
  stats.requests++;
  try {
    const reply = await read(await send());
    if (reply.status >= 500) stats.failed++;
    return reply;
  } catch (err) {
    stats.failed++;
    throw err;
  } finally {
    stats.slowestMs = Math.max(stats.slowestMs, Date.now() - started);
  }
}

/** An inbound SMS as Twilio posts it to `url`: form-encoded, signed with the webhook's auth token. */
function signedWebhook(url: string, authToken: string, from: string, text: string, messageSid: string): RequestInit {
  const params = {
    MessageSid: messageSid,
    AccountSid: 'ACfaultdrill',
    From: from,
    To: OUR_NUMBER,
    Body: text,
    NumMedia: '0',
  };
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}

export async function startApi(options: {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  webhookAuthToken: string;
  logFile: string;
  photoStorageDir: string;
}): Promise<Api> {
  const sms: { webhookAuthToken: string; publicBaseUrl?: string } = { webhookAuthToken: options.webhookAuthToken };
  const logger = createLogger({
    level: 'warn',
    service: 'api',
    destination: pino.destination({ dest: options.logFile, mkdir: true, sync: false }),
  });
  const app = createApp({
    pool: options.pool,
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    photoStorageDir: options.photoStorageDir,
    logger,
    sms,
    security: { rateLimits: { perKey: 1_000_000, webhooksPerAddress: 1_000_000, authFailuresPerAddress: 1_000_000 } },
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sms.publicBaseUrl = baseUrl;
  const stats: RequestStats = { requests: 0, failed: 0, slowestMs: 0 };
  return {
    baseUrl,
    stats,
    call(method, route, body, as = 'coordinator') {
      return timed(stats, () =>
        fetch(`${baseUrl}${route}`, {
          method,
          headers: {
            authorization: `Bearer ${as === 'admin' ? ADMIN_KEY : COORDINATOR_KEY}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    },
    textFrom(from, text, messageSid) {
      const url = `${baseUrl}/webhooks/twilio/sms`;
      return timed(stats, () => fetch(url, signedWebhook(url, options.webhookAuthToken, from, text, messageSid)));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      logger.flush();
    },
  };
}
