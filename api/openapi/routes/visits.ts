import { z } from 'zod';
import { CLOCK_SKEW_SECONDS } from '../../../domain/photoCompleteness';
import { PHOTO_CONTENT_TYPES } from '../../../domain/photos';
import { MAX_PHOTOS_PER_REQUEST, manifestSchema, uploadFieldsSchema } from '../../photos/manifest';
import { MAX_PHOTO_BYTES, MAX_UPLOAD_BYTES } from '../../photos/multipartUpload';
import {
  checkInBody,
  noAccessBody,
  onMyWayBody,
  partsArrivedBody,
  partsNeededBody,
  photosBody,
  workOrderParams,
} from '../../schemas';
import type { VisitAction } from '../../../domain/visitActions';
import { visitAccepted } from '../answers';
import { toJsonSchema } from '../jsonSchema';
import { json, JSON_TYPE, type MediaDoc, type RouteDoc } from '../routeDoc';

interface VisitDoc {
  summary: string;
  description?: string;
  body: z.ZodType;
  example: unknown;
  /** Other ways to send the body (photos: multipart). */
  alsoAccepts?: Record<string, MediaDoc>;
}

const visitAnswer = visitAccepted.extend({
  check: z.string().describe('the work order, whose events show the action once the workflow has applied it'),
});

const mb = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

const photoUpload: MediaDoc = {
  schema: {
    type: 'object',
    description:
      `The photos as files (any field name, at most ${MAX_PHOTOS_PER_REQUEST}, ${mb(MAX_PHOTO_BYTES)} each, ${mb(MAX_UPLOAD_BYTES)} in all) ` +
      'and a `manifest` field describing each file by its name: kind, GPS position and time taken.',
    properties: {
      ...(toJsonSchema(uploadFieldsSchema, 'input').properties as object),
      manifest: {
        type: 'string',
        description: 'a JSON array: one entry per file, naming it by its file name',
        contentMediaType: JSON_TYPE,
        contentSchema: toJsonSchema(manifestSchema, 'input'),
      },
      photos: {
        type: 'array',
        description: `the image files (${PHOTO_CONTENT_TYPES.join(', ')}; the bytes must match the declared type)`,
        items: { type: 'string', contentMediaType: 'application/octet-stream' },
        maxItems: MAX_PHOTOS_PER_REQUEST,
      },
    },
    required: ['manifest', 'photos'],
  },
  encoding: {
    manifest: { contentType: `${JSON_TYPE}, text/plain` },
    photos: { contentType: PHOTO_CONTENT_TYPES.join(', ') },
  },
};

/** One entry per action, so that a new action without its documentation does not compile. */
const VISITS: Record<VisitAction, VisitDoc> = {
  'on-my-way': {
    summary: 'The technician is on the way; the tenant is texted the arrival time',
    body: onMyWayBody,
    example: { etaMinutes: 20 },
  },
  'check-in': {
    summary: 'The technician is on site: in_progress',
    description: `\`at\` (optional) must be within ${CLOCK_SKEW_SECONDS / 60} minutes of the server's clock; left out, the server's time is the check-in time (the photo review's window starts there).`,
    body: checkInBody,
    example: {},
  },
  'parts-needed': {
    summary: 'Parts are needed: waiting_parts until the ETA or parts-arrived',
    description: "The tenant is told; the technician's capacity is released. The ETA must be in the future.",
    body: partsNeededBody,
    example: { parts: [{ name: 'P-trap', quantity: 1 }], eta: '2030-03-09T12:00:00-05:00', note: 'Corroded through' },
  },
  'parts-arrived': {
    summary: 'The parts are in: schedule the return visit now',
    body: partsArrivedBody,
    example: { note: 'Picked up at the supplier' },
  },
  'no-access': {
    summary: 'The technician could not get in: waiting_access',
    description: `The tenant is texted for a new time; repeated failures climb the escalation ladder. \`at\` (optional) must be within ${CLOCK_SKEW_SECONDS / 60} minutes of the server's clock.`,
    body: noAccessBody,
    example: { note: 'Nobody home, door chained' },
  },
  photos: {
    summary: 'Photos of the work (before, after, cleanup), reviewed for completeness before ready_review',
    description:
      'Either upload them (multipart/form-data: the files and a `manifest`), or name photos uploaded earlier by id (JSON). ' +
      'Photos taken too far from the building refuse the whole upload (422).',
    body: photosBody,
    example: {
      photos: [
        { id: 'a1b2c3', kind: 'before' },
        { id: 'd4e5f6', kind: 'after' },
        { id: 'g7h8i9', kind: 'cleanup' },
      ],
      notes: 'Replaced the trap',
    },
    alsoAccepts: { 'multipart/form-data': photoUpload },
  },
};

const operationIds: Record<VisitAction, string> = {
  'on-my-way': 'visitOnMyWay',
  'check-in': 'visitCheckIn',
  'parts-needed': 'visitPartsNeeded',
  'parts-arrived': 'visitPartsArrived',
  'no-access': 'visitNoAccess',
  photos: 'visitPhotos',
};

export const visitDocs: RouteDoc[] = (Object.entries(VISITS) as [VisitAction, VisitDoc][]).map(([action, visit]) => ({
  method: 'post',
  path: `/work-orders/{id}/visit/${action}`,
  operationId: operationIds[action],
  tag: 'visits',
  summary: visit.summary,
  description: [
    visit.description,
    "Technicians act on the orders assigned to them; it is signalled to the order's workflow.",
  ]
    .filter(Boolean)
    .join(' '),
  auth: { roles: ['technician', 'coordinator'] },
  params: workOrderParams,
  body: { required: true, content: { ...json(visit.body, visit.example), ...visit.alsoAccepts } },
  responses: {
    202: {
      description:
        'accepted: checked against the record (which the workflow keeps current) and signalled to the workflow, which applies it when it runs it ' +
        '(its event then shows under `check`; with no worker running, once one does).',
      content: json(visitAnswer),
    },
  },
  errors: {
    403: "the key's role may not act on visits, or the order is not assigned to this technician",
    404: 'no work order with this number',
    409: 'the order has no technician, or is not in a state where this action applies',
    503: 'Temporal did not take the signal in time: nothing was changed; try again after `Retry-After` seconds',
    ...(action === 'photos'
      ? {
          413: `a photo is over ${mb(MAX_PHOTO_BYTES)}, or the upload over ${mb(MAX_UPLOAD_BYTES)}`,
          415: 'the body is neither JSON nor multipart/form-data',
          422: 'a photo was taken too far from the building',
        }
      : {}),
  },
}));
