import type { Pool, PoolClient } from 'pg';
import { DEFAULT_RULES, rulesSchema, type Rules } from '../../domain/rules';
import { inTransaction } from '../pool';
import { appendEvent } from './events';

const UNIQUE_VIOLATION = '23505';

export interface RuleVersionSummary {
  version: number;
  /** `<actor type>:<actor id>` of whoever published it. */
  createdBy: string;
  note: string | null;
  createdAt: Date;
}

export interface RuleVersionRecord extends RuleVersionSummary {
  rules: Rules;
}

export interface RulesPublication {
  rules: Rules;
  createdBy: { type: string; id: string };
  note?: string | null;
  /** The version the editor started from: when another is current, someone published meanwhile. */
  expectedVersion?: number;
}

export type PublishResult =
  | { ok: true; record: RuleVersionRecord; changed: string[] }
  | { ok: false; reason: 'conflict'; currentVersion: number | null };

const SUMMARY_COLUMNS = `version, created_by AS "createdBy", note, created_at AS "createdAt"`;

interface StoredVersion extends RuleVersionSummary {
  rules: unknown;
}

/** Older rows may predate fields that now have defaults: reading through the schema fills them in. */
function toRecord(row: StoredVersion): RuleVersionRecord {
  return { ...row, rules: rulesSchema.parse(row.rules) };
}

async function newestVersion(db: Pool | PoolClient): Promise<StoredVersion | undefined> {
  const { rows } = await db.query<StoredVersion>(
    `SELECT ${SUMMARY_COLUMNS}, rules FROM rules ORDER BY version DESC LIMIT 1`,
  );
  return rows[0];
}

export async function currentRules(pool: Pool | PoolClient): Promise<RuleVersionRecord | null> {
  const row = await newestVersion(pool);
  return row ? toRecord(row) : null;
}

export async function rulesVersion(pool: Pool | PoolClient, version: number): Promise<RuleVersionRecord | null> {
  const { rows } = await pool.query<StoredVersion>(`SELECT ${SUMMARY_COLUMNS}, rules FROM rules WHERE version = $1`, [
    version,
  ]);
  return rows[0] ? toRecord(rows[0]) : null;
}

/** The rules a work order pinned (its `rules_version`), else the current ones, else the defaults. */
export async function rulesForOrder(pool: Pool, pinnedVersion: number | null): Promise<Rules> {
  const pinned = pinnedVersion === null ? null : await rulesVersion(pool, pinnedVersion);
  return (pinned ?? (await currentRules(pool)))?.rules ?? DEFAULT_RULES;
}

/** Newest first, without the bodies. */
export async function listRuleVersions(pool: Pool, limit: number): Promise<RuleVersionSummary[]> {
  const { rows } = await pool.query<RuleVersionSummary>(
    `SELECT ${SUMMARY_COLUMNS} FROM rules ORDER BY version DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dotted paths of the leaves that differ, e.g. `thresholds.review`; arrays count as leaves. */
export function changedLeafPaths(before: unknown, after: unknown, path: string[] = []): string[] {
  const beforeObject = isPlainObject(before) ? before : before === undefined ? {} : null;
  const afterObject = isPlainObject(after) ? after : after === undefined ? {} : null;
  if (beforeObject && afterObject && (isPlainObject(before) || isPlainObject(after))) {
    const keys = new Set([...Object.keys(afterObject), ...Object.keys(beforeObject)]);
    return [...keys].flatMap((key) => changedLeafPaths(beforeObject[key], afterObject[key], [...path, key]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path.join('.')];
}

/**
 * Publishes `rules` as the next version, with a `rules_published` event, in one transaction. Versions are never
 * updated or deleted. Two publishers racing from the same version both try to insert the same primary key: the
 * loser gets a conflict, as it does when `expectedVersion` is already stale.
 */
export async function publishRules(pool: Pool, publication: RulesPublication): Promise<PublishResult> {
  try {
    return await inTransaction(pool, async (client): Promise<PublishResult> => {
      const previous = await newestVersion(client);
      const currentVersion = previous?.version ?? 0;
      if (publication.expectedVersion !== undefined && publication.expectedVersion !== currentVersion) {
        return { ok: false, reason: 'conflict', currentVersion: previous?.version ?? null };
      }
      const rules = rulesSchema.parse(publication.rules);
      const version = currentVersion + 1;
      const note = publication.note ?? null;
      const { type, id } = publication.createdBy;
      const inserted = await client.query<StoredVersion>(
        `INSERT INTO rules (version, rules, created_by, note) VALUES ($1, $2, $3, $4) RETURNING ${SUMMARY_COLUMNS}, rules`,
        [version, JSON.stringify(rules), `${type}:${id}`, note],
      );
      const previousRules = previous ? rulesSchema.safeParse(previous.rules) : null;
      const changed = changedLeafPaths(previousRules?.success ? previousRules.data : previous?.rules, rules);
      await appendEvent(client, {
        number: null,
        type: 'rules_published',
        actor: { type, id },
        source: 'api',
        payload: { version, note, changed },
        idempotencyKey: `rules/${version}`,
        onDuplicateKey: 'throw',
      });
      return { ok: true, record: toRecord(inserted.rows[0]!), changed };
    });
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    return { ok: false, reason: 'conflict', currentVersion: (await newestVersion(pool))?.version ?? null };
  }
}
