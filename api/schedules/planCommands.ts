import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import {
  findPlan,
  insertPlan,
  logPlanEvent,
  markDeleted,
  markPaused,
  type PlanRecord,
} from '../../db/queries/preventivePlans';
import type { Actor } from '../../domain/actor';
import {
  PREVENTIVE_WORKFLOW_TYPE,
  preventiveRunWorkflowId,
  preventiveScheduleId,
  type PreventiveRunInput,
} from '../../workflows/preventiveDefinitions';
import type { ApiDeps } from '../deps';
import { AppError, conflict, notFound } from '../errors';
import type { CreateScheduleBody } from './scheduleBody';
import { scheduleHttpError } from './scheduleErrors';
import { toTemporalSpec } from './scheduleSpec';

type Deps = Pick<ApiDeps, 'pool' | 'temporal' | 'taskQueue'>;

/** A server that was down for less than this still takes the runs it missed (once each: overlap skip). */
const CATCHUP_WINDOW = '1 day';

const handleOf = (deps: Deps, planId: string) => deps.temporal.schedule.getHandle(preventiveScheduleId(planId));

/**
 * Writes the plan and creates its Temporal Schedule in one transaction: if Temporal refuses, nothing is written;
 * if the commit fails after the schedule exists, the schedule is deleted again.
 */
export async function createPlan(deps: Deps, body: CreateScheduleBody, actor: Actor): Promise<PlanRecord> {
  let scheduleCreated = false;
  try {
    return await inTransaction(deps.pool, async (client) => {
      const plan = await insertPlan(client, {
        id: body.id,
        name: body.name,
        timeZone: body.timeZone,
        schedule: body.schedule,
        rules: body.rules,
        createdBy: actor.id,
        pausedNote: body.pausedNote ?? null,
      });
      if (!plan) throw conflict(`schedule ${body.id} exists already`);
      await logPlanEvent(client, 'schedule_created', actor, {
        planId: body.id,
        name: body.name,
        pausedNote: body.pausedNote ?? null,
      });
      const args: [PreventiveRunInput] = [{ planId: body.id }];
      try {
        await deps.temporal.schedule.create({
          scheduleId: preventiveScheduleId(body.id),
          spec: toTemporalSpec(body.schedule, body.timeZone),
          action: {
            type: 'startWorkflow',
            workflowType: PREVENTIVE_WORKFLOW_TYPE,
            workflowId: preventiveRunWorkflowId(body.id),
            taskQueue: deps.taskQueue,
            args,
          },
          policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: CATCHUP_WINDOW },
          memo: { name: body.name },
          state: body.pausedNote ? { paused: true, note: body.pausedNote } : {},
        });
      } catch (err) {
        // The client reports an "Invalid schedule spec" answer as a TypeError.
        if (err instanceof TypeError)
          throw new AppError(400, 'invalid_request', 'Temporal refused the schedule', [
            { path: 'body.schedule', message: err.message },
          ]);
        throw scheduleHttpError(err, body.id);
      }
      scheduleCreated = true;
      return plan;
    });
  } catch (err) {
    if (scheduleCreated)
      await handleOf(deps, body.id)
        .delete()
        .catch(() => undefined);
    throw err;
  }
}

/** Runs `change` on a live plan, locked for the transaction; 404 when there is none. */
async function withPlan<T>(
  deps: Deps,
  planId: string,
  change: (plan: PlanRecord, client: PoolClient) => Promise<T>,
): Promise<T> {
  return inTransaction(deps.pool, async (client) => {
    const plan = await findPlan(client, planId, true);
    if (!plan) throw notFound(`schedule ${planId}`);
    try {
      return await change(plan, client);
    } catch (err) {
      throw scheduleHttpError(err, planId);
    }
  });
}

/** Deletes the Temporal Schedule (runs already started finish) and marks the plan deleted. */
export async function deletePlan(deps: Deps, planId: string, actor: Actor): Promise<void> {
  await withPlan(deps, planId, async (_plan, client) => {
    await markDeleted(client, planId);
    await logPlanEvent(client, 'schedule_deleted', actor, { planId });
    await handleOf(deps, planId)
      .delete()
      .catch((err: unknown) => {
        if (!(err instanceof ScheduleNotFoundError)) throw err;
      });
  });
}

export async function pausePlan(deps: Deps, planId: string, note: string, actor: Actor): Promise<void> {
  await withPlan(deps, planId, async (_plan, client) => {
    await markPaused(client, planId, { by: actor.id, note });
    await logPlanEvent(client, 'schedule_paused', actor, { planId, note });
    await handleOf(deps, planId).pause(note);
  });
}

export async function unpausePlan(deps: Deps, planId: string, note: string | undefined, actor: Actor): Promise<void> {
  await withPlan(deps, planId, async (_plan, client) => {
    await markPaused(client, planId, null);
    await logPlanEvent(client, 'schedule_unpaused', actor, { planId, note: note ?? null });
    await handleOf(deps, planId).unpause(note ?? `unpaused by ${actor.id}`);
  });
}

/**
 * Starts a run now. A run still in progress makes this a 409: the plan's overlap policy would skip the new one
 * anyway (the trigger asks for SKIP too, for a run that starts between the check and the trigger).
 */
export async function triggerPlan(deps: Deps, planId: string, actor: Actor): Promise<void> {
  await withPlan(deps, planId, async (_plan, client) => {
    const handle = handleOf(deps, planId);
    const running = (await handle.describe()).info.runningActions.map((a) => a.workflow.workflowId);
    if (running.length > 0)
      throw conflict(`a run of ${planId} is in progress (${running.join(', ')}); trigger again once it has finished`);
    await logPlanEvent(client, 'schedule_triggered', actor, { planId });
    await handle.trigger(ScheduleOverlapPolicy.SKIP);
  });
}
