import fc from 'fast-check';
import { changed, define, extraKey, junk, pathsOf, type Json, type Path } from './badBodies';
import { jsonText, nastyDate, nastyInstant, nastyNumber, nastyNumericText, nastyText, wrongType } from './nastyValues';

/**
 * Values from a JSON Schema (the OpenAPI document's dialect, as zod writes it): the values the schema describes
 * (schemaArbitrary), or such a value with exactly one of its values replaced by a nasty one (nastyValues.ts), a required
 * field dropped or a field added (spoiledArbitrary): one thing wrong at a time, so that nothing else in the value is
 * refused first and hides it. The keywords handled are those api/openapi writes: type, enum, const, anyOf/oneOf,
 * properties, required, additionalProperties, propertyNames, items, min/max(Items|Length|imum), exclusiveMinimum,
 * pattern, format (date-time, date) and contentSchema (JSON inside a string).
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface SchemaArbitraryOptions {
  /** Values worth sending for a named property (ids that exist, the current rules version), mixed with the schema's own. */
  hint?(name: string, schema: JsonSchema): fc.Arbitrary<Json> | undefined;
  /** The length of the far-too-long text to try (nastyValues.ts TextBounds.huge). */
  huge?: number;
}

const EARLIEST = new Date(Date.UTC(2000, 0, 1));
const LATEST = new Date(Date.UTC(2099, 11, 31, 23, 59, 59));
/** Lengths of generated lists, but for an occasional list of the maximal length. */
const USUAL_ITEMS = 4;

/** An instant as a client writes it: with milliseconds, without, or with an offset instead of Z. */
function instant(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.date({ min: EARLIEST, max: LATEST, noInvalidDate: true }), fc.constantFrom('ms', 's', 'offset'))
    .map(([date, style]) => {
      if (style === 'ms') return date.toISOString();
      if (style === 's') return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
      return new Date(date.getTime() + 2 * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '+02:00');
    });
}

const calendarDate = () =>
  fc.date({ min: EARLIEST, max: LATEST, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const WORDS = [
  'the',
  'kitchen',
  'sink',
  'leaks',
  'water',
  'heater',
  'broken',
  'door',
  'light',
  'fuse',
  'mold',
  'fuga',
  'agua',
  'cocina',
  '水漏れ',
  'ñ',
  '💧',
  'Apt',
  '4B',
  '#12',
];

function text(min: number, max: number): fc.Arbitrary<string> {
  // Cut to the maximum without cutting an emoji in two: an unpaired half would be a nasty value, not a valid one.
  const fit = (value: string) =>
    (value.length < min ? value.padEnd(min, 'x') : value).slice(0, max).replace(/[\uD800-\uDBFF]$/, '');
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 })
        .map((words) => fit(words.join(' '))),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: Math.min(max, 40) }).map(fit) },
    // The longest text the field takes, in letters and in emoji (two UTF-16 code units each).
    {
      weight: 1,
      arbitrary: fc.constantFrom('x'.repeat(max), '💧'.repeat(Math.floor(max / 2)).padEnd(Math.max(min, 0), 'x')),
    },
  );
}

function integerBounds(schema: JsonSchema): { min: number; max: number } {
  const exclusive = schema.exclusiveMinimum as number | undefined;
  const min =
    exclusive !== undefined ? Math.floor(exclusive) + 1 : ((schema.minimum as number | undefined) ?? -1_000_000);
  const max = (schema.maximum as number | undefined) ?? min + 2_000_000;
  return { min, max };
}

function validNumber(schema: JsonSchema): fc.Arbitrary<Json> {
  if (schema.type === 'integer') {
    const { min, max } = integerBounds(schema);
    return fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min, max }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max) },
    );
  }
  const exclusive = schema.exclusiveMinimum as number | undefined;
  return fc.double({
    min: exclusive ?? (schema.minimum as number | undefined) ?? -1e9,
    minExcluded: exclusive !== undefined,
    max: (schema.maximum as number | undefined) ?? 1e9,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

function validString(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<Json> {
  if (schema.contentSchema && schema.contentMediaType === 'application/json')
    return schemaArbitrary(schema.contentSchema as JsonSchema, options).map(jsonText);
  if (schema.format === 'date-time') return instant();
  if (schema.format === 'date') return calendarDate();
  const min = (schema.minLength as number | undefined) ?? 0;
  const max = (schema.maxLength as number | undefined) ?? 200;
  if (typeof schema.pattern === 'string')
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  return text(min, max);
}

function validArray(schema: JsonSchema, options: SchemaArbitraryOptions, name: string | undefined): fc.Arbitrary<Json> {
  const item = schemaArbitrary((schema.items as JsonSchema | undefined) ?? {}, options, name);
  const min = (schema.minItems as number | undefined) ?? 0;
  const max = schema.maxItems as number | undefined;
  const usual = fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(max ?? USUAL_ITEMS, USUAL_ITEMS)) });
  if (max === undefined || max <= USUAL_ITEMS || max > 60) return usual;
  return fc.oneof(
    { weight: 6, arbitrary: usual },
    { weight: 1, arbitrary: fc.array(item, { minLength: max, maxLength: max }) },
  );
}

function validObject(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<{ [key: string]: Json }> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = ((schema.required ?? []) as string[]).filter((key) => key in properties);
  const model = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [key, schemaArbitrary(property, options, key)]),
  );
  const fixed = fc.record(model, { requiredKeys: required }) as fc.Arbitrary<{ [key: string]: Json }>;
  if (typeof schema.additionalProperties !== 'object') return fixed;
  const keys = schema.propertyNames
    ? (schemaArbitrary(schema.propertyNames as JsonSchema, {}) as fc.Arbitrary<string>)
    : fc.string({ minLength: 1, maxLength: 20 });
  const more = fc.dictionary(keys, schemaArbitrary(schema.additionalProperties as JsonSchema, options), {
    maxKeys: USUAL_ITEMS,
  });
  return fc.tuple(fixed, more).map(([own, extra]) => ({ ...extra, ...own }));
}

function validFromSchema(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name: string | undefined,
): fc.Arbitrary<Json> {
  if ('const' in schema) return fc.constant(schema.const as Json);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as Json[]));
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union) return fc.oneof(...union.map((branch) => schemaArbitrary(branch, options, name)));
  if (Array.isArray(schema.type))
    return fc.oneof(...(schema.type as string[]).map((type) => validFromSchema({ ...schema, type }, options, name)));
  switch (schema.type) {
    case 'string':
      return validString(schema, options);
    case 'integer':
    case 'number':
      return validNumber(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return validArray(schema, options, name);
    case 'object':
      return validObject(schema, options);
    default:
      return junk;
  }
}

/** Values of `schema` (with the hint's for a named one, most of the time). */
export function schemaArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name?: string,
): fc.Arbitrary<Json> {
  const own = validFromSchema(schema, options, name);
  const hinted = name === undefined ? undefined : options.hint?.(name, schema);
  return hinted ? fc.oneof({ weight: 5, arbitrary: hinted }, { weight: 1, arbitrary: own }) : own;
}

/** The same word a little off: another case, padded, with a NUL. */
function nearMisses(values: Json[]): fc.Arbitrary<Json> {
  const words = values.filter((v): v is string => typeof v === 'string');
  if (words.length === 0) return nastyNumber({ integer: false });
  return fc
    .constantFrom(...words)
    .chain((w) =>
      fc.constantFrom(w.toUpperCase(), ` ${w}`, `${w} `, `${w}\u0000`, `${w}x`, w.slice(0, -1), `${w}\ud800`, [w]),
    );
}

function nasty(schema: JsonSchema, options: SchemaArbitraryOptions, name: string | undefined): fc.Arbitrary<Json> {
  if (Array.isArray(schema.type))
    return fc.oneof(...(schema.type as string[]).map((type) => nasty({ ...schema, type }, options, name)));
  const type = typeof schema.type === 'string' ? schema.type : undefined;
  if (Array.isArray(schema.enum) || 'const' in schema) {
    const values = Array.isArray(schema.enum) ? (schema.enum as Json[]) : [schema.const as Json];
    return fc.oneof(
      { weight: 3, arbitrary: nearMisses(values) },
      { weight: 2, arbitrary: nastyText({ huge: options.huge }) },
      { weight: 1, arbitrary: wrongType(type) },
    );
  }
  switch (type) {
    case 'string': {
      const bounds = {
        minLength: schema.minLength as number | undefined,
        maxLength: schema.maxLength as number | undefined,
        huge: options.huge,
      };
      // A patterned text (digits, an id): far longer, with a NUL after it, or numbers past every bound.
      const patterned = () => {
        const own = validString(schema, options) as fc.Arbitrary<string>;
        return fc.oneof(
          nastyText(bounds),
          nastyNumericText(),
          own.map((v) => v.repeat(4)),
          own.map((v) => `${v}\u0000`),
        );
      };
      const refused =
        schema.format === 'date-time'
          ? nastyInstant()
          : schema.format === 'date'
            ? nastyDate()
            : schema.contentSchema
              ? fc.oneof(nastyText(), spoiledArbitrary(schema.contentSchema as JsonSchema, options).map(jsonText))
              : typeof schema.pattern === 'string'
                ? patterned()
                : nastyText(bounds);
      return fc.oneof({ weight: 4, arbitrary: refused }, { weight: 1, arbitrary: wrongType('string') });
    }
    case 'integer':
    case 'number': {
      const bounds =
        type === 'integer'
          ? integerBounds(schema)
          : { min: schema.minimum as number | undefined, max: schema.maximum as number | undefined };
      return fc.oneof(
        { weight: 4, arbitrary: nastyNumber({ ...bounds, integer: type === 'integer' }) },
        { weight: 1, arbitrary: wrongType(type) },
      );
    }
    case 'boolean':
      return fc.oneof(wrongType('boolean'), fc.constantFrom<Json>('true', 'false', 0, 1, 'yes'));
    case 'array': {
      const max = schema.maxItems as number | undefined;
      const item = schemaArbitrary((schema.items as JsonSchema | undefined) ?? {}, options, name);
      const choices: fc.Arbitrary<Json>[] = [wrongType('array'), fc.array(junk, { minLength: 1, maxLength: 3 })];
      if (((schema.minItems as number | undefined) ?? 0) > 0) choices.push(fc.constant([]));
      if (max !== undefined && max <= 100) choices.push(fc.array(item, { minLength: max + 1, maxLength: max + 1 }));
      return fc.oneof(...choices);
    }
    case 'object': {
      const required = (schema.required ?? []) as string[];
      const whole = validObject(schema, options);
      const choices: fc.Arbitrary<Json>[] = [
        wrongType('object'),
        fc.tuple(whole, extraKey, fc.oneof(junk, nastyText())).map(([object, key, value]) => {
          const copy = { ...object };
          define(copy, key, value);
          return copy;
        }),
      ];
      if (required.length > 0) {
        choices.push(
          fc.tuple(whole, fc.constantFrom(...required)).map(([object, key]) => {
            const copy = { ...object };
            delete copy[key];
            return copy;
          }),
        );
      }
      return fc.oneof(...choices);
    }
    default:
      return wrongType(undefined);
  }
}

/** Whether a value could be of this branch of a union: its type, and the constants it names (a discriminator). */
function fits(branch: JsonSchema, value: Json): boolean {
  if ('const' in branch) return branch.const === value;
  if (Array.isArray(branch.enum)) return (branch.enum as Json[]).includes(value);
  const type =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'number'
          ? Number.isInteger(value)
            ? 'integer'
            : 'number'
          : typeof value;
  const types = ([] as unknown[]).concat(branch.type ?? []);
  if (types.length && !types.includes(type) && !(type === 'integer' && types.includes('number'))) return false;
  if (type !== 'object' || !branch.properties) return true;
  return Object.entries(branch.properties as Record<string, JsonSchema>).every(
    ([key, property]) => !('const' in property) || (value as Record<string, Json>)[key] === property.const,
  );
}

function branchFor(schema: JsonSchema, value: Json): JsonSchema {
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  return union ? (union.find((branch) => fits(branch, value)) ?? union[0]!) : schema;
}

/** The schema of the value at `path` in `value`. */
function schemaAt(schema: JsonSchema, value: Json, path: Path): JsonSchema {
  let at = branchFor(schema, value);
  let inner: Json = value;
  for (const key of path) {
    if (Array.isArray(inner)) {
      at = (at.items as JsonSchema | undefined) ?? {};
      inner = inner[key as number]!;
    } else {
      const properties = (at.properties ?? {}) as Record<string, JsonSchema>;
      at =
        properties[key] ?? (typeof at.additionalProperties === 'object' ? (at.additionalProperties as JsonSchema) : {});
      inner = (inner as Record<string, Json>)[key]!;
    }
    at = branchFor(at, inner);
  }
  return at;
}

/**
 * A valid value with exactly one thing wrong: one of its values (text more often than the rest: that is where NUL and
 * surrogates go) replaced by a nasty one, or one of its objects missing a field or with one too many.
 */
export function spoiledArbitrary(
  schema: JsonSchema,
  options: SchemaArbitraryOptions,
  name?: string,
): fc.Arbitrary<Json> {
  // Built once per schema met: the same places come up again and again.
  const nastyFor = new Map<JsonSchema, Map<string | undefined, fc.Arbitrary<Json>>>();
  const nastyAt = (at: JsonSchema, key: string | undefined) => {
    const byKey = nastyFor.get(at) ?? new Map<string | undefined, fc.Arbitrary<Json>>();
    nastyFor.set(at, byKey);
    if (!byKey.has(key)) byKey.set(key, nasty(at, options, key));
    return byKey.get(key)!;
  };
  return fc.tuple(schemaArbitrary(schema, options, name), fc.nat()).chain(([value, choice]) => {
    const places = pathsOf(value).map((path) => ({ path, schema: schemaAt(schema, value, path) }));
    const weights = places.map((p) => (p.schema.type === 'string' ? 3 : 1));
    let left = choice % weights.reduce((a, b) => a + b, 0);
    const place = places.find((_, i) => (left -= weights[i]!) < 0)!;
    const key = [...place.path].reverse().find((k): k is string => typeof k === 'string') ?? name;
    return nastyAt(place.schema, key).map((bad) => changed(value, place.path, { op: 'replace', value: bad }));
  });
}
