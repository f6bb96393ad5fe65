/** Wall-clock time in a named time zone, converted with Intl only (no library, no local-zone assumptions). */

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

/** Whether Intl knows the zone by this name (an IANA name such as America/New_York, in any case). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Bounded: each scheduling pass asks for the same few hundred hour-aligned instants, pass after pass. */
const MEMO_LIMIT = 20_000;
const partsMemo = new Map<string, Map<number, Readonly<LocalParts>>>();
const utcMemo = new Map<string, number>();

function remembered<K, V>(memo: Map<K, V>, key: K, work: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    value = work();
    memo.set(key, value);
  }
  return value;
}

export function localParts(at: Date, timeZone: string): Readonly<LocalParts> {
  let memo = partsMemo.get(timeZone);
  if (!memo) {
    memo = new Map();
    partsMemo.set(timeZone, memo);
  }
  return remembered(memo, at.getTime(), () => Object.freeze(readLocalParts(at, timeZone)));
}

/** Read from Intl every time: what localParts remembers. */
export function readLocalParts(at: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/**
 * The instant at which the wall clock in `timeZone` reads the given local date and hour. The zone's offset is read
 * twice (at the guess, then at the first answer) because the first read can fall on the other side of a DST change.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const key = `${timeZone} ${year}-${month}-${day} ${hour}`;
  return new Date(remembered(utcMemo, key, () => readZonedTimeToUtc(year, month, day, hour, timeZone)));
}

function readZonedTimeToUtc(year: number, month: number, day: number, hour: number, timeZone: string): number {
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(guess);
  const second = guess - offsetAt(first);
  return localParts(new Date(second), timeZone).hour === hour ? second : first;
}

/** `YYYY-MM-DD` of the local calendar day, used to count a technician's orders per day. */
export function localDateKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatLocal(at: Date, timeZone: string): string {
  let f = displayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
    });
    displayFormatters.set(timeZone, f);
  }
  return f.format(at);
}

/** `localDateKey` remembering what it worked out: one scheduling pass asks for the same few hundred instants thousands of times. */
export function memoizedLocalDateKey(timeZone: string): (at: Date) => string {
  const keys = new Map<number, string>();
  return (at) => {
    const ms = at.getTime();
    let key = keys.get(ms);
    if (key === undefined) {
      key = localDateKey(at, timeZone);
      keys.set(ms, key);
    }
    return key;
  };
}
