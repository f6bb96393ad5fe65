import { createScheduleBody } from '../../../api/schedules/scheduleBody';
import { toTemporalSpec } from '../../../api/schedules/scheduleSpec';

const valid = {
  id: 'monthly-inspections',
  name: 'Monthly inspections',
  timeZone: 'America/New_York',
  schedule: { calendars: [{ dayOfMonth: 1, hour: 6 }] },
  rules: { equipment: {} },
};

const issuesOf = (body: unknown) => {
  const result = createScheduleBody.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('schedule body', () => {
  test('a valid plan parses with its defaults', () => {
    const body = createScheduleBody.parse(valid);
    expect(body.rules.equipment).toEqual({ lifeShare: 0.8, every: 'year', priority: 'low' });
    expect(createScheduleBody.parse({ ...valid, timeZone: 'america/chicago' }).timeZone).toBe('America/Chicago');
  });

  test('bad fields are named by their paths', () => {
    expect(issuesOf({ ...valid, id: 'Bad_Id' })).toEqual(['id']);
    expect(issuesOf({ ...valid, timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
    expect(issuesOf({ ...valid, schedule: {} })).toEqual(['schedule']);
    expect(issuesOf({ ...valid, schedule: { calendars: [{ hour: 24 }] } })).toEqual(['schedule.calendars.0.hour']);
    expect(issuesOf({ ...valid, schedule: { cron: ['CRON_TZ=UTC 0 6 * * *'] } })).toEqual(['schedule.cron.0']);
    expect(issuesOf({ ...valid, schedule: { cron: ['every day'] } })).toEqual(['schedule.cron.0']);
    expect(issuesOf({ ...valid, schedule: { intervals: [{ everySeconds: 60, offsetSeconds: 60 }] } })).toEqual([
      'schedule.intervals.0.offsetSeconds',
    ]);
    expect(issuesOf({ ...valid, rules: {} })).toEqual(['rules']);
    expect(
      issuesOf({ ...valid, rules: { patterns: [{ name: 'a', title: 'Leaks', terms: ['leak'], count: 1 }] } }),
    ).toEqual(['rules.patterns.0.count']);
    expect(issuesOf({ ...valid, extra: true })).toEqual(['']);
  });
});

describe('Temporal spec', () => {
  test('months and weekdays become names, seconds become milliseconds, the zone is kept', () => {
    const spec = toTemporalSpec(
      {
        calendars: [{ month: [9, 10], dayOfWeek: 1, hour: 6, minute: '*' }],
        cron: ['0 6 1 * *'],
        intervals: [{ everySeconds: 3600, offsetSeconds: 60 }],
      },
      'America/Chicago',
    );
    expect(spec).toEqual({
      calendars: [
        {
          second: undefined,
          minute: '*',
          hour: 6,
          dayOfMonth: undefined,
          month: ['SEPTEMBER', 'OCTOBER'],
          dayOfWeek: 'MONDAY',
          comment: undefined,
        },
      ],
      cronExpressions: ['0 6 1 * *'],
      intervals: [{ every: 3_600_000, offset: 60_000 }],
      timezone: 'America/Chicago',
    });
  });
});
