import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
  /** performance.now() when its last line arrived. */
  receivedAt: number;
}

export interface SseConnection {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body of an answer that is not a stream (401, 400...). */
  body: string;
  messages: SseMessage[];
  comments: string[];
  retry: number | null;
  /** Resolves when the server ends the stream or the connection drops. */
  ended: Promise<void>;
  /** Waits until `count` messages have arrived in all. */
  waitForCount(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Stops reading from the socket (the server's writes back up), and resumes. */
  pause(): void;
  resume(): void;
  close(): void;
}

/** A minimal EventSource over node:http that keeps what it received, for tests and benchmarks. */
export function openEventStream(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const messages: SseMessage[] = [];
      const comments: string[] = [];
      let waiters: Array<() => void> = [];
      let buffer = '';
      let pending: { id: string | null; event: string; data: string[] } = { id: null, event: 'message', data: [] };
      let endedResolve: () => void = () => undefined;
      const ended = new Promise<void>((r) => (endedResolve = r));
      const connection: SseConnection = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: '',
        messages,
        comments,
        retry: null,
        ended,
        waitForCount(count, timeoutMs = 10_000) {
          return new Promise((done, fail) => {
            const check = () => {
              if (messages.length >= count) {
                clearTimeout(timer);
                done(messages.slice());
                return true;
              }
              return false;
            };
            const timer = setTimeout(() => {
              waiters = waiters.filter((w) => w !== listener);
              fail(
                new Error(
                  `waited ${timeoutMs} ms for ${count} SSE messages, got ${messages.length}: ids ${messages.map((m) => m.id).join(',')}`,
                ),
              );
            }, timeoutMs);
            const listener = () => {
              if (check()) waiters = waiters.filter((w) => w !== listener);
            };
            if (!check()) waiters.push(listener);
          });
        },
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      };
      res.setEncoding('utf8');
      const isStream = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
      res.on('data', (chunk: string) => {
        if (!isStream) {
          connection.body += chunk;
          return;
        }
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (pending.data.length > 0) {
              messages.push({
                id: pending.id,
                event: pending.event,
                data: pending.data.join('\n'),
                receivedAt: performance.now(),
              });
              for (const w of [...waiters]) w();
            }
            pending = { id: pending.id, event: 'message', data: [] };
            continue;
          }
          if (line.startsWith(':')) {
            comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') pending.id = value;
          else if (field === 'event') pending.event = value;
          else if (field === 'data') pending.data.push(value);
          else if (field === 'retry') connection.retry = Number(value);
        }
      });
      res.on('end', endedResolve);
      res.on('close', endedResolve);
      res.on('error', endedResolve);
      if (isStream) resolve(connection);
      else res.on('end', () => resolve(connection));
    });
    req.on('error', reject);
  });
}
