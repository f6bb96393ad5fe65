import { z } from 'zod';
import { WORKER_SEEN_WITHIN_MS } from '../../routes/health';
import { json, type RouteDoc } from '../routeDoc';

export const healthDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'health',
    summary: 'Liveness: the process answers',
    auth: 'none',
    responses: { 200: { description: 'alive', content: json(z.object({ ok: z.literal(true) })) } },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'health',
    summary: 'Readiness: Postgres and Temporal answer within 2 s, and a worker polls the task queue',
    description: `A worker counts when Temporal saw it poll the task queue for workflow tasks within the last ${WORKER_SEEN_WITHIN_MS / 1000} s (an idle worker polls once a minute).`,
    auth: 'none',
    responses: {
      200: { description: 'ready', content: json(readiness()) },
      503: {
        description: 'Postgres or Temporal did not answer, or no worker polls the task queue; `checks` says which',
        content: json(readiness()),
      },
    },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'health',
    summary: 'This document',
    description: 'Built from the zod schemas the routes validate with; no key needed.',
    auth: 'none',
    responses: {
      200: {
        description: 'the OpenAPI 3.1 document',
        content: json({ type: 'object', description: 'an OpenAPI 3.1 document' }),
      },
    },
  },
];

function readiness() {
  return z.object({
    ready: z.boolean(),
    checks: z.object({
      postgres: z.string().describe('"ok" or "unreachable: <why>"'),
      temporal: z.string().describe('"ok" or "unreachable: <why>"'),
      worker: z
        .string()
        .describe('"ok", "no worker polling task queue <name>", or "unknown: <why>" when Temporal did not say'),
    }),
  });
}
