import fc from 'fast-check';
import { detectTextLanguage } from '../../../api/sms/languageDetector';
import { languageOfReading, MIN_LEAD, wordsToRead } from '../../../domain/sms/textLanguage';

/** Texts written the way tenants text (typos, no accents, no punctuation, Spanglish), with what each must read as. */
const ENGLISH = [
  'There is a leak in my ceiling',
  'my toilet wont stop running',
  'no hot water since yesterday',
  'no hot water',
  'kitchen sink clogged',
  'smoke detector keeps chirping',
  'fridge not cold',
  'the front door lock is stuck can someone come',
  'water coming thru the light in the bathroom!!',
  'garbage disposal jammed',
  'window wont close',
  'the outlet sparked and now it smells burnt',
  'can u send someone tmrw morning',
  'hallway light out on 3rd floor',
  'toilet overflowing help',
  'hi this is apt 205 the radiator is banging all night',
  'WATER EVERYWHERE HELP',
  'plz fix my sink its been 2 weeks',
  'Hi its Guadalupe Hernandez from 4C the sink is leaking',
  'the toilet is leaking, gracias',
  'no that day doesnt work, thursday is better',
  'yes confirmed thank you',
];

const SPANISH = [
  'hay una fuga de agua debajo del fregadero',
  'no hay agua caliente',
  'no hay luz',
  'se tapó el baño',
  'se tapo el bano',
  'la calefacción no funciona',
  'la calefaccion no funciona',
  'el refri no enfria',
  'gotea la llave del lavabo',
  'huele a gas en el apartamento',
  'mi hijo se quedo atrapado en el elevador',
  'necesito que vengan mañana temprano',
  'la lavadora no funciona',
  'HAY UNA GOTERA EN EL TECHO DEL BAÑO',
  'Hola soy del 3B, se salio el agua del inodoro por todo el piso',
  'nesesito ayuda con el bano',
  // Spanglish: a Spanish sentence around English words is Spanish.
  'el sink de la cocina esta tapado',
  'mi AC no funciona',
  'tengo un leak en el bathroom',
  'se rompio el dishwasher otra vez',
  'el Whirlpool no prende',
  'no, mañana no puedo, el jueves si',
  'si confirmo gracias',
];

/** Too short to tell, or leaning neither way: the conversation keeps its language. */
const UNDECIDED = [
  'YES',
  'yes',
  'NO',
  'no',
  'si',
  'Sí',
  'ok',
  'OK',
  'okay',
  'ok gracias',
  'ok thx',
  'thanks',
  'gracias',
  'dale',
  'bueno',
  '1',
  '5',
  '👍',
  '???',
  'yes 1042',
  'YES 1042',
  'SI 1042',
  'no puedo',
  'mañana',
  'tomorrow',
  'tomorrow at 3',
  '3pm',
  'a las 3',
  'STOP',
  'help',
  'yes please',
  'si gracias',
  'hay ratones',
  'AC broken',
  'no heat',
  '5 great job',
  '5 muy bien',
  'Maria Lopez apt 3B',
  'Building A - 205',
  'Edificio A 205',
  'lol',
  'hello??',
  'ok ok ok',
  'my landlord said text here, la estufa no prende',
];

describe('the language a text is written in, read by eld', () => {
  test.each(ENGLISH)('%j is English', async (text) => {
    expect(await detectTextLanguage(text)).toBe('en');
  });

  test.each(SPANISH)('%j is Spanish', async (text) => {
    expect(await detectTextLanguage(text)).toBe('es');
  });

  test.each(UNDECIDED)('%j says nothing', async (text) => {
    expect(await detectTextLanguage(text)).toBeNull();
  });

  test('accents typed or left out, composed or not, read the same', async () => {
    const composed = 'se tapó el baño de la cocina';
    for (const text of [composed, composed.normalize('NFD'), 'se tapo el bano de la cocina', composed.toUpperCase()]) {
      expect(await detectTextLanguage(text)).toBe('es');
    }
  });

  test('what the webhook made of a NUL or a lone surrogate (U+FFFD), or the raw characters, is not a word', async () => {
    expect(await detectTextLanguage('hay una fuga\uFFFD de agua')).toBe('es');
    expect(await detectTextLanguage('hay una fuga\u0000de agua\uD800')).toBe('es');
    expect(await detectTextLanguage('\uFFFD\uFFFD \uFFFD ok')).toBeNull();
    expect(await detectTextLanguage('\u0000\u0000\u0000')).toBeNull();
  });

  test('any text at all, of any characters, reads as English, Spanish or nothing, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.string({
            unit: fc.constantFrom('\u0000', '\uD800', '\uDC00', '\uFFFD', '\u0301', ' ', 'ñ', 'a', 'no', 'el', '3'),
            maxLength: 60,
          }),
        ),
        async (text) => {
          expect([null, 'en', 'es']).toContain(await detectTextLanguage(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a whole SMS (1,600 characters) reads like its first sentence', async () => {
    expect(await detectTextLanguage('hay una fuga de agua en el baño y no para. '.repeat(40))).toBe('es');
  });
});

describe('the rule', () => {
  test('words: tokens with numerals (units, order numbers, times), punctuation and emoji are left out; fewer than 3 words is nothing', () => {
    expect(wordsToRead('Hola soy del 3B, #1042 a las 3pm 👍')).toBe('Hola soy del a las');
    expect(wordsToRead("don't know who's there")).toBe("don't know who's there");
    expect(wordsToRead('YES 1042 ok')).toBeNull();
    expect(wordsToRead('Building A - 205')).toBeNull();
  });

  test('a reading counts only when the detector trusts it, it is an SMS language, and it leads the other by MIN_LEAD', () => {
    const reading = (language: string, scores: Record<string, number>, reliable = true) =>
      languageOfReading({ language, reliable, scores });
    expect(reading('es', { es: 0.8, en: 0.5 })).toBe('es');
    expect(reading('en', { en: 0.7 })).toBe('en');
    expect(reading('es', { es: 0.8, en: 0.5 }, false)).toBeNull();
    expect(reading('es', { es: 0.7, en: 0.7 - MIN_LEAD / 2 })).toBeNull();
    expect(reading('', {})).toBeNull();
    expect(reading('pt', { pt: 0.9, es: 0.5 })).toBeNull();
  });
});
