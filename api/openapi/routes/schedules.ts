import { z } from 'zod';
import {
  createScheduleBody,
  pauseBody,
  previewBody,
  scheduleParams,
  triggerBody,
  unpauseBody,
} from '../../schedules/scheduleBody';
import { scheduleList, scheduleView } from '../answers';
import { planPreview } from '../preventiveAnswers';
import { json, type RouteAuth, type RouteDoc } from '../routeDoc';

const readers: RouteAuth = { roles: ['scheduler', 'ops', 'coordinator'] };
const schedulers: RouteAuth = { roles: ['scheduler'] };
const VIEW = { 200: { description: 'the plan with its Temporal state', content: json(scheduleView) } };
const NOT_FOUND = { 404: 'no plan with this id' };

export const scheduleDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/schedules',
    operationId: 'listSchedules',
    tag: 'schedules',
    summary:
      'Preventive maintenance plans, with their Temporal Schedules (paused, note, next run times) and latest runs',
    auth: readers,
    responses: { 200: { description: 'every plan', content: json(scheduleList) } },
  },
  {
    method: 'post',
    path: '/schedules',
    operationId: 'createSchedule',
    tag: 'schedules',
    summary: 'Create a plan as a Temporal Schedule',
    description:
      'When it runs: the union of `calendars` (like cron: omitted second, minute and hour are 0), `cron` expressions and `intervals`, read in `timeZone`. ' +
      'What it opens: `rules` (equipment past a share of its life, seasonal tasks, recurring-issue patterns). `pausedNote` creates it paused.',
    auth: schedulers,
    body: {
      required: true,
      content: json(createScheduleBody, {
        id: 'monthly-inspections',
        name: 'Monthly inspections',
        timeZone: 'America/New_York',
        schedule: { calendars: [{ dayOfMonth: 1, hour: 6, comment: 'first of the month, 6am' }] },
        rules: { equipment: { lifeShare: 0.8 }, seasonal: {} },
      }),
    },
    responses: {
      201: {
        description: 'created',
        headers: { Location: { description: '/schedules/<id>', schema: { type: 'string' } } },
        content: json(scheduleView),
      },
    },
    errors: {
      400: 'a field is not valid, or Temporal refused the schedule (issues names the field)',
      409: 'a plan with this id exists already',
    },
  },
  {
    method: 'get',
    path: '/schedules/{id}',
    operationId: 'getSchedule',
    tag: 'schedules',
    summary: 'One plan',
    auth: readers,
    params: scheduleParams,
    responses: VIEW,
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/schedules/{id}/trigger',
    operationId: 'triggerSchedule',
    tag: 'schedules',
    summary: 'Run the plan now (a paused one too)',
    auth: schedulers,
    params: scheduleParams,
    body: { required: false, description: 'no fields: send nothing, or {}', content: json(triggerBody, {}) },
    responses: {
      202: {
        description: 'a run was started',
        content: json(z.object({ id: z.string(), triggered: z.literal(true) })),
      },
    },
    errors: { ...NOT_FOUND, 409: 'a run of this plan is in progress: trigger again once it has finished' },
  },
  {
    method: 'post',
    path: '/schedules/{id}/preview',
    operationId: 'previewSchedule',
    tag: 'schedules',
    summary: 'A dry run: what a run of the plan would open now (or at `asOf`), and why',
    description:
      'Computed as a run computes it, in a read-only transaction: it opens nothing, starts nothing and texts nobody. ' +
      '`wouldOpen` lists each order with the reason it is due; `wouldSkip` each due item a run would leave alone with the order that stands ' +
      '(this plan opened it for the period already, or an open order of any plan has the same equipment, seasonal task, or pattern in the building); ' +
      "`notDue` the plan's equipment and seasonal tasks that are not due, with when they will be. A paused plan is previewed too.",
    auth: readers,
    params: scheduleParams,
    body: {
      required: false,
      description: 'send nothing (or {}) for now',
      content: json(previewBody, { asOf: '2026-09-01T10:00:00Z' }),
    },
    responses: { 200: { description: 'what a run would do', content: json(planPreview) } },
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/schedules/{id}/pause',
    operationId: 'pauseSchedule',
    tag: 'schedules',
    summary: 'Pause the plan, with a note',
    auth: schedulers,
    params: scheduleParams,
    body: { required: true, content: json(pauseBody, { note: 'Boiler room closed for renovation' }) },
    responses: VIEW,
    errors: NOT_FOUND,
  },
  {
    method: 'post',
    path: '/schedules/{id}/unpause',
    operationId: 'unpauseSchedule',
    tag: 'schedules',
    summary: 'Resume the plan, with an optional note',
    auth: schedulers,
    params: scheduleParams,
    body: { required: false, content: json(unpauseBody, { note: 'Renovation done' }) },
    responses: VIEW,
    errors: NOT_FOUND,
  },
  {
    method: 'delete',
    path: '/schedules/{id}',
    operationId: 'deleteSchedule',
    tag: 'schedules',
    summary: 'Delete the plan and its Temporal Schedule (the work orders it opened stay)',
    auth: schedulers,
    params: scheduleParams,
    responses: { 204: { description: 'deleted' } },
    errors: NOT_FOUND,
  },
];
