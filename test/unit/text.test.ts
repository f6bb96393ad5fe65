import fc from 'fast-check';
import { CUT_MARK, heldTextsDescription } from '../../domain/sms/heldTexts';
import { MAX_DESCRIPTION_LENGTH } from '../../domain/description';
import { cutText, repairText, text, textProblem } from '../../domain/text';

/** An oracle independent of the implementation: encodeURIComponent throws on a surrogate without its pair. */
function isWellFormed(value: string): boolean {
  try {
    encodeURIComponent(value);
    return true;
  } catch {
    return false;
  }
}
// eslint-disable-next-line no-control-regex -- the control characters the text type refuses
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const acceptable = (value: string) => isWellFormed(value) && !CONTROL.test(value);

/** Any UTF-16 text, lone surrogates and control characters included. */
const anyText = fc.string({ unit: 'binary', maxLength: 60 });
/** Text heavy in the characters at stake: pairs, lone halves, NUL, controls, whitespace. */
const trickyText = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\u0000',
        '\uD800',
        '\uDBFF',
        '\uDC00',
        '\uDFFF',
        '😀',
        '\u001B',
        '\t',
        '\n',
        '\r',
        ' ',
        'é',
        'a',
        '\uFFFD',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));
const wellFormed = fc.string({ unit: 'grapheme', maxLength: 60 }).filter(acceptable);
const position = (value: string) => fc.integer({ min: 0, max: value.length });
const insert = (value: string, at: number, what: string) => value.slice(0, at) + what + value.slice(at);

const schema = text({ max: 10_000 });

describe('text()', () => {
  test('any text with a NUL in it is refused', () => {
    fc.assert(
      fc.property(
        anyText.chain((value) => fc.tuple(fc.constant(value), position(value))),
        ([value, at]) => {
          expect(schema.safeParse(insert(value, at, '\u0000')).success).toBe(false);
        },
      ),
    );
  });

  test('any text with a surrogate without its pair is refused', () => {
    const lone = fc.oneof(
      fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => `${String.fromCharCode(c)}x`),
      fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => `x${String.fromCharCode(c)}`),
    );
    fc.assert(
      fc.property(
        anyText.chain((value) => fc.tuple(fc.constant(value), position(value), lone)),
        ([value, at, half]) => {
          expect(schema.safeParse(insert(value, at, half)).success).toBe(false);
        },
      ),
    );
    expect(schema.safeParse('\uD800').success).toBe(false);
    expect(schema.safeParse('abc\uDFFF').success).toBe(false);
  });

  test('every acceptable text round-trips trimmed; every other is refused (independent oracle)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, trickyText, wellFormed), (value) => {
        const result = schema.safeParse(value);
        expect(result.success).toBe(acceptable(value.trim()));
        if (result.success) expect(result.data).toBe(value.trim());
      }),
      { numRuns: 500 },
    );
  });

  test('valid text with surrounding whitespace comes back trimmed', () => {
    fc.assert(
      fc.property(wellFormed, fc.constantFrom('', ' ', '\t', '\n ', '\r\n'), (value, pad) => {
        expect(schema.parse(`${pad}${value}${pad}`)).toBe(value.trim());
      }),
    );
  });

  test('bounds apply to the trimmed text; untrimmed when asked', () => {
    const bounded = text({ min: 2, max: 4 });
    expect(bounded.safeParse('  ab  ').data).toBe('ab');
    expect(bounded.safeParse('   a   ').success).toBe(false);
    expect(bounded.safeParse('abcde').success).toBe(false);
    expect(text({ max: 10, trim: false }).parse(' a.jpg ')).toBe(' a.jpg ');
  });

  test('the message names the character and where it is', () => {
    expect(textProblem('ab\u0000')).toBe('contains U+0000 (NUL) at position 3: remove it');
    expect(textProblem('\uD800')).toBe('contains an unpaired surrogate (U+D800) at position 1: not valid Unicode');
    expect(textProblem('a\u001B[31m')).toBe(
      'contains the control character U+001B at position 2: only tab and line breaks are allowed',
    );
    expect(textProblem('tab\tnew\nline\r\n😀')).toBeNull();
  });
});

describe('repairText()', () => {
  test('the repaired text is acceptable, as long as the original, and changes only what was refused', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, trickyText), (value) => {
        const repaired = repairText(value);
        expect(acceptable(repaired.text)).toBe(true);
        expect(repaired.text).toHaveLength(value.length);
        expect(repaired.replaced === 0).toBe(acceptable(value));
        if (repaired.replaced === 0) expect(repaired.text).toBe(value);
        expect(
          [...repaired.text].filter((c) => c === '\uFFFD').length - [...value].filter((c) => c === '\uFFFD').length,
        ).toBe(repaired.replaced);
      }),
      { numRuns: 500 },
    );
  });

  test('says what it replaced', () => {
    expect(repairText('sink\u0000 leaks \uD800!')).toEqual({
      text: 'sink\uFFFD leaks \uFFFD!',
      replaced: 2,
      characters: ['U+0000', 'U+D800'],
    });
    expect(repairText('a 😀 b')).toEqual({ text: 'a 😀 b', replaced: 0, characters: [] });
  });
});

describe('cutText()', () => {
  test('a start of the text, within the limit, never half a pair', () => {
    fc.assert(
      fc.property(wellFormed, fc.integer({ min: 0, max: 70 }), (value, max) => {
        const cut = cutText(value, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(value.startsWith(cut)).toBe(true);
        expect(isWellFormed(cut)).toBe(true);
        expect(cut.length).toBeGreaterThanOrEqual(Math.min(value.length, max - 1));
      }),
    );
  });
});

describe("an unknown sender's held texts", () => {
  test('join into the description whole when they fit', () => {
    expect(heldTextsDescription(['The sink leaks', 'since Monday', 'Building A 205'], 'Building A 205', true)).toEqual({
      description: 'The sink leaks / since Monday',
      cut: false,
    });
    expect(heldTextsDescription(['', 'Building A 205 the sink leaks'], 'Building A 205 the sink leaks', false)).toEqual(
      { description: 'Building A 205 the sink leaks', cut: false },
    );
    expect(heldTextsDescription(['', 'Building A 205'], 'Building A 205', true)).toEqual({
      description: 'Building A 205',
      cut: false,
    });
  });

  test('are cut to the longest description there is, marked as cut, whatever they add up to', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc
            .string({ unit: 'grapheme', minLength: 1, maxLength: 1600 })
            .filter((t) => t.trim() !== '' && acceptable(t)),
          { minLength: 1, maxLength: 12 },
        ),
        (texts) => {
          const { description, cut } = heldTextsDescription([...texts, 'Building A 205'], 'Building A 205', true);
          const whole = texts
            .filter((t) => t.trim() !== '')
            .join(' / ')
            .trim();
          expect(cut).toBe(whole.length > MAX_DESCRIPTION_LENGTH);
          expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
          expect(description.length).toBeGreaterThan(0);
          expect(isWellFormed(description)).toBe(true);
          if (cut) {
            expect(description.endsWith(CUT_MARK)).toBe(true);
            expect(whole.startsWith(description.slice(0, -CUT_MARK.length))).toBe(true);
          } else expect(description).toBe(whole);
        },
      ),
      { numRuns: 200 },
    );
  });
});
