import { localParts, zonedTimeToUtc } from '../zonedTime';
import { formatVisitDate, formatVisitTime } from './templates';

/** A visit time a tenant proposes by text ("tomorrow 3pm", "viernes a las 10"), read in the building's time zone. */

export interface ProposedTime {
  start: Date;
  label: string;
  /** A day without a time of day ("friday"): `start` is the beginning of the working day. */
  dayOnly: boolean;
}

type PartOfDay = 'morning' | 'afternoon' | 'evening';

type DayReference =
  | { kind: 'offset'; days: number }
  | { kind: 'weekday'; weekday: number }
  | { kind: 'date'; month: number; day: number };

interface ClockTime {
  hour: number;
  minute: number;
}

interface TimeExpression {
  day: DayReference | null;
  clock: ClockTime | null;
  partOfDay: PartOfDay | null;
}

/** Where a part of day starts (the proposed time) and ends (after which "this afternoon" is over). */
const PART_OF_DAY_HOURS: Record<PartOfDay, { start: number; end: number }> = {
  morning: { start: 9, end: 12 },
  afternoon: { start: 14, end: 17 },
  evening: { start: 17, end: 20 },
};

/** A day named without a time starts at the beginning of the working day. */
const DAY_ONLY_HOUR = 9;

/** Order matters: "por la mañana" must be read before the bare "mañana" (tomorrow) is. */
const PART_OF_DAY_PHRASES: Array<{ pattern: RegExp; partOfDay: PartOfDay; today: boolean }> = [
  { pattern: /\bthis morning\b/, partOfDay: 'morning', today: true },
  { pattern: /\b(?:por|de|en) la manana\b|\b(?:in the )?morning\b/, partOfDay: 'morning', today: false },
  { pattern: /\bthis afternoon\b|\besta tarde\b/, partOfDay: 'afternoon', today: true },
  { pattern: /\b(?:por|de|en) la tarde\b|\b(?:in the )?afternoon\b/, partOfDay: 'afternoon', today: false },
  { pattern: /\btonight\b|\bthis evening\b|\besta noche\b/, partOfDay: 'evening', today: true },
  { pattern: /\b(?:por|de|en) la noche\b|\b(?:in the )?evening\b/, partOfDay: 'evening', today: false },
];

const WEEKDAY_NAMES: Array<[number, string[]]> = [
  [0, ['sunday', 'domingo']],
  // Not "mon": "c'mon" would be a Monday.
  [1, ['monday', 'lunes']],
  [2, ['tuesday', 'tues', 'tue', 'martes']],
  [3, ['wednesday', 'weds', 'wed', 'miercoles']],
  [4, ['thursday', 'thurs', 'thur', 'thu', 'jueves']],
  [5, ['friday', 'fri', 'viernes']],
  [6, ['saturday', 'sabado']],
];

const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'enero'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto'],
  ['september', 'sept', 'sep', 'septiembre', 'setiembre'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre'],
];

const TOMORROW_WORDS = ['tomorrow', 'tomorow', 'tommorow', 'tommorrow', 'tmrw', 'tmr', '2morrow', 'manana'];
const TODAY_WORDS = ['today', 'hoy'];
const DAY_AFTER_TOMORROW = /\b(?:day after tomorrow|pasado manana)\b/;
const NOON = /\b(?:noon|midday|mediodia|medio dia)\b/;

const ENGLISH_HOURS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const SPANISH_HOURS: Record<string, number> = {
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
};
/** What after a number says it is not an hour: "about 2 hours", "a las 3 horas", "about 5 times". */
const NOT_AN_HOUR =
  '(?!\\s*(?:[:/\\d]|minutes?|mins?|hours?|hrs?|horas?|minutos?|days?|dias?|weeks?|semanas?|months?|meses|years?|anos|times|veces|people|personas))';
/** A number after words that make it an hour: "at 3", "around ten", "a las tres". Each language with its own number words ("at once" is not 11). */
const HOUR_AFTER_LEAD = [
  { lead: '(?:at|@|around|about|after|from|between)', words: ENGLISH_HOURS },
  { lead: '(?:a las|a la|sobre las|como a las|tipo|despues de las|desde las|entre las)', words: SPANISH_HOURS },
].map(({ lead, words }) => ({
  pattern: new RegExp(`(?:^|\\s)${lead} (\\d{1,2}|${Object.keys(words).join('|')})\\b${NOT_AN_HOUR}`),
  words,
}));

function normalizeTimeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/[^a-z0-9:/@ ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function wordPattern(words: string[]): string {
  return `(?:${[...words].sort((a, b) => b.length - a.length).join('|')})`;
}

const WEEKDAY_WORDS = WEEKDAY_NAMES.flatMap(([, names]) => names);
const WEEKDAY_PATTERN = new RegExp(`\\b${wordPattern(WEEKDAY_WORDS)}\\b`);
const TOMORROW = new RegExp(`\\b${wordPattern(TOMORROW_WORDS)}\\b`);
const TODAY = new RegExp(`\\b${wordPattern(TODAY_WORDS)}\\b`);
const MONTH_PATTERN = wordPattern(MONTH_NAMES.flat());
const MONTH_THEN_DAY = new RegExp(`\\b(${MONTH_PATTERN}) (\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*(?::|am|pm))`);
const DAY_THEN_MONTH = new RegExp(`\\b(\\d{1,2}) de (${MONTH_PATTERN})\\b`);
/** US month/day only: "27/11" is left alone rather than guessed. */
const NUMERIC_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/;
/** "tomorrow 3", "viernes 10": a bare number right after a day is an hour (but "viernes 27 de noviembre" is a date). */
const DAY_WORD_THEN_HOUR = new RegExp(
  `\\b${wordPattern([...TOMORROW_WORDS, ...TODAY_WORDS, ...WEEKDAY_WORDS])} (\\d{1,2})\\b${NOT_AN_HOUR}(?! de )`,
);

function monthIndex(name: string): number {
  return MONTH_NAMES.findIndex((names) => names.includes(name)) + 1;
}

function readPartOfDay(text: string): { partOfDay: PartOfDay | null; today: boolean; rest: string } {
  for (const { pattern, partOfDay, today } of PART_OF_DAY_PHRASES) {
    if (pattern.test(text)) return { partOfDay, today, rest: text.replace(pattern, ' ') };
  }
  return { partOfDay: null, today: false, rest: text };
}

function readDay(text: string, today: boolean): DayReference | null {
  if (DAY_AFTER_TOMORROW.test(text)) return { kind: 'offset', days: 2 };
  if (TOMORROW.test(text)) return { kind: 'offset', days: 1 };
  const monthDay = MONTH_THEN_DAY.exec(text);
  if (monthDay) return { kind: 'date', month: monthIndex(monthDay[1] ?? ''), day: Number(monthDay[2]) };
  const dayMonth = DAY_THEN_MONTH.exec(text);
  if (dayMonth) return { kind: 'date', month: monthIndex(dayMonth[2] ?? ''), day: Number(dayMonth[1]) };
  const numeric = NUMERIC_DATE.exec(text);
  if (numeric && Number(numeric[1]) >= 1 && Number(numeric[1]) <= 12)
    return { kind: 'date', month: Number(numeric[1]), day: Number(numeric[2]) };
  // After the dates: in "miércoles 25 de noviembre" the date is what counts.
  const weekday = WEEKDAY_PATTERN.exec(text);
  if (weekday)
    return { kind: 'weekday', weekday: WEEKDAY_NAMES.find(([, names]) => names.includes(weekday[0]))?.[0] ?? 0 };
  if (today || TODAY.test(text)) return { kind: 'offset', days: 0 };
  return null;
}

/** Turns a clock reading into 0–23: am/pm when given, else the part of day, else 1–7 means afternoon. */
function to24Hour(hour: number, meridiem: string | undefined, partOfDay: PartOfDay | null): number | null {
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.startsWith('p');
    return (hour % 12) + (pm ? 12 : 0);
  }
  if (hour > 23) return null;
  if (hour >= 13 || hour === 0) return hour;
  if (partOfDay === 'morning') return hour % 12;
  if (partOfDay === 'afternoon' || partOfDay === 'evening') return hour === 12 ? 12 : hour + 12;
  return hour <= 7 ? hour + 12 : hour;
}

function clock(hour: number | null, minute: number): ClockTime | null {
  return hour === null || minute > 59 ? null : { hour, minute };
}

function readClock(text: string, partOfDay: PartOfDay | null): ClockTime | null {
  // "3p" counts, "3 a 5" (three to five) does not.
  const withMeridiem = /(?<![\d:])(\d{1,2})(?::(\d{2}))?(?: ?(am|pm)|([ap]))\b/.exec(text);
  if (withMeridiem)
    return clock(
      to24Hour(Number(withMeridiem[1]), withMeridiem[3] ?? withMeridiem[4], partOfDay),
      Number(withMeridiem[2] ?? 0),
    );
  // "205pm", "1030am": the colon left out.
  const packed = /(?<![\d:])(\d{1,2})(\d{2}) ?(am|pm)\b/.exec(text);
  if (packed) return clock(to24Hour(Number(packed[1]), packed[3], partOfDay), Number(packed[2]));
  const colon = /(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])/.exec(text);
  if (colon) return clock(to24Hour(Number(colon[1]), undefined, partOfDay), Number(colon[2]));
  const oClock = /\b(\d{1,2}) ?o ?clock\b/.exec(text);
  if (oClock) return clock(to24Hour(Number(oClock[1]), undefined, partOfDay), 0);
  for (const { pattern, words } of HOUR_AFTER_LEAD) {
    const match = pattern.exec(text)?.[1];
    if (match !== undefined) return clock(to24Hour(words[match] ?? Number(match), undefined, partOfDay), 0);
  }
  const afterDay = DAY_WORD_THEN_HOUR.exec(text);
  if (afterDay) return clock(to24Hour(Number(afterDay[1]), undefined, partOfDay), 0);
  if (NOON.test(text)) return { hour: 12, minute: 0 };
  return null;
}

function readTimeExpression(text: string): TimeExpression | null {
  const { partOfDay, today, rest } = readPartOfDay(normalizeTimeText(text));
  const day = readDay(rest, today);
  const clockTime = readClock(rest, partOfDay);
  if (!day && !clockTime && !partOfDay) return null;
  return { day, clock: clockTime, partOfDay };
}

/** True when the text names a day or a time of day, whatever `now` is. */
export function mentionsTime(text: string): boolean {
  return readTimeExpression(text) !== null;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function instant(date: LocalDate, time: ClockTime, timeZone: string): Date {
  const hourStart = zonedTimeToUtc(date.year, date.month, date.day, time.hour, timeZone);
  return new Date(hourStart.getTime() + time.minute * 60_000);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * The next instant the expression can mean: a weekday is its next occurrence (today's name is today only while the
 * time is ahead), a time alone is today or else tomorrow, a date this year or else next year. Null when it is past.
 */
function resolve(expression: TimeExpression, now: Date, timeZone: string): Date | null {
  const local = localParts(now, timeZone);
  const today: LocalDate = { year: local.year, month: local.month, day: local.day };
  const partStart = expression.partOfDay ? { hour: PART_OF_DAY_HOURS[expression.partOfDay].start, minute: 0 } : null;
  const time = expression.clock ?? partStart ?? { hour: DAY_ONLY_HOUR, minute: 0 };
  const ahead = (date: LocalDate) => {
    const at = instant(date, time, timeZone);
    return at.getTime() > now.getTime() ? at : null;
  };
  // "This afternoon" said at 3 pm: the next whole hour, while the afternoon lasts.
  const laterToday = () => {
    if (expression.clock || !expression.partOfDay || local.hour + 1 >= PART_OF_DAY_HOURS[expression.partOfDay].end)
      return null;
    return instant(today, { hour: local.hour + 1, minute: 0 }, timeZone);
  };
  const { day } = expression;
  if (!day) return ahead(today) ?? laterToday() ?? ahead(addDays(today, 1));
  switch (day.kind) {
    case 'offset':
      return day.days === 0 ? (ahead(today) ?? laterToday()) : ahead(addDays(today, day.days));
    case 'weekday': {
      const days = (day.weekday - local.weekday + 7) % 7;
      return ahead(addDays(today, days)) ?? ahead(addDays(today, days + 7));
    }
    case 'date': {
      for (const year of [today.year, today.year + 1]) {
        if (isRealDate(year, day.month, day.day)) {
          const at = ahead({ year, month: day.month, day: day.day });
          if (at) return at;
        }
      }
      return null;
    }
  }
}

export function parseProposedTime(text: string, now: Date, timeZone: string): ProposedTime | null {
  const expression = readTimeExpression(text);
  if (!expression) return null;
  const start = resolve(expression, now, timeZone);
  if (!start) return null;
  const dayOnly = !expression.clock && !expression.partOfDay;
  return {
    start,
    label: dayOnly ? formatVisitDate(start, timeZone, 'en') : formatVisitTime(start, timeZone, 'en'),
    dayOnly,
  };
}
