import type { Pool, PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/actor';
import { appendEvent } from './events';

export interface PlanRecord {
  id: string;
  name: string;
  timeZone: string;
  schedule: unknown;
  rules: unknown;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  pausedBy: string | null;
  pausedAt: string | null;
  pausedNote: string | null;
}

export interface RunRecord {
  workflowId: string;
  runId: string;
  asOf: string;
  due: number;
  opened: number;
  started: number | null;
  alreadyStarted: number | null;
  /** Due items the run left alone, each with the order that stands and the reason. */
  skipped: unknown[];
  beganAt: string;
  finishedAt: string | null;
}

const PLAN_COLUMNS = `id, name, time_zone AS "timeZone", schedule, rules, created_by AS "createdBy", created_at AS "createdAt",
  updated_at AS "updatedAt", paused_by AS "pausedBy", paused_at AS "pausedAt", paused_note AS "pausedNote"`;

/**
 * Inserts a plan, or brings a deleted one with the same id back with the new definition (its earlier work orders'
 * keys still count, so it never reopens them). Null when a live plan has the id.
 */
export async function insertPlan(
  client: PoolClient,
  plan: {
    id: string;
    name: string;
    timeZone: string;
    schedule: unknown;
    rules: unknown;
    createdBy: string;
    pausedNote: string | null;
  },
): Promise<PlanRecord | null> {
  const { rows } = await client.query<PlanRecord>(
    `INSERT INTO preventive_plans AS p (id, name, time_zone, schedule, rules, created_by, paused_by, paused_at, paused_note)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::text IS NULL THEN NULL ELSE $6 END, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END, $7)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone, schedule = EXCLUDED.schedule, rules = EXCLUDED.rules,
       created_by = EXCLUDED.created_by, created_at = now(), updated_at = now(), paused_by = EXCLUDED.paused_by,
       paused_at = EXCLUDED.paused_at, paused_note = EXCLUDED.paused_note, deleted_at = NULL
     WHERE p.deleted_at IS NOT NULL
     RETURNING ${PLAN_COLUMNS}`,
    [
      plan.id,
      plan.name,
      plan.timeZone,
      JSON.stringify(plan.schedule),
      JSON.stringify(plan.rules),
      plan.createdBy,
      plan.pausedNote,
    ],
  );
  return rows[0] ?? null;
}

/** A live plan; `forUpdate` holds it until the caller's transaction ends (a delete and a pause never cross). */
export async function findPlan(db: Pool | PoolClient, id: string, forUpdate = false): Promise<PlanRecord | null> {
  const { rows } = await db.query<PlanRecord>(
    `SELECT ${PLAN_COLUMNS} FROM preventive_plans WHERE id = $1 AND deleted_at IS NULL${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listPlans(pool: Pool): Promise<PlanRecord[]> {
  return (
    await pool.query<PlanRecord>(`SELECT ${PLAN_COLUMNS} FROM preventive_plans WHERE deleted_at IS NULL ORDER BY id`)
  ).rows;
}

export async function markPaused(
  client: PoolClient,
  id: string,
  paused: { by: string; note: string } | null,
): Promise<void> {
  await client.query(
    `UPDATE preventive_plans SET paused_by = $2, paused_at = CASE WHEN $2::text IS NULL THEN NULL ELSE now() END, paused_note = $3, updated_at = now() WHERE id = $1`,
    [id, paused?.by ?? null, paused?.note ?? null],
  );
}

export async function markDeleted(client: PoolClient, id: string): Promise<void> {
  await client.query('UPDATE preventive_plans SET deleted_at = now(), updated_at = now() WHERE id = $1', [id]);
}

/** The newest runs of each plan, newest first. */
export async function recentRuns(pool: Pool, planIds: string[], perPlan: number): Promise<Map<string, RunRecord[]>> {
  const { rows } = await pool.query<RunRecord & { planId: string }>(
    `SELECT plan_id AS "planId", workflow_id AS "workflowId", run_id AS "runId", as_of AS "asOf", due, opened, started, already_started AS "alreadyStarted", skipped,
            began_at AS "beganAt", finished_at AS "finishedAt"
       FROM (SELECT *, row_number() OVER (PARTITION BY plan_id ORDER BY began_at DESC) AS n FROM preventive_runs WHERE plan_id = ANY($1)) r
      WHERE n <= $2 ORDER BY began_at DESC`,
    [planIds, perPlan],
  );
  const byPlan = new Map<string, RunRecord[]>();
  for (const { planId, ...run } of rows) byPlan.set(planId, [...(byPlan.get(planId) ?? []), run]);
  return byPlan;
}

/** A change to a plan in the event log (no work order), attributed to whoever made it. */
export async function logPlanEvent(
  client: PoolClient,
  type: string,
  actor: Actor,
  payload: Record<string, unknown>,
): Promise<void> {
  await appendEvent(client, {
    number: null,
    type,
    actor,
    source: 'api',
    payload,
    idempotencyKey: `schedules/${String(payload.planId)}/${type}/${randomUUID()}`,
    onDuplicateKey: 'throw',
  });
}
