import type { z } from 'zod';
import { toJsonSchema } from './jsonSchema';
import {
  JSON_TYPE,
  type ErrorStatus,
  type JsonSchema,
  type MediaDoc,
  type ResponseDoc,
  type RouteDoc,
} from './routeDoc';

export const ERROR_SCHEMA_REF = '#/components/schemas/Error';

const RETRY_AFTER = {
  'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer' } },
};

/** The errors a route answers because of how it is called: its credentials and its inputs. */
function impliedErrors(doc: RouteDoc): Partial<Record<ErrorStatus, string>> {
  const errors: Partial<Record<ErrorStatus, string>> = {};
  if (typeof doc.auth === 'object') {
    errors[401] = 'no API key, or an unknown or revoked one';
    errors[403] = `the key's role is not one of: ${rolesOf(doc.auth.roles).join(', ')}`;
    errors[429] = 'too many requests with this key, or too many failed key checks from this address';
  } else if (doc.auth === 'twilio') {
    errors[403] = 'the X-Twilio-Signature header does not match the request';
    errors[429] = 'too many webhook requests, or too many bad signatures, from this address';
  }
  if (doc.params || doc.query || doc.headers || doc.body)
    errors[400] =
      'a field is not valid: `issues` names each one (body.<field>, query.<name>, params.<name>, headers.<name>)';
  if (doc.body?.content[JSON_TYPE]) {
    errors[413] = 'the body is over 100 kB';
    errors[415] = `the body is not ${JSON_TYPE}`;
  }
  return errors;
}

/** Admin may call every keyed route. */
function rolesOf(roles: readonly string[]): string[] {
  return [...new Set([...roles, 'admin'])];
}

function errorResponse(status: number, description: string): object {
  return {
    description,
    ...(status === 429 ? { headers: RETRY_AFTER } : {}),
    content: { [JSON_TYPE]: { schema: { $ref: ERROR_SCHEMA_REF } } },
  };
}

function media(doc: MediaDoc, io: 'input' | 'output'): object {
  return {
    schema: toJsonSchema(doc.schema, io),
    ...(doc.example === undefined ? {} : { example: doc.example }),
    ...(doc.encoding ? { encoding: doc.encoding } : {}),
  };
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

function successResponse(response: ResponseDoc): object {
  return {
    description: response.description,
    ...(response.headers ? { headers: response.headers } : {}),
    ...(response.content ? { content: mapValues(response.content, (m) => media(m, 'output')) } : {}),
  };
}

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query' | 'header'): object[] {
  if (!schema) return [];
  const json = toJsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

function whoMayCall(doc: RouteDoc): string {
  if (doc.auth === 'none') return 'No API key needed.';
  if (doc.auth === 'twilio') return 'Signed by Twilio (X-Twilio-Signature); no API key.';
  return `Roles: ${rolesOf(doc.auth.roles).join(', ')}.`;
}

/** One route as an OpenAPI 3.1 operation. */
export function toOperation(doc: RouteDoc): object {
  const declared = Object.keys(doc.params?.shape ?? {}).sort();
  const inPath = pathParamNames(doc.path).sort();
  if (declared.join() !== inPath.join())
    throw new Error(
      `${doc.method.toUpperCase()} ${doc.path}: path parameters {${inPath.join(', ')}} but params schema {${declared.join(', ')}}`,
    );

  const errors = { ...impliedErrors(doc), ...doc.errors };
  const params = [
    ...parameters(doc.params, 'path'),
    ...parameters(doc.query, 'query'),
    ...parameters(doc.headers, 'header'),
  ];
  return {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    description: [doc.description, whoMayCall(doc)].filter(Boolean).join('\n\n'),
    ...(typeof doc.auth === 'object' ? { 'x-roles': rolesOf(doc.auth.roles) } : {}),
    ...(doc.auth === 'none' ? { security: [] } : doc.auth === 'twilio' ? { security: [{ twilioSignature: [] }] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: doc.body.required ?? true,
            ...(doc.body.description ? { description: doc.body.description } : {}),
            content: mapValues(doc.body.content, (m) => media(m, 'input')),
          },
        }
      : {}),
    responses: {
      ...mapValues(doc.responses, successResponse),
      ...Object.fromEntries(
        Object.entries(errors).map(([status, description]) => [status, errorResponse(Number(status), description)]),
      ),
    },
  };
}
