import fc from 'fast-check';
import {
  localClock,
  onCallAt,
  weeklyCovers,
  type CoordinatorOnCall,
  type OnCallWindow,
} from '../../../domain/paging/onCall';

const NY = 'America/New_York';
const at = (iso: string) => new Date(iso);
const entry = (name: string, ...windows: OnCallWindow[]): CoordinatorOnCall<string> => ({ coordinator: name, windows });
const weekly = (weekday: number, start: string, end: string): OnCallWindow => ({
  kind: 'weekly',
  weekday,
  startMinute: Number(start.slice(0, 2)) * 60 + Number(start.slice(3)),
  endMinute: Number(end.slice(0, 2)) * 60 + Number(end.slice(3)),
});

describe('who is on call', () => {
  test('a weekly window covers its local hours on its weekday only, in the rules’ time zone', () => {
    const rota = [entry('ana', weekly(1, '08:00', '18:00'))];
    // Monday 2026-03-02 08:00 in New York is 13:00 UTC (EST).
    expect(onCallAt(rota, at('2026-03-02T13:00:00Z'), NY)).toEqual(['ana']);
    expect(onCallAt(rota, at('2026-03-02T12:59:00Z'), NY)).toEqual([]);
    expect(onCallAt(rota, at('2026-03-02T22:59:00Z'), NY)).toEqual(['ana']);
    expect(onCallAt(rota, at('2026-03-02T23:00:00Z'), NY)).toEqual([]);
    // Tuesday, same hours: not covered.
    expect(onCallAt(rota, at('2026-03-03T15:00:00Z'), NY)).toEqual([]);
  });

  test('a window ending at or before its start runs past midnight into the next day (Sunday into Monday too)', () => {
    const nights = [entry('ben', weekly(7, '18:00', '08:00'))];
    expect(onCallAt(nights, at('2026-03-01T23:30:00Z'), NY)).toEqual(['ben']); // Sun 18:30 local
    expect(onCallAt(nights, at('2026-03-02T12:59:00Z'), NY)).toEqual(['ben']); // Mon 07:59 local
    expect(onCallAt(nights, at('2026-03-02T13:00:00Z'), NY)).toEqual([]); // Mon 08:00 local
    expect(onCallAt(nights, at('2026-03-02T23:30:00Z'), NY)).toEqual([]); // Mon 18:30: the window is Sunday's
  });

  test('wall-clock hours hold across DST: 08:00 is on call in winter and in summer', () => {
    const rota = [entry('ana', weekly(1, '08:00', '09:00'))];
    expect(onCallAt(rota, at('2026-03-02T13:30:00Z'), NY)).toEqual(['ana']); // EST: 08:30
    expect(onCallAt(rota, at('2026-03-09T12:30:00Z'), NY)).toEqual(['ana']); // EDT after 8 March: 08:30
    expect(onCallAt(rota, at('2026-03-09T13:30:00Z'), NY)).toEqual([]); // EDT: 09:30
  });

  test('on the spring-forward night the skipped hour is nobody’s; on the fall-back night the repeated hour is covered twice', () => {
    const spring = [entry('cy', weekly(7, '02:00', '03:00'))];
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT; 06:59Z is 01:59 EST, 07:00Z is 03:00 EDT.
    expect(onCallAt(spring, at('2026-03-08T06:59:00Z'), NY)).toEqual([]);
    expect(onCallAt(spring, at('2026-03-08T07:00:00Z'), NY)).toEqual([]);
    const fall = [entry('cy', weekly(7, '01:00', '02:00'))];
    // 2026-11-01: 01:30 EDT (05:30Z) and 01:30 EST (06:30Z).
    expect(onCallAt(fall, at('2026-11-01T05:30:00Z'), NY)).toEqual(['cy']);
    expect(onCallAt(fall, at('2026-11-01T06:30:00Z'), NY)).toEqual(['cy']);
    expect(onCallAt(fall, at('2026-11-01T07:30:00Z'), NY)).toEqual([]); // 02:30 EST
  });

  test('a date window (cover) replaces the rota while it runs', () => {
    const entries = [
      entry('ana', weekly(1, '00:00', '00:00'), weekly(2, '00:00', '00:00'), weekly(3, '00:00', '00:00')),
      entry('dee', { kind: 'dates', startsAt: '2026-12-24T18:00', endsAt: '2026-12-26T08:00' }),
    ];
    expect(onCallAt(entries, at('2026-12-22T15:00:00Z'), NY)).toEqual(['ana']); // Tue
    expect(onCallAt(entries, at('2026-12-24T23:00:00Z'), NY)).toEqual(['dee']); // Thu 18:00 local
    expect(onCallAt(entries, at('2026-12-26T13:00:00Z'), NY)).toEqual([]); // Sat 08:00 local: over, nobody on the rota
  });

  test('two coordinators on call at once are both paged', () => {
    const entries = [entry('ana', weekly(1, '08:00', '18:00')), entry('ben', weekly(1, '12:00', '20:00'))];
    expect(onCallAt(entries, at('2026-03-02T18:00:00Z'), NY)).toEqual(['ana', 'ben']);
  });

  test('property: a weekly window covers exactly the instants whose local weekday and minute fall in it, in any zone', () => {
    const zones = ['America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.constantFrom(...zones),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1440 }),
        (ms, zone, weekday, startMinute, length) => {
          const endMinute =
            (startMinute + length) % 1440 === 0 && startMinute + length === 1440 ? 1440 : (startMinute + length) % 1440;
          const window = { kind: 'weekly' as const, weekday, startMinute, endMinute };
          const clock = localClock(new Date(ms), zone);
          // Minutes since the window's weekday began (mod a week), against the window's span.
          const sinceStart =
            (((clock.weekday - weekday + 7) % 7) * 1440 + clock.minute - startMinute + 7 * 1440) % (7 * 1440);
          expect(weeklyCovers(window, clock)).toBe(sinceStart < length);
        },
      ),
    );
  });
});
