import express, { Router, type RequestHandler } from 'express';
import { actorOf, allow, authenticate } from '../auth';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { importAppfolioExport } from '../imports/importAppfolio';
import { importQuery } from '../imports/importQuery';
import { readAppfolioExport } from '../imports/readExport';
import { parse } from '../validate';

const CSV_TYPES = ['text/csv', 'application/csv'];
const JSON_TYPES = ['application/json'];
/** An export of a few thousand work orders; far above the API's usual JSON limit. */
const EXPORT_LIMIT = '5mb';

const csvOrJson: RequestHandler = (req, _res, next) => {
  if (!req.is([...CSV_TYPES, ...JSON_TYPES]))
    throw new AppError(
      415,
      'unsupported_media_type',
      `send the export as ${[...CSV_TYPES, ...JSON_TYPES].join(' or ')}`,
    );
  next();
};

/**
 * Mounted before the API's JSON parser (100 kB): the key and the role are checked first, then the body is read
 * with this route's own parsers and limit.
 */
export function importsRouter(deps: ApiDeps): Router {
  const router = Router();

  router.post(
    '/appfolio',
    authenticate(deps.pool),
    allow('admin'),
    (req, _res, next) => {
      parse(importQuery, req, 'query');
      next();
    },
    csvOrJson,
    express.text({ type: CSV_TYPES, limit: EXPORT_LIMIT }),
    express.json({ type: JSON_TYPES, limit: EXPORT_LIMIT }),
    async (req, res) => {
      const { notifyTenants } = parse(importQuery, req, 'query');
      const rows = readAppfolioExport(req.is(CSV_TYPES) ? 'csv' : 'json', req.body);
      res.json(await importAppfolioExport(deps, rows, actorOf(req.identity!), { notifyTenants }));
    },
  );

  return router;
}
