import { namesProblem } from './inboundIntent';

/**
 * A tenant's answer to the survey text ("Reply 1-5 (5 = great) and any comment"): a message that starts with a
 * rating. Read only for a tenant with an open survey; anything that is not clearly a rating is left to the usual
 * routing (an answer, a new problem), so nothing a tenant writes is lost.
 *
 *   rating   = digit 1-5 | number word (one..five, uno/una..cinco) | 1-5 star emoji
 *   marker   = "/5", "out of 5", "de 5", "sobre 5", "stars", "estrellas", star emoji   (any of them, optional)
 *   answer   = rating [marker] [separator comment]
 *
 * Not ratings: other numbers ("7", "10", "0"), decimals ("4.5"), ranges ("1-5", "3 or 4"), other scales ("8/10"),
 * times and quantities ("5pm", "2:30", "3 days"), ordinals ("2nd").
 */

export type Rating = 1 | 2 | 3 | 4 | 5;

export interface SurveyAnswer {
  rating: Rating;
  /** What follows the rating, trimmed; null when there is nothing. */
  comment: string | null;
}

/** How long after the survey text a rating is still taken as its answer. */
export const SURVEY_ANSWER_DAYS = 14;

const NUMBER_WORDS: Record<string, Rating> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
};

const STAR = '(?:\u2B50|\u2605|\u{1F31F})\uFE0F?';
const LEADING_STARS = new RegExp(`^(?:${STAR}\\s*){1,5}(?!\\s*${STAR})`, 'u');
const LEADING_DIGIT = /^([1-5])(?![\d\p{L}])/u;
const LEADING_WORD = new RegExp(`^(${Object.keys(NUMBER_WORDS).join('|')})(?![\\p{L}\\d])`, 'iu');

/** What right after a number makes it something other than a rating. */
const NOT_A_RATING = new RegExp(
  [
    '^\\s*[.,:]\\s*\\d', // 4.5, 4,5, 2:30
    '^\\s*\\/\\s*(?!5\\b)\\d', // 8/10, 3/12 (a date)
    '^\\s*(?:-|\u2013|\u2014|to|or|and|a|al|o|y)\\s*\\d', // 1-5, 3 or 4, 3 a 4
    '^\\s*(?:%|\\$)',
    "^\\s*(?:am|pm|a\\.m|p\\.m|o'?clock|o\u2019clock|h|hrs?|hours?|horas?|mins?|minutes?|minutos?|days?|d[ií]as?|weeks?|semanas?|months?|meses|years?|a[ñn]os|times|veces|x|st|nd|rd|th)\\b",
  ].join('|'),
  'iu',
);

const MARKER = new RegExp(
  `^\\s*(?:(?:\\/|out of|de|sobre)\\s*(?:5|five|cinco)(?![\\d\\p{L}]))?\\s*(?:-?\\s*(?:stars?|estrellas?)(?![\\p{L}])|(?:${STAR}\\s*)+)?`,
  'iu',
);

/** "5\uFE0F\u20E3" (the keycap emoji) is a 5. */
function withoutKeycaps(text: string): string {
  return text.replace(/(\d)\uFE0F?\u20E3/gu, '$1');
}

function commentOf(rest: string): string | null {
  const comment = rest.replace(/^[\s,.;:!\-\u2013\u2014)]+/u, '').trim();
  return comment || null;
}

function readRating(text: string): { rating: Rating; rest: string; word: boolean; stars: boolean } | null {
  const stars = LEADING_STARS.exec(text);
  if (stars) {
    const count = [...stars[0].matchAll(new RegExp(STAR, 'gu'))].length as Rating;
    return { rating: count, rest: text.slice(stars[0].length), word: false, stars: true };
  }
  const digit = LEADING_DIGIT.exec(text);
  if (digit)
    return { rating: Number(digit[1]) as Rating, rest: text.slice(digit[0].length), word: false, stars: false };
  const word = LEADING_WORD.exec(text);
  const rating = word ? NUMBER_WORDS[word[1]!.toLowerCase()] : undefined;
  return word && rating ? { rating, rest: text.slice(word[0].length), word: true, stars: false } : null;
}

export function parseSurveyAnswer(body: string): SurveyAnswer | null {
  const text = withoutKeycaps(body.trim());
  const read = readRating(text);
  if (!read) return null;
  if (!read.stars && NOT_A_RATING.test(read.rest)) return null;
  const marker = read.stars ? '' : (MARKER.exec(read.rest)?.[0] ?? '');
  const marked = read.stars || marker.trim() !== '';
  const comment = commentOf(read.rest.slice(marker.length));
  if (!marked && comment !== null) {
    // "one more thing" is no rating; "2 toilets are clogged" is a count in a problem report, which must not be filed
    // away as a survey comment. With a marker ("2/5 still leaking") the tenant is plainly rating.
    if (read.word || namesProblem(comment)) return null;
  }
  return { rating: read.rating, comment };
}
