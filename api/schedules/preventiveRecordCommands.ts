import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import {
  findPreventiveRecord,
  insertPreventiveRecord,
  logPreventiveRecordEvent,
  sameNameInBuilding,
  updatePreventiveRecord,
  type PreventiveRecord,
  type PreventiveRecordKind,
} from '../../db/queries/preventiveRecords';
import type { Actor } from '../../domain/actor';
import { AppError, badRequest, notFound } from '../errors';
import { crossFieldIssue, RECORD_FIELDS } from './preventiveRecordBodies';

const UNIQUE_VIOLATION = '23505';

interface KindNames {
  /** In messages: `equipment 4`, `seasonal task 7`. */
  singular: string;
  /** Its path: `/equipment`. */
  path: string;
  /** The field a building has once: equipment's label, a task's name. */
  nameField: 'label' | 'name';
  events: { added: string; changed: string; outOfUse: string };
}

export const KIND_NAMES: Record<PreventiveRecordKind, KindNames> = {
  equipment: {
    singular: 'equipment',
    path: '/equipment',
    nameField: 'label',
    events: { added: 'equipment_added', changed: 'equipment_changed', outOfUse: 'equipment_retired' },
  },
  seasonalTasks: {
    singular: 'seasonal task',
    path: '/seasonal-tasks',
    nameField: 'name',
    events: { added: 'seasonal_task_added', changed: 'seasonal_task_changed', outOfUse: 'seasonal_task_deactivated' },
  },
};

const missing = (what: string, id: number, field: string) =>
  new AppError(404, 'not_found', `${what} ${id} not found`, [{ path: `body.${field}`, message: 'not found' }]);

function taken(kind: PreventiveRecordKind, buildingId: number, name: string, existing: number | null): AppError {
  const { singular, path, nameField } = KIND_NAMES[kind];
  const where = existing === null ? 'exists already' : `exists already: ${path}/${existing}`;
  return new AppError(
    409,
    'conflict',
    `building ${buildingId} has ${singular} ${nameField === 'label' ? 'labelled' : 'named'} "${name}" ${where}`,
    [{ path: `body.${nameField}`, message: existing === null ? 'taken' : `taken by ${path}/${existing}` }],
  );
}

async function exists(client: PoolClient, sql: string, params: unknown[]): Promise<boolean> {
  return ((await client.query(sql, params)).rowCount ?? 0) > 0;
}

/** Equipment in a unit must be in a unit of its own building. */
async function checkUnit(client: PoolClient, unitId: number, buildingId: number): Promise<void> {
  const { rows } = await client.query<{ buildingId: number }>(
    'SELECT building_id::int AS "buildingId" FROM units WHERE id = $1',
    [unitId],
  );
  if (!rows[0]) throw missing('unit', unitId, 'unitId');
  if (rows[0].buildingId !== buildingId)
    throw badRequest(`unit ${unitId} is in building ${rows[0].buildingId}, not ${buildingId}`, [
      { path: 'body.unitId', message: `a unit of building ${buildingId}` },
    ]);
}

/** The columns a body writes, from the kind's field table. */
function columnsOf(kind: PreventiveRecordKind, body: Record<string, unknown>): Record<string, unknown> {
  const fields = RECORD_FIELDS[kind];
  return Object.fromEntries(
    Object.entries(body)
      .filter(([, v]) => v !== undefined)
      .map(([name, value]) => [fields[name]!.column, value]),
  );
}

/** A second record with the building's label or name, between our check and our write, is the same 409. */
async function refusingDuplicates<T>(
  kind: PreventiveRecordKind,
  buildingId: number,
  name: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw taken(kind, buildingId, name, null);
    throw err;
  }
}

/** Adds a piece of equipment or a seasonal task with its `_added` event, both or neither. */
export async function addPreventiveRecord(
  pool: Pool,
  kind: PreventiveRecordKind,
  body: Record<string, unknown>,
  actor: Actor,
): Promise<PreventiveRecord> {
  const buildingId = body.buildingId as number;
  const name = body[KIND_NAMES[kind].nameField] as string;
  return refusingDuplicates(kind, buildingId, name, () =>
    inTransaction(pool, async (client) => {
      if (!(await exists(client, 'SELECT 1 FROM buildings WHERE id = $1', [buildingId])))
        throw missing('building', buildingId, 'buildingId');
      if (typeof body.unitId === 'number') await checkUnit(client, body.unitId, buildingId);
      const same = await sameNameInBuilding(client, kind, buildingId, name, null);
      if (same !== null) throw taken(kind, buildingId, name, same);
      const id = await insertPreventiveRecord(client, kind, columnsOf(kind, body));
      await logPreventiveRecordEvent(client, KIND_NAMES[kind].events.added, actor, {
        id,
        buildingId,
        [KIND_NAMES[kind].nameField]: name,
      });
      return (await findPreventiveRecord(client, kind, id))!;
    }),
  );
}

/** Each field whose value changed, from what to what. */
function changesBetween(
  before: PreventiveRecord,
  after: PreventiveRecord,
  patch: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of Object.keys(patch)) {
    const [from, to] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/**
 * Changes the fields a validated patch names, checked against the record as it is (a unit of its building, no
 * second label or name in the building, retired after installed, a day the month has), with an `_changed` event
 * of what changed; a patch that changes nothing writes no event. What plans open from now on follows the record;
 * an order already open stays as it was written.
 */
export async function patchPreventiveRecord(
  pool: Pool,
  kind: PreventiveRecordKind,
  id: number,
  patch: Record<string, unknown>,
  actor: Actor,
): Promise<PreventiveRecord> {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const { singular, nameField, events } = KIND_NAMES[kind];
  let buildingId = 0;
  try {
    return await inTransaction(pool, async (client) => {
      const current = await findPreventiveRecord(client, kind, id, true);
      if (!current) throw notFound(`${singular} ${id}`);
      buildingId = current.buildingId;
      const issue = crossFieldIssue(kind, { ...current, ...given });
      if (issue) throw badRequest(issue.message, [{ path: `body.${issue.path}`, message: issue.message }]);
      if (typeof given.unitId === 'number') await checkUnit(client, given.unitId, current.buildingId);
      const name = given[nameField];
      if (typeof name === 'string' && name !== current[nameField]) {
        const same = await sameNameInBuilding(client, kind, current.buildingId, name, id);
        if (same !== null) throw taken(kind, current.buildingId, name, same);
      }
      await updatePreventiveRecord(client, kind, id, columnsOf(kind, given));
      const after = (await findPreventiveRecord(client, kind, id))!;
      const changes = changesBetween(current, after, given);
      if (Object.keys(changes).length > 0)
        await logPreventiveRecordEvent(client, events.changed, actor, { id, buildingId: current.buildingId, changes });
      return after;
    });
  } catch (err) {
    // A second record with the name, between our check and our write.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION)
      throw taken(kind, buildingId, String(given[nameField]), null);
    throw err;
  }
}

/**
 * Takes a record out of every plan: equipment is retired today, a seasonal task made inactive (the row stays, its
 * orders name it). Once is enough: a record already out of use is answered as it is, with no second event.
 */
export async function retirePreventiveRecord(
  pool: Pool,
  kind: PreventiveRecordKind,
  id: number,
  actor: Actor,
): Promise<PreventiveRecord> {
  const { singular, events } = KIND_NAMES[kind];
  return inTransaction(pool, async (client) => {
    const current = await findPreventiveRecord(client, kind, id, true);
    if (!current) throw notFound(`${singular} ${id}`);
    const inUse = kind === 'equipment' ? current.retiredOn === null : current.active === true;
    if (!inUse) return current;
    await client.query(
      kind === 'equipment'
        ? 'UPDATE equipment SET retired_on = CURRENT_DATE WHERE id = $1'
        : 'UPDATE seasonal_tasks SET active = false WHERE id = $1',
      [id],
    );
    const after = (await findPreventiveRecord(client, kind, id))!;
    await logPreventiveRecordEvent(client, events.outOfUse, actor, {
      id,
      buildingId: current.buildingId,
      openOrder: after.openOrder,
    });
    return after;
  });
}
