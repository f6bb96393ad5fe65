import { messagesQuery } from '../../routes/sms';
import { smsHolds, smsPage } from '../answers';
import { json, type RouteDoc } from '../routeDoc';

export const smsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/sms/messages',
    operationId: 'listSmsMessages',
    tag: 'sms',
    summary: 'The SMS log, in and out, newest first (the outbox in local mode)',
    auth: { roles: ['coordinator', 'ops'] },
    query: messagesQuery,
    responses: { 200: { description: 'one page of texts', content: json(smsPage) } },
  },
  {
    method: 'get',
    path: '/sms/holds',
    operationId: 'listSmsHolds',
    tag: 'sms',
    summary: 'Texts from unknown numbers waiting for a unit, or held for a coordinator',
    auth: { roles: ['coordinator', 'ops'] },
    responses: { 200: { description: 'the open holds', content: json(smsHolds) } },
  },
];
