import { DEMO_TENANTS } from '../../db/seed/demoData';
import {
  availabilityWindowsSchema,
  describeWindow,
  withinWindows,
  type AvailabilityWindow,
} from '../../domain/availability';

const NY = 'America/New_York';
const utc = (iso: string) => new Date(iso);

describe('availabilityWindowsSchema', () => {
  test('accepts ISO weekdays with whole hours, up to midnight', () => {
    const windows = [
      { days: [1, 2, 3, 4, 5], startHour: 17, endHour: 20 },
      { days: [6, 7], startHour: 0, endHour: 24 },
    ];
    expect(availabilityWindowsSchema.parse(windows)).toEqual(windows);
    expect(availabilityWindowsSchema.parse([])).toEqual([]);
  });

  test.each([
    ['Sunday as 0', [{ days: [0], startHour: 9, endHour: 12 }]],
    ['a day 8', [{ days: [8], startHour: 9, endHour: 12 }]],
    ['no days', [{ days: [], startHour: 9, endHour: 12 }]],
    ['a window ending when it starts', [{ days: [1], startHour: 12, endHour: 12 }]],
    ['a window ending before it starts', [{ days: [1], startHour: 20, endHour: 17 }]],
    ['an hour past midnight', [{ days: [1], startHour: 20, endHour: 25 }]],
    ['a fractional hour', [{ days: [1], startHour: 9.5, endHour: 12 }]],
    ['an unknown field', [{ days: [1], startHour: 9, endHour: 12, timeZone: 'UTC' }]],
    ['an object instead of a list', { days: [1], startHour: 9, endHour: 12 }],
    ['null', null],
  ])('rejects %s', (_name, value) => {
    expect(availabilityWindowsSchema.safeParse(value).success).toBe(false);
  });

  test('the demo tenants that give windows give valid ones', () => {
    const withWindows = DEMO_TENANTS.filter((t) => t.availability);
    expect(withWindows.length).toBeGreaterThanOrEqual(3);
    for (const t of withWindows) expect(availabilityWindowsSchema.safeParse(t.availability).success).toBe(true);
  });
});

describe('withinWindows in America/New_York', () => {
  const weekdayEvenings: AvailabilityWindow[] = [{ days: [1, 2, 3, 4, 5], startHour: 17, endHour: 20 }];

  test('a slot fully inside, touching both ends, is inside', () => {
    // Tuesday 14 April 2026 is EDT (UTC-4): 17:00-20:00 local is 21:00-00:00Z.
    expect(withinWindows(utc('2026-04-14T21:00:00Z'), utc('2026-04-15T00:00:00Z'), weekdayEvenings, NY)).toBe(true);
    expect(withinWindows(utc('2026-04-14T22:00:00Z'), utc('2026-04-14T23:30:00Z'), weekdayEvenings, NY)).toBe(true);
  });

  test('a slot that starts early, runs late, or falls on another weekday is not', () => {
    expect(withinWindows(utc('2026-04-14T20:00:00Z'), utc('2026-04-14T22:00:00Z'), weekdayEvenings, NY)).toBe(false);
    expect(withinWindows(utc('2026-04-14T23:00:00Z'), utc('2026-04-15T00:30:00Z'), weekdayEvenings, NY)).toBe(false);
    expect(withinWindows(utc('2026-04-18T21:00:00Z'), utc('2026-04-18T22:00:00Z'), weekdayEvenings, NY)).toBe(false); // Saturday
  });

  test('weekdays are the local ones: Monday 21:00 in New York is already Tuesday in UTC', () => {
    const mondayNights: AvailabilityWindow[] = [{ days: [1], startHour: 20, endHour: 23 }];
    expect(withinWindows(utc('2026-04-14T01:00:00Z'), utc('2026-04-14T02:00:00Z'), mondayNights, NY)).toBe(true);
  });

  test('Sunday is 7, and a window to 24 ends at the next midnight', () => {
    const sundays: AvailabilityWindow[] = [{ days: [7], startHour: 22, endHour: 24 }];
    expect(withinWindows(utc('2026-04-20T02:00:00Z'), utc('2026-04-20T04:00:00Z'), sundays, NY)).toBe(true); // Sun 22:00-24:00 EDT
    expect(withinWindows(utc('2026-04-20T03:00:00Z'), utc('2026-04-20T04:30:00Z'), sundays, NY)).toBe(false);
  });

  test('spring forward (Sunday 8 March 2026): the window is read in the offset of that day', () => {
    const sundayEarly: AvailabilityWindow[] = [{ days: [7], startHour: 1, endHour: 4 }];
    // 1:00 EST is 06:00Z; 4:00 EDT is 08:00Z: two real hours.
    expect(withinWindows(utc('2026-03-08T06:00:00Z'), utc('2026-03-08T08:00:00Z'), sundayEarly, NY)).toBe(true);
    expect(withinWindows(utc('2026-03-08T06:00:00Z'), utc('2026-03-08T08:30:00Z'), sundayEarly, NY)).toBe(false);
    // The Monday after: 8:00-10:00 EDT is 12:00-14:00Z, not the 13:00-15:00Z of the week before.
    const mondayMornings: AvailabilityWindow[] = [{ days: [1], startHour: 8, endHour: 10 }];
    expect(withinWindows(utc('2026-03-09T12:00:00Z'), utc('2026-03-09T14:00:00Z'), mondayMornings, NY)).toBe(true);
    expect(withinWindows(utc('2026-03-02T13:00:00Z'), utc('2026-03-02T15:00:00Z'), mondayMornings, NY)).toBe(true);
    expect(withinWindows(utc('2026-03-09T13:00:00Z'), utc('2026-03-09T15:00:00Z'), mondayMornings, NY)).toBe(false);
  });

  test('fall back (Sunday 1 November 2026): 0:00 to 3:00 local is four real hours', () => {
    const sundayEarly: AvailabilityWindow[] = [{ days: [7], startHour: 0, endHour: 3 }];
    expect(withinWindows(utc('2026-11-01T04:00:00Z'), utc('2026-11-01T08:00:00Z'), sundayEarly, NY)).toBe(true);
    expect(withinWindows(utc('2026-11-01T04:00:00Z'), utc('2026-11-01T08:30:00Z'), sundayEarly, NY)).toBe(false);
  });

  test('no windows: nothing is inside', () => {
    expect(withinWindows(utc('2026-04-14T21:00:00Z'), utc('2026-04-14T22:00:00Z'), [], NY)).toBe(false);
  });
});

describe('describeWindow', () => {
  test.each([
    [{ days: [1, 2, 3, 4, 5], startHour: 17, endHour: 20 }, 'Mon–Fri 17–20'],
    [{ days: [6], startHour: 9, endHour: 12 }, 'Sat 9–12'],
    [{ days: [4, 2], startHour: 8, endHour: 12 }, 'Tue, Thu 8–12'],
    [{ days: [1, 2], startHour: 8, endHour: 12 }, 'Mon, Tue 8–12'],
    [{ days: [1, 2, 3, 5, 6, 7], startHour: 0, endHour: 24 }, 'Mon–Wed, Fri–Sun 0–24'],
  ])('%j reads %s', (window, expected) => {
    expect(describeWindow(window)).toBe(expected);
  });
});
