import type { PoolClient } from 'pg';
import {
  appendImportEvent,
  countImportUpdates,
  insertClosedRecord,
  lockImported,
  updateImported,
  type ImportedRecordColumns,
  type ImportedWorkOrder,
} from '../../db/queries/importedWorkOrders';
import { lockOpenUnlinkedOrders, linkMatchedOrder } from '../../db/queries/importMatches';
import { diffFacts, type FactChange } from '../../domain/appfolio/changes';
import type { MappedOrder } from '../../domain/appfolio/mapRow';
import { describeMatch, matchOpenOrder } from '../../domain/appfolio/openOrderMatch';
import { classifyHeuristically } from '../../domain/heuristicClassifier';
import type { WorkOrderStatus } from '../../domain/status';
import type { Actor } from '../../domain/actor';
import { createWorkOrderIn, type CommandDeps } from '../commands/createWorkOrder';

export const APPFOLIO_SOURCE = 'appfolio';

export type ImportOutcome =
  | { outcome: 'created'; number: number; status: WorkOrderStatus; workflowId?: string; note?: string }
  /** An open order of the same unit and problem was already here: it is linked to the AppFolio order, nothing opened. */
  | { outcome: 'matched'; number: number; how: string }
  | { outcome: 'unchanged'; number: number }
  | { outcome: 'updated'; number: number; changes: FactChange[]; applied: string[]; note?: string }
  | { outcome: 'skipped'; number?: number; reasons: string[] };

export interface ImportOptions {
  /** Whether the workflows of the open orders this import opens text their tenants; false: never (notifyTenant false). */
  notifyTenants: boolean;
}

const WORKFLOW_OWNS =
  "AppFolio's new values are kept in metadata.appfolio only: the order's workflow owns its status, priority, description and assignment";

function recordColumns(order: MappedOrder): ImportedRecordColumns {
  if (order.disposition.kind !== 'closed') throw new Error('only closed orders are kept as plain records');
  return {
    status: order.disposition.status,
    priority: order.priority,
    buildingId: order.buildingId,
    unitId: order.unitId,
    tenantId: order.residentTenantId,
    description: order.description,
    vendorId: order.vendorId,
    technicianId: order.technicianId,
    vendorCostCents: order.vendorCostCents,
    completedAt: order.completedAt,
    createdAt: order.createdAt,
  };
}

function changedColumns(existing: ImportedWorkOrder, next: ImportedRecordColumns): Partial<ImportedRecordColumns> {
  const changed: Partial<Record<keyof ImportedRecordColumns, unknown>> = {};
  const comparable = (value: unknown) => (value instanceof Date ? value.getTime() : value);
  for (const key of Object.keys(next) as Array<keyof ImportedRecordColumns>) {
    // A created date AppFolio doesn't give keeps the one the record has.
    if (key === 'createdAt' && next.createdAt === null) continue;
    if (comparable(existing[key]) !== comparable(next[key])) changed[key] = next[key];
  }
  return changed as Partial<ImportedRecordColumns>;
}

/** An open order here for the same unit and problem (domain/appfolio/openOrderMatch), linked to this AppFolio order. */
async function matchOpen(
  client: PoolClient,
  order: MappedOrder,
  actor: Actor,
): Promise<{ matched: ImportOutcome | null; sameTradeOnly: number[] }> {
  const candidates = (await lockOpenUnlinkedOrders(client, order.unitId)).map((c) => ({
    number: c.number,
    description: c.description,
    skills: c.skills ?? classifyHeuristically(c.description).skillsRequired,
  }));
  if (candidates.length === 0) return { matched: null, sameTradeOnly: [] };
  const { match, sameTradeOnly } = matchOpenOrder(
    order.description,
    classifyHeuristically(order.description).skillsRequired,
    candidates,
  );
  if (!match) return { matched: null, sameTradeOnly };
  const how = describeMatch(match);
  await linkMatchedOrder(client, match.number, APPFOLIO_SOURCE, order.appfolioId, order.facts);
  await appendImportEvent(client, {
    number: match.number,
    type: 'import_matched',
    actor,
    payload: {
      appfolioId: order.appfolioId,
      appfolioStatus: order.facts.status,
      appfolioDescription: order.description,
      how,
      sharedWords: match.sharedWords,
      sharedSkills: match.sharedSkills,
    },
    idempotencyKey: `work-order-${match.number}/import-matched-${order.appfolioId}`,
  });
  return { matched: { outcome: 'matched', number: match.number, how }, sameTradeOnly };
}

async function create(
  client: PoolClient,
  deps: CommandDeps,
  order: MappedOrder,
  actor: Actor,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const facts = order.facts;
  const trail = {
    appfolioId: order.appfolioId,
    appfolioStatus: facts.status,
    appfolioPriority: facts.priority,
    vendor: facts.vendor,
    vendorId: order.vendorId,
    assignedUser: facts.assignedUser,
    technicianId: order.technicianId,
  };
  if (order.disposition.kind === 'open') {
    const { matched, sameTradeOnly } = await matchOpen(client, order, actor);
    if (matched) return matched;
    const created = await createWorkOrderIn(client, deps, {
      unitId: order.unitId,
      description: order.description,
      ...(order.priority ? { priority: order.priority } : {}),
      source: 'import',
      createdBy: actor,
      metadata: { [APPFOLIO_SOURCE]: facts },
      external: { source: APPFOLIO_SOURCE, id: order.appfolioId },
      ...(options.notifyTenants ? {} : { notifyTenant: false as const }),
    });
    await appendImportEvent(client, {
      number: created.number,
      type: 'imported',
      actor,
      payload: { ...trail, workflow: true, notifyTenant: options.notifyTenants },
      idempotencyKey: `${created.workflowId}/imported`,
    });
    const note =
      sameTradeOnly.length > 0
        ? `not matched to open ${sameTradeOnly.map((n) => `#${n}`).join(', ')} of the same unit and trade: the descriptions name different things`
        : undefined;
    return {
      outcome: 'created',
      number: created.number,
      status: 'created',
      workflowId: created.workflowId,
      ...(note ? { note } : {}),
    };
  }
  const columns = recordColumns(order);
  const number = await insertClosedRecord(client, {
    ...columns,
    source: APPFOLIO_SOURCE,
    externalId: order.appfolioId,
    facts,
  });
  await appendImportEvent(client, {
    number,
    type: 'imported',
    actor,
    payload: { ...trail, workflow: false, status: columns.status },
    idempotencyKey: `work-order-${number}/imported`,
  });
  return { outcome: 'created', number, status: columns.status };
}

/**
 * One mapped row, in the caller's transaction: created (an open order with its workflow, a closed one as a record),
 * unchanged when AppFolio says what it said last time, or updated: a closed record takes the new values, an order
 * with a workflow only AppFolio's facts. Every write has its event, attributed to the importer.
 */
export async function importOrder(
  client: PoolClient,
  deps: CommandDeps,
  order: MappedOrder,
  actor: Actor,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const existing = await lockImported(client, APPFOLIO_SOURCE, order.appfolioId);
  if (!existing) return create(client, deps, order, actor, options);
  const changes = diffFacts(existing.facts, order.facts);
  if (changes.length === 0) return { outcome: 'unchanged', number: existing.number };
  if (!existing.hasWorkflow && order.disposition.kind === 'open') {
    return {
      outcome: 'skipped',
      number: existing.number,
      reasons: [
        `work order ${existing.number} was imported ${existing.status}; AppFolio now says "${order.facts.status}": a reopened order is not imported, create a new one`,
      ],
    };
  }
  const columns = existing.hasWorkflow ? {} : changedColumns(existing, recordColumns(order));
  const applied = Object.keys(columns);
  await updateImported(client, existing.number, APPFOLIO_SOURCE, order.facts, columns);
  const sequence = (await countImportUpdates(client, existing.number)) + 1;
  await appendImportEvent(client, {
    number: existing.number,
    type: 'import_updated',
    actor,
    payload: { appfolioId: order.appfolioId, changes, applied },
    idempotencyKey: `work-order-${existing.number}/import-update-${sequence}`,
  });
  return {
    outcome: 'updated',
    number: existing.number,
    changes,
    applied,
    ...(existing.hasWorkflow ? { note: WORKFLOW_OWNS } : {}),
  };
}
