import type { Client } from '@temporalio/client';
import type { PoolClient } from 'pg';
import {
  NoFreeWorkOrderNumber,
  skipTakenNumber,
  TAKEN_NUMBER_ATTEMPTS,
  type NumberingLog,
} from '../../db/numbering/takenNumbers';
import { workflowHolding } from '../../db/numbering/workflowHolders';
import { nextWorkOrderNumber } from '../../db/queries/workOrderNumbers';

/** Per client (tests run several systems in one process): the highest work order number seen held in Temporal. */
const highestSeen = new WeakMap<Client, number>();

/** A work order workflow this process started, or found holding its id. */
export function noteNumberInTemporal(temporal: Client, number: number): void {
  if (number > (highestSeen.get(temporal) ?? 0)) highestSeen.set(temporal, number);
}

/**
 * A number for an order whose workflow starts after the commit, so that nothing can undo the number once the tenant
 * is told it. The sequence only hands out numbers above those this process has seen in Temporal, unless the database
 * went back under it (dropped, or restored from an older backup, while Temporal kept its workflows): only then is
 * Temporal asked whether the number is free, and a taken one is skipped as the synchronous start does (skipTakenNumber).
 * What this process never saw (a restore before it started) is for scripts/alignWorkOrderNumbers.ts, which `npm start`
 * runs first, or is found by the starter (a start request it abandons, loudly).
 */
export async function takeNumberToStartLater(
  client: PoolClient,
  temporal: Client,
  log: NumberingLog,
  wanting: string,
): Promise<number> {
  let number = 0;
  for (let attempt = 0; attempt < TAKEN_NUMBER_ATTEMPTS; attempt++) {
    number = await nextWorkOrderNumber(client);
    if (number > (highestSeen.get(temporal) ?? 0)) return number;
    const holder = await workflowHolding(temporal, number);
    if (!holder) return number;
    await skipTakenNumber(client, temporal, log, { number, holder, wanting });
  }
  throw new NoFreeWorkOrderNumber(number);
}
