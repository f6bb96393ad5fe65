import {
  proposeAssignment,
  type AssignmentProposal,
  type CandidateTechnician,
  type TimeSlot,
} from '../domain/assignment';
import { availabilityWindowsSchema, type AvailabilityWindow } from '../domain/availability';
import type { Classification } from '../domain/classification';
import { DEFAULT_RULES, type Rules } from '../domain/rules';
import type { PoolClient } from 'pg';
import { inTransaction } from '../db/pool';
import { candidateOf, loadTechnicianCalendars } from '../db/queries/bookings';
import type { ActivityDeps } from './deps';

const EXCLUSION_VIOLATION = '23P01';
const UNIQUE_VIOLATION = '23505';

/** The tenant's stored windows, or none when there are none or they do not validate (then the proposal ignores them). */
function storedAvailability(raw: unknown): AvailabilityWindow[] | undefined {
  const parsed = availabilityWindowsSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export type BookingResult =
  { ok: true } | { ok: false; reason: 'double_booked' | 'technician_not_found'; message: string };

/** How long a proposal keeps its best slot from other proposals: enough for the workflow to record it and book. */
export const DEFAULT_PROPOSAL_HOLD_MS = 120_000;

export interface ProposalRequest {
  number: number;
  classification: Pick<Classification, 'priority' | 'skillsRequired' | 'estimatedMinutes'>;
  scheduling: Rules['scheduling'];
  /** Slots the tenant declined; never proposed again for this order. */
  excludedSlots: Array<{ technicianId: number; slot: TimeSlot }>;
  /** The tenant asked for a time: propose nothing earlier. */
  notBefore?: string | null;
  /** `rules.assignment.requiredCertifications`; workflows started before it existed send none and get the defaults. */
  requiredCertifications?: Rules['assignment']['requiredCertifications'];
}

export interface BookingRequest {
  number: number;
  technicianId: number;
  slot: TimeSlot;
}

export function createAssignmentActivities(deps: ActivityDeps) {
  const { pool } = deps;
  return {
    async proposeAssignment(req: ProposalRequest): Promise<AssignmentProposal> {
      return inTransaction(pool, (client) => proposeIn(client, deps, req));
    },

    async bookTechnician(req: BookingRequest): Promise<BookingResult> {
      return inTransaction(pool, (client) => bookIn(client, req));
    },

    async releaseBooking(req: { number: number; reason: string }): Promise<void> {
      await pool.query(
        `UPDATE technician_bookings SET released_at = now(), released_reason = $2 WHERE work_order_number = $1 AND released_at IS NULL`,
        [req.number, req.reason],
      );
      await pool.query('DELETE FROM technician_holds WHERE work_order_number = $1', [req.number]);
    },
  };
}

/** Replaces this order's hold with the proposal's best slot (none when nobody fits); drops long-expired holds. */
async function holdBest(
  client: PoolClient,
  holdMs: number,
  number: number,
  buildingId: number,
  proposal: AssignmentProposal,
  at: Date,
): Promise<void> {
  await client.query('DELETE FROM technician_holds WHERE work_order_number = $1 OR expires_at < $2', [
    number,
    new Date(at.getTime() - holdMs),
  ]);
  if (!proposal.best || holdMs <= 0) return;
  await client.query(
    `INSERT INTO technician_holds (work_order_number, technician_id, building_id, during, expires_at) VALUES ($1, $2, $3, tstzrange($4, $5, '[)'), $6)`,
    [
      number,
      proposal.best.technicianId,
      buildingId,
      proposal.best.slot.start,
      proposal.best.slot.end,
      new Date(at.getTime() + holdMs),
    ],
  );
}

/**
 * Loads technicians, their live bookings and other orders' holds, asks the pure proposal function, and holds the
 * best slot for `proposalHoldMs`, inside the caller's transaction. One proposal per trade at a time (an advisory
 * lock per primary skill, held to the end of the transaction): a burst of same-trade orders sees each other's holds
 * and spreads over the free slots instead of racing for one.
 */
export async function proposeIn(
  client: PoolClient,
  { now = () => new Date(), proposalHoldMs = DEFAULT_PROPOSAL_HOLD_MS }: Pick<ActivityDeps, 'now' | 'proposalHoldMs'>,
  req: ProposalRequest,
): Promise<AssignmentProposal> {
  const at = now();
  const primarySkill = req.classification.skillsRequired[0];
  // The order's other skills are tried when the primary trade has nobody: their proposals are serialized too.
  const lockedSkills = [...new Set(req.classification.skillsRequired)].sort();
  for (const skill of lockedSkills.length > 0 ? lockedSkills : ['*'])
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`proposal:${skill}`]);
  const order = (
    await client.query<{ building_id: string; availability: unknown }>(
      'SELECT w.building_id, t.availability FROM work_orders w LEFT JOIN tenants t ON t.id = w.tenant_id WHERE w.number = $1',
      [req.number],
    )
  ).rows[0];
  if (!order) throw new Error(`work order ${req.number} not found`);
  // Waiting-parts orders release their booking, so live bookings are exactly what counts toward capacity; other
  // orders' unexpired holds count like bookings. Only technicians with one of the order's skills: nobody else
  // can be proposed.
  const calendars = await loadTechnicianCalendars(client, {
    exceptOrder: req.number,
    from: at,
    to: new Date(at.getTime() + (req.scheduling.horizonDays + 1) * 86_400_000),
    skills: req.classification.skillsRequired.length > 0 ? req.classification.skillsRequired : undefined,
    holdsAt: at,
  });
  const technicians: CandidateTechnician[] = calendars.map((t) => ({
    ...candidateOf(t),
    excludedSlots: req.excludedSlots
      .filter((x) => x.technicianId === t.id)
      .map((x) => ({ start: new Date(x.slot.start), end: new Date(x.slot.end) })),
  }));
  const notBefore = req.notBefore ? new Date(req.notBefore) : undefined;
  const certificationsBySkill = req.requiredCertifications ?? DEFAULT_RULES.assignment.requiredCertifications;
  const requiredCertifications = primarySkill ? (certificationsBySkill[primarySkill] ?? []) : [];
  const proposal = proposeAssignment({
    classification: req.classification,
    buildingId: Number(order.building_id),
    now: at,
    scheduling: req.scheduling,
    technicians,
    notBefore,
    requiredCertifications,
    certificationsBySkill,
    availability: storedAvailability(order.availability),
  });
  await holdBest(client, proposalHoldMs, req.number, Number(order.building_id), proposal, at);
  return proposal;
}

/**
 * Books the slot for this order, replacing the order's previous booking, inside the caller's transaction (a savepoint
 * keeps the transaction usable when the slot is taken). The exclusion constraint, not a check-then-write, is what
 * stops two assignments from double-booking a technician.
 */
export async function bookIn(client: PoolClient, req: BookingRequest): Promise<BookingResult> {
  await client.query('SAVEPOINT booking');
  try {
    const result = await bookSlot(client, req);
    await client.query('RELEASE SAVEPOINT booking');
    return result;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== EXCLUSION_VIOLATION && code !== UNIQUE_VIOLATION) throw err;
    await client.query('ROLLBACK TO SAVEPOINT booking');
    return {
      ok: false,
      reason: 'double_booked',
      message: `technician ${req.technicianId} already has a job overlapping ${req.slot.start} – ${req.slot.end}`,
    };
  }
}

async function bookSlot(client: PoolClient, req: BookingRequest): Promise<BookingResult> {
  const live = await client.query<{ technician_id: string; start: Date; end: Date }>(
    `SELECT technician_id, lower(during) AS start, upper(during) AS "end" FROM technician_bookings WHERE work_order_number = $1 AND released_at IS NULL FOR UPDATE`,
    [req.number],
  );
  const current = live.rows[0];
  if (
    current &&
    Number(current.technician_id) === req.technicianId &&
    current.start.toISOString() === new Date(req.slot.start).toISOString() &&
    current.end.toISOString() === new Date(req.slot.end).toISOString()
  ) {
    return { ok: true } as const; // a retry of a booking that already went through
  }
  if (current) {
    await client.query(
      `UPDATE technician_bookings SET released_at = now(), released_reason = 'reassigned' WHERE work_order_number = $1 AND released_at IS NULL`,
      [req.number],
    );
  }
  const tech = await client.query('SELECT 1 FROM technicians WHERE id = $1 AND active', [req.technicianId]);
  if (tech.rowCount === 0)
    return {
      ok: false,
      reason: 'technician_not_found',
      message: `technician ${req.technicianId} not found`,
    } as const;
  await client.query(
    `INSERT INTO technician_bookings (technician_id, work_order_number, building_id, during)
     SELECT $1, number, building_id, tstzrange($3, $4, '[)') FROM work_orders WHERE number = $2`,
    [req.technicianId, req.number, req.slot.start, req.slot.end],
  );
  await client.query('DELETE FROM technician_holds WHERE work_order_number = $1', [req.number]);
  return { ok: true } as const;
}
