import type { Pool, PoolClient } from 'pg';

/** A range of numbers the sequence passed over, both ends included. */
export interface NumberRange {
  from: number;
  to: number;
}

/**
 * Up to this many numbers the sequence is moved by taking them (nextval only ever moves forward, whoever else takes
 * numbers at the same moment); past it by setval, which could move it back only if others took more numbers than
 * that in the instant between reading it and setting it.
 */
const TAKE_ONE_BY_ONE_UP_TO = 100_000;

export async function nextWorkOrderNumber(db: Pool | PoolClient): Promise<number> {
  const { rows } = await db.query<{ number: string }>("SELECT nextval('work_order_number_seq') AS number");
  return Number(rows[0]!.number);
}

/** Moves the sequence so that the next number is above `highest`, never backwards. The numbers passed over, or null when it was past already. */
export async function advanceWorkOrderNumbersPast(db: Pool | PoolClient, highest: number): Promise<NumberRange | null> {
  const { rows } = await db.query<{ last_value: string; is_called: boolean }>(
    'SELECT last_value, is_called FROM work_order_number_seq',
  );
  const next = Number(rows[0]!.last_value) + (rows[0]!.is_called ? 1 : 0);
  if (next > highest) return null;
  const count = highest - next + 1;
  if (count <= TAKE_ONE_BY_ONE_UP_TO) {
    await db.query(`SELECT count(nextval('work_order_number_seq')) FROM generate_series(1, $1::int)`, [count]);
  } else {
    await db.query(`SELECT setval('work_order_number_seq', $1) FROM work_order_number_seq WHERE last_value < $1`, [
      highest,
    ]);
  }
  return { from: next, to: highest };
}

export interface NumberSkip {
  /** The number a start found taken; null for the check made before anything starts (npm start). */
  takenNumber: number | null;
  /** The workflow holding the taken number's id, as Temporal describes it. */
  holder: object | null;
  /** The numbers the sequence passed over; null when it was past them already. */
  skipped: NumberRange | null;
  reason: string;
}

export async function recordNumberSkip(db: Pool | PoolClient, skip: NumberSkip): Promise<void> {
  await db.query(
    `INSERT INTO work_order_number_skips (taken_number, holder, skipped_from, skipped_to, reason) VALUES ($1, $2, $3, $4, $5)`,
    [
      skip.takenNumber,
      skip.holder === null ? null : JSON.stringify(skip.holder),
      skip.skipped?.from ?? null,
      skip.skipped?.to ?? null,
      skip.reason,
    ],
  );
}
