import fc from 'fast-check';
import {
  proposeAssignment,
  type AssignmentOption,
  type CandidateTechnician,
  type ProposalInput,
} from '../../domain/assignment';
import { withinWindows, type AvailabilityWindow } from '../../domain/availability';
import { fitsOn } from '../../domain/fits';
import type { Priority, Skill } from '../../domain/priority';
import { DEFAULT_RULES } from '../../domain/rules';
import {
  addDays,
  calendarObstacles,
  defaultWorkingHours,
  resolveBound,
  workingDays,
  workingHoursOf,
} from '../../domain/technicianCalendar';
import { localDateKey, localParts, zonedTimeToUtc } from '../../domain/zonedTime';

const scheduling = DEFAULT_RULES.scheduling;
const ZONE = scheduling.timeZone;
/** Tuesday 14 April 2026, 10:00 in New York. */
const TUESDAY_10AM = zonedTimeToUtc(2026, 4, 14, 10, ZONE);
const BUILDING = 7;

function at(day: number, hour: number, month = 4): Date {
  return zonedTimeToUtc(2026, month, day, hour, ZONE);
}

function tech(id: number, skills: Skill[], overrides: Partial<CandidateTechnician> = {}): CandidateTechnician {
  return {
    id,
    name: `Tech ${id}`,
    skills,
    certifications: [],
    maxOrdersPerDay: 6,
    firstTimeFixRate: 0.85,
    bookings: [],
    ...overrides,
  };
}

function input(
  technicians: CandidateTechnician[],
  job: {
    priority?: Priority;
    skills?: Skill[];
    minutes?: number;
    now?: Date;
    certificationsBySkill?: ProposalInput['certificationsBySkill'];
  } = {},
): ProposalInput {
  const skills = job.skills ?? ['plumbing'];
  return {
    classification: { priority: job.priority ?? 'medium', skillsRequired: skills, estimatedMinutes: job.minutes ?? 60 },
    buildingId: BUILDING,
    now: job.now ?? TUESDAY_10AM,
    scheduling,
    technicians,
    requiredCertifications: [...(job.certificationsBySkill?.[skills[0]!] ?? [])],
    ...(job.certificationsBySkill ? { certificationsBySkill: job.certificationsBySkill } : {}),
  };
}

const options = (p: ReturnType<typeof proposeAssignment>): AssignmentOption[] => [
  ...(p.best ? [p.best] : []),
  ...p.alternatives,
];
const start = (o: AssignmentOption) => new Date(o.slot.start);
const end = (o: AssignmentOption) => new Date(o.slot.end);

describe('working hours', () => {
  test("without hours of their own a technician works the rules' workday, Monday to Saturday", () => {
    expect(workingHoursOf(null, scheduling)).toEqual([{ days: [1, 2, 3, 4, 5, 6], startHour: 8, endHour: 17 }]);
    expect(workingHoursOf([], scheduling)).toEqual(defaultWorkingHours(scheduling));
  });

  test('routine slots lie inside the technician’s own hours; another technician keeps the workday', () => {
    const afternoons: AvailabilityWindow[] = [{ days: [3, 4], startHour: 13, endHour: 19 }];
    const p = proposeAssignment(input([tech(1, ['plumbing'], { workingHours: afternoons })]));
    expect(p.best).not.toBeNull();
    for (const o of options(p)) expect(withinWindows(start(o), end(o), afternoons, ZONE)).toBe(true);
    expect(start(p.best!)).toEqual(at(15, 13)); // Wednesday 1 PM, their first hour

    // Sunday hours make a Sunday visit possible for that technician only.
    const sundays: AvailabilityWindow[] = [{ days: [7], startHour: 9, endHour: 12 }];
    const sunday = proposeAssignment(input([tech(1, ['plumbing'], { workingHours: sundays })]));
    expect(localParts(start(sunday.best!), ZONE)).toMatchObject({ weekday: 0, hour: 9 });
  });

  test('a technician whose hours never fit the job is not proposed; one who fits is', () => {
    const tooShort: AvailabilityWindow[] = [{ days: [1, 2, 3, 4, 5], startHour: 8, endHour: 9 }];
    const p = proposeAssignment(
      input([tech(1, ['plumbing'], { workingHours: tooShort, firstTimeFixRate: 0.99 }), tech(2, ['plumbing'])], {
        minutes: 120,
      }),
    );
    expect(options(p).map((o) => o.technicianId)).toEqual([2, 2, 2]);
    expect(
      proposeAssignment(input([tech(1, ['plumbing'], { workingHours: tooShort })], { minutes: 120 })).best,
    ).toBeNull();
  });

  test('an emergency is not bound by working hours (it is booked at night), but time off still counts', () => {
    const lateNight = at(14, 23);
    const p = proposeAssignment(input([tech(1, ['plumbing'])], { priority: 'emergency', now: lateNight }));
    expect(localParts(start(p.best!), ZONE).hour).toBe(23);
    const away = tech(1, ['plumbing'], { timeOff: [{ start: at(14, 0), end: at(16, 0) }] });
    const onCall = tech(2, ['plumbing'], { firstTimeFixRate: 0.5 });
    expect(proposeAssignment(input([away, onCall], { priority: 'emergency', now: lateNight })).best?.technicianId).toBe(
      2,
    );
    expect(proposeAssignment(input([away], { priority: 'emergency', now: lateNight })).best).toBeNull();
  });

  test('DST: a 7–9 window on the Monday after clocks spring forward is 11:00–13:00 UTC, the Friday before 12:00–14:00', () => {
    const earlyMornings: AvailabilityWindow[] = [{ days: [1, 5], startHour: 7, endHour: 9 }];
    const thursdayBefore = zonedTimeToUtc(2026, 3, 5, 10, ZONE);
    const p = proposeAssignment(
      input([tech(1, ['plumbing'], { workingHours: earlyMornings })], { now: thursdayBefore, minutes: 120 }),
    );
    expect(p.best!.slot).toEqual({ start: '2026-03-06T12:00:00.000Z', end: '2026-03-06T14:00:00.000Z' });
    expect(options(p).map((o) => o.slot.start)).toEqual([
      '2026-03-06T12:00:00.000Z',
      '2026-03-09T11:00:00.000Z',
      '2026-03-13T11:00:00.000Z',
    ]);
  });

  test('DST: the working days of the fall-back week have the right bounds', () => {
    const days = workingDays('2026-10-31', '2026-11-02', [{ days: [6, 7, 1], startHour: 8, endHour: 17 }], ZONE);
    expect(days.map((d) => [d.date, (d.end.getTime() - d.start.getTime()) / 3_600_000])).toEqual([
      ['2026-10-31', 24],
      ['2026-11-01', 25],
      ['2026-11-02', 24],
    ]);
    expect(days.map((d) => d.working[0]!.start.toISOString())).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z',
      '2026-11-02T13:00:00.000Z',
    ]);
  });
});

describe('time off', () => {
  test('no slot overlaps time off: the first slot is after it', () => {
    const away = tech(1, ['plumbing'], { timeOff: [{ start: at(14, 0), end: at(16, 12) }] });
    const p = proposeAssignment(input([away]));
    expect(start(p.best!)).toEqual(at(16, 12));
    for (const o of options(p)) expect(start(o) >= at(16, 12)).toBe(true);
  });

  test('a technician away for the whole horizon is skipped for the one who is in', () => {
    const away = tech(1, ['plumbing'], { firstTimeFixRate: 0.99, timeOff: [{ start: at(1, 0), end: at(30, 0, 5) }] });
    const p = proposeAssignment(input([away, tech(2, ['plumbing'], { firstTimeFixRate: 0.6 })]));
    expect(options(p).every((o) => o.technicianId === 2)).toBe(true);
  });

  test('dates are whole local days: 1–3 July is from midnight on the 1st to midnight after the 3rd (EDT)', () => {
    expect(resolveBound('2026-07-01', 'start', ZONE).toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(resolveBound('2026-07-03', 'end', ZONE).toISOString()).toBe('2026-07-04T04:00:00.000Z');
    // The day clocks spring forward has 23 hours.
    expect(
      resolveBound('2026-03-08', 'end', ZONE).getTime() - resolveBound('2026-03-08', 'start', ZONE).getTime(),
    ).toBe(23 * 3_600_000);
    expect(resolveBound('2026-07-01T09:30:00-04:00', 'start', ZONE).toISOString()).toBe('2026-07-01T13:30:00.000Z');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('calendarObstacles: what an override would override', () => {
  const hours = defaultWorkingHours(scheduling);
  const check = {
    workingHours: hours,
    timeOff: [],
    maxOrdersPerDay: 2,
    bookedThatDay: 0,
    timeZone: ZONE,
    emergency: false,
  };

  test('4:53 AM on a Sunday is outside working hours, and says whose hours', () => {
    const sunday = { start: new Date(at(19, 4).getTime() + 53 * 60_000), end: at(19, 6) };
    expect(calendarObstacles({ ...check, slot: sunday })).toEqual([
      {
        kind: 'outside_working_hours',
        detail: 'Sun, Apr 19, 4:53 AM – Sun, Apr 19, 6:00 AM is outside working hours (Mon–Sat 8–17)',
      },
    ]);
  });

  test('time off and a full day are named; inside the calendar, nothing', () => {
    const slot = { start: at(15, 10), end: at(15, 11) };
    expect(calendarObstacles({ ...check, slot })).toEqual([]);
    const obstacles = calendarObstacles({
      ...check,
      slot,
      bookedThatDay: 2,
      timeOff: [{ id: 7, start: at(15, 0), end: at(16, 0), reason: 'dentist' }],
    });
    expect(obstacles.map((o) => o.kind)).toEqual(['time_off', 'over_capacity']);
    expect(obstacles[0]).toMatchObject({
      timeOffId: 7,
      detail: expect.stringMatching(/^on time off Wed, Apr 15, 12:00 AM – Thu, Apr 16, 12:00 AM \(dentist\)$/),
    });
    expect(obstacles[1]!.detail).toBe('2 of 2 orders already booked that day');
  });

  test('for an emergency only time off counts, as in the proposal', () => {
    const night = { start: at(19, 3), end: at(19, 4) };
    expect(calendarObstacles({ ...check, slot: night, emergency: true, bookedThatDay: 9 })).toEqual([]);
    expect(
      calendarObstacles({
        ...check,
        slot: night,
        emergency: true,
        timeOff: [{ start: at(19, 0), end: at(20, 0) }],
      }).map((o) => o.kind),
    ).toEqual(['time_off']);
  });
});

describe('the order’s other skills before escalating', () => {
  const locksmithAndPlumbing: Skill[] = ['locksmith', 'plumbing'];

  test('“La llave del lavabo gotea mucho” as locksmith + plumbing: no locksmith, so a plumber, said so, below auto-assign', () => {
    const ray = tech(1, ['plumbing', 'general'], { name: 'Ray' });
    const p = proposeAssignment(input([ray, tech(2, ['electrical'])], { skills: locksmithAndPlumbing }));
    expect(p.best?.technicianId).toBe(1);
    expect(p.fallback).toEqual({
      primarySkill: 'locksmith',
      skill: 'plumbing',
      why: 'no internal technician has locksmith',
    });
    expect(p.best!.reasoning).toMatch(
      /^no internal technician has locksmith; tried plumbing, another skill this order needs, instead of locksmith: Ray: has plumbing/,
    );
    expect(p.best!.confidence).toBeLessThan(DEFAULT_RULES.thresholds.autoAssign);
  });

  test("the primary trade's technicians all away or full counts as nobody too", () => {
    const awayLocksmith = tech(1, ['locksmith'], { timeOff: [{ start: at(1, 0), end: at(30, 0, 5) }] });
    const p = proposeAssignment(input([awayLocksmith, tech(2, ['plumbing'])], { skills: locksmithAndPlumbing }));
    expect(p.best?.technicianId).toBe(2);
    expect(p.fallback?.why).toBe(
      `every technician with locksmith is fully booked in the next ${scheduling.horizonDays} days`,
    );
  });

  test("the other skill's certifications apply; when every skill fails the reason lists each", () => {
    const certificationsBySkill = { electrical: ['licensed-electrician'] };
    const unlicensed = tech(1, ['electrical']);
    const p = proposeAssignment(input([unlicensed], { skills: ['locksmith', 'electrical'], certificationsBySkill }));
    expect(p.best).toBeNull();
    expect(p.noFitReason).toBe(
      "no internal technician has locksmith; the order's other skills found nobody either: no technician with electrical holds licensed-electrician, which the rules require for electrical",
    );
    expect(
      proposeAssignment(
        input([tech(2, ['electrical'], { certifications: ['licensed-electrician'] })], {
          skills: ['locksmith', 'electrical'],
          certificationsBySkill,
        }),
      ).best?.technicianId,
    ).toBe(2);
  });

  test('one skill only: nothing else to try', () => {
    expect(proposeAssignment(input([tech(1, ['plumbing'])], { skills: ['roofing'] }))).toEqual({
      best: null,
      alternatives: [],
      noFitReason: 'no internal technician has roofing',
    });
  });
});

describe('every option keeps inside the calendar (property)', () => {
  const arbitraryWindow = fc
    .record({
      days: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      startHour: fc.integer({ min: 0, max: 20 }),
      length: fc.integer({ min: 1, max: 10 }),
    })
    .map(({ days, startHour, length }) => ({ days, startHour, endHour: Math.min(24, startHour + length) }));
  const arbitraryTechnician = fc.record({
    hours: fc.option(fc.array(arbitraryWindow, { minLength: 1, maxLength: 3 }), { nil: null }),
    timeOff: fc.array(fc.record({ day: fc.integer({ min: 14, max: 28 }), hours: fc.integer({ min: 1, max: 72 }) }), {
      maxLength: 3,
    }),
    bookings: fc.array(fc.record({ day: fc.integer({ min: 14, max: 28 }), hour: fc.integer({ min: 0, max: 22 }) }), {
      maxLength: 10,
    }),
    maxOrdersPerDay: fc.integer({ min: 1, max: 4 }),
  });

  test('routine: inside working hours, clear of time off and bookings, under capacity; emergency: clear of time off', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryTechnician, { minLength: 1, maxLength: 4 }),
        fc.constantFrom<Priority>('low', 'medium', 'high', 'emergency'),
        fc.integer({ min: 30, max: 240 }),
        // Around the March change (8 March 2026) or an ordinary April week.
        fc.constantFrom(zonedTimeToUtc(2026, 3, 6, 15, ZONE), TUESDAY_10AM),
        (drawn, priority, minutes, now) => {
          const technicians = drawn.map((t, i) =>
            tech(i + 1, ['plumbing'], {
              workingHours: t.hours,
              maxOrdersPerDay: t.maxOrdersPerDay,
              timeOff: t.timeOff.map((o) => ({
                start: at(o.day, 0),
                end: new Date(at(o.day, 0).getTime() + o.hours * 3_600_000),
              })),
              bookings: t.bookings.map((b) => ({
                start: at(b.day, b.hour),
                end: at(b.day, b.hour + 1),
                buildingId: 1,
              })),
            }),
          );
          const p = proposeAssignment(input(technicians, { priority, minutes, now }));
          for (const o of options(p)) {
            const t = technicians.find((x) => x.id === o.technicianId)!;
            const slot = { start: start(o), end: end(o) };
            for (const off of t.timeOff!) expect(slot.start < off.end && off.start < slot.end).toBe(false);
            for (const b of t.bookings) expect(slot.start < b.end && b.start < slot.end).toBe(false);
            if (priority === 'emergency') continue;
            expect(withinWindows(slot.start, slot.end, workingHoursOf(t.workingHours, scheduling), ZONE)).toBe(true);
            const sameDay = t.bookings.filter(
              (b) => localDateKey(b.start, ZONE) === localDateKey(slot.start, ZONE),
            ).length;
            expect(sameDay).toBeLessThan(t.maxOrdersPerDay);
            expect(
              calendarObstacles({
                slot,
                workingHours: workingHoursOf(t.workingHours, scheduling),
                timeOff: t.timeOff!,
                maxOrdersPerDay: t.maxOrdersPerDay,
                bookedThatDay: sameDay,
                timeZone: ZONE,
                emergency: false,
              }),
            ).toEqual([]);
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('fitsOn: a day’s board', () => {
  const wednesday = '2026-04-15';

  test('who fits and when, scored as the proposal scores; who does not, and why', () => {
    const ray = tech(1, ['plumbing'], { name: 'Ray' });
    const weekender = tech(2, ['plumbing'], {
      name: 'Sam',
      workingHours: [{ days: [6, 7], startHour: 8, endHour: 17 }],
    });
    const away = tech(3, ['plumbing'], { name: 'Ana', timeOff: [{ start: at(15, 0), end: at(16, 0) }] });
    const full = tech(4, ['plumbing'], {
      name: 'Lee',
      maxOrdersPerDay: 1,
      bookings: [{ start: at(15, 8), end: at(15, 9), buildingId: 1 }],
    });
    const handyman = tech(5, ['general'], { name: 'Max' });
    const electrician = tech(6, ['electrical'], { name: 'Tasha' });
    const fits = fitsOn(
      input([ray, weekender, away, full, handyman, electrician], { skills: ['plumbing', 'general'] }),
      wednesday,
    );
    expect(fits.map((f) => [f.technicianName, f.fits, f.skill])).toEqual([
      ['Ray', true, 'plumbing'],
      ['Max', true, 'general'],
      ['Sam', false, 'plumbing'],
      ['Ana', false, 'plumbing'],
      ['Lee', false, 'plumbing'],
    ]);
    const [rayFit, maxFit, samFit, anaFit, leeFit] = fits;
    expect(rayFit!.slots.map((s) => localParts(new Date(s.slot.start), ZONE).hour)).toEqual([
      8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    expect(rayFit!.slots[0]!.reasoning).toMatch(
      /^Ray: has plumbing \(not every listed skill\), first-time-fix rate 85%, 0 of 6 orders booked that day, free Wed, Apr 15, 8:00 AM$/,
    );
    // The proposal's own best for Ray is his best slot on that day's board, same score.
    const proposed = proposeAssignment(input([ray], { skills: ['plumbing', 'general'], now: at(14, 19) }));
    expect(fitsOn(input([ray], { skills: ['plumbing', 'general'], now: at(14, 19) }), wednesday)[0]!.slots[0]).toEqual(
      proposed.best,
    );
    expect(maxFit!.slots[0]!.reasoning).toMatch(
      /^Max does not have plumbing; tried general, another skill this order needs, instead of plumbing: Max: has general/,
    );
    expect(samFit!.why).toBe('does not work that day (working hours Sat, Sun 8–17)');
    expect(anaFit!.why).toBe('on time off Wed, Apr 15, 12:00 AM – Thu, Apr 16, 12:00 AM');
    expect(leeFit!.why).toBe('1 of 1 orders already booked that day');
    expect(leeFit!.bookedThatDay).toBe(1);
  });

  test('a day already over, and missing certifications', () => {
    const fits = fitsOn(
      input([tech(1, ['electrical'])], {
        skills: ['electrical'],
        certificationsBySkill: { electrical: ['licensed-electrician'] },
      }),
      wednesday,
    );
    expect(fits[0]).toMatchObject({
      fits: false,
      why: 'lacks licensed-electrician, which the rules require for electrical',
    });
    expect(fitsOn(input([tech(1, ['plumbing'])]), '2026-04-13')[0]).toMatchObject({
      fits: false,
      why: 'the day is over',
    });
  });

  test('an emergency: any hour of the day from the lead on', () => {
    const fits = fitsOn(input([tech(1, ['plumbing'])], { priority: 'emergency', now: at(14, 20) }), '2026-04-14');
    expect(fits[0]!.slots.map((s) => localParts(new Date(s.slot.start), ZONE).hour).sort((a, b) => a - b)).toEqual([
      21, 22, 23,
    ]);
  });
});
