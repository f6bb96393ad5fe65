import { Router } from 'express';
import { findPlan, listPlans, recentRuns, type PlanRecord } from '../../db/queries/preventivePlans';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { createPlan, deletePlan, pausePlan, triggerPlan, unpausePlan } from '../schedules/planCommands';
import { previewPlan } from '../schedules/planPreview';
import {
  createScheduleBody,
  pauseBody,
  previewBody,
  scheduleParams,
  triggerBody,
  unpauseBody,
} from '../schedules/scheduleBody';
import { describeSchedule, scheduleView, type ScheduleView } from '../schedules/scheduleView';
import { parse } from '../validate';

/** Runs listed per plan. */
const RUNS_PER_PLAN = 5;

/** Plans as Postgres has them, with Temporal's state of each schedule (paused, note, next run times). */
async function views(deps: ApiDeps, plans: PlanRecord[]): Promise<ScheduleView[]> {
  const runs = await recentRuns(
    deps.pool,
    plans.map((p) => p.id),
    RUNS_PER_PLAN,
  );
  return Promise.all(
    plans.map(async (plan) => {
      const described = await describeSchedule(deps.temporal, plan.id).catch((err: unknown) =>
        err instanceof Error ? err : new Error(String(err)),
      );
      return scheduleView(plan, runs.get(plan.id) ?? [], described);
    }),
  );
}

async function viewOf(deps: ApiDeps, id: string): Promise<ScheduleView> {
  const plan = await findPlan(deps.pool, id);
  if (!plan) throw notFound(`schedule ${id}`);
  return (await views(deps, [plan]))[0]!;
}

export function schedulesRouter(deps: ApiDeps): Router {
  const router = Router();
  const readers = allow('scheduler', 'ops', 'coordinator');
  const schedulers = allow('scheduler');

  router.get('/', readers, async (_req, res) => {
    res.json({ items: await views(deps, await listPlans(deps.pool)) });
  });

  router.post('/', schedulers, async (req, res) => {
    const body = parse(createScheduleBody, req, 'body');
    await createPlan(deps, body, actorOf(req.identity!));
    res
      .status(201)
      .location(`/schedules/${body.id}`)
      .json(await viewOf(deps, body.id));
  });

  router.get('/:id', readers, async (req, res) => {
    const { id } = parse(scheduleParams, req, 'params');
    res.json(await viewOf(deps, id));
  });

  router.post('/:id/trigger', schedulers, async (req, res) => {
    const { id } = parse(scheduleParams, req, 'params');
    parse(triggerBody, req, 'body');
    await triggerPlan(deps, id, actorOf(req.identity!));
    res.status(202).json({ id, triggered: true });
  });

  // A dry run changes nothing, so whoever reads the plans may ask.
  router.post('/:id/preview', readers, async (req, res) => {
    const { id } = parse(scheduleParams, req, 'params');
    const { asOf } = parse(previewBody, req, 'body');
    res.json(await previewPlan(deps.pool, id, asOf ? new Date(asOf) : new Date()));
  });

  router.post('/:id/pause', schedulers, async (req, res) => {
    const { id } = parse(scheduleParams, req, 'params');
    const { note } = parse(pauseBody, req, 'body');
    await pausePlan(deps, id, note, actorOf(req.identity!));
    res.json(await viewOf(deps, id));
  });

  router.post('/:id/unpause', schedulers, async (req, res) => {
    const { id } = parse(scheduleParams, req, 'params');
    const { note } = parse(unpauseBody, req, 'body');
    await unpausePlan(deps, id, note, actorOf(req.identity!));
    res.json(await viewOf(deps, id));
  });

  router.delete('/:id', schedulers, async (req, res) => {
    const { id } = parse(scheduleParams, req, 'params');
    await deletePlan(deps, id, actorOf(req.identity!));
    res.status(204).end();
  });

  return router;
}
