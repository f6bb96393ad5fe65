import fc from 'fast-check';
import { deepNesting, serialized, type Json } from './badBodies';

/**
 * What a careless user or an attacker puts where a value belongs, by the kind of value expected: U+0000 and unpaired
 * surrogates in text, numbers past every bound, years 0000 and 9999, empty and maximal strings, deep nesting and the
 * wrong JSON type. The generators in schemaArbitrary.ts put these in place of valid values.
 */

/** Text Postgres or UTF-8 cannot hold, or no person types. */
const POISON_TEXT = [
  '\u0000',
  'a\u0000b',
  'nobody home \u0000',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  'tail \ud83d',
  '\u0001',
  '\u001b[2J',
  'bell\u0007',
];
/** Text that is valid but odd: empty, blank, invisible, right-to-left, escapes that look like NUL, injections. */
const ODD_TEXT = [
  '',
  ' ',
  ' \t\n ',
  '\u00a0',
  '\ufeff',
  '\u202e',
  '\uffff',
  '\ufffd',
  'e\u0301',
  '💧🔧',
  '%00',
  '\\u0000',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${7*7}',
  'null',
  'NaN',
  '-1',
  '1e309',
];
const POISON_CHARACTER = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\u001f', '\u000b');

/** Instants and dates at and past every bound: year 0000 and 9999, days that do not exist, odd offsets. */
const NASTY_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999+14:00',
  '+275760-09-13T00:00:00.000Z',
  '-000001-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '1999-12-31T23:59:59Z',
  '2100-01-01T00:00:00Z',
  '2024-02-30T10:00:00Z',
  '2023-02-29T10:00:00Z',
  '2024-13-01T10:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-12-31T23:59:60Z',
  '2030-01-01T00:00:00-23:59',
  '2030-01-01t00:00:00z',
  '2030-01-01 00:00:00',
  '2030-01-01T00:00:00',
  '2030-01-01T00:00:00.123456789123Z',
  '2030-01-01',
  'now',
  '0',
];
const NASTY_DATES = [
  '0000-01-01',
  '9999-12-31',
  '0000-00-00',
  '2024-02-30',
  '2023-02-29',
  '1999-12-31',
  '2100-01-01',
  '+275760-09-13',
  '2030-1-1',
  '20300101',
  '2030-01-01T00:00:00Z',
  '',
];

/** Numbers at the edges of JavaScript and of Postgres's integer types. */
const NASTY_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  -0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  2 ** 63,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
];
/** JSON number literals JSON.stringify never writes: past double range, past bigint, fractions that look like integers. */
const RAW_NUMBERS = [
  '1e999',
  '-1e999',
  '99999999999999999999',
  '-99999999999999999999',
  '9223372036854775808',
  '1.0',
  '1E2',
  '-0.0',
  '1e-400',
  '0.1e1',
];
/** Numbers as the text of a query parameter or a form field. */
const NUMERIC_TEXT = [
  '',
  ' ',
  '0',
  '-0',
  '-1',
  '1.5',
  '1e3',
  '0x10',
  '0b1',
  ' 7',
  '7 ',
  '+7',
  '١٢',
  'NaN',
  'Infinity',
  '-Infinity',
  '99999999999999999999',
  '9007199254740993',
  '9223372036854775808',
  '1e309',
  '1,2',
  'true',
];

/**
 * A JSON number literal JSON.stringify cannot write, carried as a placeholder string until the body is serialized
 * (as badBodies.ts carries deep nesting).
 */
const RAW = '\u0001raw:';
const rawNumber = fc.constantFrom(...RAW_NUMBERS).map((literal): Json => `${RAW}${literal}`);

/** The body as it goes over the wire: deep nesting and raw number literals written out. */
export function jsonText(body: Json): string {
  return serialized(body).replace(/"\\u0001raw:([^"\\]*)"/g, (_, literal: string) => literal);
}

/** A value as the text of a query parameter, a form field or a CSV cell (a raw number literal as it is written). */
export function textOf(value: Json): string {
  if (typeof value === 'string') return value.startsWith(RAW) ? value.slice(RAW.length) : value;
  if (value === null || typeof value !== 'object') return String(value);
  return jsonText(value);
}

/** Every JSON type but the one expected. */
export function wrongType(expected: string | undefined): fc.Arbitrary<Json> {
  const byType: Record<string, fc.Arbitrary<Json>> = {
    null: fc.constant(null),
    boolean: fc.boolean(),
    number: fc.constantFrom(0, 1, -1, 1.5),
    string: fc.constantFrom('', '1', 'true', 'null', '[]', '{}'),
    array: fc.constantFrom<Json>([], [null], [1, 2], ['a'], [[]]),
    object: fc.constantFrom<Json>({}, { a: 1 }, { '': null }),
  };
  const others = Object.entries(byType)
    .filter(([type]) => type !== expected && !(expected === 'integer' && type === 'number'))
    .map(([, arbitrary]) => arbitrary);
  return fc.oneof(...others, deepNesting);
}

export interface TextBounds {
  minLength?: number;
  maxLength?: number;
  /** The far-too-long text to try: 60,000 characters fit a JSON body; a URL or a header holds far less (16 kB in all). */
  huge?: number;
}

/** Text a field should refuse, or valid text at its very edges (empty, exactly the maximum, the maximum in emoji). */
export function nastyText(bounds: TextBounds = {}): fc.Arbitrary<string> {
  const max = bounds.maxLength;
  const withPoison = fc
    .tuple(fc.string({ maxLength: 20 }), POISON_CHARACTER, fc.string({ maxLength: 20 }))
    .map(([a, bad, b]) => `${a}${bad}${b}`);
  const edges: string[] = ['x'.repeat(Math.max(0, (bounds.minLength ?? 0) - 1))];
  if (max !== undefined) {
    edges.push(
      'x'.repeat(max),
      'x'.repeat(max + 1),
      `${'x'.repeat(max)} `,
      ` ${'y'.repeat(max)}\u0000`,
      '💧'.repeat(Math.ceil((max + 1) / 2)),
      'é'.repeat(max),
    );
  }
  // Far past any field's limit, still under the JSON body limit (100 kB): the field must refuse it, not the parser.
  edges.push('x'.repeat(bounds.huge ?? 60_000));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...POISON_TEXT) },
    { weight: 4, arbitrary: withPoison },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_TEXT) },
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    { weight: 1, arbitrary: fc.constantFrom(...NUMERIC_TEXT) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

/** Years 0000 and 9999 first: the ones a date picker or a typo produces and Postgres may not hold. */
const EDGE_YEARS = fc.constantFrom('0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01', '9999-12-31');

/** Instants a field must refuse. */
export function nastyInstant(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: EDGE_YEARS },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_INSTANTS) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_DATES) },
    { weight: 1, arbitrary: nastyText() },
  );
}

export function nastyDate(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: EDGE_YEARS },
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_DATES) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_INSTANTS) },
    { weight: 1, arbitrary: nastyText() },
  );
}

/** Numbers as text, for a field that takes digits: past the safe integers, past bigint, signed, in other notations. */
export const nastyNumericText = (): fc.Arbitrary<string> => fc.constantFrom(...NUMERIC_TEXT);

export interface NumberBounds {
  min?: number;
  max?: number;
  integer: boolean;
}

/** Numbers just past a field's bounds, at JavaScript's and Postgres's limits, fractions for integers, and numbers as text. */
export function nastyNumber(bounds: NumberBounds): fc.Arbitrary<Json> {
  const edges = [bounds.min === undefined ? -1 : bounds.min - 1, bounds.max === undefined ? 2 ** 31 : bounds.max + 1];
  if (bounds.integer) edges.push((bounds.min ?? 0) + 0.5);
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NASTY_NUMBERS, ...edges) },
    { weight: 2, arbitrary: rawNumber },
    { weight: 1, arbitrary: fc.constantFrom<Json>(...NUMERIC_TEXT) },
    { weight: 1, arbitrary: fc.double() },
  );
}

/** What a query parameter, a path segment or a form field may carry instead of its value: all of the above as text. */
export function nastyParameter(bounds: TextBounds = {}): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: nastyText({ huge: 3_000, ...bounds }) },
    { weight: 2, arbitrary: fc.constantFrom(...NUMERIC_TEXT) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_INSTANTS, ...NASTY_DATES) },
  );
}

/**
 * Percent escapes a client may write by hand in a URL or a form: NUL, an overlong NUL, a UTF-8 encoded surrogate,
 * bytes that are not UTF-8, an escaped slash, a broken escape. They go into the URL as they are.
 */
export const RAW_ESCAPES = [
  '%00',
  '%C0%80',
  '%ED%A0%80',
  '%ED%BF%BF',
  '%FF%FE',
  '%80',
  '%2F',
  '%2e%2e',
  '%252F',
  '%ZZ',
  '%',
  '%E2%82',
  '%u0000',
];

/**
 * Percent-encodes text as a client would (encodeURIComponent), except that an unpaired surrogate is written as the
 * three bytes UTF-8 would give it (encodeURIComponent throws on it): what a careless client sends.
 */
export function percentEncode(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const isHigh = unit >= 0xd800 && unit <= 0xdbff;
    const next = value.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(value[i]!);
    }
  }
  return out;
}
