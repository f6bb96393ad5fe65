import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import {
  findPortfolioRecord,
  phoneOwner,
  type PortfolioKind,
  type PortfolioRecord,
} from '../../db/queries/portfolioRecords';
import type { Actor } from '../../domain/actor';
import { AppError } from '../errors';
import type { NewPortfolioRecord } from './portfolioBodies';
import { insertPortfolioRecord } from './portfolioInserts';

// Portfolio writes take turns: the checks below (a name, a phone across three tables) hold until the commit.
export const PORTFOLIO_LOCK_KEY = 727_014;
const UNIQUE_VIOLATION = '23505';

const EVENT_TYPES: Record<PortfolioKind, string> = {
  buildings: 'building_added',
  units: 'unit_added',
  tenants: 'tenant_added',
  technicians: 'technician_added',
  vendors: 'vendor_added',
};

const taken = (message: string, field: string, existing: string) =>
  new AppError(409, 'conflict', `${message}: ${existing}`, [
    { path: `body.${field}`, message: `taken by ${existing}` },
  ]);
const missing = (what: string, id: number, field: string) =>
  new AppError(404, 'not_found', `${what} ${id} not found`, [{ path: `body.${field}`, message: 'not found' }]);

async function firstId(client: PoolClient, sql: string, params: unknown[]): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>(sql, params);
  return rows[0]?.id ?? null;
}

/** One phone is one person to the SMS channel: a number already texting as someone else is refused. */
async function checkPhoneFree(client: PoolClient, phone: string): Promise<void> {
  const owner = await phoneOwner(client, phone);
  if (owner) throw taken(`${phone} is already on file`, 'phone', `/${owner.kind}/${owner.id}`);
}

/** What makes the new record wrong before it is written: a missing parent (404) or a record it would duplicate (409). */
async function checkRecord(client: PoolClient, record: NewPortfolioRecord): Promise<void> {
  switch (record.kind) {
    case 'buildings': {
      const same = await firstId(client, 'SELECT id::int AS id FROM buildings WHERE name = $1', [record.body.name]);
      if (same !== null)
        throw taken(`a building named "${record.body.name}" exists already`, 'name', `/buildings/${same}`);
      return;
    }
    case 'units': {
      const { buildingId, label } = record.body;
      if ((await firstId(client, 'SELECT id::int AS id FROM buildings WHERE id = $1', [buildingId])) === null)
        throw missing('building', buildingId, 'buildingId');
      const same = await firstId(client, 'SELECT id::int AS id FROM units WHERE building_id = $1 AND label = $2', [
        buildingId,
        label,
      ]);
      if (same !== null) throw taken(`building ${buildingId} has a unit "${label}" already`, 'label', `/units/${same}`);
      return;
    }
    case 'tenants':
      if ((await firstId(client, 'SELECT id::int AS id FROM units WHERE id = $1', [record.body.unitId])) === null)
        throw missing('unit', record.body.unitId, 'unitId');
      return checkPhoneFree(client, record.body.phone);
    case 'technicians':
      return checkPhoneFree(client, record.body.phone);
    case 'vendors': {
      const same = await firstId(client, 'SELECT id::int AS id FROM vendors WHERE name = $1', [record.body.name]);
      if (same !== null) throw taken(`a vendor named "${record.body.name}" exists already`, 'name', `/vendors/${same}`);
      return checkPhoneFree(client, record.body.phone);
    }
  }
}

/** What the event log says about the new record: who it is, never a phone number. */
function eventPayload(record: NewPortfolioRecord, id: number): Record<string, unknown> {
  switch (record.kind) {
    case 'buildings':
      return { id, name: record.body.name };
    case 'units':
      return { id, buildingId: record.body.buildingId, label: record.body.label };
    case 'tenants':
      return { id, unitId: record.body.unitId, name: record.body.name };
    case 'technicians':
      return { id, name: record.body.name, skills: record.body.skills };
    case 'vendors':
      return { id, name: record.body.name, skills: record.body.skills, approved: record.body.approved };
  }
}

/**
 * Adds one record to the portfolio with its `<kind>_added` event, in one transaction: both or neither. A record that
 * exists already (same name, unit label or phone) is a 409 naming it, so a retried POST never makes a second one.
 */
export async function addPortfolioRecord(
  pool: Pool,
  record: NewPortfolioRecord,
  actor: Actor,
): Promise<PortfolioRecord> {
  try {
    return await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PORTFOLIO_LOCK_KEY]);
      await checkRecord(client, record);
      const id = await insertPortfolioRecord(client, record);
      await appendEvent(client, {
        number: null,
        type: EVENT_TYPES[record.kind],
        actor,
        source: 'api',
        payload: eventPayload(record, id),
        idempotencyKey: `portfolio/${record.kind}/${id}`,
        onDuplicateKey: 'throw',
      });
      return (await findPortfolioRecord(client, record.kind, id))!;
    });
  } catch (err) {
    // The checks run under the lock, so only a writer outside this API (the seed, an import) can get here first.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION)
      throw new AppError(
        409,
        'conflict',
        `that ${record.kind.slice(0, -1)} exists already (${(err as Error).message})`,
      );
    throw err;
  }
}
