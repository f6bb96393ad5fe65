import type { Client } from '@temporalio/client';
import type { PoolClient } from 'pg';
import { takeFreeWorkOrderNumber, type NumberingLog } from '../../db/numbering/takenNumbers';

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
 * Temporal asked whether the number is free, and a taken one is skipped (takeFreeWorkOrderNumber).
 * What this process never saw (a restore before it started) is for scripts/alignWorkOrderNumbers.ts, which `npm start`
 * runs first, or is found by the starter (a start request it abandons, loudly).
 */
export async function takeNumberToStartLater(
  client: PoolClient,
  temporal: Client,
  log: NumberingLog,
  wanting: string,
): Promise<number> {
  return takeFreeWorkOrderNumber(client, temporal, log, wanting, (number) => number > (highestSeen.get(temporal) ?? 0));
}
