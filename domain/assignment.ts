import { describeWindow, windowContaining, withinWindows, type AvailabilityWindow } from './availability';
import type { Classification } from './classification';
import type { Rules } from './rules';
import type { Skill } from './priority';
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
}

/** How the tenant's availability shaped the slots: not at all, kept inside it, or given up on for lack of a slot. */
type AvailabilityUse = { kind: 'none' } | { kind: 'inside'; windows: readonly AvailabilityWindow[] } | { kind: 'fallback' };

const OUTSIDE_AVAILABILITY_PENALTY = 0.15;

/** The moment slots are counted from: now, or the tenant's requested time when that is later. */
function schedulingFrom(input: ProposalInput): Date {
  return input.notBefore && input.notBefore > input.now ? input.notBefore : input.now;
}

/** Start times to try, earliest first: working hours on each day of the horizon, or right away for an emergency. */
export function candidateStarts(input: ProposalInput): Date[] {
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
  for (let d = 0; d <= scheduling.horizonDays; d++) {
    const noon = zonedTimeToUtc(today.year, today.month, today.day, 12, scheduling.timeZone).getTime() + d * 86_400_000;
    const day = localParts(new Date(noon), scheduling.timeZone);
    if (day.weekday === 0) continue; // no routine visits on Sundays
    for (let h = scheduling.workdayStartHour; h + durationHours <= scheduling.workdayEndHour; h++) {
      const start = zonedTimeToUtc(day.year, day.month, day.day, h, scheduling.timeZone);
      if (start.getTime() >= earliest) starts.push(start);
    }
  }
  return starts;
}

function skillFit(required: readonly Skill[], has: string[]): number {
  const matched = required.filter((s) => has.includes(s)).length;
  if (required.length === 0) return 1;
  if (required[0] && !has.includes(required[0])) return 0; // the primary trade is a must
  return matched / required.length;
}

interface ScoredSlot {
  start: Date;
  end: Date;
  score: number;
  confidence: number;
  sameBuilding: boolean;
  bookedThatDay: number;
}

/** Every slot a technician can take, best first. Times compared as epoch ms: this runs for every technician × start time. */
function scoreSlots(input: ProposalInput, tech: CandidateTechnician, fit: number, starts: Date[], dayKeyOf: (at: Date) => string): ScoredSlot[] {
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
  const busy = [...tech.bookings, ...(tech.excludedSlots ?? [])].map((b) => [b.start.getTime(), b.end.getTime()] as const);
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
    const score = fit * 0.5 + tech.firstTimeFixRate * 0.3 + (sameBuilding ? 0.15 : 0) - Math.min(0.5, waitHours * urgency);
    const confidence = Math.max(0, Math.min(0.98, 0.55 + fit * 0.3 + tech.firstTimeFixRate * 0.15 + (sameBuilding ? 0.03 : 0) - (waitHours > 72 ? 0.1 : 0)));
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
  if (use.kind === 'fallback') return `no slot inside the tenant's availability in the next ${input.scheduling.horizonDays} days`;
  if (use.kind === 'none') return null;
  const window = windowContaining(slot.start, slot.end, use.windows, input.scheduling.timeZone);
  return window ? `inside the tenant's availability (${describeWindow(window)})` : null;
}

function describe(input: ProposalInput, tech: CandidateTechnician, fit: number, slot: ScoredSlot, availability: AvailabilityUse): AssignmentOption {
  const { classification, scheduling, requiredCertifications } = input;
  const reasons = [
    fit === 1 ? `has ${classification.skillsRequired.join(' and ')}` : `has ${classification.skillsRequired[0]} (not every listed skill)`,
    requiredCertifications.length > 0 ? `certified: ${requiredCertifications.join(' and ')}` : null,
    `first-time-fix rate ${Math.round(tech.firstTimeFixRate * 100)}%`,
    slot.sameBuilding ? 'already working in this building that day' : null,
    `${slot.bookedThatDay} of ${tech.maxOrdersPerDay} orders booked that day`,
    `free ${formatLocal(slot.start, scheduling.timeZone)}`,
    availabilityReason(input, slot, availability),
  ].filter((r): r is string => r !== null);
  const confidence = availability.kind === 'fallback' ? Math.max(0, slot.confidence - OUTSIDE_AVAILABILITY_PENALTY) : slot.confidence;
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

/** Each technician's best options (one per start time), the technicians ordered by their best option. */
function optionsPerTechnician(input: ProposalInput, eligible: readonly Eligible[], starts: Date[], availability: AvailabilityUse): AssignmentOption[][] {
  const perTechnician: AssignmentOption[][] = [];
  const dayKeyOf = memoizedLocalDateKey(input.scheduling.timeZone);
  for (const { tech, fit } of eligible) {
    const options = scoreSlots(input, tech, fit, starts, dayKeyOf).slice(0, 1 + ALTERNATIVES).map((slot) => describe(input, tech, fit, slot, availability));
    if (options.length > 0) perTechnician.push(options);
  }
  return perTechnician.sort((a, b) => byScoreThenTime(a[0]!, b[0]!));
}

/**
 * Routine visits inside the tenant's windows; when no technician has a slot there in the whole horizon, any slot,
 * flagged. Emergencies ignore availability: someone comes now.
 */
function optionsRespectingAvailability(input: ProposalInput, eligible: readonly Eligible[]): AssignmentOption[][] {
  const starts = candidateStarts(input);
  const windows = input.availability ?? [];
  if (windows.length === 0 || input.classification.priority === 'emergency') return optionsPerTechnician(input, eligible, starts, { kind: 'none' });
  const durationMs = input.classification.estimatedMinutes * 60_000;
  const inside = starts.filter((s) => withinWindows(s, new Date(s.getTime() + durationMs), windows, input.scheduling.timeZone));
  const preferred = optionsPerTechnician(input, eligible, inside, { kind: 'inside', windows });
  return preferred.length > 0 ? preferred : optionsPerTechnician(input, eligible, starts, { kind: 'fallback' });
}

function noFitReason(input: ProposalInput, skilled: readonly Eligible[], eligible: readonly Eligible[]): string {
  const skill = input.classification.skillsRequired[0];
  const certifications = input.requiredCertifications.join(' and ');
  if (skilled.length === 0) return `no internal technician has ${skill}`;
  if (eligible.length === 0) return `no technician with ${skill} holds ${certifications}, which the rules require for ${skill}`;
  const who = input.requiredCertifications.length > 0 ? `certified technician with ${skill}` : `technician with ${skill}`;
  return `every ${who} is fully booked in the next ${input.scheduling.horizonDays} days`;
}

/**
 * The best technician and slot, with two alternatives. Pure: the caller loads technicians and bookings.
 * Only technicians with the primary skill and every required certification are considered.
 * Score = skill fit, first-time-fix rate, a bonus for staying in a building the tech already works in that day,
 * and a penalty that grows with the wait (steeper for high priority).
 * Alternatives are other technicians' best slots first; when fewer than two other technicians fit, the best
 * technician's next-best slots (other start times) fill in, so a coordinator always has something to pick.
 */
export function proposeAssignment(input: ProposalInput): AssignmentProposal {
  const skilled = input.technicians.map((tech) => ({ tech, fit: skillFit(input.classification.skillsRequired, tech.skills) })).filter((c) => c.fit > 0);
  const eligible = skilled.filter(({ tech }) => input.requiredCertifications.every((c) => tech.certifications.includes(c)));

  const [bestTechnicianOptions, ...others] = optionsRespectingAvailability(input, eligible);
  const best = bestTechnicianOptions?.[0];
  if (!bestTechnicianOptions || !best) return { best: null, alternatives: [], noFitReason: noFitReason(input, skilled, eligible) };
  const alternatives = others.map((options) => options[0]!).slice(0, ALTERNATIVES);
  for (const option of bestTechnicianOptions.slice(1)) {
    if (alternatives.length >= ALTERNATIVES) break;
    alternatives.push(option);
  }
  return { best, alternatives };
}
