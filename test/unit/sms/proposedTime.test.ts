import { mentionsTime, parseProposedTime } from '../../../domain/sms/proposedTime';

const NY = 'America/New_York';
/** Tuesday 2026-11-24, 10:00 in New York (EST, UTC-5). */
const NOW = new Date('2026-11-24T15:00:00Z');

function startOf(text: string, now = NOW): string | null {
  return parseProposedTime(text, now, NY)?.start.toISOString() ?? null;
}

describe('parseProposedTime, Tuesday 2026-11-24 10:00 in New York', () => {
  test.each([
    ['tomorrow 3pm', '2026-11-25T20:00:00.000Z'],
    ['tomorrow at 3', '2026-11-25T20:00:00.000Z'],
    ['Tomorrow 3', '2026-11-25T20:00:00.000Z'],
    ['tmrw 2p', '2026-11-25T19:00:00.000Z'],
    ['can you come tomorrow at 3pm', '2026-11-25T20:00:00.000Z'],
    ['tomorrow at 9:30 a.m.', '2026-11-25T14:30:00.000Z'],
    ['tomorrow at 7 in the morning', '2026-11-25T12:00:00.000Z'],
    ['noon tomorrow', '2026-11-25T17:00:00.000Z'],
    ['friday 10am', '2026-11-27T15:00:00.000Z'],
    ['Friday 10am instead', '2026-11-27T15:00:00.000Z'],
    ['next wednesday at 11', '2026-11-25T16:00:00.000Z'],
    ['thursday afternoon', '2026-11-26T19:00:00.000Z'],
    ['not today, thursday afternoon', '2026-11-26T19:00:00.000Z'],
    ['saturday morning', '2026-11-28T14:00:00.000Z'],
    ['monday evening', '2026-11-30T22:00:00.000Z'],
    ['3pm', '2026-11-24T20:00:00.000Z'],
    ['15:00', '2026-11-24T20:00:00.000Z'],
    ['at 3', '2026-11-24T20:00:00.000Z'],
    ['at 8', '2026-11-25T13:00:00.000Z'],
    ['at 11', '2026-11-24T16:00:00.000Z'],
    ['around 4:30', '2026-11-24T21:30:00.000Z'],
    ['after 5', '2026-11-24T22:00:00.000Z'],
    ["3 o'clock", '2026-11-24T20:00:00.000Z'],
    ['at two', '2026-11-24T19:00:00.000Z'],
    ['205pm', '2026-11-24T19:05:00.000Z'],
    ['1030am', '2026-11-24T15:30:00.000Z'],
    ['930am', '2026-11-25T14:30:00.000Z'],
    ['9am', '2026-11-25T14:00:00.000Z'],
    ['this afternoon', '2026-11-24T19:00:00.000Z'],
    ['tonight', '2026-11-24T22:00:00.000Z'],
    ['Nov 27 at 2', '2026-11-27T19:00:00.000Z'],
    ['November 30th, 9am', '2026-11-30T14:00:00.000Z'],
    ['11/30 9am', '2026-11-30T14:00:00.000Z'],
    ['Jan 5 at 10', '2027-01-05T15:00:00.000Z'],
  ])('%s', (text, expected) => {
    expect(startOf(text)).toBe(expected);
  });

  describe('Spanish', () => {
    test.each([
      ['mañana a las 3', '2026-11-25T20:00:00.000Z'],
      ['manana a las 3', '2026-11-25T20:00:00.000Z'],
      ['Mañana a las 10:30', '2026-11-25T15:30:00.000Z'],
      ['mañana por la mañana', '2026-11-25T14:00:00.000Z'],
      ['mañana en la tarde', '2026-11-25T19:00:00.000Z'],
      ['pasado mañana a las 4', '2026-11-26T21:00:00.000Z'],
      ['viernes a las 10', '2026-11-27T15:00:00.000Z'],
      ['el viernes 10', '2026-11-27T15:00:00.000Z'],
      ['el jueves por la tarde', '2026-11-26T19:00:00.000Z'],
      ['el sábado por la mañana', '2026-11-28T14:00:00.000Z'],
      ['a las tres de la tarde', '2026-11-24T20:00:00.000Z'],
      ['a la una', '2026-11-24T18:00:00.000Z'],
      ['a las 8 de la noche', '2026-11-25T01:00:00.000Z'],
      ['a las 7 de la mañana', '2026-11-25T12:00:00.000Z'],
      ['esta tarde', '2026-11-24T19:00:00.000Z'],
      ['esta noche', '2026-11-24T22:00:00.000Z'],
      ['27 de noviembre a las 10', '2026-11-27T15:00:00.000Z'],
      ['miércoles 25 de noviembre a las 9', '2026-11-25T14:00:00.000Z'],
      ['el miércoles al mediodía', '2026-11-25T17:00:00.000Z'],
    ])('%s', (text, expected) => {
      expect(startOf(text)).toBe(expected);
    });
  });

  describe("today's weekday name", () => {
    test('is today while the time is still ahead', () => {
      expect(startOf('tuesday 2pm')).toBe('2026-11-24T19:00:00.000Z');
      expect(startOf('martes a las 11')).toBe('2026-11-24T16:00:00.000Z');
    });

    test('is next week once the time has passed', () => {
      expect(startOf('tuesday 9am')).toBe('2026-12-01T14:00:00.000Z');
      expect(startOf('tuesday morning')).toBe('2026-12-01T14:00:00.000Z');
    });
  });

  describe('a time of day alone', () => {
    test('is today when still ahead, else tomorrow', () => {
      expect(startOf('at 11')).toBe('2026-11-24T16:00:00.000Z');
      expect(startOf('at 9')).toBe('2026-11-25T14:00:00.000Z');
    });

    test('"this morning" said after 9 means the next whole hour of the morning', () => {
      expect(startOf('this morning')).toBe('2026-11-24T16:00:00.000Z');
      expect(startOf('por la mañana')).toBe('2026-11-24T16:00:00.000Z');
    });

    test('"this afternoon" said at 3 pm is 4 pm; said at 5 pm it is over', () => {
      expect(startOf('this afternoon', new Date('2026-11-24T20:00:00Z'))).toBe('2026-11-24T21:00:00.000Z');
      expect(startOf('this afternoon', new Date('2026-11-24T22:00:00Z'))).toBeNull();
    });

    test('a time today that has passed is not a proposal', () => {
      expect(startOf('today at 9am')).toBeNull();
      expect(startOf('hoy a las 8')).toBeNull();
      expect(startOf('today at 4pm')).toBe('2026-11-24T21:00:00.000Z');
    });
  });

  describe('a day without a time', () => {
    test('starts at 9:00 and the label names the day only', () => {
      expect(parseProposedTime('tomorrow', NOW, NY)).toEqual({
        start: new Date('2026-11-25T14:00:00Z'),
        label: 'Wed Nov 25',
        dayOnly: true,
      });
      expect(parseProposedTime('el viernes', NOW, NY)).toEqual({
        start: new Date('2026-11-27T14:00:00Z'),
        label: 'Fri Nov 27',
        dayOnly: true,
      });
    });

    test('"today" alone after 9:00 gives no time', () => {
      expect(startOf('can you come today')).toBeNull();
    });
  });

  test('labels are English and name the local time', () => {
    expect(parseProposedTime('mañana a las 3', NOW, NY)?.label).toBe('Wed Nov 25, 3:00 PM');
    expect(parseProposedTime('friday 10:15am', NOW, NY)?.label).toBe('Fri Nov 27, 10:15 AM');
  });

  test.each([
    'another time',
    'otro día',
    'no',
    'yes',
    'later',
    'más tarde',
    'llegó tarde',
    'can you come at once',
    'I have lived here 3 years',
    'about 5 times',
    'a las 3 horas',
    '',
    '3 a 5',
    'I called at 205',
    "c'mon",
  ])('no time in %j', (text) => {
    expect(parseProposedTime(text, NOW, NY)).toBeNull();
  });
});

describe('parseProposedTime across DST changes in New York', () => {
  test('Saturday before clocks fall back: "tomorrow 3pm" is EST', () => {
    const saturday = new Date('2026-10-31T15:00:00Z');
    expect(startOf('tomorrow 3pm', saturday)).toBe('2026-11-01T20:00:00.000Z');
    expect(startOf('sunday at 10', saturday)).toBe('2026-11-01T15:00:00.000Z');
    expect(startOf('monday 9am', saturday)).toBe('2026-11-02T14:00:00.000Z');
  });

  test('Saturday before clocks spring forward: "tomorrow at 10am" is EDT', () => {
    const saturday = new Date('2026-03-07T17:00:00Z');
    expect(startOf('tomorrow at 10am', saturday)).toBe('2026-03-08T14:00:00.000Z');
    expect(startOf('mañana a las 3', saturday)).toBe('2026-03-08T19:00:00.000Z');
  });

  test('late evening in New York is already the next day in UTC: "tomorrow" is the local tomorrow', () => {
    const tuesdayEvening = new Date('2026-11-25T03:30:00Z'); // Tue Nov 24, 22:30 EST
    expect(startOf('tomorrow at 9am', tuesdayEvening)).toBe('2026-11-25T14:00:00.000Z');
    expect(startOf('wednesday 9am', tuesdayEvening)).toBe('2026-11-25T14:00:00.000Z');
  });

  test('another zone: Los Angeles', () => {
    expect(parseProposedTime('tomorrow 3pm', NOW, 'America/Los_Angeles')?.start.toISOString()).toBe(
      '2026-11-25T23:00:00.000Z',
    );
  });
});

describe('mentionsTime', () => {
  test.each(['tomorrow', 'viernes', 'at 3', 'this afternoon', 'por la tarde', '10:30'])('%s names a time', (text) => {
    expect(mentionsTime(text)).toBe(true);
  });

  test.each(['another time', 'otro día', 'yes please', 'no puedo', 'my rent is 1200'])('%s does not', (text) => {
    expect(mentionsTime(text)).toBe(false);
  });
});
