import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { PoolClient } from 'pg';
import type { DueItem } from '../domain/preventive/dueItems';
import { sortOutDuplicates, type SkippedItem } from '../domain/preventive/duplicates';
import {
  lockPreventiveTargets,
  openPreventiveOrdersByTarget,
  preventiveOrdersByKey,
} from '../db/queries/preventiveOrders';
import type { Priority } from '../domain/priority';
import { takeFreeWorkOrderNumber } from '../db/numbering/takenNumbers';
import type { Actor } from '../domain/actor';
import type { WorkOrderInput } from '../domain/workOrderContract';
import { firstTenantOf, insertWorkOrder } from '../db/queries/workOrders';

/** Where building-level preventive work (a boiler, gutters, an investigation) is booked: one such unit per building. */
export const COMMON_AREAS_LABEL = 'Common areas';

interface OrderRow {
  number: number;
  key: string;
  status: string;
  buildingId: number;
  unitId: number;
  tenantId: number | null;
  description: string;
  requestedPriority: Priority | null;
}

async function commonAreasUnit(client: PoolClient, buildingId: number): Promise<number> {
  await client.query(
    `INSERT INTO units (building_id, label) VALUES ($1, $2) ON CONFLICT (building_id, label) DO NOTHING`,
    [buildingId, COMMON_AREAS_LABEL],
  );
  const { rows } = await client.query<{ id: number }>(
    'SELECT id::int AS id FROM units WHERE building_id = $1 AND label = $2',
    [buildingId, COMMON_AREAS_LABEL],
  );
  return rows[0]!.id;
}

async function existingOrders(client: PoolClient, keys: string[]): Promise<Map<string, OrderRow>> {
  const { rows } = await client.query<OrderRow>(
    `SELECT number::int AS number, preventive_key AS key, status, building_id::int AS "buildingId", unit_id::int AS "unitId",
            tenant_id::int AS "tenantId", description, requested_priority AS "requestedPriority"
       FROM work_orders WHERE preventive_key = ANY($1)`,
    [keys],
  );
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Writes the row and its 'created' event (the same key recordIntake uses, so the workflow's intake finds both), under
 * a number whose workflow id no older order holds: the run starts the workflow later, and takes "already started" as
 * its own earlier start.
 */
async function insertOrder(client: PoolClient, temporal: Client, item: DueItem, createdBy: Actor): Promise<boolean> {
  const unitId = item.unitId ?? (await commonAreasUnit(client, item.buildingId));
  const number = await takeFreeWorkOrderNumber(
    client,
    temporal,
    (message, fields) => log.error(message, fields),
    `preventive work ${item.key}`,
  );
  return insertWorkOrder(
    client,
    {
      input: {
        number,
        buildingId: item.buildingId,
        unitId,
        tenantId: await firstTenantOf(client, unitId),
        description: item.description,
        source: 'preventive',
        requestedPriority: item.priority,
        createdBy,
      },
      metadata: { preventive: item.details },
      preventive: { key: item.key, target: item.target },
    },
    'keep',
  );
}

/**
 * Opens the due items no order covers yet, inside the caller's transaction: not one this plan opened for the period
 * (its key), nor one whose target (the equipment, the seasonal task, the pattern in a building) has an open order
 * from any plan. The targets are claimed first, so an overlapping run of another plan waits and then skips them;
 * 023's unique index refuses a second open order should anything write one past the claim.
 * Returns how many it wrote, what it skipped and why, and this plan's orders whose workflow may not have started yet
 * (still `created`): a run that stopped between writing a row and starting its workflow leaves them for the next run.
 * Looking first keeps the sequence from burning numbers.
 */
export async function openPreventiveOrders(
  client: PoolClient,
  temporal: Client,
  items: DueItem[],
  createdBy: Actor,
): Promise<{ opened: number; skipped: SkippedItem[]; toStart: WorkOrderInput[] }> {
  const keys = items.map((i) => i.key);
  const targets = items.map((i) => i.target);
  await lockPreventiveTargets(client, targets);
  const { toOpen, skipped } = sortOutDuplicates(
    items,
    await preventiveOrdersByKey(client, keys),
    await openPreventiveOrdersByTarget(client, targets),
  );
  let opened = 0;
  for (const item of toOpen) if (await insertOrder(client, temporal, item, createdBy)) opened += 1;
  const after = await existingOrders(client, keys);
  const toStart = keys
    .map((key) => after.get(key))
    .filter((row): row is OrderRow => row !== undefined && row.status === 'created')
    .map((row) => ({
      number: row.number,
      buildingId: row.buildingId,
      unitId: row.unitId,
      tenantId: row.tenantId,
      description: row.description,
      source: 'preventive' as const,
      requestedPriority: row.requestedPriority,
      createdBy,
    }));
  return { opened, skipped, toStart };
}
