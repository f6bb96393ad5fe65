import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { requestLog } from './requestObserver';

export interface FieldIssue {
  path: string;
  message: string;
}

/** The one error type the API throws; the middleware turns it into the JSON answer. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);
export const badRequest = (message: string, issues: FieldIssue[]) =>
  new AppError(400, 'invalid_request', message, issues);

export function zodIssues(error: ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((issue) => ({ path: [prefix, ...issue.path.map(String)].join('.'), message: issue.message }));
}

const BODY_ERROR_CODES: Record<number, string> = { 413: 'payload_too_large', 415: 'unsupported_media_type' };

export const errorMiddleware: ErrorRequestHandler = (err, _req, res, _next) => {
  if (err instanceof AppError) {
    res
      .status(err.status)
      .json({ error: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) });
    return;
  }
  if (err instanceof ZodError) {
    res
      .status(400)
      .json({ error: 'invalid_request', message: 'the request is not valid', issues: zodIssues(err, 'body') });
    return;
  }
  // The body parsers reject unparseable (400), oversized (413) or undecodable (415) bodies with a status on the error.
  const status = (err as { status?: number; type?: string }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = BODY_ERROR_CODES[status] ?? 'invalid_request';
    res.status(status).json({
      error: code,
      message: (err as Error).message,
      issues: [{ path: 'body', message: (err as Error).message }],
    });
    return;
  }
  const log = requestLog(res);
  if (log) log.error({ err }, 'unhandled error');
  else console.error('unhandled error', err);
  res.status(500).json({ error: 'internal', message: 'something went wrong on our side' });
};
