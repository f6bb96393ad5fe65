import { eventStreamHeaders, eventStreamQuery } from '../../schemas';
import { eventRecord } from '../answers';
import { toJsonSchema } from '../jsonSchema';
import type { RouteDoc } from '../routeDoc';

export const eventStreamDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/events/stream',
    operationId: 'streamEvents',
    tag: 'events',
    summary: 'The event log live, as Server-Sent Events',
    description:
      'Each event is sent as `id: <event id>`, `event: <event type>`, `data: <the event as in GET /events, one line of JSON>`. ' +
      'Without a cursor the stream starts with the events committed from now on; an EventSource resumes after a reconnect with ' +
      'its Last-Event-ID header (it wins over `lastEventId`), and 0 replays the whole log. Events arrive in id order, none skipped. ' +
      'Comment lines keep the connection open.',
    auth: { roles: ['coordinator', 'ops'] },
    query: eventStreamQuery,
    headers: eventStreamHeaders,
    responses: {
      200: {
        description: 'the stream, open until the client leaves (or stops reading)',
        content: {
          'text/event-stream': {
            schema: {
              type: 'string',
              description: 'a text/event-stream whose `data` lines are events',
              contentMediaType: 'text/event-stream',
              'x-event-data': toJsonSchema(eventRecord, 'output'),
            },
            example:
              'retry: 2000\n\n: connected\n\nid: 42\nevent: status_changed\ndata: {"id":42,"workOrderNumber":1032,"type":"status_changed","actorType":"system","actorId":"workflow","source":"workflow","payload":{"from":"triage","to":"scheduled"},"at":"2030-03-06T14:00:00.000Z"}\n\n',
          },
        },
      },
    },
    errors: {
      403: "the key's role may not read events, or the work order filtered on is not assigned to this technician",
      404: 'the work order filtered on does not exist',
      503: 'live events are not enabled in this process',
    },
  },
];
