import fc from 'fast-check';
import {
  formatLocal,
  localDateKey,
  localParts,
  memoizedLocalDateKey,
  readLocalParts,
  zonedTimeToUtc,
} from '../../domain/zonedTime';

const NY = 'America/New_York';
const iso = (d: Date) => d.toISOString();

describe('zonedTimeToUtc in America/New_York', () => {
  test('standard and daylight time on ordinary days', () => {
    expect(iso(zonedTimeToUtc(2026, 1, 15, 9, NY))).toBe('2026-01-15T14:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 7, 15, 9, NY))).toBe('2026-07-15T13:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 12, 31, 23, NY))).toBe('2027-01-01T04:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 1, 1, 0, NY))).toBe('2026-01-01T05:00:00.000Z');
  });

  describe('2026-03-08, clocks go from 2:00 EST to 3:00 EDT', () => {
    test.each([
      [0, '2026-03-08T05:00:00.000Z'],
      [1, '2026-03-08T06:00:00.000Z'],
      [7, '2026-03-08T11:00:00.000Z'],
      [8, '2026-03-08T12:00:00.000Z'],
      [12, '2026-03-08T16:00:00.000Z'],
      [17, '2026-03-08T21:00:00.000Z'],
    ])('%i:00 local', (hour, expected) => {
      expect(iso(zonedTimeToUtc(2026, 3, 8, hour, NY))).toBe(expected);
    });

    test('2:00 does not exist and moves forward to 3:00 EDT', () => {
      expect(iso(zonedTimeToUtc(2026, 3, 8, 2, NY))).toBe('2026-03-08T07:00:00.000Z');
    });

    // The naive guess's offset is still EST here: one correction pass is not enough.
    test('3:00 local is 07:00Z (EDT)', () => {
      expect(iso(zonedTimeToUtc(2026, 3, 8, 3, NY))).toBe('2026-03-08T07:00:00.000Z');
    });
  });

  describe('2026-11-01, clocks go from 2:00 EDT back to 1:00 EST', () => {
    test.each([
      [0, '2026-11-01T04:00:00.000Z'],
      [6, '2026-11-01T11:00:00.000Z'],
      [8, '2026-11-01T13:00:00.000Z'],
      [12, '2026-11-01T17:00:00.000Z'],
      [17, '2026-11-01T22:00:00.000Z'],
    ])('%i:00 local', (hour, expected) => {
      expect(iso(zonedTimeToUtc(2026, 11, 1, hour, NY))).toBe(expected);
    });

    test('1:00 happens twice; the first (EDT) one is chosen', () => {
      expect(iso(zonedTimeToUtc(2026, 11, 1, 1, NY))).toBe('2026-11-01T05:00:00.000Z');
    });

    // As above, after the change back: the guess's offset is still EDT.
    test('3:00 local is 08:00Z (EST)', () => {
      expect(iso(zonedTimeToUtc(2026, 11, 1, 3, NY))).toBe('2026-11-01T08:00:00.000Z');
    });
  });

  test('every hour of the days around each change reads back as the same wall-clock hour', () => {
    for (const [month, day] of [
      [3, 7],
      [3, 9],
      [10, 31],
      [11, 2],
    ] as const) {
      for (let hour = 0; hour < 24; hour++) {
        expect(localParts(zonedTimeToUtc(2026, month, day, hour, NY), NY)).toMatchObject({
          year: 2026,
          month,
          day,
          hour,
          minute: 0,
        });
      }
    }
  });

  test('other zones, including one without daylight time', () => {
    expect(iso(zonedTimeToUtc(2026, 4, 14, 9, 'Asia/Tokyo'))).toBe('2026-04-14T00:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 4, 14, 9, 'America/Los_Angeles'))).toBe('2026-04-14T16:00:00.000Z');
    expect(iso(zonedTimeToUtc(2026, 4, 14, 9, 'UTC'))).toBe('2026-04-14T09:00:00.000Z');
  });
});

describe('localDateKey', () => {
  test('is the local calendar day, zero-padded', () => {
    expect(localDateKey(new Date('2026-01-05T15:00:00Z'), NY)).toBe('2026-01-05');
  });

  test('a UTC instant after midnight UTC can still be the previous day in New York', () => {
    expect(localDateKey(new Date('2026-04-15T03:30:00Z'), NY)).toBe('2026-04-14');
    expect(localDateKey(new Date('2026-04-15T04:00:00Z'), NY)).toBe('2026-04-15');
  });

  test('local midnight across both daylight-time changes', () => {
    expect(localDateKey(new Date('2026-03-08T04:59:00Z'), NY)).toBe('2026-03-07');
    expect(localDateKey(new Date('2026-03-08T05:00:00Z'), NY)).toBe('2026-03-08');
    expect(localDateKey(new Date('2026-03-09T03:59:00Z'), NY)).toBe('2026-03-08');
    expect(localDateKey(new Date('2026-03-09T04:00:00Z'), NY)).toBe('2026-03-09');
    expect(localDateKey(new Date('2026-11-01T03:59:00Z'), NY)).toBe('2026-10-31');
    expect(localDateKey(new Date('2026-11-01T04:00:00Z'), NY)).toBe('2026-11-01');
    expect(localDateKey(new Date('2026-11-02T04:59:00Z'), NY)).toBe('2026-11-01');
    expect(localDateKey(new Date('2026-11-02T05:00:00Z'), NY)).toBe('2026-11-02');
  });
});

describe('localParts and formatLocal', () => {
  test('weekday is 0 for Sunday; midnight is hour 0, not 24', () => {
    expect(localParts(new Date('2026-04-14T14:00:00Z'), NY)).toEqual({
      year: 2026,
      month: 4,
      day: 14,
      hour: 10,
      minute: 0,
      weekday: 2,
    });
    expect(localParts(new Date('2026-03-08T05:00:00Z'), NY)).toMatchObject({ hour: 0, weekday: 0 });
  });

  test('formats a short local time a tenant can read', () => {
    expect(formatLocal(new Date('2026-04-15T18:00:00Z'), NY)).toBe('Wed, Apr 15, 2:00 PM');
  });
});

describe('memoizedLocalDateKey and the cached formatters', () => {
  test('gives what localDateKey gives, in its own zone, asked again or not', () => {
    const inNewYork = memoizedLocalDateKey(NY);
    const inTokyo = memoizedLocalDateKey('Asia/Tokyo');
    for (let hour = 0; hour < 72; hour += 5) {
      const at = new Date(Date.UTC(2026, 2, 7, hour)); // across the spring-forward weekend
      for (let ask = 0; ask < 2; ask++) {
        expect(inNewYork(at)).toBe(localDateKey(at, NY));
        expect(inTokyo(at)).toBe(localDateKey(at, 'Asia/Tokyo'));
      }
    }
    expect(inNewYork(new Date('2026-03-08T03:30:00Z'))).toBe('2026-03-07');
    expect(inTokyo(new Date('2026-03-08T03:30:00Z'))).toBe('2026-03-08');
  });

  test('formatLocal keeps one formatter per zone: each zone formats in its own time', () => {
    const at = new Date('2026-04-14T14:00:00Z');
    expect(formatLocal(at, NY)).toBe('Tue, Apr 14, 10:00 AM');
    expect(formatLocal(at, 'Europe/Madrid')).toBe('Tue, Apr 14, 4:00 PM');
    expect(formatLocal(at, NY)).toBe('Tue, Apr 14, 10:00 AM');
  });
});

describe('remembered answers', () => {
  const ZONES = [NY, 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Los_Angeles'];
  const HOUR = 3_600_000;
  test('localParts asked again (hour-aligned instants across DST changes) answers what Intl reads', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 3 * 365 * 24 }),
        fc.constantFrom(0, 30 * 60_000, 45 * 60_000),
        (zone, hours, offset) => {
          const at = new Date(Date.UTC(2025, 0, 1) + hours * HOUR + offset);
          const expected = readLocalParts(at, zone);
          expect(localParts(at, zone)).toEqual(expected);
          expect(localParts(new Date(at.getTime()), zone)).toEqual(expected);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  test('zonedTimeToUtc asked again gives the same instant, whose wall clock reads the hour asked unless DST skipped it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 23 }),
        (zone, days, hour) => {
          const day = new Date(Date.UTC(2025, 0, 1) + days * 24 * HOUR);
          const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
          const first = zonedTimeToUtc(y, m, d, hour, zone);
          expect(zonedTimeToUtc(y, m, d, hour, zone).getTime()).toBe(first.getTime());
          const read = readLocalParts(first, zone);
          const skipped = read.hour !== hour;
          if (!skipped) expect([read.year, read.month, read.day, read.hour]).toEqual([y, m, d, hour]);
          // A skipped hour (the spring gap) lands within an hour of it.
          else expect(Math.abs(read.hour - hour) % 23).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
