import { request as httpRequest } from 'node:http';

export interface RawAnswer {
  status: number;
  contentType: string;
  /** Where a 201 says the new record is. */
  location?: string;
  /** The start of the answer's text (an event stream is left after its headers: it would never end). */
  text: string;
}

export interface RawRequest {
  method: string;
  /** Sent on the request line as it is: already percent-encoded, never normalized. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const KEPT_CHARS = 2_000;

/**
 * Sends a request byte for byte as given (supertest and fetch would normalize the path or refuse odd bytes), on its
 * own connection. An answer that is an event stream is closed once its status and headers are in. No answer within
 * `timeoutMs` rejects: a request that never answers is a finding too.
 */
export function sendRaw(baseUrl: string, request: RawRequest, timeoutMs: number): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) };
    const req = httpRequest({
      host: hostname,
      port,
      method: request.method,
      path: request.path,
      headers,
      agent: false,
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('response', (res) => {
      const contentType = res.headers['content-type'] ?? '';
      if (contentType.startsWith('text/event-stream')) {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode!, contentType, location: res.headers.location, text: '' });
        return;
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (text.length < KEPT_CHARS) text += chunk.slice(0, KEPT_CHARS - text.length);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode!, contentType, location: res.headers.location, text });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(request.body);
  });
}
