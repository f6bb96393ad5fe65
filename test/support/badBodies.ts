import fc from 'fast-check';
import type { z } from 'zod';
import { zodIssues } from '../../api/errors';

/**
 * Bad request bodies for the property tests, each with what the API must answer. With a schema (the route's own,
 * as the oracle) every generated body is one the schema refuses, and the answer must be a 400 naming exactly the
 * paths zod names.
 */
export interface BadBody {
  kind: string;
  contentType: string;
  raw: string;
  expect: { status: 400; paths: string[] } | { status: 400; pathsUnder: 'body' } | { status: 413 | 415 };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = Array<string | number>;

/** Names a mass assignment would try, and names JavaScript treats specially. */
const TEMPTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'technicianId',
  'status',
  'createdBy',
  'actor',
  'reportedBy',
  'role',
  'id',
  'number',
  'metadata',
  'approved',
];
export const extraKey = fc.oneof(fc.constantFrom(...TEMPTING_KEYS), fc.string({ minLength: 1, maxLength: 24 }));
/** Junk of every JSON type, nested a few levels. */
export const junk: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>;
// Sizes keep even several of them in one body under the 100 kB limit: these must be refused by the schema.
const hugeString = fc.integer({ min: 5_000, max: 20_000 }).map((n) => 'x'.repeat(n));
/**
 * Nested far deeper than any schema, still within the size limit. JSON.stringify recurses, so such a value travels
 * as a placeholder string that becomes the nested arrays in the text sent.
 */
const DEEP = '\u0001deep:';
export const deepNesting = fc.integer({ min: 500, max: 10_000 }).map((depth): Json => `${DEEP}${depth}`);
export const serialized = (body: Json) =>
  JSON.stringify(body).replace(
    /"\\u0001deep:(\d+)"/g,
    (_, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`,
  );

/** Sets an own property, even `__proto__` (plain assignment would change the prototype instead). */
export function define(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

export function pathsOf(value: Json, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value)
    ? value.map((v, i) => pathsOf(v, [...at, i]))
    : Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k]));
  return [at, ...children.flat()];
}

type Change = { op: 'delete' } | { op: 'replace'; value: Json } | { op: 'add'; key: string; value: Json };

export function changed(base: Json, path: Path, change: Change): Json {
  if (path.length === 0) {
    if (change.op === 'replace') return change.value;
    if (change.op === 'add' && base !== null && typeof base === 'object' && !Array.isArray(base)) {
      const copy = { ...base };
      define(copy, change.key, change.value);
      return copy;
    }
    return base;
  }
  const [head, ...rest] = path;
  // An earlier change may have replaced what this path goes through.
  if (base === null || typeof base !== 'object') return base;
  if (Array.isArray(base)) {
    const copy = [...base];
    if (rest.length === 0 && change.op === 'delete') copy.splice(head as number, 1);
    else copy[head as number] = changed(copy[head as number]!, rest, change);
    return copy;
  }
  const copy = { ...(base as Record<string, Json>) };
  if (rest.length === 0 && change.op === 'delete') delete copy[head as string];
  else define(copy, head as string, changed(copy[head as string]!, rest, change));
  return copy;
}

const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constant({ op: 'delete' as const }),
  junk.map((value) => ({ op: 'replace' as const, value })),
  hugeString.map((value) => ({ op: 'replace' as const, value })),
  fc
    .record({ key: extraKey, value: fc.oneof(junk, deepNesting) })
    .map(({ key, value }) => ({ op: 'add' as const, key, value })),
);

/** A valid body with one to three changes anywhere in it: fields dropped, retyped, made huge, or added. */
function mutations(valid: Json): fc.Arbitrary<Json> {
  const paths = pathsOf(valid);
  const one = fc.tuple(fc.constantFrom(...paths), change);
  return fc
    .array(one, { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce((body, [path, c]) => changed(body, path, c), valid));
}

export const malformedJson = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"a":',
      '[1,',
      '{"a" 1}',
      "{'a': 1}",
      '{"a": undefined}',
      '{"a": NaN}',
      '{"a": 1,}',
      '\u0000',
      '{"a": "\\x"}',
    ),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** JSON the parser accepts but no body schema can: every route's body is an object. */
export const notAnObject = fc.oneof(
  fc.array(junk, { maxLength: 5 }),
  fc.constantFrom<Json>(null, true, false, 0, -1, 1e308, '', 'body'),
  fc.string({ maxLength: 50 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** How a sample reads in a counterexample: long bodies cut short. */
export function printable<T extends BadBody>(sample: T): T {
  const raw = sample.raw.length > 400 ? `${sample.raw.slice(0, 400)}… (${sample.raw.length} chars)` : sample.raw;
  Object.defineProperty(sample, fc.toStringMethod, {
    value: () => JSON.stringify({ ...sample, raw }),
    enumerable: false,
  });
  return sample;
}

/** The same bad body as the API reads it: the oracle sees what went over the wire. */
function judged(schema: z.ZodType, kind: string, body: Json): { ok: boolean; sample: BadBody } {
  const raw = serialized(body);
  const result = schema.safeParse(JSON.parse(raw));
  const paths = result.success ? [] : zodIssues(result.error, 'body').map((i) => i.path);
  return { ok: result.success, sample: { kind, contentType: 'application/json', raw, expect: { status: 400, paths } } };
}

/** Every kind of bad body for a JSON route, refused by `schema`. */
export function badJsonBodies(schema: z.ZodType, valid: Json): fc.Arbitrary<BadBody> {
  const refused = (kind: string, bodies: fc.Arbitrary<Json>) =>
    bodies
      .map((body) => judged(schema, kind, body))
      .filter((j) => !j.ok)
      .map((j) => j.sample);
  const primitiveOrArray = notAnObject.map((body): BadBody => {
    const raw = JSON.stringify(body);
    // The parser takes only objects and arrays (strict mode); an array then fails the schema at `body`.
    return {
      kind: 'not an object',
      contentType: 'application/json',
      raw,
      expect: Array.isArray(body) ? { status: 400, paths: ['body'] } : { status: 400, pathsUnder: 'body' },
    };
  });
  const any = fc.oneof(
    { weight: 5, arbitrary: refused('changed fields', mutations(valid)) },
    {
      weight: 2,
      arbitrary: refused(
        'extra fields',
        fc
          .dictionary(extraKey, fc.oneof(junk, deepNesting), { minKeys: 1, maxKeys: 4 })
          .map((extra) => ({ ...(valid as object), ...extra })),
      ),
    },
    { weight: 1, arbitrary: refused('wrong fields only', fc.dictionary(extraKey, junk, { maxKeys: 5 })) },
    { weight: 1, arbitrary: primitiveOrArray },
    {
      weight: 1,
      arbitrary: malformedJson.map((raw): BadBody => ({
        kind: 'malformed JSON',
        contentType: 'application/json',
        raw,
        expect: { status: 400, pathsUnder: 'body' },
      })),
    },
    ...commonBadBodies(valid),
  );
  return any.map(printable);
}

/** Bodies refused before any schema looks at them: the wrong media type, or too big. */
export function commonBadBodies(
  valid: Json,
  limitBytes = 100 * 1024,
): Array<{ weight: number; arbitrary: fc.Arbitrary<BadBody> }> {
  return [
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/xml',
            'application/octet-stream',
          ),
          fc.oneof(fc.constant(JSON.stringify(valid)), fc.string({ minLength: 1, maxLength: 200 })),
        )
        .map(([contentType, raw]): BadBody => ({ kind: 'not JSON', contentType, raw, expect: { status: 415 } })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: limitBytes + 1, max: limitBytes * 3 }).map((size): BadBody => {
        const raw = JSON.stringify({ ...(valid as object), padding: 'x'.repeat(size) });
        return { kind: 'too big', contentType: 'application/json', raw, expect: { status: 413 } };
      }),
    },
  ];
}

/** Form-encoded webhook parameters refused by `schema` (values are strings on the wire; unknown names are allowed). */
export function badFormParams(
  schema: z.ZodType,
  valid: Record<string, string>,
): fc.Arbitrary<{ params: Record<string, string>; paths: string[] }> {
  const names = Object.keys(valid);
  const value = fc.oneof(
    fc.constant(''),
    fc.constant('   '),
    fc.string({ maxLength: 40 }),
    fc.integer({ min: 33, max: 3000 }).map((n) => 'x'.repeat(n)),
  );
  const extra = fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/), fc.string({ maxLength: 40 }), {
    maxKeys: 4,
  });
  return fc
    .record({
      dropped: fc.subarray(names),
      retyped: fc.dictionary(fc.constantFrom(...names), value, { maxKeys: names.length }),
      extra,
    })
    .map(({ dropped, retyped, extra }) => {
      const params: Record<string, string> = { ...extra, ...valid, ...retyped };
      for (const name of dropped) delete params[name];
      const result = schema.safeParse(params);
      return { params, paths: result.success ? null : zodIssues(result.error, 'body').map((i) => i.path) };
    })
    .filter((p): p is { params: Record<string, string>; paths: string[] } => p.paths !== null);
}
