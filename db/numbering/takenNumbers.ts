import type { Client } from '@temporalio/client';
import type { Pool, PoolClient } from 'pg';
import {
  advanceWorkOrderNumbersPast,
  nextWorkOrderNumber,
  recordNumberSkip,
  type NumberRange,
} from '../queries/workOrderNumbers';
import { highestWorkOrderNumberInTemporal, workflowHolding, type WorkflowHolder } from './workflowHolders';

/** Where a skip is told: pino's `logger.error(fields, message)` and Temporal's `log.error(message, fields)` both fit behind it. */
export type NumberingLog = (message: string, fields: Record<string, unknown>) => void;

/**
 * How many numbers in a row an order may find taken. After the first the sequence is past every work order workflow
 * Temporal has, so another means something else numbers orders in the same namespace (a second database).
 */
export const TAKEN_NUMBER_ATTEMPTS = 3;

export class NoFreeWorkOrderNumber extends Error {
  constructor(lastTaken: number) {
    super(
      `${TAKEN_NUMBER_ATTEMPTS} work order numbers in a row, up to ${lastTaken}, belong to other orders' workflows even after moving past the highest one Temporal has: is another database numbering work orders in this Temporal namespace?`,
    );
    this.name = 'NoFreeWorkOrderNumber';
  }
}

/**
 * `number`'s workflow id belongs to another order: Temporal kept workflows this database no longer knows (it was
 * dropped, or restored from an older backup). Moves the sequence past every work order workflow Temporal has, keeps a
 * record (work_order_number_skips) and tells `log`. The caller takes the next number.
 */
export async function skipTakenNumber(
  db: Pool | PoolClient,
  temporal: Client,
  log: NumberingLog,
  taken: { number: number; holder: WorkflowHolder; wanting: string },
): Promise<void> {
  const { number, holder } = taken;
  const highest = Math.max(number, await highestWorkOrderNumberInTemporal(temporal));
  const skipped = await advanceWorkOrderNumbersPast(db, highest);
  await recordNumberSkip(db, { takenNumber: number, holder, skipped, reason: `taken: wanted for ${taken.wanting}` });
  log(
    `work order number ${number} (for ${taken.wanting}) is taken: ${holder.workflowId} is another order's workflow (${holder.type}, ${holder.status}, started ${holder.startTime}), ` +
      `from before this database was dropped or restored; ${skipped ? `numbers ${skipped.from}-${skipped.to} skipped` : 'the sequence is past it already'}`,
    { takenNumber: number, holder, skipped, wanting: taken.wanting },
  );
}

/**
 * A number whose workflow id nothing holds yet, for a workflow started elsewhere (the preventive run starts its
 * children itself) or after the commit (the API's intake). Nothing else starts a fresh number's workflow, so checking
 * before the start is enough. `knownFree` spares Temporal the question for a number the caller knows is free.
 */
export async function takeFreeWorkOrderNumber(
  db: Pool | PoolClient,
  temporal: Client,
  log: NumberingLog,
  wanting: string,
  knownFree: (number: number) => boolean = () => false,
): Promise<number> {
  let number = 0;
  for (let attempt = 0; attempt < TAKEN_NUMBER_ATTEMPTS; attempt++) {
    number = await nextWorkOrderNumber(db);
    if (knownFree(number)) return number;
    const holder = await workflowHolding(temporal, number);
    if (!holder) return number;
    await skipTakenNumber(db, temporal, log, { number, holder, wanting });
  }
  throw new NoFreeWorkOrderNumber(number);
}

/**
 * Before any order starts (npm start): moves the sequence past every work order workflow Temporal has. When it had to,
 * the range is recorded and told to `log`; the skipped numbers, or null.
 */
export async function alignNumbersWithTemporal(
  db: Pool | PoolClient,
  temporal: Client,
  log: NumberingLog,
): Promise<NumberRange | null> {
  const highest = await highestWorkOrderNumberInTemporal(temporal);
  const skipped = await advanceWorkOrderNumbersPast(db, highest);
  if (!skipped) return null;
  await recordNumberSkip(db, {
    takenNumber: null,
    holder: null,
    skipped,
    reason: 'aligned with Temporal before starting',
  });
  log(
    `Temporal has work order workflows up to work-order-${highest}, above this database's numbers (it was dropped or restored from an older backup while Temporal kept its state): ` +
      `numbers ${skipped.from}-${skipped.to} skipped, new work orders start at ${highest + 1}`,
    { skipped, highest },
  );
  return skipped;
}
