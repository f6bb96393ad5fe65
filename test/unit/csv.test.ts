import fc from 'fast-check';
import { CsvSyntaxError, parseCsv } from '../../domain/csv';

test('plain fields, CRLF records, no final line break', () => {
  expect(parseCsv('a,b,c\r\n1,2,3')).toEqual([
    ['a', 'b', 'c'],
    ['1', '2', '3'],
  ]);
});

test('a final line break adds no empty record; LF and lone CR end records too', () => {
  expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
    ['a', 'b'],
    ['1', '2'],
  ]);
  expect(parseCsv('a,b\n1,2\n')).toEqual([
    ['a', 'b'],
    ['1', '2'],
  ]);
  expect(parseCsv('a,b\r1,2')).toEqual([
    ['a', 'b'],
    ['1', '2'],
  ]);
});

test('quoted fields hold commas, line breaks (kept as written) and doubled quotes', () => {
  const text = 'id,description\r\n7,"Leak, under the sink\r\nsays ""urgent""\nsecond line"\r\n8,""\r\n';
  expect(parseCsv(text)).toEqual([
    ['id', 'description'],
    ['7', 'Leak, under the sink\r\nsays "urgent"\nsecond line'],
    ['8', ''],
  ]);
});

test('empty fields, trailing comma, blank lines kept as one empty field so row numbers match a spreadsheet', () => {
  expect(parseCsv('a,,c,\r\n\r\nx')).toEqual([['a', '', 'c', ''], [''], ['x']]);
});

test('a UTF-8 byte order mark before the header is dropped; accents are kept', () => {
  expect(parseCsv('\uFEFFProperty,Unit\r\nEdificio Peña,101')).toEqual([
    ['Property', 'Unit'],
    ['Edificio Peña', '101'],
  ]);
});

test('an empty text has no records', () => {
  expect(parseCsv('')).toEqual([]);
});

test.each([
  ['a,"never closed\r\nb,c', 1, 'never closed'],
  ['a,b\r\n1,"x"y', 2, 'after a closing quote'],
  ['a,b\r\n1,x"y"', 2, 'middle of an unquoted field'],
  ['h\r\n"one\r\ntwo\r\nthree"\r\n"open', 5, 'never closed'],
])('%j is refused at line %i', (text, line, message) => {
  let error: unknown;
  try {
    parseCsv(text);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(CsvSyntaxError);
  expect((error as CsvSyntaxError).line).toBe(line);
  expect((error as Error).message).toContain(message);
});

/** Writes records the way RFC 4180 says, quoting every field that needs it. */
function toCsv(records: string[][]): string {
  return records
    .map((r) => r.map((f) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f)).join(','))
    .join('\r\n');
}

test('whatever is written per RFC 4180 reads back the same', () => {
  const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '\r\n', 'é', '1') });
  fc.assert(
    fc.property(
      fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
      (records) => {
        expect(parseCsv(toCsv(records))).toEqual(records);
      },
    ),
  );
});
