/**
 * GET /openapi.json against the app itself: every route the Express app serves is documented and every documented
 * operation is served; the document is well formed; each route's roles, auth and zod schemas are the ones the
 * document states (checked by calling the routes, with stand-ins for Postgres and Temporal and a mocked key lookup).
 */
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import type { Pool } from 'pg';
import request from 'supertest';
import twilio from 'twilio';
import { z } from 'zod';
import { createApp } from '../../api/app';
import { buildOpenApiDocument, type OpenApiDocument } from '../../api/openapi/document';
import { ROUTE_DOCS } from '../../api/openapi/registry';
import { JSON_TYPE, type RouteDoc } from '../../api/openapi/routeDoc';
import * as validate from '../../api/validate';
import { ROLES, type Role } from '../../db/queries/apiKeys';
import { createLogger } from '../../observability/logger';
import { appRoutes } from '../support/appRoutes';

jest.mock('../../db/queries/apiKeys', () => {
  const actual = jest.requireActual<typeof import('../../db/queries/apiKeys')>('../../db/queries/apiKeys');
  return {
    ...actual,
    // The key `role-<role>` is a key of that role; anything else is unknown.
    findApiKey: async (_pool: unknown, key: string) => {
      const role = key.replace(/^role-/, '') as Role;
      const index = actual.ROLES.indexOf(role);
      return index < 0 ? null : { id: index + 1, name: key, role, technicianId: role === 'technician' ? 7 : null };
    },
  };
});

const WEBHOOK_TOKEN = 'openapi-test-token';
const PUBLIC_BASE_URL = 'https://api.example.test';

/** Postgres and Temporal are never reached: anything a route asks of them fails, which answers 500. */
function unreachable(): never {
  throw new Error('not reachable in this test');
}
const noPool = {
  query: async () => unreachable(),
  connect: async () => unreachable(),
  on: () => undefined,
} as unknown as Pool;
const noTemporal: Client = new Proxy(() => undefined, {
  get: (_target, property) => (property === 'then' ? undefined : noTemporal),
  apply: () => Promise.reject(new Error('not reachable in this test')),
}) as unknown as Client;

/** A value for each path parameter that its schema accepts. */
const PARAM_VALUES: Record<string, string> = {
  id: '1',
  name: 'review',
  version: '1',
  photoId: '2c0e7d4e-6f1a-4c3b-9a55-0d6f3b1e8a70',
  timeOffId: '1',
};

function expressPattern(path: string): RegExp {
  if (/[*?{}()]/.test(path)) throw new Error(`${path}: only :name parameters are understood here`);
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.+^$|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** The URL of an operation, with each {param} filled by `fill`. */
function urlOf(path: string, fill: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_m, name: string) => fill(name));
}

const docKey = (doc: { method: string; path: string }) => `${doc.method.toUpperCase()} ${doc.path}`;

function keyedRoles(doc: RouteDoc): Role[] | null {
  return typeof doc.auth === 'object' ? [...new Set<Role>([...doc.auth.roles, 'admin'])] : null;
}

function send(app: Express, doc: RouteDoc, options: { key?: string; body?: { type: string; value: unknown } } = {}) {
  const url = urlOf(doc.path, (name) => {
    if (PARAM_VALUES[name] === undefined)
      throw new Error(`${docKey(doc)}: add a valid value for {${name}} to PARAM_VALUES`);
    return PARAM_VALUES[name];
  });
  let call = request(app)[doc.method](url);
  if (options.key) call = call.set('Authorization', `Bearer ${options.key}`);
  if (options.body) {
    call = call.type(options.body.type);
    if (options.body.type === 'application/x-www-form-urlencoded' && doc.auth === 'twilio') {
      const params = options.body.value as Record<string, string>;
      call = call.set(
        'X-Twilio-Signature',
        twilio.getExpectedTwilioSignature(WEBHOOK_TOKEN, `${PUBLIC_BASE_URL}${url}`, params),
      );
    }
    return call.send(options.body.value as object);
  }
  return call;
}

let app: Express;
let document: OpenApiDocument;

beforeAll(async () => {
  // Routes that reach the stand-ins answer 500 and log it; that noise says nothing here.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  app = createApp({
    pool: noPool,
    temporal: noTemporal,
    taskQueue: 'unused',
    photoStorageDir: '/nonexistent',
    logger: createLogger({ level: 'silent', service: 'api' }),
    sms: { webhookAuthToken: WEBHOOK_TOKEN, publicBaseUrl: PUBLIC_BASE_URL },
  });
  const res = await request(app).get('/openapi.json');
  expect(res.status).toBe(200);
  expect(res.type).toBe(JSON_TYPE);
  document = res.body as OpenApiDocument;
});

afterAll(() => {
  jest.restoreAllMocks();
});

describe('GET /openapi.json', () => {
  it('is served without a key, the same document every time', async () => {
    const again = await request(app).get('/openapi.json');
    expect(again.status).toBe(200);
    expect(again.text).toBe(JSON.stringify(document));
    expect(document).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(document.openapi).toBe('3.1.0');
  });
});

describe('completeness', () => {
  it('documents every route the app serves, and serves every documented operation', () => {
    const served = appRoutes(app);
    const patterns = served.map((route) => ({ ...route, pattern: expressPattern(route.path) }));
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({ method, path })),
    );

    // Express serves a URL from the first route in its stack whose method and pattern match: so does this.
    const hit = new Set<string>();
    const notServed: string[] = [];
    for (const op of documented) {
      const url = urlOf(op.path, (name) => `__${name}__`);
      const route = patterns.find((r) => r.method === op.method.toUpperCase() && r.pattern.test(url));
      if (route) hit.add(`${route.method} ${route.path}`);
      else notServed.push(docKey(op));
    }
    const undocumented = served.filter((r) => !hit.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);

    expect({ undocumented, notServed }).toEqual({ undocumented: [], notServed: [] });
    expect(served.length).toBeGreaterThan(30);
  });

  it('declares each operation once, in the document and in the registry', () => {
    expect(ROUTE_DOCS.map(docKey)).toEqual([...new Set(ROUTE_DOCS.map(docKey))]);
    const inDocument = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(inDocument).toBe(ROUTE_DOCS.length);
  });
});

describe('structure', () => {
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        path,
        op: op as Record<string, unknown>,
      })),
    );

  it('resolves every $ref', () => {
    const refs: string[] = [];
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else visit(value);
        }
      }
    };
    visit(document);
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = refs.filter((ref) => {
      if (!ref.startsWith('#/')) return true;
      let target: unknown = document;
      for (const part of ref
        .slice(2)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
        target = target && typeof target === 'object' ? (target as Record<string, unknown>)[part] : undefined;
      }
      return target === undefined;
    });
    expect([...new Set(unresolved)]).toEqual([]);
  });

  it('gives every operation a unique operationId, a summary, a success answer and described responses', () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { key, op } of operations()) {
      const responses = op.responses as Record<
        string,
        { description?: string; content?: Record<string, { schema?: unknown }> }
      >;
      const statuses = Object.keys(responses);
      expect({ key, success: statuses.some((s) => /^2\d\d$/.test(s)) }).toEqual({ key, success: true });
      expect({ key, summary: typeof op.summary }).toEqual({ key, summary: 'string' });
      for (const [status, response] of Object.entries(responses)) {
        expect({
          key,
          status,
          described: typeof response.description === 'string' && response.description.length > 0,
        }).toEqual({ key, status, described: true });
        if (/^4\d\d$/.test(status))
          expect({ key, status, schema: response.content?.[JSON_TYPE]?.schema }).toEqual({
            key,
            status,
            schema: { $ref: '#/components/schemas/Error' },
          });
        for (const media of Object.values(response.content ?? {})) expect(media.schema).toBeDefined();
      }
    }
  });

  it('declares each path parameter once, required, and says who may call', () => {
    for (const { key, path, op } of operations()) {
      const params = (op.parameters as { name: string; in: string; required: boolean }[] | undefined) ?? [];
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect({ key, params: params.filter((p) => p.in === 'path').map((p) => [p.name, p.required]) }).toEqual({
        key,
        params: inPath.map((name) => [name, true]),
      });
      expect(new Set(params.map((p) => `${p.in}:${p.name}`)).size).toBe(params.length);
      const keyed = Array.isArray(op['x-roles']);
      expect({ key, who: keyed || Array.isArray(op.security) }).toEqual({ key, who: true });
      if (keyed) expect(Object.keys(op.responses as object)).toEqual(expect.arrayContaining(['401', '403', '429']));
    }
  });

  it('describes the common error shape', () => {
    const error = z.fromJSONSchema((document.components.schemas as Record<string, never>).Error!);
    expect(
      error.safeParse({
        error: 'invalid_request',
        message: 'the request body is not valid',
        issues: [{ path: 'body.reason', message: 'Too small' }],
      }).success,
    ).toBe(true);
    expect(error.safeParse({ error: 'not_found' }).success).toBe(false);
  });
});

describe('auth, as documented', () => {
  it('answers 401 without a key on keyed routes only; Twilio routes check the signature', async () => {
    const wrong: string[] = [];
    for (const doc of ROUTE_DOCS) {
      const res = await send(app, doc);
      const expected = doc.auth === 'twilio' ? 403 : keyedRoles(doc) ? 401 : undefined;
      if (expected ? res.status !== expected : res.status === 401 || res.status === 403)
        wrong.push(`${docKey(doc)}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses exactly the roles the document leaves out', async () => {
    const wrong: string[] = [];
    for (const doc of ROUTE_DOCS) {
      const allowed = keyedRoles(doc);
      if (!allowed) continue;
      for (const role of ROLES) {
        const res = await send(app, doc, { key: `role-${role}` });
        const refused = res.status === 403 && (res.body as { error?: string }).error === 'forbidden';
        if (refused === allowed.includes(role)) wrong.push(`${docKey(doc)} as ${role}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** Bodies these routes read without validate.parse (checked through their own tests): no spy sees them. */
const BODY_READ_ELSEWHERE = new Set(['importAppfolio']);

describe('schemas, as documented', () => {
  it('validates each route with the zod schemas the document was built from', async () => {
    const parse = jest.spyOn(validate, 'parse');
    const wrong: string[] = [];
    try {
      for (const doc of ROUTE_DOCS) {
        const [type, media] =
          Object.entries(doc.body?.content ?? {}).find(
            ([t]) => t === JSON_TYPE || t === 'application/x-www-form-urlencoded',
          ) ?? [];
        if (!doc.params && !doc.query && !doc.headers && !media) continue;
        parse.mockClear();
        await send(app, doc, { key: 'role-admin', ...(type && media ? { body: { type, value: media.example } } : {}) });
        const used = (part: string) => parse.mock.calls.filter(([, , p]) => p === part).map(([schema]) => schema);

        if (doc.query && !used('query').includes(doc.query)) wrong.push(`${docKey(doc)}: query`);
        if (doc.headers && !used('headers' as never).includes(doc.headers)) wrong.push(`${docKey(doc)}: headers`);
        if (media && !BODY_READ_ELSEWHERE.has(doc.operationId) && !used('body').includes(media.schema as z.ZodType))
          wrong.push(`${docKey(doc)}: body`);
        if (doc.params) {
          const names = Object.keys(doc.params.shape);
          const covering = used('params').some(
            (schema) => schema instanceof z.ZodObject && names.every((n) => n in schema.shape),
          );
          if (!covering) wrong.push(`${docKey(doc)}: params`);
        }
      }
    } finally {
      parse.mockRestore();
    }
    expect(wrong).toEqual([]);
  });

  const bodies = ROUTE_DOCS.flatMap((doc) =>
    Object.entries(doc.body?.content ?? {})
      .filter(([type]) => type === JSON_TYPE || type === 'application/x-www-form-urlencoded')
      .map(([type, media]) => ({ name: `${docKey(doc)} (${type})`, doc, type, media })),
  );

  it.each(bodies.map((b) => [b.name, b] as const))(
    '%s: the example passes, an obviously wrong type does not',
    (_name, { doc, type, media }) => {
      expect(media.schema).toBeInstanceOf(z.ZodType);
      expect(media.example).toBeDefined();
      const schema = media.schema as z.ZodType;
      const published = (
        document.paths[doc.path]![doc.method] as {
          requestBody: { content: Record<string, { schema: object; example: unknown }> };
        }
      ).requestBody.content[type]!;
      const jsonForm = z.fromJSONSchema(published.schema as never);

      expect(published.example).toEqual(media.example);
      expect(schema.safeParse(published.example).error).toBeUndefined();
      expect(jsonForm.safeParse(published.example).error).toBeUndefined();

      const wrongBodies: unknown[] = [42, 'text', [published.example]];
      for (const [field, value] of Object.entries(published.example as object)) {
        const wrong = value !== null && typeof value === 'object' ? 'not an object' : { not: 'this type' };
        wrongBodies.push({ ...(published.example as object), [field]: wrong });
      }
      for (const body of wrongBodies) {
        expect({ body, zod: schema.safeParse(body).success, json: jsonForm.safeParse(body).success }).toEqual({
          body,
          zod: false,
          json: false,
        });
      }
    },
  );
});
