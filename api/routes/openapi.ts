import { Router } from 'express';
import { buildOpenApiDocument } from '../openapi/document';

/** GET /openapi.json, no key needed; built and serialized on the first request, then served from memory. */
export function openapiRouter(): Router {
  const router = Router();
  let body: string | undefined;
  router.get('/openapi.json', (_req, res) => {
    body ??= JSON.stringify(buildOpenApiDocument());
    res.type('application/json').send(body);
  });
  return router;
}
