import { Transform, type Writable } from 'node:stream';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { AppError, badRequest } from '../errors';
import { MAX_PHOTOS_PER_REQUEST, type UploadedFile } from './manifest';

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** Files are held in memory until every check has passed; this bounds what one request can make us hold. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

const uploadTooLarge = (what: string) =>
  new AppError(
    413,
    'payload_too_large',
    `${what}; at most ${mb(MAX_UPLOAD_BYTES)} per request (send the photos in several requests)`,
    [{ path: 'body', message: `larger than ${mb(MAX_UPLOAD_BYTES)}` }],
  );

/**
 * Feeds the body to busboy through a counter of the bytes actually received: a chunked body (no Content-Length) is
 * refused as soon as it passes the limit, like one that declares too much. Node frames a body by its Content-Length,
 * so a body cannot run past what it declared either. busboy counts each file's bytes itself (`fileSize`).
 */
function streamWithinLimit(req: Request, busboy: Writable): void {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > MAX_UPLOAD_BYTES) callback(uploadTooLarge(`the upload is over ${mb(MAX_UPLOAD_BYTES)}`));
      else callback(null, chunk);
    },
  });
  // multer answers busboy's error: it drops the files read so far and drains the rest of the body before answering.
  counter.on('error', (err) => busboy.destroy(err));
  req.pipe(counter).pipe(busboy);
}

/** multer 2.5 takes a `streamHandler`; its type definitions predate it. */
type MulterOptions = multer.Options & { streamHandler: (req: Request, busboy: Writable) => void };

const options: MulterOptions = {
  storage: multer.memoryStorage(),
  limits: {
    fileSize: MAX_PHOTO_BYTES,
    files: MAX_PHOTOS_PER_REQUEST,
    fields: 10,
    fieldSize: 256 * 1024,
    parts: MAX_PHOTOS_PER_REQUEST + 10,
  },
  // Clients send file names as UTF-8; the manifest (JSON, UTF-8) names them the same way.
  defParamCharset: 'utf8',
  streamHandler: streamWithinLimit,
};
const upload = multer(options).any();

/** Reads a multipart body: its files (any field name) and its text fields. Every problem with the body is a 4xx. */
export async function readMultipart(req: Request, res: Response): Promise<{ files: UploadedFile[]; fields: unknown }> {
  const declaredLength = Number(req.header('content-length'));
  // Refused before a byte is read; a body without a Content-Length is counted as it arrives.
  if (Number.isFinite(declaredLength) && declaredLength > MAX_UPLOAD_BYTES)
    throw uploadTooLarge(`the upload is ${mb(declaredLength)}`);
  await new Promise<void>((resolve, reject) => {
    upload(req, res, (err: unknown) => (err ? reject(toAppError(err)) : resolve()));
  });
  return { files: (req.files as UploadedFile[] | undefined) ?? [], fields: req.body as unknown };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof MulterError) {
    // multer 2 names the file of a file error; its type definitions predate that.
    const named = (err as MulterError & { filename?: string }).filename ?? err.field;
    switch (err.code as string) {
      case 'LIMIT_FILE_SIZE':
        return new AppError(413, 'photo_too_large', `${named ?? 'a photo'} is larger than ${mb(MAX_PHOTO_BYTES)}`, [
          { path: `files.${named ?? ''}`, message: `larger than ${mb(MAX_PHOTO_BYTES)}` },
        ]);
      case 'LIMIT_FILE_COUNT':
        return badRequest(`at most ${MAX_PHOTOS_PER_REQUEST} photos per request`, [
          { path: 'files', message: `more than ${MAX_PHOTOS_PER_REQUEST} files` },
        ]);
      default:
        return badRequest(`the multipart body is not valid: ${err.message}`, [
          { path: named ? `body.${named}` : 'body', message: err.message },
        ]);
    }
  }
  // busboy's own complaints (no boundary, a truncated body, a malformed part header) are the client's.
  return badRequest(`the multipart body could not be read: ${(err as Error).message ?? String(err)}`, [
    { path: 'body', message: 'malformed multipart/form-data' },
  ]);
}
