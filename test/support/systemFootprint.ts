import { WorkflowNotFoundError } from '@temporalio/client';
import { readdir } from 'node:fs/promises';
import { historyLengths, tableCounts } from './matrixFixtures';
import type { TestSystem } from './system';

/**
 * Everything a request could have written, to compare before and after it: rows in every table, files in the photo
 * folder, Temporal schedules, and the history length of the work orders watched (a signal or an update that got
 * through adds events there).
 */
export interface Footprint {
  tables: Record<string, number>;
  photoFiles: number;
  schedules: number;
  histories: Record<number, number>;
}

async function countPhotoFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

async function countSchedules(system: TestSystem): Promise<number> {
  let n = 0;
  for await (const _ of system.env.client.schedule.list()) n++;
  return n;
}

export async function footprint(system: TestSystem, watched: readonly number[]): Promise<Footprint> {
  const [tables, photoFiles, schedules, histories] = await Promise.all([
    tableCounts(system),
    countPhotoFiles(system.photoStorageDir),
    countSchedules(system),
    historyLengths(system, [...watched]),
  ]);
  return { tables, photoFiles, schedules, histories };
}

/** What differs between two footprints, as `what: before → after`. */
export function footprintChanges(before: Footprint, after: Footprint): string[] {
  const changes: string[] = [];
  const compare = (prefix: string, a: Record<string, number>, b: Record<string, number>) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      if (a[key] !== b[key]) changes.push(`${prefix}${key}: ${a[key]} → ${b[key]}`);
  };
  compare('', before.tables, after.tables);
  compare('history of work order ', before.histories, after.histories);
  if (before.photoFiles !== after.photoFiles) changes.push(`photo files: ${before.photoFiles} → ${after.photoFiles}`);
  if (before.schedules !== after.schedules) changes.push(`schedules: ${before.schedules} → ${after.schedules}`);
  return changes;
}

/** Workflow ids worth a look: every running execution Temporal lists, and every open work order in Postgres. */
async function runningWorkflowIds(system: TestSystem): Promise<string[]> {
  const ids = new Set<string>();
  for await (const execution of system.env.client.workflow.list({ query: 'ExecutionStatus = "Running"' }))
    ids.add(execution.workflowId);
  const open = await system.db.pool.query<{ number: string }>(
    `SELECT number FROM work_orders WHERE status NOT IN ('completed', 'cancelled')`,
  );
  for (const { number } of open.rows) ids.add(`work-order-${number}`);
  return [...ids];
}

/**
 * Running workflows with work in flight (a workflow task or an activity pending, a child running), each described
 * with its pending activities' last failures: a workflow that stays busy is often a step failing again and again.
 */
export async function busyWorkflows(system: TestSystem): Promise<string[]> {
  const ids = await runningWorkflowIds(system);
  const busy: string[] = [];
  for (let i = 0; i < ids.length; i += 16) {
    const described = await Promise.all(
      ids.slice(i, i + 16).map(async (id) => {
        try {
          return { id, raw: (await system.env.client.workflow.getHandle(id).describe()).raw };
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) return null; // a record whose workflow is gone: nothing in flight
          throw err;
        }
      }),
    );
    for (const d of described) {
      if (!d || d.raw.workflowExecutionInfo?.status !== 1) continue; // 1: RUNNING
      const activities = (d.raw.pendingActivities ?? []).map(
        (a) =>
          `${a.activityType?.name} (attempt ${a.attempt}${a.lastFailure?.message ? `: ${a.lastFailure.message}` : ''})`,
      );
      const children = d.raw.pendingChildren?.length ?? 0;
      if (activities.length || d.raw.pendingWorkflowTask || children)
        busy.push(
          `${d.id}: ${[...activities, d.raw.pendingWorkflowTask ? 'workflow task' : '', children ? `${children} children` : ''].filter(Boolean).join(', ')}`,
        );
    }
  }
  return busy;
}

/**
 * Waits until no workflow has work in flight and the footprint holds still between two looks; answers that footprint.
 * Rules with long durations (no timer comes due while a test runs) make that the end of what the last request set off.
 */
export async function settle(system: TestSystem, watched: readonly number[], timeoutMs = 60_000): Promise<Footprint> {
  const deadline = Date.now() + timeoutMs;
  let last = await footprint(system, watched);
  for (;;) {
    const busy = await busyWorkflows(system);
    const now = await footprint(system, watched);
    if (busy.length === 0 && footprintChanges(last, now).length === 0) return now;
    if (Date.now() > deadline)
      throw new Error(
        `the system did not settle within ${timeoutMs / 1000} s: ${busy.length ? busy.join('; ') : footprintChanges(last, now).join('; ')}`,
      );
    last = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
