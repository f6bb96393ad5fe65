import { Router, type Request } from 'express';
import type { z } from 'zod';
import {
  findPortfolioRecord,
  listPortfolio,
  type PortfolioFilter,
  type PortfolioKind,
} from '../../db/queries/portfolioRecords';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { addPortfolioRecord } from '../portfolio/addPortfolioRecord';
import {
  DEACTIVATABLE_KINDS,
  setActive,
  withdrawTechnicianFromOrders,
  type DeactivatableKind,
} from '../portfolio/deactivation';
import { patchPortfolioRecord } from '../portfolio/patchPortfolioRecord';
import { deactivationBody, PATCH_SCHEMAS } from '../portfolio/portfolioPatches';
import { PORTFOLIO_SCHEMAS, portfolioParams, type NewPortfolioRecord } from '../portfolio/portfolioBodies';
import { parse } from '../validate';

type BodyOf<K extends PortfolioKind> = Extract<NewPortfolioRecord, { kind: K }>['body'];

/** What a kind's routes read from a request: its list query (page and filters) and its new record. */
interface KindInputs {
  listQuery(req: Request): { afterId: number; limit: number; filters: PortfolioFilter[] };
  newRecord(req: Request): NewPortfolioRecord;
}

function inputs<K extends PortfolioKind, Q extends { cursor?: string | undefined; limit: number }>(
  kind: K,
  { body, query }: { body: z.ZodType<BodyOf<K>, unknown>; query: z.ZodType<Q, unknown> },
  filters: (query: Q) => PortfolioFilter[],
): KindInputs {
  return {
    listQuery(req) {
      const q = parse(query, req, 'query');
      return { afterId: q.cursor ? Number(q.cursor) : 0, limit: q.limit, filters: filters(q) };
    },
    // The schema is the kind's own, so the pair is one of the union's members.
    newRecord: (req) => ({ kind, body: parse(body, req, 'body') }) as NewPortfolioRecord,
  };
}

const when = (
  value: string | number | boolean | undefined,
  filter: Omit<PortfolioFilter, 'value'>,
): PortfolioFilter[] => (value === undefined ? [] : [{ ...filter, value }]);

const INPUTS: Record<PortfolioKind, KindInputs> = {
  buildings: inputs('buildings', PORTFOLIO_SCHEMAS.buildings, () => []),
  units: inputs('units', PORTFOLIO_SCHEMAS.units, (q) => when(q.buildingId, { column: 'building_id' })),
  tenants: inputs('tenants', PORTFOLIO_SCHEMAS.tenants, (q) => [
    ...when(q.buildingId, { column: 'u.building_id' }),
    ...when(q.unitId, { column: 't.unit_id' }),
  ]),
  technicians: inputs('technicians', PORTFOLIO_SCHEMAS.technicians, (q) => [
    ...when(q.skill, { column: 'skills', contains: true }),
    ...when(q.active, { column: 'active' }),
  ]),
  vendors: inputs('vendors', PORTFOLIO_SCHEMAS.vendors, (q) => [
    ...when(q.skill, { column: 'skills', contains: true }),
    ...when(q.approved, { column: 'approved' }),
  ]),
};

/**
 * GET /<kind> (a page in id order), GET /<kind>/:id, POST /<kind> (admin). Coordinators and ops read the
 * portfolio too: an override names a technician by id, and on call one looks up who a number belongs to.
 */
export function portfolioRouter(deps: ApiDeps, kind: PortfolioKind): Router {
  const router = Router();
  const { listQuery, newRecord } = INPUTS[kind];
  const readers = allow('coordinator', 'ops');

  router.get('/', readers, async (req, res) => {
    const query = listQuery(req);
    const items = await listPortfolio(deps.pool, kind, { ...query, limit: query.limit + 1 });
    const page = items.slice(0, query.limit);
    res.json({ items: page, nextCursor: items.length > query.limit ? String(page[page.length - 1]!.id) : null });
  });

  router.get('/:id', readers, async (req, res) => {
    const { id } = parse(portfolioParams, req, 'params');
    const record = await findPortfolioRecord(deps.pool, kind, id);
    if (!record) throw notFound(`${kind.slice(0, -1)} ${id}`);
    res.json(record);
  });

  router.post('/', allow(), async (req, res) => {
    const record = await addPortfolioRecord(deps.pool, newRecord(req), actorOf(req.identity!));
    res.status(201).location(`/${kind}/${record.id}`).json(record);
  });

  router.patch('/:id', allow(), async (req, res) => {
    const { id } = parse(portfolioParams, req, 'params');
    const patch = parse(PATCH_SCHEMAS[kind], req, 'body');
    res.json(await patchPortfolioRecord(deps.pool, kind, id, patch, actorOf(req.identity!)));
  });

  if ((DEACTIVATABLE_KINDS as readonly string[]).includes(kind))
    installActivation(router, deps, kind as DeactivatableKind);
  return router;
}

/**
 * POST /<kind>/:id/deactivate and /reactivate (technicians, tenants; admin). Deactivating a technician also takes
 * back each visit of theirs still ahead (answered per order); deactivating again sweeps their orders again, for
 * one a worker did not answer in time.
 */
function installActivation(router: Router, deps: ApiDeps, kind: DeactivatableKind): void {
  router.post('/:id/deactivate', allow(), async (req, res) => {
    const { id } = parse(portfolioParams, req, 'params');
    const { reason } = parse(deactivationBody, req, 'body');
    const actor = actorOf(req.identity!);
    const { record } = await setActive(deps.pool, kind, id, false, reason ?? null, actor);
    if (kind === 'technicians') {
      res.json({ ...record, orders: await withdrawTechnicianFromOrders(deps, id, reason ?? null, actor) });
      return;
    }
    res.json(record);
  });

  router.post('/:id/reactivate', allow(), async (req, res) => {
    const { id } = parse(portfolioParams, req, 'params');
    const { reason } = parse(deactivationBody, req, 'body');
    res.json((await setActive(deps.pool, kind, id, true, reason ?? null, actorOf(req.identity!))).record);
  });
}
