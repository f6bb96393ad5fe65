import packageJson from '../../package.json';
import { errorAnswer } from './answers';
import { toJsonSchema } from './jsonSchema';
import { ERROR_SCHEMA_REF, toOperation } from './operation';
import { ROUTE_DOCS } from './registry';
import type { RouteDoc } from './routeDoc';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: Record<string, Record<string, unknown>>;
  [field: string]: unknown;
}

const DESCRIPTION = `Durable maintenance work orders on Temporal.

JSON in and out. Every route but the health checks, this document and Twilio's webhooks needs \`Authorization: Bearer <api key>\`; \
each operation lists the roles it accepts in \`x-roles\` (admin is accepted everywhere). Bodies, queries and path parameters are \
validated: unknown query parameters and body fields are refused. Every error answers \`{ error, message, issues? }\`, \
\`issues\` naming each bad field by its path (\`body.slot.end\`, \`query.limit\`).`;

/** The whole document, from the route declarations; throws when a declaration is inconsistent. */
export function buildOpenApiDocument(docs: readonly RouteDoc[] = ROUTE_DOCS): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const doc of docs) {
    const item = (paths[doc.path] ??= {});
    if (item[doc.method]) throw new Error(`${doc.method.toUpperCase()} ${doc.path} is declared twice`);
    item[doc.method] = toOperation(doc) as Record<string, unknown>;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Work order engine API', version: packageJson.version, description: DESCRIPTION },
    tags: [...new Set(docs.map((d) => d.tag))].map((name) => ({ name })),
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key (hashed in the database) with one role: coordinator, technician, scheduler, ops or admin.',
        },
        twilioSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Twilio-Signature',
          description: "Twilio's signature of the request, with the account's auth token.",
        },
      },
      schemas: { [ERROR_SCHEMA_REF.split('/').pop()!]: toJsonSchema(errorAnswer, 'output') },
    },
  };
}
