/**
 * Which technicians and slots fit an order on one day: what a scheduling board shows when a coordinator drags an
 * order onto a technician. Scored and reasoned by the proposal's own functions (domain/assignment.ts).
 */
import {
  describe,
  markOtherSkill,
  OUTSIDE_AVAILABILITY_PENALTY,
  scoreSlots,
  skillFit,
  withPrimarySkill,
  type AssignmentOption,
  type CandidateTechnician,
  type ProposalInput,
} from './assignment';
import { windowContaining } from './availability';
import {
  describeWorkingHours,
  endOfLocalDay,
  overlaps,
  startOfLocalDay,
  workingDays,
  workingHoursOf,
  type Interval,
  type WorkingHours,
} from './technicianCalendar';
import { formatLocal, localDateKey, memoizedLocalDateKey } from './zonedTime';

export interface TechnicianFit {
  technicianId: number;
  technicianName: string;
  /** The trade they would come for: the order's primary skill, or another of its skills when they lack the primary. */
  skill: string;
  fits: boolean;
  /** Why they have no slot that day (null when they fit). */
  why: string | null;
  bookedThatDay: number;
  maxOrdersPerDay: number;
  /** Their working hours that day (the whole day for an emergency), as instants. */
  workingHours: Array<{ start: string; end: string }>;
  /** Every start that day they can take, best first, with the proposal's score, confidence and reasoning. */
  slots: AssignmentOption[];
}

const HOUR_MS = 3_600_000;

/** On the hour from each working window's start while the job still ends inside it; from `now` plus the lead on. */
function startsWithin(working: readonly Interval[], input: ProposalInput, emergency: boolean): Date[] {
  const durationMs = Math.ceil(input.classification.estimatedMinutes / 60) * HOUR_MS;
  const leadMs = (emergency ? input.scheduling.emergencyLeadMinutes : 60) * 60_000;
  const earliest = input.now.getTime() + leadMs;
  const starts = new Set<number>();
  for (const window of working) {
    for (let t = window.start.getTime(); t + durationMs <= window.end.getTime(); t += HOUR_MS)
      if (t >= earliest) starts.add(t);
  }
  return [...starts].sort((a, b) => a - b).map((t) => new Date(t));
}

function whyNoSlot(
  tech: CandidateTechnician,
  hours: WorkingHours,
  working: readonly Interval[],
  day: Interval,
  bookedThatDay: number,
  input: ProposalInput,
  emergency: boolean,
): string {
  const timeZone = input.scheduling.timeZone;
  if (day.end <= input.now) return 'the day is over';
  if (working.length === 0) return `does not work that day (working hours ${describeWorkingHours(hours)})`;
  const off = (tech.timeOff ?? []).find((o) => working.every((w) => o.start <= w.start && o.end >= w.end));
  if (off) return `on time off ${formatLocal(off.start, timeZone)} – ${formatLocal(off.end, timeZone)}`;
  if (!emergency && bookedThatDay >= tech.maxOrdersPerDay)
    return `${bookedThatDay} of ${tech.maxOrdersPerDay} orders already booked that day`;
  return 'no free slot left that day (bookings, time off, or the hours already past)';
}

/** Tenant availability per slot: inside a window says which; outside says so and costs the proposal's penalty. */
function withAvailability(
  input: ProposalInput,
  tech: CandidateTechnician,
  fit: number,
  slot: ReturnType<typeof scoreSlots>[number],
  emergency: boolean,
): AssignmentOption {
  const windows = emergency ? [] : (input.availability ?? []);
  if (windows.length === 0) return describe(input, tech, fit, slot, { kind: 'none' });
  if (windowContaining(slot.start, slot.end, windows, input.scheduling.timeZone))
    return describe(input, tech, fit, slot, { kind: 'inside', windows });
  const option = describe(input, tech, fit, slot, { kind: 'none' });
  return {
    ...option,
    confidence: Math.round(Math.max(0, option.confidence - OUTSIDE_AVAILABILITY_PENALTY) * 100) / 100,
    reasoning: `${option.reasoning}, outside the tenant's availability`,
  };
}

/**
 * Every internal technician with one of the order's skills, and the slots they can take on `date` (a local day in
 * the rules' time zone): inside their working hours (any hour for an emergency), clear of their bookings and time
 * off, under their daily capacity (an emergency ignores it, as the proposal does). Those who fit come first, best
 * slot first; the others say why not.
 */
export function fitsOn(input: ProposalInput, date: string): TechnicianFit[] {
  const { scheduling, classification } = input;
  const timeZone = scheduling.timeZone;
  const emergency = classification.priority === 'emergency';
  const primarySkill = classification.skillsRequired[0];
  const day = { start: startOfLocalDay(date, timeZone), end: endOfLocalDay(date, timeZone) };
  const dayKeyOf = memoizedLocalDateKey(timeZone);
  const fits: TechnicianFit[] = [];
  for (const tech of input.technicians) {
    const skill = classification.skillsRequired.find((s) => tech.skills.includes(s));
    if (!skill) continue;
    const asSkill = withPrimarySkill(input, skill);
    const hours = workingHoursOf(tech.workingHours, scheduling);
    const working = emergency ? [day] : workingDays(date, date, hours, timeZone)[0]!.working;
    const bookedThatDay = tech.bookings.filter((b) => localDateKey(b.start, timeZone) === date).length;
    const base = {
      technicianId: tech.id,
      technicianName: tech.name,
      skill,
      bookedThatDay,
      maxOrdersPerDay: tech.maxOrdersPerDay,
      workingHours: working.map((w) => ({ start: w.start.toISOString(), end: w.end.toISOString() })),
    };
    const missing = asSkill.requiredCertifications.filter((c) => !tech.certifications.includes(c));
    if (missing.length > 0) {
      fits.push({
        ...base,
        fits: false,
        why: `lacks ${missing.join(' and ')}, which the rules require for ${skill}`,
        slots: [],
      });
      continue;
    }
    const fit = skillFit(asSkill.classification.skillsRequired, tech.skills);
    const starts = startsWithin(
      working.filter((w) => overlaps(w, day)),
      asSkill,
      emergency,
    );
    const slots = scoreSlots(asSkill, tech, fit, starts, dayKeyOf).map((slot) => {
      const option = withAvailability(asSkill, tech, fit, slot, emergency);
      return skill === primarySkill || !primarySkill
        ? option
        : markOtherSkill(option, primarySkill, skill, `${tech.name} does not have ${primarySkill}`);
    });
    slots.sort((a, b) => b.score - a.score || a.slot.start.localeCompare(b.slot.start));
    fits.push({
      ...base,
      fits: slots.length > 0,
      why: slots.length > 0 ? null : whyNoSlot(tech, hours, working, day, bookedThatDay, input, emergency),
      slots,
    });
  }
  return fits.sort(
    (a, b) =>
      Number(b.fits) - Number(a.fits) ||
      (b.slots[0]?.score ?? 0) - (a.slots[0]?.score ?? 0) ||
      a.technicianId - b.technicianId,
  );
}
