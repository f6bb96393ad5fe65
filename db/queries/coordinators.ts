/** Coordinators (people paged by SMS) and their on-call windows. */
import type { Pool, PoolClient } from 'pg';
import { hhmm, type OnCallWindow } from '../../domain/paging/onCall';
import type { SmsLanguage } from '../../domain/sms/templates';

type Db = Pool | PoolClient;

export interface Coordinator {
  id: number;
  name: string;
  phone: string;
  language: SmsLanguage;
  active: boolean;
}

/** A window as the API shows it: weekly ones by day (one row per day), date ones as local date-times. */
export type OnCallWindowView =
  | { id: number; kind: 'weekly'; days: number[]; start: string; end: string }
  | { id: number; kind: 'dates'; start: string; end: string };

export interface CoordinatorRecord extends Coordinator {
  onCall: OnCallWindowView[];
  createdAt: Date;
  updatedAt: Date;
}

/** A weekly window for several days, or one stretch of local date-times, as the API takes it. */
export type NewOnCallWindow =
  { kind: 'weekly'; days: number[]; start: string; end: string } | { kind: 'dates'; start: string; end: string };

interface WindowRow {
  id: number;
  coordinatorId: number;
  kind: 'weekly' | 'dates';
  weekday: number | null;
  startMinute: number | null;
  endMinute: number | null;
  startsAt: string | null;
  endsAt: string | null;
}

const COORDINATOR_COLUMNS = `id::int AS id, name, phone, language, active, created_at AS "createdAt", updated_at AS "updatedAt"`;
// Local date-times come back as text so that no time zone (the server's or Node's) is applied to them.
const WINDOW_COLUMNS = `id::int AS id, coordinator_id::int AS "coordinatorId", kind, weekday, start_minute AS "startMinute", end_minute AS "endMinute",
  to_char(starts_at, 'YYYY-MM-DD"T"HH24:MI') AS "startsAt", to_char(ends_at, 'YYYY-MM-DD"T"HH24:MI') AS "endsAt"`;

function viewOf(row: WindowRow): OnCallWindowView {
  return row.kind === 'weekly'
    ? { id: row.id, kind: 'weekly', days: [row.weekday!], start: hhmm(row.startMinute!), end: hhmm(row.endMinute!) }
    : { id: row.id, kind: 'dates', start: row.startsAt!, end: row.endsAt! };
}

export function windowOf(row: WindowRow): OnCallWindow {
  return row.kind === 'weekly'
    ? { kind: 'weekly', weekday: row.weekday!, startMinute: row.startMinute!, endMinute: row.endMinute! }
    : { kind: 'dates', startsAt: row.startsAt!, endsAt: row.endsAt! };
}

async function windowRows(db: Db, coordinatorIds: number[]): Promise<WindowRow[]> {
  if (coordinatorIds.length === 0) return [];
  const { rows } = await db.query<WindowRow>(
    `SELECT ${WINDOW_COLUMNS} FROM coordinator_on_call WHERE coordinator_id = ANY($1) ORDER BY id`,
    [coordinatorIds],
  );
  return rows;
}

async function withWindows(
  db: Db,
  coordinators: Array<Omit<CoordinatorRecord, 'onCall'>>,
): Promise<CoordinatorRecord[]> {
  const rows = await windowRows(
    db,
    coordinators.map((c) => c.id),
  );
  return coordinators.map((c) => ({ ...c, onCall: rows.filter((r) => r.coordinatorId === c.id).map(viewOf) }));
}

export async function listCoordinators(
  db: Db,
  options: { active?: boolean; afterId: number; limit: number },
): Promise<CoordinatorRecord[]> {
  const { rows } = await db.query<Omit<CoordinatorRecord, 'onCall'>>(
    `SELECT ${COORDINATOR_COLUMNS} FROM coordinators WHERE id > $1 AND ($2::boolean IS NULL OR active = $2) ORDER BY id LIMIT $3`,
    [options.afterId, options.active ?? null, options.limit],
  );
  return withWindows(db, rows);
}

export async function findCoordinator(db: Db, id: number): Promise<CoordinatorRecord | null> {
  const { rows } = await db.query<Omit<CoordinatorRecord, 'onCall'>>(
    `SELECT ${COORDINATOR_COLUMNS} FROM coordinators WHERE id = $1`,
    [id],
  );
  return rows[0] ? (await withWindows(db, rows))[0]! : null;
}

/** Every active coordinator with their windows: who may be on call. */
export async function activeCoordinatorsWithWindows(
  db: Db,
): Promise<Array<{ coordinator: Coordinator; windows: OnCallWindow[] }>> {
  const { rows } = await db.query<Coordinator>(
    `SELECT id::int AS id, name, phone, language, active FROM coordinators WHERE active ORDER BY id`,
  );
  const windows = await windowRows(
    db,
    rows.map((c) => c.id),
  );
  return rows.map((coordinator) => ({
    coordinator,
    windows: windows.filter((w) => w.coordinatorId === coordinator.id).map(windowOf),
  }));
}

export async function insertCoordinator(
  client: PoolClient,
  c: { name: string; phone: string; language: SmsLanguage; active: boolean },
): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO coordinators (name, phone, language, active) VALUES ($1, $2, $3, $4) RETURNING id::int AS id`,
    [c.name, c.phone, c.language, c.active],
  );
  return rows[0]!.id;
}

export async function updateCoordinator(
  client: PoolClient,
  id: number,
  patch: Partial<{ name: string; phone: string; language: SmsLanguage; active: boolean }>,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE coordinators SET name = coalesce($2, name), phone = coalesce($3, phone), language = coalesce($4, language), active = coalesce($5, active), updated_at = now() WHERE id = $1`,
    [id, patch.name ?? null, patch.phone ?? null, patch.language ?? null, patch.active ?? null],
  );
  return rowCount === 1;
}

/** Replaces the coordinator's windows with these (a weekly window becomes one row per day). */
export async function replaceOnCallWindows(
  client: PoolClient,
  coordinatorId: number,
  windows: NewOnCallWindow[],
  minuteOf: (hhmm: string) => number,
): Promise<void> {
  await client.query('DELETE FROM coordinator_on_call WHERE coordinator_id = $1', [coordinatorId]);
  for (const w of windows) {
    if (w.kind === 'dates') {
      await client.query(
        `INSERT INTO coordinator_on_call (coordinator_id, kind, starts_at, ends_at) VALUES ($1, 'dates', $2, $3)`,
        [coordinatorId, w.start, w.end],
      );
      continue;
    }
    for (const day of w.days) {
      await client.query(
        `INSERT INTO coordinator_on_call (coordinator_id, kind, weekday, start_minute, end_minute) VALUES ($1, 'weekly', $2, $3, $4)`,
        [coordinatorId, day, minuteOf(w.start), minuteOf(w.end)],
      );
    }
  }
}
