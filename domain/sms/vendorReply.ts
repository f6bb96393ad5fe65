import { parseProposedTime } from './proposedTime';

/**
 * A vendor's answer to a job offer by text: a quote and an ETA ("Tue 9am $350", "ETA 2pm, 425"), or a pass ("NO").
 *
 * Amounts: "$350", "350$", "$1,250.50", "1.2k", "350 dollars", "quote 350", "for 350"; or a bare number of at least
 * BARE_MIN_DOLLARS that is not part of a time, date or duration ("Tue 9am 350"). A smaller bare number may be an
 * hour ("can do 9"), so it needs a "$" or a quote word. Several amounts: the one called "total"; "$300 + $50 parts"
 * is their sum; "$300-400" is the upper bound (what the budget must cover); anything else is ambiguous and asked for.
 * "$350 + parts" is $350 with `plusParts`. The ETA is read by parseProposedTime from what is left, or is relative
 * ("in 2 hours", "within the hour"). A time the vendor rules out ("can't do tomorrow") is not their ETA.
 *
 * A pass never carries an amount: "no problem, $350 tomorrow 9am" is a quote. One that offers another time ("can't
 * tomorrow, friday 10am works") is an incomplete quote, so a vendor is never dropped for a partial answer.
 */

export type VendorReplyField = 'quote' | 'eta';

export type VendorReplyParse =
  | { kind: 'decline' }
  | { kind: 'quote'; quoteCents: number; plusParts: boolean; eta: Date }
  /** `quoteCents` and `eta` are what the text did say, so the answer asking for the rest can repeat it. */
  | {
      kind: 'incomplete';
      missing: VendorReplyField[];
      quoteCents: number | null;
      plusParts: boolean;
      eta: Date | null;
    };

export interface VendorReplyContext {
  now: Date;
  timeZone: string;
  /** Orders offered to this vendor: a bare "1042" that is one of them names the order, it is not a price. */
  orderNumbers?: readonly number[];
}

/** Below this a bare number may be an hour or a count; an amount that small needs "$" or a quote word. */
export const BARE_MIN_DOLLARS = 25;

/** Work order numbers are 4 to 7 digits; "#1042", "WO 1042", "order #1042". */
export const ORDER_REFERENCE = /(?:#|\b(?:work order|order|wo|ticket)\s*#?)\s*(\d{4,7})\b/g;

const WEEKDAYS =
  'mon|monday|tue|tues|tuesday|wed|weds|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday';
const DAY_WORDS = `today|tonight|tomorrow|tmrw|tmr|${WEEKDAYS}`;
const MONTHS =
  'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december';

/** "$ 1,250.50", "1.2k", "350$"; a "$" followed by a number belongs to that number ("9 $350"). */
const NUMBER = /(?<![\w.:/#])(\$\s*)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?(?!\d)(\s*k\b)?(\s*\$(?!\s*\d))?/g;
const MONEY_AFTER = /^\s*(?:dollars?|usd|bucks)\b/;
const QUOTE_WORD_BEFORE =
  /\b(?:quote|quoted|quoting|price|cost|costs|total|estimate|est|charge|fee|flat|labor|labour|for|usd)\b\s*(?:is|of|would be|will be|=|:|-)?\s*(?:about|around|approx|approximately|roughly|~)?\s*$/;
/** After a number: it is a time of day, a date, a duration or a count, not money. */
const TIME_AFTER =
  /^(?::\d|[aph]\b|\s*(?:am|pm|a\.m|p\.m|o'?clock|oclock)\b|\s*(?:hours?|hrs?|minutes?|mins?|days?|weeks?|wks?|months?|years?|yrs?|people|guys|men|techs?|times|visits?|trips?)\b|(?:st|nd|rd|th)\b|\s*\/\s*\d|\s*%)/;
const DATE_BEFORE = new RegExp(`(?:\\d\\s*/\\s*|\\b(?:${MONTHS})\\.?\\s*)$`);
const MONTH_AFTER = new RegExp(`^\\s*(?:${MONTHS})\\b`);
const HOUR_LEAD_BEFORE = /\b(?:at|@|around|about|by|before|after|from|until|till|til|between|and|to|eta)\s*:?\s*$/;
const DAY_WORD_BEFORE = new RegExp(`\\b(?:${DAY_WORDS})\\s*$`);
/** The second end of "$300-400" is money too. */
const RANGE_FROM_DOLLARS_BEFORE = /\$\s*[\d,.]+\s*(?:-|to|~)\s*$/;
const PLUS_PARTS =
  /(?:\+|\bplus\b|\band\b)\s*(?:the\s+)?(?:cost of\s+)?(?:parts|materials?|supplies)\b|\b(?:parts|materials?|supplies)\s+(?:extra|not included|additional|separate)\b/;
const PARTS_WORDS = /\b(?:labor|labour|parts|materials?|supplies|trip|service|call|fee|diagnostic)\b/;

/** "9-11am" is a window from 9 am; "11-1pm" one from 11 am. */
const TIME_WINDOW = /\b(\d{1,2})(?::(\d{2}))?\s*(?:-|–|to)\s*(\d{1,2})(?::\d{2})?\s*(am|pm)\b/g;
/** "at 930": a packed time when its minutes are a quarter hour ("at 350" stays an amount). */
const PACKED_TIME_AFTER_AT = /\b(at|@)\s*([01]?\d|2[0-3])(00|15|30|45)\b/g;
const AT_BEFORE = /\b(?:at|@)\s*$/;
const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  'half an': 0.5,
  'half a': 0.5,
  the: 1,
};
const RELATIVE_ETA =
  /\b(?:in|within|eta:?)\s+(?:about\s+|around\s+|approx\s+|~)?(half an?|an?|one|two|three|four|five|six|the|\d+(?:\.\d+)?)\s*(hours?|hrs?|h|minutes?|mins?|m)\b|\b(\d+(?:\.\d+)?)\s*(hours?|hrs?|minutes?|mins?)\s+(?:away|out)\b/;
/** A day the vendor rules out: removed before the ETA is read. */
const RULED_OUT_DAY = new RegExp(
  `\\b(?:can'?t|cannot|can not|not|unable to|won'?t|busy|booked|no)(?:\\s+(?:be|do|make|come|go|available|free|work|there|it|on))*\\s+(?:${DAY_WORDS}|this (?:morning|afternoon|evening))\\b`,
  'g',
);

const LEADING_DECLINE = /^(?:no+|nope|nah|n|pass|decline|declined|sorry,? no)\b/;
const DECLINE_PHRASES = new RegExp(
  [
    "\\b(?:i'?ll|we'?ll|will|have to|going to|gonna|must|gotta)\\s+pass\\b",
    '\\bpass(?:ing)?\\b(?:\\s+(?:on|this|for)\\b|\\s*$)',
    '\\bdecline[ds]?\\b',
    '\\bdeclining\\b',
    '\\bnot interested\\b',
    "\\bcan'?t\\b(?:\\s+(?:do|make|take|help|come|go|fit|handle|get to|accept|commit))?(?:\\s+it|\\s+this|\\s+that)?\\s*[.!]*$",
    "\\b(?:can'?t|cannot|can not|unable to|won'?t be able to)\\s+(?:do|make|take|help|come|fit|handle|accept|commit to)\\b",
    '\\bnot available\\b',
    '\\bunavailable\\b',
    '\\b(?:too |very |really )?busy\\b',
    '\\b(?:fully |all )?booked\\b',
    '\\bno,? thanks?\\b',
    '\\bno thank you\\b',
    '\\bnot this (?:time|one)\\b',
    '\\bno can do\\b',
    '\\bout of town\\b',
    '\\btoo far\\b',
    '\\bnot taking\\b',
    '\\bno (?:capacity|bandwidth|availability)\\b',
  ].join('|'),
);
/** "No problem" is agreement. */
const NOT_A_DECLINE = /\bno (?:problem|prob|worries|issue|issues)\b/g;

interface NumberToken {
  start: number;
  end: number;
  cents: number;
  money: 'explicit' | 'worded' | 'bare' | 'not_money';
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function blank(text: string, start: number, end: number): string {
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}

function withoutOrderReferences(text: string, orderNumbers: readonly number[]): string {
  let out = text.replace(ORDER_REFERENCE, (m) => ' '.repeat(m.length));
  for (const n of orderNumbers) {
    out = out.replace(new RegExp(`(?<![\\d$.,])${n}(?![\\d]|[.,]\\d|\\s*(?:dollars?|usd|bucks|\\$|k\\b))`, 'g'), (m) =>
      ' '.repeat(m.length),
    );
  }
  return out;
}

function windowStart(text: string): string {
  return text.replace(TIME_WINDOW, (_m, from: string, minutes: string | undefined, to: string, meridiem: string) => {
    // A window over noon ("11-1pm") starts in the morning.
    const startMeridiem = meridiem === 'pm' && Number(from) > Number(to) && Number(from) < 12 ? 'am' : meridiem;
    return `${from}${minutes ? `:${minutes}` : ''}${startMeridiem}`;
  });
}

function classify(text: string, match: RegExpExecArray): NumberToken {
  const [whole, dollarBefore, integer = '', decimals, thousands, dollarAfter] = match;
  const start = match.index;
  const end = start + whole.length;
  const digits = integer.replace(/,/g, '');
  const value = Number(`${digits}${decimals ?? ''}`) * (thousands ? 1000 : 1);
  const cents = Math.round(value * 100);
  const before = text.slice(Math.max(0, start - 24), start);
  const after = text.slice(end, end + 16);
  // Phone numbers and the like.
  if (digits.length > 6) return { start, end, cents, money: 'not_money' };
  if (dollarBefore || dollarAfter || thousands || MONEY_AFTER.test(after) || RANGE_FROM_DOLLARS_BEFORE.test(before))
    return { start, end, cents, money: 'explicit' };

  const whole24 = !decimals && Number(digits) <= 24;
  const timeLike =
    TIME_AFTER.test(after) ||
    DATE_BEFORE.test(before) ||
    MONTH_AFTER.test(after) ||
    (whole24 && (HOUR_LEAD_BEFORE.test(before) || DAY_WORD_BEFORE.test(before))) ||
    (!decimals && AT_BEFORE.test(before) && new RegExp(PACKED_TIME_AFTER_AT.source).test(`at ${digits}`));
  if (timeLike) return { start, end, cents, money: 'not_money' };
  if (QUOTE_WORD_BEFORE.test(before)) return { start, end, cents, money: 'worded' };
  return { start, end, cents, money: value >= BARE_MIN_DOLLARS ? 'bare' : 'not_money' };
}

type Amount = { kind: 'none' } | { kind: 'ambiguous' } | { kind: 'one'; cents: number; summed: boolean };

function pickAmount(text: string, tokens: NumberToken[]): Amount {
  const marked = tokens.filter((t) => t.money === 'explicit' || t.money === 'worded');
  const amounts = marked.length > 0 ? marked : tokens.filter((t) => t.money === 'bare');
  const [first, second] = amounts;
  if (!first) return { kind: 'none' };
  if (!second) return { kind: 'one', cents: first.cents, summed: false };
  const total = amounts.find((t) => /\btotal\b[^\d]{0,12}$/.test(text.slice(Math.max(0, t.start - 20), t.start)));
  if (total) return { kind: 'one', cents: total.cents, summed: false };
  const between = amounts.slice(1).map((t, i) => text.slice(amounts[i]!.end, t.start));
  if (amounts.length === 2 && /^\s*(?:-|to|~)\s*\$?\s*$/.test(between[0]!))
    return { kind: 'one', cents: Math.max(first.cents, second.cents), summed: false };
  const adds = between.every((b) => /\+|\bplus\b/.test(b) || (/\band\b|&/.test(b) && PARTS_WORDS.test(text)));
  if (adds) return { kind: 'one', cents: amounts.reduce((sum, t) => sum + t.cents, 0), summed: true };
  return { kind: 'ambiguous' };
}

function relativeEta(text: string, now: Date): Date | null {
  const match = RELATIVE_ETA.exec(text);
  if (!match) return null;
  const amountText = match[1] ?? match[3] ?? '';
  const unit = match[2] ?? match[4] ?? '';
  const amount = NUMBER_WORDS[amountText] ?? Number(amountText);
  if (!Number.isFinite(amount) || amount <= 0) return null;
  const minutes = unit.startsWith('h') ? amount * 60 : amount;
  if (minutes > 24 * 60) return null;
  const at = new Date(now.getTime() + minutes * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

function isDecline(text: string): boolean {
  const plain = text.replace(NOT_A_DECLINE, ' ').replace(/\s+/g, ' ').trim();
  if (!plain || plain.includes('?')) return false;
  return LEADING_DECLINE.test(plain) || DECLINE_PHRASES.test(plain);
}

export function parseVendorReply(text: string, context: VendorReplyContext): VendorReplyParse {
  const { now, timeZone } = context;
  const working = windowStart(withoutOrderReferences(normalize(text), context.orderNumbers ?? []));
  const tokens = [...working.matchAll(NUMBER)].map((m) => classify(working, m));
  const amount = pickAmount(working, tokens);

  let etaText = working;
  for (const token of tokens) if (token.money !== 'not_money') etaText = blank(etaText, token.start, token.end);
  etaText = etaText.replace(RULED_OUT_DAY, ' ').replace(PACKED_TIME_AFTER_AT, '$1 $2:$3');
  const eta = relativeEta(etaText, now) ?? parseProposedTime(etaText, now, timeZone)?.start ?? null;

  if (amount.kind === 'none' && !eta && isDecline(working)) return { kind: 'decline' };
  const quoteCents = amount.kind === 'one' ? amount.cents : null;
  const plusParts = amount.kind === 'one' && !amount.summed && PLUS_PARTS.test(working);
  if (quoteCents !== null && eta) return { kind: 'quote', quoteCents, plusParts, eta };
  const missing: VendorReplyField[] = [
    ...(quoteCents === null ? ['quote' as const] : []),
    ...(eta ? [] : ['eta' as const]),
  ];
  return { kind: 'incomplete', missing, quoteCents, plusParts, eta };
}

/** An earlier text from the vendor about the same offer, read as of when it arrived. */
export interface EarlierReply {
  text: string;
  parsed: VendorReplyParse;
}

/**
 * Fills what an incomplete reply lacks from the vendor's earlier texts on the same offer, newest first: "Tue 9am",
 * asked for the quote, then "$350" is one answer; "make it $400" after a full quote keeps that quote's ETA. An ETA
 * already past does not count. `texts` are the messages the answer is made of, oldest first.
 */
export function completeWithEarlier(
  current: VendorReplyParse,
  currentText: string,
  earlier: readonly EarlierReply[],
  now: Date,
): { parsed: VendorReplyParse; texts: string[] } {
  if (current.kind !== 'incomplete') return { parsed: current, texts: [currentText] };
  let { quoteCents, plusParts, eta } = current;
  const used: string[] = [];
  for (const reply of earlier) {
    const { parsed } = reply;
    if (parsed.kind === 'decline') continue;
    let took = false;
    if (quoteCents === null && parsed.quoteCents !== null) {
      ({ quoteCents, plusParts } = parsed);
      took = true;
    }
    if (!eta && parsed.eta && parsed.eta.getTime() > now.getTime()) {
      eta = parsed.eta;
      took = true;
    }
    if (took) used.unshift(reply.text);
    if (quoteCents !== null && eta)
      return { parsed: { kind: 'quote', quoteCents, plusParts, eta }, texts: [...used, currentText] };
  }
  return { parsed: current, texts: [currentText] };
}
