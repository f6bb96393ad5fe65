import type { Request } from 'express';
import type { z } from 'zod';
import { AppError, zodIssues } from './errors';

type Part = 'body' | 'query' | 'params' | 'headers';

/** Parses one part of the request with its schema; a failure is a 400 naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, req: Request, part: Part): z.infer<S> {
  // A body no parser took (text, a form, multipart where JSON is expected) would otherwise read as {}.
  if (part === 'body' && req.body === undefined && carriesBody(req))
    throw new AppError(415, 'unsupported_media_type', 'send the body as application/json');
  const result = schema.safeParse(req[part] ?? {});
  if (!result.success)
    throw new AppError(400, 'invalid_request', `the request ${part} is not valid`, zodIssues(result.error, part));
  return result.data;
}

function carriesBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
