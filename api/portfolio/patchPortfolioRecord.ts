import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import {
  findPortfolioRecord,
  otherPhoneOwner,
  TABLES,
  type PortfolioKind,
  type PortfolioRecord,
} from '../../db/queries/portfolioRecords';
import type { Actor } from '../../domain/actor';
import { AppError, badRequest, notFound } from '../errors';
import { PORTFOLIO_LOCK_KEY } from './addPortfolioRecord';
import { PATCH_FIELDS } from './portfolioPatches';

const UNIQUE_VIOLATION = '23505';

/** `technicians` → `technician`, for messages and event types. */
export const singular = (kind: PortfolioKind) => kind.slice(0, -1);

const taken = (message: string, field: string, existing: string) =>
  new AppError(409, 'conflict', `${message}: ${existing}`, [
    { path: `body.${field}`, message: `taken by ${existing}` },
  ]);

async function firstId(client: PoolClient, sql: string, params: unknown[]): Promise<number | null> {
  const { rows } = await client.query<{ id: number }>(sql, params);
  return rows[0]?.id ?? null;
}

/** What the change would make wrong: a parent that does not exist (404), or a name, label or phone someone else has (409). */
async function checkPatch(
  client: PoolClient,
  kind: PortfolioKind,
  id: number,
  current: PortfolioRecord,
  patch: Record<string, unknown>,
): Promise<void> {
  if (typeof patch.phone === 'string' && patch.phone !== current.phone) {
    const owner = await otherPhoneOwner(client, patch.phone, { kind, id });
    if (owner) throw taken(`${patch.phone} is already on file`, 'phone', `/${owner.kind}/${owner.id}`);
  }
  if ((kind === 'buildings' || kind === 'vendors') && typeof patch.name === 'string') {
    const same = await firstId(client, `SELECT id::int AS id FROM ${TABLES[kind]} WHERE name = $1 AND id <> $2`, [
      patch.name,
      id,
    ]);
    if (same !== null)
      throw taken(`a ${singular(kind)} named "${patch.name}" exists already`, 'name', `/${kind}/${same}`);
  }
  if (kind === 'units' && typeof patch.label === 'string') {
    const same = await firstId(
      client,
      'SELECT id::int AS id FROM units WHERE building_id = $1 AND label = $2 AND id <> $3',
      [current.buildingId, patch.label, id],
    );
    if (same !== null)
      throw taken(
        `building ${String(current.buildingId)} has a unit "${patch.label}" already`,
        'label',
        `/units/${same}`,
      );
  }
  if (
    kind === 'tenants' &&
    typeof patch.unitId === 'number' &&
    (await firstId(client, 'SELECT id::int AS id FROM units WHERE id = $1', [patch.unitId])) === null
  ) {
    throw new AppError(404, 'not_found', `unit ${patch.unitId} not found`, [
      { path: 'body.unitId', message: 'not found' },
    ]);
  }
  if (kind === 'technicians') {
    const latitude = 'homeLatitude' in patch ? patch.homeLatitude : current.homeLatitude;
    const longitude = 'homeLongitude' in patch ? patch.homeLongitude : current.homeLongitude;
    if ((latitude === null) !== (longitude === null)) {
      const field = 'homeLongitude' in patch ? 'homeLongitude' : 'homeLatitude';
      throw badRequest('a home location needs both homeLatitude and homeLongitude (or neither)', [
        { path: `body.${field}`, message: 'give both homeLatitude and homeLongitude, or neither' },
      ]);
    }
  }
}

async function writePatch(
  client: PoolClient,
  kind: PortfolioKind,
  id: number,
  patch: Record<string, unknown>,
): Promise<void> {
  const fields = PATCH_FIELDS[kind];
  const params: unknown[] = [id];
  const sets = Object.entries(patch).map(([field, value]) => {
    const { column, json } = fields[field]!;
    params.push(json && value !== null ? JSON.stringify(value) : value);
    return `${column} = $${params.length}`;
  });
  await client.query(`UPDATE ${TABLES[kind]} SET ${sets.join(', ')} WHERE id = $1`, params);
}

/** Each field whose value changed, from what to what; a private field (a phone) only says that it changed. */
function changesBetween(
  kind: PortfolioKind,
  before: PortfolioRecord,
  after: PortfolioRecord,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(patch)) {
    const [from, to] = [before[field] ?? null, after[field] ?? null];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] = PATCH_FIELDS[kind][field]!.private ? { changed: true } : { from, to };
  }
  return changes;
}

/**
 * Changes the fields named in a validated patch, with a `<kind>_changed` event (what changed, from what to what, and
 * who) in the same transaction; a patch that changes nothing writes no event. Serialized with the portfolio's other
 * writes, so two edits can't both take one phone or name.
 */
export async function patchPortfolioRecord(
  pool: Pool,
  kind: PortfolioKind,
  id: number,
  patch: Record<string, unknown>,
  actor: Actor,
): Promise<PortfolioRecord> {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  try {
    return await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [PORTFOLIO_LOCK_KEY]);
      const before = await findPortfolioRecord(client, kind, id);
      if (!before) throw notFound(`${singular(kind)} ${id}`);
      await checkPatch(client, kind, id, before, given);
      await writePatch(client, kind, id, given);
      const after = (await findPortfolioRecord(client, kind, id))!;
      const changes = changesBetween(kind, before, after, given);
      if (Object.keys(changes).length > 0) {
        await appendEvent(client, {
          number: null,
          type: `${singular(kind)}_changed`,
          actor,
          source: 'api',
          payload: { id, changes },
          idempotencyKey: `portfolio/${kind}/${id}/changed/${randomUUID()}`,
          onDuplicateKey: 'throw',
        });
      }
      return after;
    });
  } catch (err) {
    // The checks run under the lock, so only a writer outside this API (the seed, an import) can get here first.
    if ((err as { code?: string }).code === UNIQUE_VIOLATION)
      throw new AppError(
        409,
        'conflict',
        `that change collides with another ${singular(kind)} (${(err as Error).message})`,
      );
    throw err;
  }
}
