import { describeWindow, windowContaining, withinWindows, type AvailabilityWindow } from './availability';
import type { Classification } from './classification';
import type { Rules } from './rules';
import type { Skill } from './priority';
import { defaultWorkingHours, workingHoursOf, type Interval, type WorkingHours } from './technicianCalendar';
import { formatLocal, localParts, memoizedLocalDateKey, zonedTimeToUtc } from './zonedTime';

/** A technician as the proposal sees them, with the bookings already held in the horizon. */
export interface CandidateTechnician {
  id: number;
  name: string;
  skills: string[];
  certifications: string[];
  maxOrdersPerDay: number;
  firstTimeFixRate: number;
  bookings: Array<{ start: Date; end: Date; buildingId: number }>;
  /** Slots the tenant already declined with this technician: never proposed again, but not counted as work. */
  excludedSlots?: Array<{ start: Date; end: Date }>;
  /** Weekly working hours; none: the rules' workday, Monday to Saturday. Routine slots lie inside them. */
  workingHours?: WorkingHours | null;
  /** Dated time off: no slot overlaps it, emergency or not. */
  timeOff?: Interval[];
}

export interface TimeSlot {
  start: string;
  end: string;
}

export interface AssignmentOption {
  technicianId: number;
  technicianName: string;
  slot: TimeSlot;
  score: number;
  confidence: number;
  reasoning: string;
}

export interface AssignmentProposal {
  best: AssignmentOption | null;
  alternatives: AssignmentOption[];
  /** Why nobody fits, when `best` is null. */
  noFitReason?: string;
  /** The primary trade had nobody, so the proposal is for another of the order's skills; `why` is the primary's noFitReason. */
  fallback?: { primarySkill: string; skill: string; why: string };
}

export interface ProposalInput {
  classification: Pick<Classification, 'priority' | 'skillsRequired' | 'estimatedMinutes'>;
  buildingId: number;
  now: Date;
  scheduling: Rules['scheduling'];
  technicians: CandidateTechnician[];
  /** The tenant asked for this time or later (a reschedule by SMS): slots start there, waits are counted from it. */
  notBefore?: Date;
  /** What the rules require for the primary skill; a technician lacking one is never proposed, emergency or not. */
  requiredCertifications: string[];
  /** When the tenant can let someone in. Routine visits go inside a window when any slot in the horizon does. */
  availability?: AvailabilityWindow[];
  /** What the rules require per skill: when the primary trade has nobody, each other skill of the order is tried with its own. */
  certificationsBySkill?: Partial<Record<string, readonly string[]>>;
}

/** How the tenant's availability shaped the slots: not at all, kept inside it, or given up on for lack of a slot. */
export type AvailabilityUse =
  { kind: 'none' } | { kind: 'inside'; windows: readonly AvailabilityWindow[] } | { kind: 'fallback' };

export const OUTSIDE_AVAILABILITY_PENALTY = 0.15;

/** The moment slots are counted from: now, or the tenant's requested time when that is later. */
function schedulingFrom(input: ProposalInput): Date {
  return input.notBefore && input.notBefore > input.now ? input.notBefore : input.now;
}

/**
 * Start times to try, earliest first: on the hour inside `hours` (by default the rules' workday, Monday to Saturday)
 * on each day of the horizon, or right away for an emergency (working hours do not bind an emergency).
 */
export function candidateStarts(
  input: ProposalInput,
  hours: WorkingHours = defaultWorkingHours(input.scheduling),
): Date[] {
  const { scheduling, now, classification } = input;
  const starts: Date[] = [];
  if (classification.priority === 'emergency') {
    const quarter = 15 * 60_000;
    const first = Math.ceil((now.getTime() + scheduling.emergencyLeadMinutes * 60_000) / quarter) * quarter;
    for (let i = 0; i < 16; i++) starts.push(new Date(first + i * 30 * 60_000));
    return starts;
  }
  const durationHours = Math.ceil(classification.estimatedMinutes / 60);
  const from = schedulingFrom(input);
  const earliest = from === now ? now.getTime() + 60 * 60_000 : Math.max(from.getTime(), now.getTime() + 60 * 60_000);
  const today = localParts(from, scheduling.timeZone);
  const seen = new Set<number>();
  for (let d = 0; d <= scheduling.horizonDays; d++) {
    const noon = zonedTimeToUtc(today.year, today.month, today.day, 12, scheduling.timeZone).getTime() + d * 86_400_000;
    const day = localParts(new Date(noon), scheduling.timeZone);
    const isoWeekday = day.weekday === 0 ? 7 : day.weekday;
    const startHours = new Set<number>();
    for (const window of hours) {
      if (!window.days.includes(isoWeekday)) continue;
      for (let h = window.startHour; h + durationHours <= window.endHour; h++) startHours.add(h);
    }
    for (const h of [...startHours].sort((a, b) => a - b)) {
      const start = zonedTimeToUtc(day.year, day.month, day.day, h, scheduling.timeZone);
      // A DST change can map two local hours to one instant, or stretch a job past its window's end.
      const end = new Date(start.getTime() + classification.estimatedMinutes * 60_000);
      if (
        start.getTime() >= earliest &&
        !seen.has(start.getTime()) &&
        withinWindows(start, end, hours, scheduling.timeZone)
      ) {
        seen.add(start.getTime());
        starts.push(start);
      }
    }
  }
  return starts;
}

export function skillFit(required: readonly Skill[], has: string[]): number {
  const matched = required.filter((s) => has.includes(s)).length;
  if (required.length === 0) return 1;
  if (required[0] && !has.includes(required[0])) return 0; // the primary trade is a must
  return matched / required.length;
}

export interface ScoredSlot {
  start: Date;
  end: Date;
  score: number;
  confidence: number;
  sameBuilding: boolean;
  bookedThatDay: number;
}

/** Every slot a technician can take, best first. Times compared as epoch ms: this runs for every technician × start time. */
export function scoreSlots(
  input: ProposalInput,
  tech: CandidateTechnician,
  fit: number,
  starts: Date[],
  dayKeyOf: (at: Date) => string,
): ScoredSlot[] {
  const { classification } = input;
  const durationMs = classification.estimatedMinutes * 60_000;
  const perDay = new Map<string, { count: number; buildings: Set<number> }>();
  for (const b of tech.bookings) {
    const key = dayKeyOf(b.start);
    const entry = perDay.get(key) ?? { count: 0, buildings: new Set<number>() };
    entry.count++;
    entry.buildings.add(b.buildingId);
    perDay.set(key, entry);
  }
  const busy = [...tech.bookings, ...(tech.excludedSlots ?? []), ...(tech.timeOff ?? [])].map(
    (b) => [b.start.getTime(), b.end.getTime()] as const,
  );
  const fromMs = schedulingFrom(input).getTime();
  const urgency = classification.priority === 'high' ? 0.02 : classification.priority === 'emergency' ? 0.1 : 0.004;

  const slots: ScoredSlot[] = [];
  for (const start of starts) {
    const startMs = start.getTime();
    const endMs = startMs + durationMs;
    const day = perDay.get(dayKeyOf(start));
    if (day && day.count >= tech.maxOrdersPerDay && classification.priority !== 'emergency') continue;
    if (busy.some(([busyStart, busyEnd]) => startMs < busyEnd && busyStart < endMs)) continue;

    const waitHours = (startMs - fromMs) / 3_600_000;
    const sameBuilding = day?.buildings.has(input.buildingId) ?? false;
    const score =
      fit * 0.5 + tech.firstTimeFixRate * 0.3 + (sameBuilding ? 0.15 : 0) - Math.min(0.5, waitHours * urgency);
    const confidence = Math.max(
      0,
      Math.min(
        0.98,
        0.55 + fit * 0.3 + tech.firstTimeFixRate * 0.15 + (sameBuilding ? 0.03 : 0) - (waitHours > 72 ? 0.1 : 0),
      ),
    );
    slots.push({
      start,
      end: new Date(endMs),
      score: Math.round(score * 1000) / 1000,
      confidence: Math.round(confidence * 100) / 100,
      sameBuilding,
      bookedThatDay: day?.count ?? 0,
    });
  }
  return slots.sort((x, y) => y.score - x.score || x.start.getTime() - y.start.getTime());
}

function availabilityReason(input: ProposalInput, slot: ScoredSlot, use: AvailabilityUse): string | null {
  if (use.kind === 'fallback')
    return `no slot inside the tenant's availability in the next ${input.scheduling.horizonDays} days`;
  if (use.kind === 'none') return null;
  const window = windowContaining(slot.start, slot.end, use.windows, input.scheduling.timeZone);
  return window ? `inside the tenant's availability (${describeWindow(window)})` : null;
}

export function describe(
  input: ProposalInput,
  tech: CandidateTechnician,
  fit: number,
  slot: ScoredSlot,
  availability: AvailabilityUse,
): AssignmentOption {
  const { classification, scheduling, requiredCertifications } = input;
  const reasons = [
    fit === 1
      ? `has ${classification.skillsRequired.join(' and ')}`
      : `has ${classification.skillsRequired[0]} (not every listed skill)`,
    requiredCertifications.length > 0 ? `certified: ${requiredCertifications.join(' and ')}` : null,
    `first-time-fix rate ${Math.round(tech.firstTimeFixRate * 100)}%`,
    slot.sameBuilding ? 'already working in this building that day' : null,
    `${slot.bookedThatDay} of ${tech.maxOrdersPerDay} orders booked that day`,
    `free ${formatLocal(slot.start, scheduling.timeZone)}`,
    availabilityReason(input, slot, availability),
  ].filter((r): r is string => r !== null);
  const confidence =
    availability.kind === 'fallback' ? Math.max(0, slot.confidence - OUTSIDE_AVAILABILITY_PENALTY) : slot.confidence;
  return {
    technicianId: tech.id,
    technicianName: tech.name,
    slot: { start: slot.start.toISOString(), end: slot.end.toISOString() },
    score: slot.score,
    confidence: Math.round(confidence * 100) / 100,
    reasoning: `${tech.name}: ${reasons.join(', ')}`,
  };
}

function byScoreThenTime(a: AssignmentOption, b: AssignmentOption): number {
  return b.score - a.score || a.slot.start.localeCompare(b.slot.start) || a.technicianId - b.technicianId;
}

const ALTERNATIVES = 2;

interface Eligible {
  tech: CandidateTechnician;
  fit: number;
}

/** Each technician's start times: their working hours (memoized per distinct hours), or the emergency's. */
type StartsFor = (tech: CandidateTechnician) => Date[];

function startsByWorkingHours(input: ProposalInput, keep: (start: Date) => boolean = () => true): StartsFor {
  if (input.classification.priority === 'emergency') {
    const starts = candidateStarts(input).filter(keep);
    return () => starts;
  }
  const byHours = new Map<string, Date[]>();
  return (tech) => {
    const hours = workingHoursOf(tech.workingHours, input.scheduling);
    const key = JSON.stringify(hours);
    let starts = byHours.get(key);
    if (!starts) {
      starts = candidateStarts(input, hours).filter(keep);
      byHours.set(key, starts);
    }
    return starts;
  };
}

/** Each technician's best options (one per start time), the technicians ordered by their best option. */
function optionsPerTechnician(
  input: ProposalInput,
  eligible: readonly Eligible[],
  startsFor: StartsFor,
  availability: AvailabilityUse,
): AssignmentOption[][] {
  const perTechnician: AssignmentOption[][] = [];
  const dayKeyOf = memoizedLocalDateKey(input.scheduling.timeZone);
  for (const { tech, fit } of eligible) {
    const options = scoreSlots(input, tech, fit, startsFor(tech), dayKeyOf)
      .slice(0, 1 + ALTERNATIVES)
      .map((slot) => describe(input, tech, fit, slot, availability));
    if (options.length > 0) perTechnician.push(options);
  }
  return perTechnician.sort((a, b) => byScoreThenTime(a[0]!, b[0]!));
}

/**
 * Routine visits inside the tenant's windows; when no technician has a slot there in the whole horizon, any slot,
 * flagged. Emergencies ignore availability: someone comes now.
 */
function optionsRespectingAvailability(input: ProposalInput, eligible: readonly Eligible[]): AssignmentOption[][] {
  const windows = input.availability ?? [];
  if (windows.length === 0 || input.classification.priority === 'emergency')
    return optionsPerTechnician(input, eligible, startsByWorkingHours(input), { kind: 'none' });
  const durationMs = input.classification.estimatedMinutes * 60_000;
  const insideAvailability = (s: Date) =>
    withinWindows(s, new Date(s.getTime() + durationMs), windows, input.scheduling.timeZone);
  const preferred = optionsPerTechnician(input, eligible, startsByWorkingHours(input, insideAvailability), {
    kind: 'inside',
    windows,
  });
  return preferred.length > 0
    ? preferred
    : optionsPerTechnician(input, eligible, startsByWorkingHours(input), { kind: 'fallback' });
}

function noFitReason(input: ProposalInput, skilled: readonly Eligible[], eligible: readonly Eligible[]): string {
  const skill = input.classification.skillsRequired[0];
  const certifications = input.requiredCertifications.join(' and ');
  if (skilled.length === 0) return `no internal technician has ${skill}`;
  if (eligible.length === 0)
    return `no technician with ${skill} holds ${certifications}, which the rules require for ${skill}`;
  const who =
    input.requiredCertifications.length > 0 ? `certified technician with ${skill}` : `technician with ${skill}`;
  return `every ${who} is fully booked in the next ${input.scheduling.horizonDays} days`;
}

/** Technicians with the primary skill (fit > 0), and those of them holding every required certification. */
function candidatesFor(input: ProposalInput): { skilled: Eligible[]; eligible: Eligible[] } {
  const skilled = input.technicians
    .map((tech) => ({ tech, fit: skillFit(input.classification.skillsRequired, tech.skills) }))
    .filter((c) => c.fit > 0);
  const eligible = skilled.filter(({ tech }) =>
    input.requiredCertifications.every((c) => tech.certifications.includes(c)),
  );
  return { skilled, eligible };
}

function proposeForPrimarySkill(input: ProposalInput): AssignmentProposal {
  const { skilled, eligible } = candidatesFor(input);
  const [bestTechnicianOptions, ...others] = optionsRespectingAvailability(input, eligible);
  const best = bestTechnicianOptions?.[0];
  if (!bestTechnicianOptions || !best)
    return { best: null, alternatives: [], noFitReason: noFitReason(input, skilled, eligible) };
  const alternatives = others.map((options) => options[0]!).slice(0, ALTERNATIVES);
  for (const option of bestTechnicianOptions.slice(1)) {
    if (alternatives.length >= ALTERNATIVES) break;
    alternatives.push(option);
  }
  return { best, alternatives };
}

/** Taken off an option found through another of the order's skills: a person should look before it is booked. */
export const OTHER_SKILL_PENALTY = 0.1;

/** The same order with `skill` as its primary trade, and that skill's certifications. */
export function withPrimarySkill(input: ProposalInput, skill: string): ProposalInput {
  const skills = input.classification.skillsRequired;
  if (skills[0] === skill) return input;
  return {
    ...input,
    classification: { ...input.classification, skillsRequired: [skill as Skill, ...skills.filter((s) => s !== skill)] },
    requiredCertifications: [...(input.certificationsBySkill?.[skill] ?? [])],
  };
}

/** An option found through `skill`, saying so first and with its confidence lowered. */
export function markOtherSkill(
  option: AssignmentOption,
  primarySkill: string,
  skill: string,
  why: string,
): AssignmentOption {
  return {
    ...option,
    confidence: Math.round(Math.max(0, option.confidence - OTHER_SKILL_PENALTY) * 100) / 100,
    reasoning: `${why}; tried ${skill}, another skill this order needs, instead of ${primarySkill}: ${option.reasoning}`,
  };
}

/**
 * The best technician and slot, with two alternatives. Pure: the caller loads technicians and bookings.
 * Only technicians with the primary skill and every required certification are considered; when none of them
 * has a slot in the horizon, each of the order's other skills is tried in turn (with that skill's certifications),
 * and the proposal says so, its confidence lowered by OTHER_SKILL_PENALTY.
 * Routine slots lie inside each technician's working hours; no slot overlaps their time off; a day at their
 * capacity takes no more routine orders.
 * Score = skill fit, first-time-fix rate, a bonus for staying in a building the tech already works in that day,
 * and a penalty that grows with the wait (steeper for high priority).
 * Alternatives are other technicians' best slots first; when fewer than two other technicians fit, the best
 * technician's next-best slots (other start times) fill in, so a coordinator always has something to pick.
 */
export function proposeAssignment(input: ProposalInput): AssignmentProposal {
  const primary = proposeForPrimarySkill(input);
  const [primarySkill, ...otherSkills] = input.classification.skillsRequired;
  if (primary.best || !primarySkill || otherSkills.length === 0) return primary;
  const why = primary.noFitReason!;
  const tried: string[] = [];
  for (const skill of otherSkills) {
    const found = proposeForPrimarySkill(withPrimarySkill(input, skill));
    if (found.best) {
      return {
        best: markOtherSkill(found.best, primarySkill, skill, why),
        alternatives: found.alternatives.map((option) => markOtherSkill(option, primarySkill, skill, why)),
        fallback: { primarySkill, skill, why },
      };
    }
    tried.push(found.noFitReason!);
  }
  return { ...primary, noFitReason: `${why}; the order's other skills found nobody either: ${tried.join('; ')}` };
}
