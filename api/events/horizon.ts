/**
 * Which event ids are final. Every id at or below the horizon is committed and visible, or never will be, so a
 * stream that has sent everything up to the horizon can send the rest in id order and never skip one.
 *
 * Why this is needed: an event's id is drawn from its sequence when the row is inserted, before its transaction
 * commits, so id 11 can commit while 10 is still in flight. A stream that sent 11 and moved its cursor on would never
 * send 10, and a client resuming with Last-Event-ID 11 would never get it either.
 *
 * How: ids visible right above the horizon with no hole between are final at once (committed). Above a hole, the
 * ids up to the largest one seen become final once every transaction that held a write lock on `events` when that
 * reading was taken has ended: the transaction holding the hole took that lock before drawing its id (an INSERT
 * locks its table when the statement is parsed) and keeps it until it commits or rolls back. A rolled-back insert or
 * an `ON CONFLICT DO NOTHING` that drew an id leaves a hole for good; it is passed the same way.
 *
 * Pure: the readings come from db/queries/eventFrontier.ts, the clock from the caller.
 */
import type { FrontierReading } from '../../db/queries/eventFrontier';

export type { FrontierReading };

/** The horizon before and after: the ids in (from, to] became final. */
export interface Advance {
  from: number;
  to: number;
}

export interface ForcedAdvance {
  upTo: number;
  writers: string[];
  heldMs: number;
}

interface Barrier {
  /** Ids at or below this become final once all of `writers` have ended. */
  upTo: number;
  writers: Set<string>;
  since: number;
}

export class EventHorizon {
  private horizon: number | null = null;
  /** Before the first barrier resolves: the largest id of the first reading, everything below it being unknown. */
  private floor = 0;
  private barriers: Barrier[] = [];

  /** @param maxHoldMs a barrier older than this is passed anyway (a transaction left open must not stop every stream). */
  constructor(private readonly maxHoldMs: number) {}

  /** The final horizon, or null until the first reading has been settled. */
  get value(): number | null {
    return this.horizon;
  }

  /** Readings ask for the ids above this; null: the first reading, which needs only the largest id. */
  get readFrom(): number | null {
    if (this.horizon !== null) return this.horizon;
    return this.barriers.length > 0 ? this.floor : null;
  }

  /** Barriers are waiting for transactions to end: read again soon, ending transactions notify nobody. */
  get waiting(): boolean {
    return this.barriers.length > 0;
  }

  apply(reading: FrontierReading, now: number): { advance: Advance | null; forced: ForcedAdvance[] } {
    const before = this.horizon;
    const writers = new Set(reading.writers);
    const ids = reading.ids;
    if (before === null && this.barriers.length === 0) {
      // The first reading: everything up to the largest id is known once its writers are gone.
      const top = ids.length > 0 ? ids[ids.length - 1]! : 0;
      this.floor = top;
      if (top === 0 || writers.size === 0) this.horizon = top;
      else this.barriers.push({ upTo: top, writers, since: now });
      return { advance: null, forced: [] };
    }

    let resolvedTo = this.resolve(writers);
    const forced = this.expire(now);
    for (const f of forced) resolvedTo = Math.max(resolvedTo, f.upTo);
    if (resolvedTo > (this.horizon ?? -1)) this.horizon = resolvedTo;

    if (this.horizon !== null) {
      for (const id of ids) {
        if (id <= this.horizon) continue;
        if (id !== this.horizon + 1) break;
        this.horizon = id;
      }
    }
    const top = ids.length > 0 ? ids[ids.length - 1]! : 0;
    if (top > (this.horizon ?? this.floor) && !this.barriers.some((b) => b.upTo >= top)) {
      if (writers.size === 0) this.horizon = top;
      else this.barriers.push({ upTo: top, writers, since: now });
    }
    if (this.horizon !== null) this.barriers = this.barriers.filter((b) => b.upTo > this.horizon!);

    const after = this.horizon;
    if (before === null || after === null || after <= before) return { advance: null, forced };
    return { advance: { from: before, to: after }, forced };
  }

  /** The largest id whose barrier has no writer left. */
  private resolve(current: Set<string>): number {
    let to = -1;
    for (const barrier of this.barriers) {
      if (![...barrier.writers].some((w) => current.has(w))) to = Math.max(to, barrier.upTo);
    }
    return to;
  }

  private expire(now: number): ForcedAdvance[] {
    return this.barriers
      .filter((b) => now - b.since > this.maxHoldMs)
      .map((b) => ({ upTo: b.upTo, writers: [...b.writers], heldMs: now - b.since }));
  }
}
