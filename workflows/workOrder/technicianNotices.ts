/**
 * What technicians are told about an order (patched 'technician-notices'): the visit once it is set (the tenant
 * confirmed, or it went ahead without asking), and each later change that concerns them, once: the slot moved, the
 * job reassigned away, cancelled, parts in, access arranged. A proposal the tenant has not confirmed concerns nobody
 * yet. Each text has its own idempotency key (stepKey), so a replay or a retried activity sends nothing twice.
 */
import type { WorkOrderContext } from './context';
import { timeZoneOf } from './primitives';
import { text } from './sms';

/**
 * The order's visit is set (`state.assignment`): the technician hears it, said against what they were told before —
 * nothing when it is the visit they already know, "moved" for a new time, and for another technician the one taken
 * off hears it and the new one gets the assignment. A vendor's crew heard it from the award text.
 */
export async function tellTechnicianBooked(ctx: WorkOrderContext): Promise<void> {
  const assignment = ctx.state.assignment!;
  const told = ctx.memory.technicianTold;
  const technician = { type: 'technician' as const, id: assignment.technicianId };
  ctx.memory.technicianTold = { technicianId: assignment.technicianId, start: assignment.slot.start };
  if (told && told.technicianId === assignment.technicianId) {
    if (told.start === assignment.slot.start) return;
    if (told.start !== null) {
      await text(
        ctx,
        technician,
        { kind: 'technician_slot_moved', at: assignment.slot.start, from: told.start },
        'technician-slot-moved',
        timeZoneOf(ctx),
      );
      return;
    }
  }
  if (told && told.technicianId !== assignment.technicianId) {
    await text(
      ctx,
      { type: 'technician', id: told.technicianId },
      { kind: 'technician_unassigned', at: told.start },
      'technician-unassigned',
      timeZoneOf(ctx),
    );
  }
  if (assignment.decidedBy === 'vendor') return;
  await text(
    ctx,
    technician,
    { kind: 'technician_assignment', at: assignment.slot.start },
    'technician-assignment',
    timeZoneOf(ctx),
  );
}

/** A vendor's crew was told by the award text (sent before the tenant is asked): later changes are said against it. */
export function vendorCrewTold(ctx: WorkOrderContext): void {
  const assignment = ctx.state.assignment!;
  if (assignment.decidedBy === 'vendor')
    ctx.memory.technicianTold = { technicianId: assignment.technicianId, start: assignment.slot.start };
}

/** The technician's visit is over without the work done (parts, no access): the order stays theirs to hear about. */
export function technicianVisitOver(ctx: WorkOrderContext): void {
  if (ctx.memory.technicianTold) ctx.memory.technicianTold.start = null;
}

/** The order was cancelled: the technician who was told about it hears it. */
export async function tellTechnicianCancelled(ctx: WorkOrderContext, reason: string): Promise<void> {
  const told = ctx.memory.technicianTold;
  if (!told) return;
  ctx.memory.technicianTold = null;
  await text(
    ctx,
    { type: 'technician', id: told.technicianId },
    { kind: 'cancelled', audience: 'technician', reason, at: told.start },
    'cancelled-technician',
    timeZoneOf(ctx),
  );
}

/** The parts the technician waited for are in (reported, or their ETA came): the next visit follows. */
export async function tellTechnicianPartsArrived(ctx: WorkOrderContext, technicianId: number): Promise<void> {
  await text(
    ctx,
    { type: 'technician', id: technicianId },
    { kind: 'technician_parts_arrived' },
    'technician-parts-arrived',
    timeZoneOf(ctx),
  );
}

/** The tenant (or a coordinator with them) arranged access after the technician could not get in; `at`: the time named. */
export async function tellTechnicianAccessGranted(ctx: WorkOrderContext, at: string | null): Promise<void> {
  const told = ctx.memory.technicianTold;
  if (!told) return;
  await text(
    ctx,
    { type: 'technician', id: told.technicianId },
    { kind: 'technician_access_granted', at },
    'technician-access-granted',
    timeZoneOf(ctx),
  );
}
