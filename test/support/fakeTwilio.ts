import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/**
 * A local stand-in for Twilio's REST API (message create and list), for tests that drive the real `twilio` SDK
 * with `client.api.baseUrl = fake.url`. Answers and errors have Twilio's shapes, status codes and error codes.
 */

export interface FakeTwilioMessage {
  sid: string;
  to: string;
  /** the From given, or for a Messaging Service the number its pool sent from */
  from: string;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  receivedAt: Date;
}

/** An error answer; `hang` never answers (a time-out); `malformed` accepts the message but answers non-JSON. */
export type FakeTwilioFailure = { status: number; code?: number; message?: string } | 'hang' | 'malformed';

export type DeliveryStatus = 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  /** messages Twilio accepted, oldest first */
  messages: FakeTwilioMessage[];
  /** every create request that passed authentication, failed ones included */
  readonly createAttempts: number;
  failNext(count: number, answer: FakeTwilioFailure): void;
  messagesTo(phone: string): FakeTwilioMessage[];
  waitForMessages(
    predicate: (message: FakeTwilioMessage) => boolean,
    count?: number,
    timeoutMs?: number,
  ): Promise<FakeTwilioMessage[]>;
  sendStatusCallback(sid: string, status: DeliveryStatus, errorCode?: string): Promise<Response>;
  close(): Promise<void>;
}

/** The sender a Messaging Service's pool uses in the fake (Twilio's test "valid From" number). */
export const MESSAGING_SERVICE_POOL_NUMBER = '+15005550006';

const E164 = /^\+[1-9][0-9]{6,14}$/;
const BODY_LIMIT = 1600;
const DEFAULT_ERRORS: Record<number, { code: number; message: string }> = {
  400: { code: 21211, message: "Invalid 'To' Phone Number" },
  403: { code: 20403, message: 'Forbidden' },
  404: { code: 20404, message: 'The requested resource was not found' },
  429: { code: 20429, message: 'Too Many Requests' },
  500: { code: 20500, message: 'An internal server error has occurred' },
  503: { code: 20503, message: 'Service unavailable' },
};

export async function startFakeTwilio(options: { accountSid?: string; authToken?: string } = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? `AC${hex32()}`;
  const authToken = options.authToken ?? hex32();
  const messages: FakeTwilioMessage[] = [];
  const failures: FakeTwilioFailure[] = [];
  const hanging = new Set<ServerResponse>();
  const listeners = new Set<() => void>();
  let createAttempts = 0;

  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => handle(req, res, new URLSearchParams(body)),
      () => res.destroy(),
    );
  });

  function handle(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    if (!isAuthorized(req.headers.authorization)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
      return sendError(res, 401, 20003, 'Authenticate');
    }
    if (route && req.method === 'GET' && route[1] === accountSid)
      return sendJson(res, 200, listPage(new URL(req.url ?? '/', 'http://fake').searchParams, path));
    if (!route || req.method !== 'POST' || route[1] !== accountSid) {
      return sendError(res, 404, 20404, `The requested resource ${path} was not found`);
    }
    createAttempts += 1;
    const failure = failures.shift();
    if (failure === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (failure && failure !== 'malformed') {
      const fallback = DEFAULT_ERRORS[failure.status] ?? {
        code: 20000 + failure.status,
        message: `HTTP ${failure.status}`,
      };
      return sendError(res, failure.status, failure.code ?? fallback.code, failure.message ?? fallback.message);
    }
    const invalid = validateCreate(form);
    if (invalid) return sendError(res, 400, invalid.code, invalid.message);

    const message = accept(form);
    if (failure === 'malformed') {
      res.writeHead(201, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('<html><body>upstream hiccup</body></html>');
      return;
    }
    sendJson(res, 201, messageResource(message));
  }

  function isAuthorized(header: string | undefined): boolean {
    const [scheme, encoded] = (header ?? '').split(' ');
    if (scheme !== 'Basic' || !encoded) return false;
    return Buffer.from(encoded, 'base64').toString('utf8') === `${accountSid}:${authToken}`;
  }

  function accept(form: URLSearchParams): FakeTwilioMessage {
    const messagingServiceSid = form.get('MessagingServiceSid') || undefined;
    const message: FakeTwilioMessage = {
      sid: `SM${hex32()}`,
      to: form.get('To')!,
      from: form.get('From') || MESSAGING_SERVICE_POOL_NUMBER,
      ...(messagingServiceSid ? { messagingServiceSid } : {}),
      body: form.get('Body')!,
      ...(form.get('StatusCallback') ? { statusCallback: form.get('StatusCallback')! } : {}),
      receivedAt: new Date(),
    };
    messages.push(message);
    for (const listener of listeners) listener();
    return message;
  }

  /** The message list (To and From filters), newest first, in one page as Twilio shapes it. */
  /** Newest first, `PageSize` per page (Twilio's default 50), `Page` from 0; `next_page_uri` keeps the filters. */
  function listPage(query: URLSearchParams, path: string): Record<string, unknown> {
    const to = query.get('To');
    const from = query.get('From');
    const pageSize = Number(query.get('PageSize') ?? 50);
    const page = Number(query.get('Page') ?? 0);
    const all = messages.filter((m) => (!to || m.to === to) && (!from || m.from === from)).reverse();
    const matching = all.slice(page * pageSize, (page + 1) * pageSize);
    const uriOf = (n: number) => {
      const params = new URLSearchParams({
        ...(to ? { To: to } : {}),
        ...(from ? { From: from } : {}),
        PageSize: String(pageSize),
        Page: String(n),
      });
      return `${path}?${params.toString()}`;
    };
    return {
      messages: matching.map(messageResource),
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + Math.max(0, matching.length - 1),
      uri: uriOf(page),
      first_page_uri: uriOf(0),
      next_page_uri: (page + 1) * pageSize < all.length ? uriOf(page + 1) : null,
      previous_page_uri: page > 0 ? uriOf(page - 1) : null,
    };
  }

  function messageResource(message: FakeTwilioMessage): Record<string, unknown> {
    const created = rfc2822(message.receivedAt);
    return {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body: message.body,
      date_created: created,
      date_sent: null,
      date_updated: created,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      // Through a Messaging Service Twilio has not picked the sender yet when it answers.
      from: message.messagingServiceSid ? null : message.from,
      messaging_service_sid: message.messagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(message.body.length / 160))),
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: message.messagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
      to: message.to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`,
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    messages,
    get createAttempts() {
      return createAttempts;
    },
    failNext(count, answer) {
      for (let i = 0; i < count; i += 1) failures.push(answer);
    },
    messagesTo: (phone) => messages.filter((message) => message.to === phone),
    waitForMessages(predicate, count = 1, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const matching = messages.filter(predicate);
          if (matching.length < count) return false;
          listeners.delete(onMessage);
          clearTimeout(timer);
          resolve(matching);
          return true;
        };
        const onMessage = (): void => void check();
        const timer = setTimeout(() => {
          listeners.delete(onMessage);
          const seen = messages.map((m) => `${m.to}: ${m.body}`).join('\n  ') || '(none)';
          reject(
            new Error(
              `fake Twilio: fewer than ${count} matching message(s) after ${timeoutMs} ms; received:\n  ${seen}`,
            ),
          );
        }, timeoutMs);
        listeners.add(onMessage);
        check();
      });
    },
    async sendStatusCallback(sid, status, errorCode) {
      const message = messages.find((m) => m.sid === sid);
      if (!message?.statusCallback) throw new Error(`fake Twilio: no message ${sid} with a status callback`);
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        From: message.from,
        MessageSid: sid,
        MessageStatus: status,
        SmsSid: sid,
        SmsStatus: status,
        To: message.to,
        ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
        ...(errorCode ? { ErrorCode: errorCode } : {}),
      };
      const { signature, body } = signedWebhook(authToken, message.statusCallback, params);
      return fetch(message.statusCallback, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': signature,
          'I-Twilio-Idempotency-Token': randomUUID(),
          'User-Agent': 'TwilioProxy/1.1',
        },
        body,
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** A webhook body as Twilio posts it (form-encoded) and the X-Twilio-Signature it would carry for `url`. */
export function signedWebhook(
  authToken: string,
  url: string,
  params: Record<string, string>,
): { signature: string; body: string } {
  return {
    signature: twilio.getExpectedTwilioSignature(authToken, url, params),
    body: new URLSearchParams(params).toString(),
  };
}

/** Twilio's checks on a message create, in the order it reports them. */
function validateCreate(form: URLSearchParams): { code: number; message: string } | undefined {
  const to = form.get('To');
  const body = form.get('Body');
  const statusCallback = form.get('StatusCallback');
  if (!to) return { code: 21604, message: "A 'To' phone number is required." };
  if (!form.get('From') && !form.get('MessagingServiceSid'))
    return { code: 21603, message: "A 'From' or 'MessagingServiceSid' parameter is required to send a message" };
  if (!body) return { code: 21602, message: 'Message body is required.' };
  if (!E164.test(to)) return { code: 21211, message: `Invalid 'To' Phone Number: ${to}` };
  if (body.length > BODY_LIMIT)
    return { code: 21617, message: 'The concatenated message body exceeds the 1600 character limit.' };
  if (statusCallback && !/^https?:\/\/[^/]/.test(statusCallback))
    return { code: 21609, message: `Invalid StatusCallback url: ${statusCallback}` };
  return undefined;
}

function sendError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function hex32(): string {
  return randomBytes(16).toString('hex');
}

/** Twilio's resource dates: "Thu, 24 Aug 2023 05:01:45 +0000". */
function rfc2822(date: Date): string {
  return date.toUTCString().replace('GMT', '+0000');
}
