import type { z } from 'zod';
import type { Role } from '../../db/queries/apiKeys';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The error answers the document knows how to describe; each has the common body ({ error, message, issues? }). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** A JSON Schema written by hand, for what no zod schema describes (files, CSV text, TwiML, the SSE stream). */
export type JsonSchema = { [keyword: string]: unknown };

/** A zod schema is documented as the route validates it (its input, for a request; its output, for an answer). */
export type SchemaSource = z.ZodType | JsonSchema;

export interface MediaDoc {
  schema: SchemaSource;
  example?: unknown;
  /** Per multipart field: the content type of its part. */
  encoding?: Record<string, { contentType: string }>;
}

export interface ResponseDoc {
  description: string;
  /** By content type; none for an empty answer (204). */
  content?: Record<string, MediaDoc>;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

/** Who may call: an API key with one of these roles (admin always may), Twilio's signature, or anyone. */
export type RouteAuth = { roles: Role[] } | 'twilio' | 'none';

/**
 * One operation of the API, declared with the zod schemas its router validates with. The document is built from
 * these alone, and test/unit/openapi.test.ts checks them against the routes the app really serves.
 */
export interface RouteDoc {
  method: Method;
  /** In OpenAPI form: `/work-orders/{id}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  auth: RouteAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route validates (names in lower case, as Node has them). */
  headers?: z.ZodObject;
  body?: { required?: boolean; description?: string; content: Record<string, MediaDoc> };
  /** The success answers. */
  responses: Record<number, ResponseDoc>;
  /**
   * Errors beyond those the auth and the inputs imply (401/403/429, 400, 413/415 for JSON), or a route's own
   * wording of those.
   */
  errors?: Partial<Record<ErrorStatus, string>>;
}

export const JSON_TYPE = 'application/json';

/** A JSON body or answer. */
export function json(schema: SchemaSource, example?: unknown): Record<string, MediaDoc> {
  return { [JSON_TYPE]: example === undefined ? { schema } : { schema, example } };
}
