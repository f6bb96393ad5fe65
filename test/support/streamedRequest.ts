import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';

export interface StreamedAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The JSON answer, or its text when it is not JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * POSTs a body as it is generated. Without `contentLength` it goes `Transfer-Encoding: chunked` with no
 * Content-Length, so only the bytes that arrive can tell the server how big it is (supertest always declares a
 * length). With `contentLength`, that length is declared whether or not it is true.
 */
export function postStreamed(
  url: string,
  headers: Record<string, string>,
  body: Iterable<Buffer> | AsyncIterable<Buffer>,
  options: { contentLength?: number } = {},
): Promise<StreamedAnswer> {
  const framing =
    options.contentLength === undefined
      ? { 'transfer-encoding': 'chunked' }
      : { 'content-length': String(options.contentLength) };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { ...headers, ...framing } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON: the text is the answer
        }
        resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
      });
    });
    // An error after the answer (the server closing while bytes are still on their way) changes nothing: it is settled.
    req.on('error', reject);
    Readable.from(body).pipe(req);
  });
}

/** `total` bytes of noise, in slices of 64 KiB (one random block repeated: nothing is kept in memory). */
export function* noise(total: number): Generator<Buffer> {
  const block = randomBytes(64 * 1024);
  for (let left = total; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
}

export interface MultipartPart {
  name: string;
  /** Makes the part a file. */
  filename?: string;
  contentType?: string;
  content: string | Buffer | Iterable<Buffer>;
}

/** A multipart/form-data body, part by part, as it is generated. */
export function* multipartBody(boundary: string, parts: readonly MultipartPart[]): Generator<Buffer> {
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ? `Content-Type: ${part.contentType}\r\n` : '';
    yield Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`);
    if (typeof part.content === 'string') yield Buffer.from(part.content);
    else if (Buffer.isBuffer(part.content)) yield part.content;
    else yield* part.content;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}
