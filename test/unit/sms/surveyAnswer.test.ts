import { parseInboundIntent } from '../../../domain/sms/inboundIntent';
import { parseSurveyAnswer } from '../../../domain/sms/surveyAnswer';

describe('parseSurveyAnswer: ratings', () => {
  test.each([
    ['5', 5, null],
    ['  4  ', 4, null],
    ['1', 1, null],
    ['5!', 5, null],
    ['5.', 5, null],
    ['4 great job', 4, 'great job'],
    ['5 quick and clean', 5, 'quick and clean'],
    ['3/5 ok but left dust', 3, 'ok but left dust'],
    ['3 / 5', 3, null],
    ['5/5', 5, null],
    ['4 out of 5, good', 4, 'good'],
    ['5 stars', 5, null],
    ['5 Stars!', 5, null],
    ['5-star service', 5, 'service'],
    ['2 - took too long', 2, 'took too long'],
    ['4, friendly tech', 4, 'friendly tech'],
    ['5\nGreat job, thank you', 5, 'Great job, thank you'],
    ['5 estrellas, excelente', 5, 'excelente'],
    ['5 rápido y limpio', 5, 'rápido y limpio'],
    ['4 de 5, muy amable', 4, 'muy amable'],
    ['3 sobre 5', 3, null],
    ['five', 5, null],
    ['Five stars', 5, null],
    ['four out of five', 4, null],
    ['cinco', 5, null],
    ['Cinco estrellas', 5, null],
    ['una estrella, muy mal', 1, 'muy mal'],
    ['⭐⭐⭐⭐⭐', 5, null],
    ['⭐️⭐️⭐️ ok', 3, 'ok'],
    ['★★★★ good', 4, 'good'],
    ['5⭐', 5, null],
    ['5 ⭐⭐⭐⭐⭐ excelente servicio', 5, 'excelente servicio'],
    ['5️⃣', 5, null],
    ['5 👍', 5, '👍'],
    ['3 tomorrow', 3, 'tomorrow'],
    // A marker says it is a rating, even with a complaint in it.
    ['2/5 the sink still leaks', 2, 'the sink still leaks'],
    ['1 star, toilet still running', 1, 'toilet still running'],
  ] as const)('%j is %d with comment %j', (body, rating, comment) => {
    expect(parseSurveyAnswer(body)).toEqual({ rating, comment });
  });
});

describe('parseSurveyAnswer: not ratings', () => {
  test.each([
    ['7', 'outside 1-5'],
    ['0', 'outside 1-5'],
    ['10', 'outside 1-5'],
    ['10/10', 'another scale'],
    ['8/10 good', 'another scale'],
    ['3/12', 'a date'],
    ['1-5', 'the range from the question'],
    ['3-4', 'a range'],
    ['3 or 4', 'a range'],
    ['4.5', 'not a whole rating'],
    ['4,5', 'not a whole rating'],
    ['5pm', 'a time'],
    ['5 pm works', 'a time'],
    ['2:30', 'a time'],
    ["3 o'clock", 'a time'],
    ['3 days and nobody came', 'a quantity'],
    ['2nd time this month', 'an ordinal'],
    ['1012', 'a work order number'],
    ['👍', 'no rating'],
    ['great job', 'no rating'],
    ['⭐⭐⭐⭐⭐⭐', 'six stars'],
    ['one more thing', 'a number word with more text and no marker'],
    ['two weeks ago', 'a number word with more text and no marker'],
    ['2 toilets are clogged', 'a count in a problem report'],
    ['1 more thing: the kitchen sink leaks', 'a problem report'],
    [
      '5 great job, but the bathroom fan is still noisy',
      'names a problem without a marker: kept as a problem, never filed as a comment',
    ],
  ])('%j (%s)', (body) => {
    expect(parseSurveyAnswer(body)).toBeNull();
  });

  test('what the survey text offers as an example reads as a rating, not as a problem or an answer', () => {
    expect(parseSurveyAnswer('5 quick and clean')).toEqual({ rating: 5, comment: 'quick and clean' });
    expect(parseInboundIntent('5 quick and clean').kind).toBe('problem');
  });
});
