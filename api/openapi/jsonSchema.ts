import { z } from 'zod';
import type { JsonSchema, SchemaSource } from './routeDoc';

/**
 * A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): a request as the route accepts it (defaults
 * optional, coerced strings as their target type), an answer as it is sent. A schema JSON cannot express (a custom
 * check, a Date) throws here, so the document never pretends to describe it.
 */
export function toJsonSchema(source: SchemaSource, io: 'input' | 'output'): JsonSchema {
  if (!(source instanceof z.ZodType)) return source;
  const { $schema: _dialect, ...schema } = z.toJSONSchema(source, { io, target: 'draft-2020-12' });
  return schema;
}
