import twilio from 'twilio';
import { SmsProviderError, type OutboundSms, type SentSms, type SmsSender } from './sms';

export interface TwilioSenderOptions {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** e.g. a local fake in tests; the SDK's default is https://api.twilio.com */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Looking for an earlier attempt's message: pages of 100, at most 10 (Twilio answers up to 1,000 per page). */
const FIND_PAGE_SIZE = 100;
const FIND_MAX_PAGES = 10;

export function createTwilioSender(options: TwilioSenderOptions): SmsSender {
  const { accountSid, authToken, from, messagingServiceSid, apiBaseUrl, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (!from && !messagingServiceSid) {
    throw new Error('Twilio needs a sender: a From number or a Messaging Service SID');
  }
  // The activity's retry policy owns retries; the SDK's own 429 back-off would hide them from it.
  const client = twilio(accountSid, authToken, { timeout: timeoutMs, autoRetry: false });
  if (apiBaseUrl) {
    client.api.baseUrl = apiBaseUrl;
    // TWILIO_EDGE / TWILIO_REGION in the environment would rewrite the host of the base URL.
    client.edge = undefined;
    client.region = undefined;
  }
  // A Messaging Service picks the sender from its own pool, so From is sent only without one.
  const sender = messagingServiceSid ? { messagingServiceSid } : { from };

  return {
    name: 'twilio',
    async send(message: OutboundSms): Promise<SentSms> {
      let created: { sid?: unknown; status?: unknown };
      try {
        created = await client.messages.create({
          ...sender,
          to: message.to,
          body: message.body,
          statusCallback: message.statusCallbackUrl,
        });
      } catch (error) {
        throw toSmsProviderError(error);
      }
      if (typeof created.sid !== 'string' || !created.sid) {
        throw acceptedButUnreadable();
      }
      return { providerSid: created.sid, status: typeof created.status === 'string' ? created.status : 'queued' };
    },
    async findAccepted({ to, body, since }) {
      const recent: Array<{ sid?: unknown; body?: unknown; status?: unknown; dateCreated?: unknown }> = [];
      try {
        // Newest first, page after page back to `since`: a technician's number can get dozens of texts in the minutes
        // an attempt waits for its retry (the kill-worker drill lost one past a first page of 20 and texted it twice).
        let page: { instances: Array<{ dateCreated?: unknown }>; nextPage(): Promise<typeof page> | undefined } =
          await client.messages.page({
            to,
            ...(from && !messagingServiceSid ? { from } : {}),
            pageSize: FIND_PAGE_SIZE,
          });
        for (let pages = 1; ; pages++) {
          recent.push(...page.instances);
          const oldest = page.instances[page.instances.length - 1]?.dateCreated;
          const next = oldest instanceof Date && oldest < since ? undefined : page.nextPage();
          if (!next || pages >= FIND_MAX_PAGES) break;
          page = await next;
        }
      } catch (error) {
        const failure = toSmsProviderError(error);
        // Not knowing is no answer: the activity is retried rather than texting twice.
        throw new SmsProviderError(
          `could not ask Twilio for earlier attempts: ${failure.message}`,
          true,
          failure.providerCode,
        );
      }
      const wanted = comparable(body);
      return recent
        .filter((m) => typeof m.sid === 'string' && typeof m.body === 'string' && comparable(m.body) === wanted)
        .filter((m) => !(m.dateCreated instanceof Date) || m.dateCreated >= since)
        .map((m) => ({ providerSid: m.sid as string, status: typeof m.status === 'string' ? m.status : 'queued' }));
    },
  };
}

/** Twilio may re-encode a body (a Messaging Service's smart encoding turns curly quotes straight): compare letters and digits. */
function comparable(body: string): string {
  return body
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/**
 * Twilio's answers (RestException, or TwilioServiceException for RFC 9457 bodies) carry a numeric HTTP
 * `status` and Twilio's numeric `code`; transport failures (axios: time-out, refused, reset) carry neither.
 */
function toSmsProviderError(error: unknown): SmsProviderError {
  if (error instanceof SmsProviderError) return error;
  // Version.create JSON.parses a 2xx body itself: a SyntaxError means Twilio accepted but the answer is garbage.
  if (error instanceof SyntaxError) return acceptedButUnreadable();
  const { status, code, message } = describe(error);
  if (status === undefined) {
    return new SmsProviderError(`Twilio request got no answer: ${message}`, true);
  }
  const retryable = status === 429 || status >= 500;
  const providerCode = code === undefined ? undefined : String(code);
  const codeText = providerCode ? ` code ${providerCode}` : '';
  return new SmsProviderError(`Twilio answered HTTP ${status}${codeText}: ${message}`, retryable, providerCode);
}

function describe(error: unknown): { status?: number; code?: number; message: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields = error as Error & { status?: unknown; code?: unknown; detail?: unknown };
  const status = typeof fields.status === 'number' ? fields.status : undefined;
  const code = status !== undefined && typeof fields.code === 'number' ? fields.code : undefined;
  const detail = typeof fields.detail === 'string' && fields.detail ? ` (${fields.detail})` : '';
  return { status, code, message: `${error.message || 'no message'}${detail}` };
}

/** Not retried: Twilio has the message, and sending it again would text the recipient twice. */
function acceptedButUnreadable(): SmsProviderError {
  return new SmsProviderError('Twilio accepted the message but its answer could not be read (no message sid)', false);
}
