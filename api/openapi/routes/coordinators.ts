import { z } from 'zod';
import {
  coordinatorParams,
  coordinatorPatchBody,
  listCoordinatorsQuery,
  newCoordinatorBody,
  onCallQuery,
  onCallWindowsBody,
  pagesQuery,
} from '../../coordinators/coordinatorBodies';
import { instant, nextCursor } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

const windowView = z.union([
  z.object({
    id: z.number().int(),
    kind: z.literal('weekly'),
    days: z.array(z.number().int()),
    start: z.string(),
    end: z.string(),
  }),
  z.object({ id: z.number().int(), kind: z.literal('dates'), start: z.string(), end: z.string() }),
]);

const coordinatorRecord = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string(),
  language: z.enum(['en', 'es']),
  active: z.boolean(),
  onCall: z.array(windowView).describe('weekly windows one per day; times local to the rules’ time zone'),
  createdAt: instant,
  updatedAt: instant,
});

const coordinatorPage = z.object({ items: z.array(coordinatorRecord), nextCursor });

const onCallAnswer = z.object({
  at: instant,
  timeZone: z.string(),
  coordinators: z.array(z.object({ id: z.number().int(), name: z.string(), language: z.enum(['en', 'es']) })),
  paged: z.enum(['coordinators', 'admin_contact', 'nobody']).describe('who a page at this instant goes to'),
});

const pageRecord = z.object({
  id: z.number().int(),
  workOrderNumber: z.number().int(),
  cause: z
    .string()
    .describe(
      'escalated, confirmation_timed_out, review_overdue, sla_breached, sla_at_risk, review_waiting, vendor_pick_waiting, sms_undeliverable, access:<step>, step_failed:<step>',
    ),
  eventId: z.number().int().nullable(),
  detail: z.object({}).loose(),
  status: z.enum(['pending', 'sent', 'resolved']),
  resolvedReason: z.string().nullable(),
  raisedAt: instant,
  sentAt: instant.nullable(),
  ackedAt: instant.nullable(),
  ackedBy: z.number().int().nullable().describe('the coordinator who acknowledged it'),
  ackedActor: z.string().nullable(),
  texts: z.array(
    z.object({
      id: z.number().int(),
      coordinatorId: z.number().int().nullable(),
      digest: z.boolean(),
      createdAt: instant,
      sentAt: instant.nullable(),
      outcome: z.string().nullable(),
    }),
  ),
});

const pagesAnswer = z.object({
  items: z.array(pageRecord),
  nextBefore: z.number().int().nullable(),
  counts: z.object({
    pending: z.number().int(),
    sent: z.number().int(),
    resolved: z.number().int(),
    unacknowledged: z.number().int(),
  }),
});

const readers = { roles: ['coordinator' as const, 'ops' as const] };
const example = {
  name: 'Rosa Diaz',
  phone: '+12155550177',
  language: 'es',
  onCall: [{ kind: 'weekly', days: [1, 2, 3, 4, 5], start: '18:00', end: '08:00' }],
};
const PHONE_TAKEN = 'the phone is another coordinator’s, a tenant’s, a technician’s or a vendor’s';

export const coordinatorDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/coordinators',
    operationId: 'listCoordinators',
    tag: 'coordinators',
    summary: 'The coordinators the pager texts, with their on-call windows, in id order',
    auth: readers,
    query: listCoordinatorsQuery,
    responses: { 200: { description: 'a page of coordinators', content: json(coordinatorPage) } },
  },
  {
    method: 'post',
    path: '/coordinators',
    operationId: 'addCoordinator',
    tag: 'coordinators',
    summary: 'Add a coordinator (name, phone, language, on-call windows)',
    description:
      'On-call windows are wall-clock times in the rules’ time zone: `weekly` (days 1 Monday .. 7 Sunday, `start`–`end`, an end at or before the start runs past midnight) ' +
      'or `dates` (a local stretch `2026-12-24T18:00`–`2026-12-26T08:00`; while one runs, only its coordinators are on call).',
    auth: { roles: ['admin'] },
    body: { required: true, content: json(newCoordinatorBody, example) },
    responses: {
      201: {
        description: 'added',
        headers: { Location: { description: '/coordinators/<id>', schema: { type: 'string' } } },
        content: json(coordinatorRecord),
      },
    },
    errors: { 409: PHONE_TAKEN },
  },
  {
    method: 'get',
    path: '/coordinators/on-call',
    operationId: 'getOnCall',
    tag: 'coordinators',
    summary: 'Who a page goes to now (or at `at`): the coordinators on call, the admin contact, or nobody',
    auth: readers,
    query: onCallQuery,
    responses: { 200: { description: 'who is on call', content: json(onCallAnswer) } },
  },
  {
    method: 'get',
    path: '/coordinators/pages',
    operationId: 'listCoordinatorPages',
    tag: 'coordinators',
    summary: 'The pages (one per cause per order), newest first, with the texts that carried them and counts by status',
    auth: readers,
    query: pagesQuery,
    responses: { 200: { description: 'a page of pages', content: json(pagesAnswer) } },
  },
  {
    method: 'get',
    path: '/coordinators/{id}',
    operationId: 'getCoordinator',
    tag: 'coordinators',
    summary: 'One coordinator',
    auth: readers,
    params: coordinatorParams,
    responses: { 200: { description: 'the coordinator', content: json(coordinatorRecord) } },
    errors: { 404: 'no coordinator with this id' },
  },
  {
    method: 'patch',
    path: '/coordinators/{id}',
    operationId: 'updateCoordinator',
    tag: 'coordinators',
    summary: 'Change a coordinator’s name, phone, language or active flag',
    auth: { roles: ['admin'] },
    params: coordinatorParams,
    body: { required: true, content: json(coordinatorPatchBody, { language: 'en' }) },
    responses: { 200: { description: 'changed', content: json(coordinatorRecord) } },
    errors: { 404: 'no coordinator with this id', 409: PHONE_TAKEN },
  },
  {
    method: 'post',
    path: '/coordinators/{id}/deactivate',
    operationId: 'deactivateCoordinator',
    tag: 'coordinators',
    summary: 'Take a coordinator off the rota: never paged, and their texts are no longer taken as a coordinator’s',
    auth: { roles: ['admin'] },
    params: coordinatorParams,
    responses: { 200: { description: 'deactivated', content: json(coordinatorRecord) } },
    errors: { 404: 'no coordinator with this id' },
  },
  {
    method: 'put',
    path: '/coordinators/{id}/on-call',
    operationId: 'setOnCallWindows',
    tag: 'coordinators',
    summary: 'Replace a coordinator’s on-call windows',
    auth: { roles: ['admin'] },
    params: coordinatorParams,
    body: {
      required: true,
      content: json(onCallWindowsBody, {
        windows: [
          { kind: 'weekly', days: [6, 7], start: '00:00', end: '00:00' },
          { kind: 'dates', start: '2026-12-24T18:00', end: '2026-12-26T08:00' },
        ],
      }),
    },
    responses: { 200: { description: 'the coordinator with the new windows', content: json(coordinatorRecord) } },
    errors: { 404: 'no coordinator with this id' },
  },
];
