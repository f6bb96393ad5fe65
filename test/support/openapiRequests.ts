import fc from 'fast-check';
import type { OpenApiDocument } from '../../api/openapi/document';
import { commonBadBodies, malformedJson, notAnObject, type Json } from './badBodies';
import { jsonText, nastyParameter, nastyText, percentEncode, RAW_ESCAPES, textOf } from './nastyValues';
import { tinyJpeg } from './photos';
import { schemaArbitrary, spoiledArbitrary, type JsonSchema } from './schemaArbitrary';
import { multipartBody, type MultipartPart } from './streamedRequest';

/**
 * Requests for any operation of the OpenAPI document, made from its own description of the operation: path and query
 * parameters, headers, and a body of each media type it takes (JSON, multipart with files, a form, CSV). A request is
 * valid (what the document describes, with the ids and names the context says exist) or has one part spoiled (one value
 * in it nasty, or a body that is not what the operation takes at all) and the rest valid; the context says who sends it.
 */

type Where = 'path' | 'query' | 'header';

export interface FuzzParameter {
  name: string;
  in: Where;
  required: boolean;
  schema: JsonSchema;
}

interface Media {
  schema: JsonSchema;
  encoding?: Record<string, { contentType: string }>;
}

export interface FuzzOperation {
  /** As the document names it: `POST /work-orders/{id}/assignment`. */
  key: string;
  method: string;
  path: string;
  auth: { roles: string[] } | 'twilio' | 'none';
  parameters: FuzzParameter[];
  body?: { required: boolean; content: Record<string, Media> };
}

export interface Caller {
  /** For the report: a key's name, `no key`, `bad key`, `signed`, `unsigned`... */
  name: string;
  headers: Record<string, string>;
  /** A Twilio webhook the test system signs: its form goes as `FuzzRequest.signedForm`. */
  signed?: boolean;
}

export interface FuzzRequest {
  operation: string;
  caller: string;
  method: string;
  /** As it goes on the request line: percent-encoded, query included. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What was sent, for the report: `valid JSON`, `body spoiled, malformed JSON`, `query spoiled, valid multipart`... */
  shape: string;
  /** A Twilio webhook's form, to be signed and sent by the test system instead of `body`. */
  signedForm?: Record<string, string>;
}

/** Where a value goes: which operation, sent by whom, in which part of the request. */
export interface HintPlace {
  operation: FuzzOperation;
  caller: Caller;
  in: Where | 'body';
}

export interface RequestContext {
  /** Who sends a request to the operation (keys of every role, none, bad ones; signed or not for Twilio). */
  caller(operation: FuzzOperation): fc.Arbitrary<Caller>;
  /** Values worth sending for a named parameter or field: ids that exist, the caller's own orders, known phones. */
  hint(name: string, schema: JsonSchema, where: HintPlace): fc.Arbitrary<Json> | undefined;
}

type Mode = 'valid' | 'spoiled';

const JSON_TYPE = 'application/json';

/** Every operation of the document. */
export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const operation = raw as {
        security?: Array<Record<string, unknown>>;
        'x-roles'?: string[];
        parameters?: FuzzParameter[];
        requestBody?: FuzzOperation['body'];
      };
      const security = operation.security;
      const auth: FuzzOperation['auth'] =
        security?.length === 0
          ? 'none'
          : security?.some((s) => 'twilioSignature' in s)
            ? 'twilio'
            : { roles: operation['x-roles'] ?? [] };
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        auth,
        parameters: operation.parameters ?? [],
        body: operation.requestBody,
      });
    }
  }
  return operations;
}

type Hint = (name: string, schema: JsonSchema) => fc.Arbitrary<Json> | undefined;

/** Values of a schema: valid, or (spoiled) with exactly one thing wrong. */
function valuesOf(
  schema: JsonSchema,
  mode: Mode,
  options: { hint: Hint; huge?: number },
  name?: string,
): fc.Arbitrary<Json> {
  return mode === 'valid' ? schemaArbitrary(schema, options, name) : spoiledArbitrary(schema, options, name);
}

function parameterValue(
  parameter: FuzzParameter,
  mode: Mode,
  operation: FuzzOperation,
  caller: Caller,
  context: RequestContext,
): fc.Arbitrary<string> {
  const hint = (name: string, schema: JsonSchema) =>
    context.hint(name, schema, { operation, caller, in: parameter.in });
  const fromSchema = valuesOf(parameter.schema, mode, { hint, huge: 3_000 }, parameter.name).map((v) =>
    percentEncode(textOf(v)),
  );
  if (mode === 'valid') return fromSchema;
  return fc.oneof(
    { weight: 6, arbitrary: fromSchema },
    { weight: 2, arbitrary: nastyParameter().map(percentEncode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_ESCAPES) },
    { weight: 1, arbitrary: fc.constantFrom('', '.', '..', '%20', 'x'.repeat(2_000)) },
  );
}

function pathOf(operation: FuzzOperation, mode: Mode, caller: Caller, context: RequestContext): fc.Arbitrary<string> {
  const inPath = operation.parameters.filter((p) => p.in === 'path');
  const values = fc.tuple(...inPath.map((p) => parameterValue(p, mode, operation, caller, context)));
  return values.map((encoded) =>
    inPath.reduce((path, p, i) => path.replace(`{${p.name}}`, encoded[i]!), operation.path),
  );
}

/** The query: its parameters, each there or not; spoiled, one of them is, or a parameter the operation does not know. */
function queryOf(operation: FuzzOperation, mode: Mode, caller: Caller, context: RequestContext): fc.Arbitrary<string> {
  const inQuery = operation.parameters.filter((p) => p.in === 'query');
  const target = mode === 'valid' ? fc.constant(-1) : fc.nat({ max: inQuery.length });
  return target.chain((spoiled) => {
    const pairs = inQuery.map((p, i) => {
      const pair = parameterValue(p, i === spoiled ? 'spoiled' : 'valid', operation, caller, context).map(
        (value) => `${encodeURIComponent(p.name)}=${value}`,
      );
      return p.required || i === spoiled ? pair : fc.option(pair, { freq: 2 });
    });
    const known = fc.tuple(...pairs).map((all) => all.filter((p): p is string => p !== null));
    return spoiled === inQuery.length
      ? withOddParameters(known)
      : known.map((list) => (list.length ? `?${list.join('&')}` : ''));
  });
}

function withOddParameters(known: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  // Unknown names, a name twice, a name with no value, brackets, a query far past any limit.
  const odd = fc.oneof(
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 12 }), nastyParameter())
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`),
    fc.constantFrom(
      'limit=1&limit=2',
      'limit',
      '=1',
      '&&',
      'a[b]=1',
      'cursor[]=1',
      `type=${'x'.repeat(20_000)}`,
      '__proto__=1',
      'constructor[prototype][x]=1',
    ),
  );
  return fc.tuple(known, fc.array(odd, { minLength: 1, maxLength: 2 })).map(([list, extra]) => {
    const all = [...list, ...extra];
    return all.length ? `?${all.join('&')}` : '';
  });
}

/** Header values Node will send (HTTP allows no CR, LF or NUL in them): anything else goes percent-encoded. */
const headerSafe = (value: string) => (/^[\t\x20-\x7e]*$/.test(value) ? value : percentEncode(value));

function headersOf(
  operation: FuzzOperation,
  mode: Mode,
  caller: Caller,
  context: RequestContext,
): fc.Arbitrary<Record<string, string>> {
  const inHeaders = operation.parameters.filter((p) => p.in === 'header');
  const values = inHeaders.map((p) => {
    const header = parameterValue(p, mode, operation, caller, context).map(
      (v) => [p.name, headerSafe(decodeSafely(v))] as const,
    );
    return mode === 'spoiled' ? header : fc.option(header, { freq: 2 });
  });
  return fc
    .tuple(...values)
    .map((entries) => Object.fromEntries(entries.filter((e): e is readonly [string, string] => e !== null)));
}

function decodeSafely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface Body {
  shape: string;
  contentType?: string;
  bytes?: Buffer;
  signedForm?: Record<string, string>;
}

function jsonBodyOf(schema: JsonSchema, mode: Mode, hint: Hint): fc.Arbitrary<Body> {
  const valid = schemaArbitrary(schema, { hint });
  const json = (shape: string, values: fc.Arbitrary<Json>) =>
    values.map((v): Body => ({ shape, contentType: JSON_TYPE, bytes: Buffer.from(jsonText(v)) }));
  if (mode === 'valid') return json('valid JSON', valid);
  const text = (shape: string, contentType: string, raw: string): Body => ({
    shape,
    contentType,
    bytes: Buffer.from(raw),
  });
  return fc.oneof(
    { weight: 15, arbitrary: json('spoiled JSON', spoiledArbitrary(schema, { hint })) },
    { weight: 1, arbitrary: malformedJson.map((raw) => text('malformed JSON', JSON_TYPE, raw)) },
    { weight: 1, arbitrary: notAnObject.map((v) => text('not an object', JSON_TYPE, JSON.stringify(v))) },
    // Another media type, a body too big, a charset the parser does not take.
    {
      weight: 1,
      arbitrary: valid.chain((v) => fc.oneof(...commonBadBodies(v))).map((b) => text(b.kind, b.contentType, b.raw)),
    },
    { weight: 1, arbitrary: valid.map((v) => text('odd charset', 'application/json; charset=utf-16', jsonText(v))) },
    { weight: 1, arbitrary: fc.constant<Body>({ shape: 'no body' }) },
  );
}

const FILE_NAMES = ['before.jpg', 'after.jpg', 'cleanup.jpg', 'photo.png', 'a.heic'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An image file part, or something that claims to be one: the wrong bytes, none, a name that breaks the part's header. */
function filePart(
  fieldName: string,
  contentTypes: string[],
  names: fc.Arbitrary<string>,
  mode: Mode,
): fc.Arbitrary<MultipartPart> {
  const jpeg = fc.string({ maxLength: 12 }).map((label) => tinyJpeg(`fuzz ${label}`));
  const valid = fc.record({
    name: fc.constant(fieldName),
    filename: names,
    contentType: fc.constant('image/jpeg'),
    content: jpeg,
  });
  if (mode === 'valid') return valid;
  const content = fc.oneof(
    jpeg,
    fc.constant(Buffer.alloc(0)),
    fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    fc.constant(Buffer.concat([PNG_SIGNATURE, Buffer.from('not really a png')])),
    fc.constant(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')),
    jpeg.map((bytes) => bytes.subarray(0, 20)),
  );
  const spoiled = fc.record({
    name: fc.oneof(fc.constant(fieldName), fc.constantFrom('photo', 'file', 'manifest', 'notes', '', 'x\u0000')),
    filename: fc.oneof(
      names,
      nastyText({ maxLength: 255 }),
      fc.constantFrom('a"b.jpg', 'line\r\nbreak.jpg', '../../escape.jpg', '.jpg', ''),
    ),
    contentType: fc.constantFrom(...contentTypes, 'application/octet-stream', 'text/html', 'image/svg+xml', ''),
    content,
  });
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 3, arbitrary: spoiled });
}

/**
 * Makes the files' names distinct and the field that describes files (a JSON list of entries with a `file`, as the
 * photo manifest) name each of them once, in order: an upload whose parts agree, as a phone sends it.
 */
function nameEachFile(parts: readonly MultipartPart[], describesFiles: (field: string) => boolean): MultipartPart[] {
  const seen = new Set<string>();
  const named = parts.map((part, i) => {
    if (part.filename === undefined) return part;
    const filename = seen.has(part.filename) ? `${i}-${part.filename}` : part.filename;
    seen.add(filename);
    return { ...part, filename };
  });
  const names = named.filter((p) => p.filename !== undefined).map((p) => p.filename!);
  return named.map((part) => {
    if (
      part.filename !== undefined ||
      !describesFiles(part.name) ||
      typeof part.content !== 'string' ||
      names.length === 0
    )
      return part;
    try {
      const entries = JSON.parse(part.content) as unknown;
      if (!Array.isArray(entries) || entries.length === 0 || !entries.every((e) => e !== null && typeof e === 'object'))
        return part;
      return {
        ...part,
        content: jsonText(names.map((file, i) => ({ ...(entries[i % entries.length] as Record<string, Json>), file }))),
      };
    } catch {
      return part; // not JSON: a spoiled field stays as it was
    }
  });
}

/** A multipart body: the schema's text fields as parts, its file arrays as file parts; spoiled in its fields, files or framing. */
function multipartBodyOf(media: Media, mode: Mode, hint: Hint): fc.Arbitrary<Body> {
  if (mode === 'valid') return multipartOf(media, 'valid', 'valid', hint, 'valid multipart');
  return fc.oneof(
    { weight: 3, arbitrary: multipartOf(media, 'spoiled', 'valid', hint, 'multipart, fields spoiled') },
    { weight: 2, arbitrary: multipartOf(media, 'valid', 'spoiled', hint, 'multipart, files spoiled') },
    {
      weight: 1,
      arbitrary: fc.tuple(multipartOf(media, 'valid', 'valid', hint, ''), fc.boolean()).map(([body, cut]): Body =>
        // Broken framing: cut short, or announced without its boundary.
        cut
          ? {
              shape: 'truncated multipart',
              contentType: body.contentType,
              bytes: body.bytes!.subarray(0, Math.floor(body.bytes!.length / 2)),
            }
          : { shape: 'multipart without boundary', contentType: 'multipart/form-data', bytes: body.bytes },
      ),
    },
  );
}

function multipartOf(media: Media, fieldMode: Mode, fileMode: Mode, hint: Hint, shape: string): fc.Arbitrary<Body> {
  const properties = (media.schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((media.schema.required ?? []) as string[]);
  const isFiles = (s: JsonSchema) =>
    s.type === 'array' && typeof (s.items as JsonSchema | undefined)?.contentMediaType === 'string';
  const names =
    (hint('filename', { type: 'string' }) as fc.Arbitrary<string> | undefined) ?? fc.constantFrom(...FILE_NAMES);
  const parts = Object.entries(properties).map(([name, schema]): fc.Arbitrary<MultipartPart[]> => {
    if (isFiles(schema)) {
      const types = (media.encoding?.[name]?.contentType ?? 'application/octet-stream').split(/,\s*/);
      const files = fc.array(filePart(name, types, names, fileMode), {
        minLength: required.has(name) ? 1 : 0,
        maxLength: fileMode === 'valid' ? 3 : 5,
      });
      if (fileMode === 'valid' || typeof schema.maxItems !== 'number') return files;
      // One file past the limit now and then.
      const tooMany = fc.constant(
        Array.from({ length: schema.maxItems + 1 }, (_, i) => ({
          name,
          filename: `${i}.jpg`,
          contentType: 'image/jpeg',
          content: tinyJpeg(`too many ${i}`),
        })),
      );
      return fc.oneof({ weight: 9, arbitrary: files }, { weight: 1, arbitrary: tooMany });
    }
    const value = valuesOf(schema, fieldMode, { hint }, name).map((v): MultipartPart[] => [
      { name, content: textOf(v) },
    ]);
    return required.has(name) ? value : fc.option(value, { freq: 5, nil: [] as MultipartPart[] });
  });
  const describesFiles = (name: string) =>
    Boolean(
      (
        ((properties[name]?.contentSchema as JsonSchema | undefined)?.items as JsonSchema | undefined)?.properties as
          JsonSchema | undefined
      )?.file,
    );
  const boundary = fc
    .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 16 })
    .map((hex) => `fuzz${hex}`);
  return fc.tuple(fc.tuple(...parts), boundary).map(([groups, boundary]): Body => {
    const all = nameEachFile(groups.flat(), describesFiles);
    return {
      shape,
      contentType: `multipart/form-data; boundary=${boundary}`,
      bytes: Buffer.concat([...multipartBody(boundary, all)]),
    };
  });
}

/** Form fields as text; a signed request goes as a record for the test system to sign, an unsigned one as raw bytes. */
function formBodyOf(schema: JsonSchema, mode: Mode, caller: Caller, hint: Hint): fc.Arbitrary<Body> {
  const fields = valuesOf(schema, mode, { hint }).map((v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.entries(v).map(([name, value]) => [name, textOf(value)] as [string, string])
      : [['Body', textOf(v)] as [string, string]],
  );
  const shape = mode === 'valid' ? 'valid form' : 'spoiled form';
  if (caller.signed) return fields.map((entries): Body => ({ shape, signedForm: Object.fromEntries(entries) }));
  const encoded = fields.map((entries) =>
    entries.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`),
  );
  return fc
    .tuple(
      encoded,
      fc.array(fc.constantFrom(...RAW_ESCAPES.map((e) => `Body=${e}`), 'From=1&From=2', 'Body'), {
        maxLength: mode === 'valid' ? 0 : 2,
      }),
    )
    .map(([pairs, raw]): Body => ({
      shape,
      contentType: 'application/x-www-form-urlencoded',
      bytes: Buffer.from([...pairs, ...raw].join('&')),
    }));
}

/** The first list of objects in a schema: what a CSV body's lines are, when the same route takes them as JSON rows. */
function rowsSchemaIn(schema: JsonSchema): { name: string; items: JsonSchema } | undefined {
  for (const branch of ((schema.anyOf ?? schema.oneOf ?? [schema]) as JsonSchema[]).filter(Boolean)) {
    for (const [name, property] of Object.entries((branch.properties ?? {}) as Record<string, JsonSchema>)) {
      if (property.type === 'array' && (property.items as JsonSchema | undefined)?.type === 'object')
        return { name, items: property.items as JsonSchema };
    }
  }
  return undefined;
}

function csvCell(value: Json): string {
  const cell = value === null ? '' : textOf(value);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** CSV lines from the rows the route also takes as JSON; spoiled: a BOM, a quote left open, ragged lines, bare LFs. */
function csvBodyOf(
  contentType: string,
  jsonSchema: JsonSchema | undefined,
  mode: Mode,
  hint: Hint,
): fc.Arbitrary<Body> {
  const rows = jsonSchema && rowsSchemaIn(jsonSchema);
  const row = (rowMode: Mode) =>
    rows
      ? valuesOf(rows.items, rowMode, { hint }, rows.name)
      : fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 20 }));
  const lines = (firstRow: Mode) =>
    fc.tuple(row(firstRow), fc.array(row('valid'), { maxLength: 3 })).map(([first, more]) => {
      const objects = [first, ...more].filter(
        (r): r is { [key: string]: Json } => r !== null && typeof r === 'object' && !Array.isArray(r),
      );
      const header = [...new Set(objects.flatMap((r) => Object.keys(r)))];
      return [
        header.map(csvCell).join(','),
        ...objects.map((r) => header.map((h) => csvCell(r[h] ?? null)).join(',')),
      ].join('\r\n');
    });
  const body = (shape: string, text: string): Body => ({ shape, contentType, bytes: Buffer.from(text) });
  if (mode === 'valid') return lines('valid').map((text) => body('valid CSV', text));
  const damage = fc.constantFrom<(text: string) => string>(
    (t) => `\ufeff${t}`,
    (t) => `${t}\r\n"an open quote,x`,
    (t) => `${t}\r\n1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23`,
    (t) => t.replace(/\r\n/g, '\n'),
    (t) => `${t}\r\n\u0000,\ud800`,
    (t) => t.split('\r\n')[0]!,
  );
  // Spoiled: one cell of the first row, or the text around the cells.
  return fc.oneof(
    { weight: 2, arbitrary: lines('spoiled').map((text) => body('CSV, a cell spoiled', text)) },
    {
      weight: 1,
      arbitrary: fc.tuple(lines('valid'), damage).map(([text, spoil]) => body('CSV, its text spoiled', spoil(text))),
    },
  );
}

function bodyOf(operation: FuzzOperation, mode: Mode, caller: Caller, context: RequestContext): fc.Arbitrary<Body> {
  const body = operation.body;
  if (!body) return fc.constant<Body>({ shape: 'no body' });
  const hint = (name: string, schema: JsonSchema) => context.hint(name, schema, { operation, caller, in: 'body' });
  const choices = Object.entries(body.content).map(([contentType, media]) => {
    if (contentType === JSON_TYPE) return jsonBodyOf(media.schema, mode, hint);
    if (contentType === 'multipart/form-data') return multipartBodyOf(media, mode, hint);
    if (contentType === 'application/x-www-form-urlencoded') return formBodyOf(media.schema, mode, caller, hint);
    if (/csv/.test(contentType)) return csvBodyOf(contentType, body.content[JSON_TYPE]?.schema, mode, hint);
    return fc.constant<Body>({ shape: `no generator for ${contentType}` });
  });
  return fc.oneof(...choices);
}

/** How a request reads in a counterexample: long bodies and paths cut short. */
function printable(request: FuzzRequest): FuzzRequest {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const body = request.signedForm
    ? `signed form ${cut(JSON.stringify(request.signedForm), 600)}`
    : request.body
      ? cut(JSON.stringify(request.body.toString('utf8')), 600)
      : '(none)';
  const line = `${request.operation} as ${request.caller}: ${request.method} ${cut(request.path, 300)} headers ${JSON.stringify(request.headers)} ${request.shape} body ${body}`;
  Object.defineProperty(request, fc.toStringMethod, { value: () => line, enumerable: false });
  Object.defineProperty(request, 'toString', { value: () => line, enumerable: false });
  return request;
}

type Part = 'path' | 'query' | 'header' | 'body';

/** Which part of a request to spoil, by how much it holds; the other parts stay valid, so the spoiled one is what gets judged. */
function partsToSpoil(operation: FuzzOperation): fc.Arbitrary<Part> {
  const has = (where: Where) => operation.parameters.some((p) => p.in === where);
  const weighted: Array<{ weight: number; arbitrary: fc.Arbitrary<Part> }> = [
    { weight: has('query') ? 2 : 1, arbitrary: fc.constant<Part>('query') },
  ];
  if (has('path')) weighted.push({ weight: 1, arbitrary: fc.constant<Part>('path') });
  if (has('header')) weighted.push({ weight: 1, arbitrary: fc.constant<Part>('header') });
  if (operation.body) weighted.push({ weight: 4, arbitrary: fc.constant<Part>('body') });
  return fc.oneof(...weighted);
}

/** Requests to one operation: valid one time in four, otherwise with one part spoiled; sent by the context's callers. */
export function requestsFor(operation: FuzzOperation, context: RequestContext): fc.Arbitrary<FuzzRequest> {
  const spoiled = fc.oneof(
    { weight: 1, arbitrary: fc.constant<Part | null>(null) },
    { weight: 3, arbitrary: partsToSpoil(operation) },
  );
  // Callers and parts are few: each pair's generator is built once.
  const built = new Map<string, fc.Arbitrary<FuzzRequest>>();
  return fc.tuple(context.caller(operation), spoiled).chain(([caller, part]) => {
    const key = JSON.stringify([caller, part]);
    if (!built.has(key)) built.set(key, requestsOf(operation, context, caller, part));
    return built.get(key)!;
  });
}

function requestsOf(
  operation: FuzzOperation,
  context: RequestContext,
  caller: Caller,
  part: Part | null,
): fc.Arbitrary<FuzzRequest> {
  const mode = (of: Part): Mode => (of === part ? 'spoiled' : 'valid');
  return fc
    .record({
      path: pathOf(operation, mode('path'), caller, context),
      query: queryOf(operation, mode('query'), caller, context),
      headers: headersOf(operation, mode('header'), caller, context),
      body: bodyOf(operation, mode('body'), caller, context),
    })
    .map(({ path, query, headers, body }) => {
      const all: Record<string, string> = { ...caller.headers, ...headers };
      if (body.contentType !== undefined) all['content-type'] = body.contentType;
      const shape = part === null ? body.shape : `${part} spoiled, ${body.shape}`;
      return printable({
        operation: operation.key,
        caller: caller.name,
        method: operation.method,
        path: `${path}${query}`,
        headers: all,
        body: body.bytes,
        shape,
        signedForm: body.signedForm,
      });
    });
}
