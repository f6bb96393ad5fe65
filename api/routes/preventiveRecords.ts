import { Router } from 'express';
import {
  findPreventiveRecord,
  listPreventiveRecords,
  type PreventiveRecordKind,
  type RecordFilter,
} from '../../db/queries/preventiveRecords';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { RECORD_SCHEMAS, recordParams } from '../schedules/preventiveRecordBodies';
import {
  addPreventiveRecord,
  KIND_NAMES,
  patchPreventiveRecord,
  retirePreventiveRecord,
} from '../schedules/preventiveRecordCommands';
import { parse } from '../validate';

type ListQuery = {
  cursor?: string;
  limit: number;
  buildingId?: number;
  unitId?: number;
  kind?: string;
  includeRetired?: boolean;
  includeInactive?: boolean;
};

/** A list query's filters on columns of the kind's table; retired or inactive records only when asked. */
function listFilters(query: ListQuery): { filters: RecordFilter[]; includeOutOfUse: boolean } {
  const filters: RecordFilter[] = [];
  if (query.buildingId !== undefined) filters.push({ column: 'building_id', value: query.buildingId });
  if (query.unitId !== undefined) filters.push({ column: 'unit_id', value: query.unitId });
  if (query.kind !== undefined) filters.push({ column: 'kind', value: query.kind });
  return { filters, includeOutOfUse: query.includeRetired === true || query.includeInactive === true };
}

/**
 * /equipment and /seasonal-tasks: what preventive plans look at. Schedulers (and admin) keep them; coordinators and
 * ops read them, as they read the plans. DELETE takes a record out of every plan and keeps its row.
 */
export function preventiveRecordsRouter(deps: ApiDeps, kind: PreventiveRecordKind): Router {
  const router = Router();
  const readers = allow('scheduler', 'coordinator', 'ops');
  const writers = allow('scheduler');
  const schemas = RECORD_SCHEMAS[kind];
  const { singular, path } = KIND_NAMES[kind];

  router.get('/', readers, async (req, res) => {
    const query = parse(schemas.query, req, 'query') as ListQuery;
    const items = await listPreventiveRecords(deps.pool, kind, {
      afterId: query.cursor ? Number(query.cursor) : 0,
      limit: query.limit + 1,
      ...listFilters(query),
    });
    const page = items.slice(0, query.limit);
    res.json({ items: page, nextCursor: items.length > query.limit ? String(page[page.length - 1]!.id) : null });
  });

  router.post('/', writers, async (req, res) => {
    const body = parse(schemas.body, req, 'body');
    const record = await addPreventiveRecord(deps.pool, kind, body, actorOf(req.identity!));
    res.status(201).location(`${path}/${record.id}`).json(record);
  });

  router.get('/:id', readers, async (req, res) => {
    const { id } = parse(recordParams, req, 'params');
    const record = await findPreventiveRecord(deps.pool, kind, id);
    if (!record) throw notFound(`${singular} ${id}`);
    res.json(record);
  });

  router.patch('/:id', writers, async (req, res) => {
    const { id } = parse(recordParams, req, 'params');
    const patch = parse(schemas.patch, req, 'body');
    res.json(await patchPreventiveRecord(deps.pool, kind, id, patch, actorOf(req.identity!)));
  });

  router.delete('/:id', writers, async (req, res) => {
    const { id } = parse(recordParams, req, 'params');
    res.json(await retirePreventiveRecord(deps.pool, kind, id, actorOf(req.identity!)));
  });

  return router;
}
