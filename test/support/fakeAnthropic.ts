import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TENANT_MESSAGE_TAG } from '../../activities/adapters/claudeClassifier';
import { PHOTO_REVIEW_TOOL_NAME } from '../../activities/adapters/claudePhotoReviewer';
import { classifyHeuristically } from '../../domain/heuristicClassifier';

/**
 * A local stand-in for Anthropic's Messages API (POST /v1/messages, no streaming), for tests that drive the real
 * `@anthropic-ai/sdk` with `baseURL: fake.url`. Answers and errors have the API's shapes and status codes.
 * By default it answers every request with a tool call carrying the heuristic classifier's verdict on the tenant's
 * text, so a whole workflow can run on "Claude". A photo review (its forced tool) is answered complete when the
 * request's photo labels name a before, an after and a cleanup photo and at least one image came with them.
 */

/** The request body as the SDK sent it; only what the fake reads is typed. */
export interface FakeMessagesBody {
  model?: unknown;
  max_tokens?: unknown;
  system?: unknown;
  messages?: unknown;
  tools?: unknown;
  tool_choice?: unknown;
  thinking?: unknown;
  [field: string]: unknown;
}

export interface FakeAnthropicRequest {
  headers: IncomingHttpHeaders;
  body: FakeMessagesBody;
  /** The text of the last user turn. */
  userText: string;
  /** What was inside the <tenant_message> tags of the user turn, or the whole user text when there are none. */
  tenantText: string;
  /** The image blocks of the last user turn, in order. */
  images: FakeImage[];
}

export interface FakeImage {
  sourceType: string;
  mediaType: string;
  /** base64, as sent */
  data: string;
}

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
}

/**
 * - `{ toolInput }`: a tool call with that input (valid or not);
 * - `{ status }`: an API error (429 carries `retry-after`, `retryAfterMs` adds `retry-after-ms`, which the SDK prefers);
 * - `malformed`: 200 with a body that is not JSON; `text_only`: a text answer and no tool call;
 * - `{ refusal: true }`: stop_reason "refusal"; `hang`: never answers; `stall_body`: sends the headers, then stalls.
 */
export type FakeAnswer =
  | { toolInput: unknown; model?: string; usage?: FakeUsage }
  | { status: number; errorType?: string; message?: string; retryAfterMs?: number }
  | { refusal: true }
  | 'malformed'
  | 'text_only'
  | 'hang'
  | 'stall_body';

export interface FakeAnthropic {
  url: string;
  apiKey: string;
  /** every request that passed authentication, oldest first */
  requests: FakeAnthropicRequest[];
  /** Answers for the next requests, in order; once they are used up, `answerWith` or the default answers. */
  enqueue(...answers: FakeAnswer[]): void;
  /** Answers every request not taken by the queue; `undefined` restores the default (the heuristic's verdict). */
  answerWith(answer: ((request: FakeAnthropicRequest) => FakeAnswer) | undefined): void;
  /** Forgets the queue, `answerWith` and the recorded requests. */
  reset(): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const FORCED_TOOL_CHOICES = ['any', 'tool'];
const API_VERSIONS = ['2023-06-01', '2026-10-21'];
/** Removed by API version 2026-10-21: sending any of them, even at its default value, is a 400. */
const SAMPLING_PARAMETERS = ['temperature', 'top_p', 'top_k'];

export async function startFakeAnthropic(options: { apiKey?: string } = {}): Promise<FakeAnthropic> {
  const apiKey = options.apiKey ?? `sk-ant-fake-${hex(16)}`;
  const requests: FakeAnthropicRequest[] = [];
  const queue: FakeAnswer[] = [];
  let scripted: ((request: FakeAnthropicRequest) => FakeAnswer) | undefined;
  const held = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    readBody(req).then(
      (raw) => handle(req, res, raw),
      () => res.destroy(),
    );
  });

  function handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (presentedKey(req.headers) !== apiKey) return sendError(res, 401, 'authentication_error', 'invalid x-api-key');
    if (req.method !== 'POST' || path !== '/v1/messages')
      return sendError(res, 404, 'not_found_error', `${req.method ?? 'GET'} ${path} not found`);
    const version = req.headers['anthropic-version'];
    if (typeof version !== 'string' || !API_VERSIONS.includes(version)) {
      return sendError(
        res,
        400,
        'invalid_request_error',
        `anthropic-version: ${String(version)} is not a supported version`,
      );
    }

    let body: FakeMessagesBody;
    try {
      body = JSON.parse(raw) as FakeMessagesBody;
    } catch {
      return sendError(res, 400, 'invalid_request_error', 'The request body is not valid JSON');
    }
    const invalid = validateRequest(body, version);
    if (invalid) return sendError(res, 400, 'invalid_request_error', invalid);

    const userText = lastUserText(body.messages);
    const request: FakeAnthropicRequest = {
      headers: req.headers,
      body,
      userText,
      tenantText: tenantTextOf(userText),
      images: lastUserImages(body.messages),
    };
    requests.push(request);
    const answer = queue.shift() ?? scripted?.(request) ?? defaultAnswer(request);
    answerRequest(res, request, answer);
  }

  function answerRequest(res: ServerResponse, request: FakeAnthropicRequest, answer: FakeAnswer): void {
    if (answer === 'hang' || answer === 'stall_body') {
      held.add(res);
      res.on('close', () => held.delete(res));
      if (answer === 'stall_body') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'request-id': requestId() });
        res.write('{"id":"msg_');
      }
      return;
    }
    if (answer === 'malformed') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'request-id': requestId() });
      res.end('{"id":"msg_01","type":"message","content":[{"type":"tool_use","input":{"priority":');
      return;
    }
    if (typeof answer === 'object' && 'status' in answer) {
      const headers: Record<string, string> = {};
      if (answer.status === 429) headers['retry-after'] = String(Math.ceil((answer.retryAfterMs ?? 0) / 1000));
      if (answer.retryAfterMs !== undefined) headers['retry-after-ms'] = String(answer.retryAfterMs);
      const type = answer.errorType ?? ERROR_TYPES[answer.status] ?? 'api_error';
      return sendError(res, answer.status, type, answer.message ?? `fake ${type}`, headers);
    }
    const model = typeof request.body.model === 'string' ? request.body.model : 'claude-unknown';
    if (answer === 'text_only') {
      return sendMessage(
        res,
        message(
          model,
          [{ type: 'text', text: 'I need more details about the problem before I can classify it.' }],
          'end_turn',
          request,
        ),
      );
    }
    if ('refusal' in answer) {
      return sendMessage(res, {
        ...message(model, [], 'refusal', request),
        stop_details: { type: 'refusal', category: null, explanation: null },
      });
    }
    const toolUse = {
      type: 'tool_use',
      id: `toolu_${hex(12)}`,
      name: forcedToolName(request.body) ?? 'classify_work_order',
      input: answer.toolInput,
    };
    sendMessage(res, message(answer.model ?? model, [toolUse], 'tool_use', request, answer.usage));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    answerWith(answer) {
      scripted = answer;
    },
    reset() {
      queue.length = 0;
      scripted = undefined;
      requests.length = 0;
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The 1.x SDKs send the key as a bearer token; older clients and proxies send `x-api-key`. The API takes both. */
function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  const apiKeyHeader = headers['x-api-key'];
  return bearer ?? (typeof apiKeyHeader === 'string' ? apiKeyHeader : undefined);
}

/** The checks of the real API that our client could trip over. */
function validateRequest(body: FakeMessagesBody, version: string): string | undefined {
  if (typeof body.model !== 'string' || !body.model) return 'model: Field required';
  if (version >= '2026-10-21') {
    const sampling = SAMPLING_PARAMETERS.find((name) => name in body);
    if (sampling) return `${sampling}: Extra inputs are not permitted in API version ${version}`;
  }
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1)
    return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  const toolChoice = asRecord(body.tool_choice);
  const toolNames = Array.isArray(body.tools) ? body.tools.map((tool) => asRecord(tool)?.name) : [];
  if (toolChoice?.type === 'tool' && !toolNames.includes(toolChoice.name))
    return `tool_choice: tool '${String(toolChoice.name)}' not found in tools`;
  // Current models think by default, and thinking cannot be combined with a forced tool call.
  if (FORCED_TOOL_CHOICES.includes(String(toolChoice?.type)) && asRecord(body.thinking)?.type !== 'disabled') {
    return 'Thinking may not be enabled when tool_choice forces tool use.';
  }
  return undefined;
}

function message(
  model: string,
  content: unknown[],
  stopReason: string,
  request: FakeAnthropicRequest,
  usage?: FakeUsage,
): Record<string, unknown> {
  // Roughly four characters a token: enough for the cost arithmetic to have something to multiply.
  const counted = usage ?? {
    input_tokens: Math.ceil(JSON.stringify(request.body).length / 4),
    output_tokens: Math.ceil(JSON.stringify(content).length / 4),
  };
  return {
    id: `msg_${hex(12)}`,
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    stop_details: null,
    container: null,
    usage: { ...counted, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' },
  };
}

function forcedToolName(body: FakeMessagesBody): string | undefined {
  const toolChoice = asRecord(body.tool_choice);
  if (toolChoice?.type === 'tool' && typeof toolChoice.name === 'string') return toolChoice.name;
  const first = Array.isArray(body.tools) ? asRecord(body.tools[0]) : undefined;
  return typeof first?.name === 'string' ? first.name : undefined;
}

function defaultAnswer(request: FakeAnthropicRequest): FakeAnswer {
  if (forcedToolName(request.body) !== PHOTO_REVIEW_TOOL_NAME)
    return { toolInput: classifyHeuristically(request.tenantText) };
  const labelled = new Set([...request.userText.matchAll(/^Photo \d+ \((before|after|cleanup)\)/gm)].map((m) => m[1]));
  const missing = ['before', 'after', 'cleanup'].filter((kind) => !labelled.has(kind));
  if (request.images.length === 0) missing.push('no image to look at');
  return missing.length === 0
    ? {
        toolInput: {
          complete: true,
          reasoning: `Fake review of ${request.images.length} image(s): before, after and cleanup shown.`,
          issues: [],
        },
      }
    : {
        toolInput: {
          complete: false,
          reasoning: `Fake review: missing ${missing.join(', ')}.`,
          issues: missing.map((m) => `photograph: ${m}`),
        },
      };
}

function lastUserImages(messages: unknown): FakeImage[] {
  const turns = Array.isArray(messages) ? messages.map(asRecord).filter((turn) => turn?.role === 'user') : [];
  const content = turns.at(-1)?.content;
  if (!Array.isArray(content)) return [];
  return content.map(asRecord).flatMap((block) => {
    const source = asRecord(block?.source);
    if (block?.type !== 'image' || !source) return [];
    return [
      {
        sourceType: String(source.type),
        mediaType: String(source.media_type),
        data: typeof source.data === 'string' ? source.data : '',
      },
    ];
  });
}

function lastUserText(messages: unknown): string {
  const turns = Array.isArray(messages) ? messages.map(asRecord).filter((turn) => turn?.role === 'user') : [];
  const content = turns.at(-1)?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(asRecord)
    .flatMap((block) => (block?.type === 'text' && typeof block.text === 'string' ? [block.text] : []))
    .join('\n');
}

function tenantTextOf(userText: string): string {
  const inside = new RegExp(`<${TENANT_MESSAGE_TAG}>([\\s\\S]*?)</${TENANT_MESSAGE_TAG}>`).exec(userText);
  return (inside?.[1] ?? userText).trim();
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function sendMessage(res: ServerResponse, payload: Record<string, unknown>): void {
  sendJson(res, 200, payload);
}

function sendError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const id = requestId();
  sendJson(res, status, { type: 'error', error: { type, message }, request_id: id }, { 'request-id': id, ...headers });
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'request-id': requestId(), ...headers });
  res.end(JSON.stringify(payload));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function requestId(): string {
  return `req_${hex(12)}`;
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
