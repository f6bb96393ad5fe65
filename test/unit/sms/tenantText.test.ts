import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseInboundIntent } from '../../../domain/sms/inboundIntent';
import { readTenantText, type TenantTextReading } from '../../../domain/sms/tenantText';

/**
 * The tenant-text reader (intent, question, cancel, repair or not) on a labelled set written for it, in two parts:
 * tuning (the rules were fixed until it all passed) and held-out (written before it was run, measured once, never
 * tuned on: 57/61, the misses four questions in text-speak, two held for a coordinator and two opening an order).
 */

type Label =
  | 'question'
  | 'cancel'
  | 'opt_out'
  | 'opt_in'
  | 'help'
  | 'answer_yes'
  | 'answer_no'
  | 'reschedule'
  | 'for_coordinator'
  | 'courtesy'
  | 'problem'
  | 'no_words';

function labelOf(reading: TenantTextReading): Label {
  if (reading.kind === 'answer') return reading.answer === 'yes' ? 'answer_yes' : 'answer_no';
  if (reading.kind === 'status_question') return 'question';
  if (reading.kind === 'cancel_order') return 'cancel';
  return reading.kind;
}

function part(name: string): Array<[string, Label]> {
  return JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/tenantTexts', `${name}.json`), 'utf8'));
}

const correct = (items: Array<[string, Label]>) =>
  items.filter(([text, label]) => labelOf(readTenantText(text)) === label).length;

describe('the labelled set', () => {
  test.each(part('tuning'))('tuning: %j is %s', (text, label) => {
    expect(labelOf(readTenantText(text))).toBe(label);
  });

  test('held-out: at least the 57 of 61 measured once', () => {
    const items = part('heldout');
    expect(items).toHaveLength(61);
    expect(correct(items)).toBeGreaterThanOrEqual(57);
  });

  test('held-out: nothing is read as a cancel or a question that is not one, and no problem goes to the holds', () => {
    for (const [text, label] of part('heldout')) {
      const got = labelOf(readTenantText(text));
      if (got === 'cancel' || got === 'question') expect([text, label]).toEqual([text, got]);
      if (label === 'problem') expect([text, got]).toEqual([text, 'problem']);
    }
  });
});

describe('the number a question or a cancel names', () => {
  test.each([
    ['status of #1045', { kind: 'status_question', workOrderNumber: 1045, namesProblem: false }],
    ['como va mi orden 1045', { kind: 'status_question', workOrderNumber: 1045, namesProblem: false }],
    ['when is someone coming to fix the sink', { kind: 'status_question', workOrderNumber: null, namesProblem: true }],
    ['cancel 1045', { kind: 'cancel_order', workOrderNumber: 1045 }],
    ['cancelar la orden #1045', { kind: 'cancel_order', workOrderNumber: 1045 }],
    ['cancel my repair', { kind: 'cancel_order', workOrderNumber: null }],
  ] as const)('%j', (text, expected) => {
    expect(parseInboundIntent(text)).toEqual(expected);
  });

  test('a YES that asks when stays a YES: the visit it confirms is named in the question it answers', () => {
    expect(parseInboundIntent('yes, when will the tech be here?')).toMatchObject({ kind: 'answer', answer: 'yes' });
  });
});

describe('properties', () => {
  const STOP_FAMILY = [
    'stop',
    'stopall',
    'unsubscribe',
    'cancel',
    'end',
    'quit',
    'revoke',
    'optout',
    'opt out',
    'parar',
    'alto',
    'baja',
    'cancelar',
  ];
  const decorated = fc.record({
    word: fc.constantFrom(...STOP_FAMILY),
    casing: fc.constantFrom('lower', 'upper', 'title'),
    before: fc.constantFrom('', ' ', '  ', '\n', '\t'),
    after: fc.constantFrom('', '.', '!', '!!', ' ', '. ', '?', '\n'),
  });

  const anyString = (maxLength: number) =>
    fc.oneof(
      fc.string({ maxLength }),
      fc.string({ unit: 'binary', maxLength }),
      fc.string({ unit: 'grapheme', maxLength }),
    );

  test('any string is parsed without throwing, as one of the known intents', () => {
    const kinds = new Set([
      'opt_out',
      'opt_in',
      'help',
      'answer',
      'reschedule',
      'status_question',
      'cancel_order',
      'problem',
    ]);
    fc.assert(
      fc.property(anyString(400), (text) => {
        expect(kinds.has(parseInboundIntent(text).kind)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test('any string is read (with the classifier for the rest) without throwing, as one of the known kinds', () => {
    const kinds = new Set([
      'opt_out',
      'opt_in',
      'help',
      'answer',
      'reschedule',
      'status_question',
      'cancel_order',
      'courtesy',
      'no_words',
      'problem',
      'for_coordinator',
    ]);
    // Fewer and shorter: the classifier corrects the spelling of every word, slow on random letters.
    fc.assert(
      fc.property(anyString(60), (text) => {
        expect(kinds.has(readTenantText(text).kind)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('texts made of question, cancel and problem words never throw', () => {
    const words = [
      'when',
      's',
      'is',
      'the',
      'guy',
      'coming',
      'cancel',
      'cancelar',
      '#1045',
      '1045',
      'status',
      'eta',
      'update',
      'sink',
      'leak',
      'yes',
      'no',
      'a',
      'que',
      'hora',
      'viene',
      'ya',
      'no',
      'necesito',
      'servicio',
      '?',
      '!',
      '¿',
      'can',
      'i',
      'paint',
      'rent',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 25 }), (parts) => {
        readTenantText(parts.join(' '));
      }),
      { numRuns: 150 },
    );
  });

  test('a STOP-family word alone, in any case and with punctuation around it, is always an opt-out', () => {
    fc.assert(
      fc.property(decorated, ({ word, casing, before, after }) => {
        const cased =
          casing === 'upper' ? word.toUpperCase() : casing === 'title' ? word[0]!.toUpperCase() + word.slice(1) : word;
        expect(readTenantText(`${before}${cased}${after}`)).toEqual({ kind: 'opt_out' });
      }),
      { numRuns: 500 },
    );
  });

  test('a long text is parsed in bounded time (no runaway pattern)', () => {
    const long = `${'when is the guy '.repeat(100)}${'cancel my '.repeat(60)}`;
    const started = Date.now();
    parseInboundIntent(long);
    parseInboundIntent('a'.repeat(1600));
    parseInboundIntent(`cancel ${'my the '.repeat(250)}`);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
