import fc from 'fast-check';
import {
  candidateStarts,
  proposeAssignment,
  type AssignmentOption,
  type CandidateTechnician,
  type ProposalInput,
} from '../../domain/assignment';
import { withinWindows, type AvailabilityWindow } from '../../domain/availability';
import type { Priority, Skill } from '../../domain/priority';
import { DEFAULT_RULES, rulesSchema } from '../../domain/rules';
import { localDateKey, localParts, zonedTimeToUtc } from '../../domain/zonedTime';

const scheduling = DEFAULT_RULES.scheduling;
const ZONE = scheduling.timeZone;
/** Tuesday 14 April 2026, 10:00 in New York. */
const TUESDAY_10AM = zonedTimeToUtc(2026, 4, 14, 10, ZONE);
const TODAY = '2026-04-14';
const BUILDING = 7;
const OTHER_BUILDING = 8;

function at(day: number, hour: number, minute = 0): Date {
  return new Date(zonedTimeToUtc(2026, 4, day, hour, ZONE).getTime() + minute * 60_000);
}

function booking(day: number, hour: number, hours = 1, buildingId = OTHER_BUILDING) {
  return { start: at(day, hour), end: at(day, hour + hours), buildingId };
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

interface Job {
  priority?: Priority;
  skills?: Skill[];
  minutes?: number;
  now?: Date;
  buildingId?: number;
  certifications?: string[];
  availability?: AvailabilityWindow[];
}

function proposal(technicians: CandidateTechnician[], job: Job = {}) {
  const input: ProposalInput = {
    classification: {
      priority: job.priority ?? 'medium',
      skillsRequired: job.skills ?? ['plumbing'],
      estimatedMinutes: job.minutes ?? 90,
    },
    buildingId: job.buildingId ?? BUILDING,
    now: job.now ?? TUESDAY_10AM,
    scheduling,
    technicians,
    requiredCertifications: job.certifications ?? [],
    ...(job.availability ? { availability: job.availability } : {}),
  };
  return { input, result: proposeAssignment(input) };
}

function allOptions(result: ReturnType<typeof proposeAssignment>): AssignmentOption[] {
  return [...(result.best ? [result.best] : []), ...result.alternatives];
}

const start = (o: AssignmentOption) => new Date(o.slot.start);
const end = (o: AssignmentOption) => new Date(o.slot.end);

describe('proposeAssignment', () => {
  const plumber = tech(1, ['plumbing', 'general'], { name: 'Ray' });
  const electrician = tech(2, ['electrical', 'general'], { name: 'Tasha' });
  const hvac = tech(3, ['hvac', 'appliance'], { name: 'Victor' });

  test('picks the technician with the skill, at the first working hour at least an hour from now', () => {
    const { result } = proposal([electrician, plumber, hvac]);
    expect(result.best).toMatchObject({ technicianId: 1, technicianName: 'Ray' });
    expect(start(result.best!)).toEqual(at(14, 11));
    expect(end(result.best!)).toEqual(at(14, 12, 30));
    expect(result.best!.reasoning).toMatch(/^Ray: has plumbing/);
    expect(result.best!.confidence).toBeGreaterThan(0);
    expect(result.best!.confidence).toBeLessThanOrEqual(1);
  });

  test('a technician with only a secondary skill is proposed only when the primary trade has nobody, and the reasoning says so', () => {
    const { result } = proposal([electrician], { skills: ['plumbing', 'general'] });
    expect(result.best?.technicianId).toBe(2);
    expect(result.best!.reasoning).toMatch(
      /^no internal technician has plumbing; tried general, another skill this order needs, instead of plumbing: Tasha: has general/,
    );
    expect(result.fallback).toEqual({
      primarySkill: 'plumbing',
      skill: 'general',
      why: 'no internal technician has plumbing',
    });
    // With a plumber on the books, the electrician is not even an alternative.
    const { result: withPlumber } = proposal([electrician, plumber], { skills: ['plumbing', 'general'] });
    expect(allOptions(withPlumber).map((o) => o.technicianId)).toEqual([1, 1, 1]);
    expect(withPlumber.fallback).toBeUndefined();
  });

  test('skips a technician whose day is at capacity', () => {
    const busy = tech(1, ['plumbing'], {
      firstTimeFixRate: 0.95,
      maxOrdersPerDay: 2,
      bookings: [booking(14, 8), booking(14, 9)],
    });
    const free = tech(2, ['plumbing'], { firstTimeFixRate: 0.8 });
    const { result } = proposal([busy, free]);
    expect(result.best?.technicianId).toBe(2);
    const busyToday = allOptions(result).filter((o) => o.technicianId === 1 && localDateKey(start(o), ZONE) === TODAY);
    expect(busyToday).toEqual([]);
    const busyLater = allOptions(result).find((o) => o.technicianId === 1);
    expect(busyLater && localDateKey(start(busyLater), ZONE) > TODAY).toBe(true);
  });

  test('prefers a technician already working in the same building that day', () => {
    const elsewhere = tech(1, ['plumbing'], { firstTimeFixRate: 0.9, bookings: [booking(14, 8, 1, OTHER_BUILDING)] });
    const here = tech(2, ['plumbing'], { firstTimeFixRate: 0.85, bookings: [booking(14, 8, 1, BUILDING)] });
    const { result } = proposal([elsewhere, here]);
    expect(result.best?.technicianId).toBe(2);
    expect(result.best?.reasoning).toMatch(/already working in this building that day/);

    const { result: otherBuilding } = proposal([elsewhere, here], { buildingId: 9 });
    expect(otherBuilding.best?.technicianId).toBe(1);
  });

  test('never proposes a slot overlapping an existing booking', () => {
    const bookings = [booking(14, 11, 2), booking(14, 14), booking(15, 8, 3), booking(15, 12)];
    const { result } = proposal([tech(1, ['plumbing'], { bookings })]);
    const options = allOptions(result);
    expect(options).toHaveLength(3);
    for (const option of options) {
      for (const b of bookings) expect(start(option) < b.end && b.start < end(option)).toBe(false);
    }
    expect(start(result.best!)).toEqual(at(14, 15)); // 11-13 and 14-15 are taken; 13:00 + 90 min would overlap 14:00
  });

  test('an emergency is booked about emergencyLeadMinutes out, even at night and on a full day', () => {
    const lateNight = at(14, 23, 10);
    const full = tech(1, ['plumbing'], { maxOrdersPerDay: 1, bookings: [booking(14, 9)] });
    const { result } = proposal([full], { priority: 'emergency', now: lateNight });
    const leadMinutes = (start(result.best!).getTime() - lateNight.getTime()) / 60_000;
    expect(leadMinutes).toBeGreaterThanOrEqual(scheduling.emergencyLeadMinutes);
    expect(leadMinutes).toBeLessThan(scheduling.emergencyLeadMinutes + 15);
    expect(localParts(start(result.best!), ZONE)).toMatchObject({ hour: 23, minute: 45 });
  });

  test('an emergency still never overlaps a booking', () => {
    const now = at(14, 10);
    const onAnotherJob = tech(1, ['plumbing'], {
      bookings: [{ start: at(14, 10), end: at(14, 12), buildingId: OTHER_BUILDING }],
    });
    const { result } = proposal([onAnotherJob], { priority: 'emergency', now, minutes: 60 });
    expect(start(result.best!)).toEqual(at(14, 12));
  });

  test('no technician with the skill: no proposal, and a reason a coordinator can act on', () => {
    const { result } = proposal([plumber, electrician, hvac], { skills: ['roofing'] });
    expect(result).toEqual({ best: null, alternatives: [], noFitReason: 'no internal technician has roofing' });
  });

  test('technicians with the skill but no free day in the horizon: the reason says so', () => {
    const everyDay = Array.from({ length: scheduling.horizonDays + 2 }, (_, d) => ({
      start: new Date(at(14, 8).getTime() + d * 86_400_000),
      end: new Date(at(14, 9).getTime() + d * 86_400_000),
      buildingId: OTHER_BUILDING,
    }));
    const { result } = proposal([tech(1, ['plumbing'], { maxOrdersPerDay: 1, bookings: everyDay })]);
    expect(result.best).toBeNull();
    expect(result.noFitReason).toBe(
      `every technician with plumbing is fully booked in the next ${scheduling.horizonDays} days`,
    );
  });

  test('alternatives come from other technicians first, at most two', () => {
    const plumbers = [0.9, 0.85, 0.8, 0.75].map((rate, i) => tech(i + 1, ['plumbing'], { firstTimeFixRate: rate }));
    const { result } = proposal(plumbers);
    expect(result.best?.technicianId).toBe(1);
    expect(result.alternatives.map((a) => a.technicianId)).toEqual([2, 3]);
  });

  test('with a single technician, the alternatives are their next-best distinct slots', () => {
    const { result } = proposal([plumber, electrician, hvac]);
    expect(result.alternatives).toHaveLength(2);
    const starts = allOptions(result).map((o) => o.slot.start);
    expect(new Set(starts).size).toBe(3);
    for (const alternative of result.alternatives) {
      expect(alternative.technicianId).toBe(1);
      expect(alternative.score).toBeLessThanOrEqual(result.best!.score);
    }
  });

  test('with one other technician, their best slot comes first, then the best technician fills in', () => {
    const { result } = proposal([
      tech(1, ['plumbing'], { firstTimeFixRate: 0.9 }),
      tech(2, ['plumbing'], { firstTimeFixRate: 0.8 }),
    ]);
    expect(result.best?.technicianId).toBe(1);
    expect(result.alternatives.map((a) => a.technicianId)).toEqual([2, 1]);
    expect(result.alternatives[1]!.slot.start).not.toBe(result.best!.slot.start);
  });

  test('is pure: the same input gives the same proposal', () => {
    const technicians = [plumber, tech(4, ['plumbing'], { bookings: [booking(14, 11, 1, BUILDING)] })];
    expect(proposal(technicians).result).toEqual(proposal(technicians).result);
  });
});

describe('proposeAssignment: certifications', () => {
  const LICENSE = 'licensed-electrician';
  const electrical = { skills: ['electrical'] as Skill[], certifications: [LICENSE] };

  test('a technician with the skill but without the certification is not proposed, and the reason says why', () => {
    const unlicensed = tech(1, ['electrical', 'general'], { certifications: ['osha-10'] });
    const { result } = proposal([unlicensed], electrical);
    expect(result).toEqual({
      best: null,
      alternatives: [],
      noFitReason: 'no technician with electrical holds licensed-electrician, which the rules require for electrical',
    });
  });

  test('never waived for an emergency', () => {
    const unlicensed = tech(1, ['electrical']);
    const { result } = proposal([unlicensed], { ...electrical, priority: 'emergency' });
    expect(result.best).toBeNull();
    expect(result.noFitReason).toMatch(/holds licensed-electrician/);
  });

  test('the certified technician is chosen over a better-scored uncertified one, who is not even an alternative', () => {
    const uncertified = tech(1, ['electrical'], { firstTimeFixRate: 0.99, bookings: [booking(14, 8, 1, BUILDING)] });
    const certified = tech(2, ['electrical'], {
      name: 'Tasha',
      firstTimeFixRate: 0.7,
      certifications: ['osha-10', LICENSE],
    });
    expect(proposal([uncertified, certified], { skills: ['electrical'] }).result.best?.technicianId).toBe(1); // the uncertified one wins on score

    const { result } = proposal([uncertified, certified], electrical);
    expect(result.best?.technicianId).toBe(2);
    expect(result.best?.reasoning).toMatch(/^Tasha: has electrical, certified: licensed-electrician, /);
    expect(allOptions(result).map((o) => o.technicianId)).toEqual([2, 2, 2]);
  });

  test('every certification listed is required', () => {
    const partly = tech(1, ['hvac'], { certifications: ['epa-608'] });
    const fully = tech(2, ['hvac'], { certifications: ['epa-608', 'nate-certified'], firstTimeFixRate: 0.5 });
    const { result } = proposal([partly, fully], { skills: ['hvac'], certifications: ['epa-608', 'nate-certified'] });
    expect(result.best?.technicianId).toBe(2);
    expect(result.best?.reasoning).toMatch(/certified: epa-608 and nate-certified/);
  });

  test('certified technicians exist but are fully booked: the reason says so', () => {
    const everyDay = Array.from({ length: scheduling.horizonDays + 2 }, (_, d) => ({
      start: new Date(at(14, 8).getTime() + d * 86_400_000),
      end: new Date(at(14, 9).getTime() + d * 86_400_000),
      buildingId: OTHER_BUILDING,
    }));
    const { result } = proposal(
      [tech(1, ['electrical'], { certifications: [LICENSE], maxOrdersPerDay: 1, bookings: everyDay })],
      electrical,
    );
    expect(result.noFitReason).toBe(
      `every certified technician with electrical is fully booked in the next ${scheduling.horizonDays} days`,
    );
  });

  test('no certification required: the reasoning does not mention any', () => {
    const { result } = proposal([tech(1, ['plumbing'], { certifications: ['backflow-prevention'] })]);
    expect(result.best?.reasoning).not.toMatch(/certified/);
  });

  test('the default rules require a license for electrical and EPA 608 for hvac; rules stored before the field existed get them', () => {
    const { assignment: _assignment, ...storedBefore } = DEFAULT_RULES;
    const parsed = rulesSchema.parse(storedBefore);
    expect(parsed.assignment.requiredCertifications).toEqual({ electrical: [LICENSE], hvac: ['epa-608'] });
    expect(parsed.assignment.requiredCertifications.plumbing).toBeUndefined();
    expect(
      rulesSchema.safeParse({ ...DEFAULT_RULES, assignment: { requiredCertifications: { welding: ['x'] } } }).success,
    ).toBe(false);
    expect(
      rulesSchema.safeParse({ ...DEFAULT_RULES, assignment: { requiredCertifications: { hvac: [''] } } }).success,
    ).toBe(false);
  });
});

describe('proposeAssignment: tenant availability', () => {
  const WEEKDAYS = [1, 2, 3, 4, 5];
  const afternoons: AvailabilityWindow[] = [{ days: WEEKDAYS, startHour: 14, endHour: 17 }];
  const inside = (o: AssignmentOption, windows: AvailabilityWindow[]) => withinWindows(start(o), end(o), windows, ZONE);

  test('routine slots lie inside a window, and the reasoning says which', () => {
    const { result } = proposal([tech(1, ['plumbing'], { name: 'Ray' }), tech(2, ['plumbing'])], {
      availability: afternoons,
    });
    expect(start(result.best!)).toEqual(at(14, 14));
    expect(result.best!.reasoning).toMatch(/, inside the tenant's availability \(Mon–Fri 14–17\)$/);
    for (const option of allOptions(result)) expect(inside(option, afternoons)).toBe(true);
  });

  test('no window: the proposal is as before, with nothing said about availability', () => {
    const technicians = [tech(1, ['plumbing'])];
    const { result } = proposal(technicians, { availability: [] });
    expect(result).toEqual(proposal(technicians).result);
    expect(result.best!.reasoning).not.toMatch(/availability/);
  });

  test('DST-safe: a Monday-morning window after clocks spring forward is read in the new offset', () => {
    const fridayBefore = zonedTimeToUtc(2026, 3, 6, 10, ZONE); // EST; Sunday 8 March moves to EDT
    const mondayMornings: AvailabilityWindow[] = [{ days: [1], startHour: 8, endHour: 10 }];
    const { result } = proposal([tech(1, ['plumbing'])], {
      now: fridayBefore,
      minutes: 120,
      availability: mondayMornings,
    });
    expect(result.best!.slot).toEqual({ start: '2026-03-09T12:00:00.000Z', end: '2026-03-09T14:00:00.000Z' });
    for (const option of allOptions(result)) {
      expect(localParts(start(option), ZONE)).toMatchObject({ weekday: 1, hour: 8 });
    }
  });

  test('windows entirely outside working hours: any slot, said so, with the confidence lowered by 0.15', () => {
    const evenings: AvailabilityWindow[] = [{ days: WEEKDAYS, startHour: 17, endHour: 20 }];
    const technicians = [tech(1, ['plumbing'])];
    const ignoring = proposal(technicians).result;
    const { result } = proposal(technicians, { availability: evenings });
    expect(result.best!.slot).toEqual(ignoring.best!.slot);
    expect(result.best!.reasoning).toMatch(
      new RegExp(`no slot inside the tenant's availability in the next ${scheduling.horizonDays} days$`),
    );
    expect(result.best!.confidence).toBeCloseTo(ignoring.best!.confidence - 0.15, 10);
    expect(result.alternatives.map((a) => a.confidence)).toEqual(
      ignoring.alternatives.map((a) => Math.round((a.confidence - 0.15) * 100) / 100),
    );
  });

  test('every window slot in the horizon already booked: falls back the same way', () => {
    const tuesdayAfternoons: AvailabilityWindow[] = [{ days: [2], startHour: 14, endHour: 17 }];
    const bookings = [14, 21, 28].map((day) => booking(day, 14, 3));
    const { result } = proposal([tech(1, ['plumbing'], { bookings })], { availability: tuesdayAfternoons });
    expect(result.best).not.toBeNull();
    expect(inside(result.best!, tuesdayAfternoons)).toBe(false);
    expect(result.best!.reasoning).toMatch(/no slot inside the tenant's availability/);
  });

  test('an emergency ignores availability', () => {
    const saturdayMornings: AvailabilityWindow[] = [{ days: [6], startHour: 9, endHour: 12 }];
    const technicians = [tech(1, ['plumbing'])];
    const ignoring = proposal(technicians, { priority: 'emergency' }).result;
    const { result } = proposal(technicians, { priority: 'emergency', availability: saturdayMornings });
    expect(result).toEqual(ignoring);
    expect(result.best!.reasoning).not.toMatch(/availability/);
  });

  test('combined with a requested time: inside the window and not before it', () => {
    const afternoonsFrom = proposeAssignment({
      classification: { priority: 'medium', skillsRequired: ['plumbing'], estimatedMinutes: 60 },
      buildingId: BUILDING,
      now: TUESDAY_10AM,
      notBefore: at(16, 9),
      scheduling,
      technicians: [tech(1, ['plumbing'])],
      requiredCertifications: [],
      availability: afternoons,
    });
    expect(start(afternoonsFrom.best!)).toEqual(at(16, 14));
  });
});

describe('proposeAssignment: what the activity may leave out', () => {
  // The activity loads only technicians with one of the order's skills; this is why that changes nothing.
  const skills: Skill[] = ['plumbing', 'electrical', 'hvac', 'general'];
  const arbitraryBooking = fc.record({
    day: fc.integer({ min: 14, max: 30 }),
    hour: fc.integer({ min: 6, max: 18 }),
    hours: fc.integer({ min: 1, max: 3 }),
    building: fc.constantFrom(BUILDING, OTHER_BUILDING),
  });
  const arbitraryTechnician = fc.record({
    skills: fc.subarray(skills, { minLength: 1 }),
    bookings: fc.array(arbitraryBooking, { maxLength: 12 }),
    maxOrdersPerDay: fc.integer({ min: 1, max: 6 }),
  });

  test("technicians with none of the order's skills never change the proposal", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryTechnician, { minLength: 1, maxLength: 8 }),
        fc.constantFrom<Priority>('low', 'medium', 'high', 'emergency'),
        fc.subarray(skills, { minLength: 1, maxLength: 2 }),
        (drawn, priority, required) => {
          const technicians = drawn.map((t, i) =>
            tech(i + 1, t.skills, {
              maxOrdersPerDay: t.maxOrdersPerDay,
              bookings: t.bookings.map((b) => booking(b.day, b.hour, b.hours, b.building)),
            }),
          );
          const withoutUnskilled = technicians.filter((t) => required.some((s) => t.skills.includes(s)));
          const job: Job = { priority, skills: required, minutes: 60 };
          expect(proposal(withoutUnskilled, job).result).toEqual(proposal(technicians, job).result);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('candidateStarts', () => {
  const job = (priority: Priority, now: Date, estimatedMinutes = 90): ProposalInput => ({
    classification: { priority, skillsRequired: ['plumbing'], estimatedMinutes },
    buildingId: BUILDING,
    now,
    scheduling,
    technicians: [],
    requiredCertifications: [],
  });

  test('routine visits start on the hour, inside working hours, never on a Sunday', () => {
    const starts = candidateStarts(job('medium', TUESDAY_10AM, 120));
    expect(starts.length).toBeGreaterThan(0);
    for (const s of starts) {
      const local = localParts(s, ZONE);
      expect(local.minute).toBe(0);
      expect(local.weekday).not.toBe(0);
      expect(local.hour).toBeGreaterThanOrEqual(scheduling.workdayStartHour);
      expect(local.hour + 2).toBeLessThanOrEqual(scheduling.workdayEndHour);
    }
  });

  test('on a Saturday evening the next routine start is Monday morning', () => {
    const saturdayEvening = at(18, 18);
    expect(candidateStarts(job('low', saturdayEvening))[0]).toEqual(at(20, scheduling.workdayStartHour));
  });

  test('starts are in order, earliest first', () => {
    const starts = candidateStarts(job('high', TUESDAY_10AM)).map((d) => d.getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
