/**
 * Coordinators on call (issue 16): the people the pager texts, their on-call windows, and the pages it sent.
 * Admins manage them; coordinators and ops read them. Every change is written with an event naming who made it
 * (never the phone number).
 */
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { PoolClient } from 'pg';
import { inTransaction } from '../../db/pool';
import { appendEvent } from '../../db/queries/events';
import {
  activeCoordinatorsWithWindows,
  findCoordinator,
  insertCoordinator,
  listCoordinators,
  replaceOnCallWindows,
  updateCoordinator,
  type NewOnCallWindow,
} from '../../db/queries/coordinators';
import { listPages, pageCounts } from '../../db/queries/coordinatorPages';
import { phoneOwner } from '../../db/queries/portfolioRecords';
import { currentRules } from '../../db/queries/rules';
import { minuteOfDay, onCallAt } from '../../domain/paging/onCall';
import { DEFAULT_RULES } from '../../domain/rules';
import type { Actor } from '../../domain/actor';
import { actorOf, allow } from '../auth';
import {
  coordinatorParams,
  coordinatorPatchBody,
  deactivateCoordinatorBody,
  listCoordinatorsQuery,
  newCoordinatorBody,
  onCallQuery,
  onCallWindowsBody,
  pagesQuery,
} from '../coordinators/coordinatorBodies';
import type { ApiDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { parse } from '../validate';

const UNIQUE_VIOLATION = '23505';

const phoneTaken = (where: string) =>
  new AppError(
    409,
    'conflict',
    `that phone is already on file (${where}): one number is one person to the SMS channel`,
    [{ path: 'body.phone', message: `already ${where}` }],
  );

/** A phone already texting as someone else (another coordinator, a tenant, a technician, a vendor) is refused. */
async function checkPhoneFree(client: PoolClient, phone: string, coordinatorId: number | null): Promise<void> {
  const other = await client.query<{ id: number }>(
    'SELECT id::int AS id FROM coordinators WHERE phone = $1 AND id IS DISTINCT FROM $2',
    [phone, coordinatorId],
  );
  if (other.rows[0]) throw phoneTaken(`/coordinators/${other.rows[0].id}`);
  const owner = await phoneOwner(client, phone);
  if (owner) throw phoneTaken(`/${owner.kind}/${owner.id}`);
}

async function recordChange(
  client: PoolClient,
  type: string,
  actor: Actor,
  payload: Record<string, unknown>,
): Promise<void> {
  await appendEvent(client, {
    number: null,
    type,
    actor,
    source: 'api',
    payload,
    idempotencyKey: `coordinators/${type}/${randomUUID()}`,
    onDuplicateKey: 'throw',
  });
}

/** The change in one transaction, serialized with the others (the phone checks hold until the commit). */
async function changing<T>(deps: ApiDeps, work: (client: PoolClient) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(deps.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('coordinators'))`);
      return work(client);
    });
  } catch (err) {
    if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw phoneTaken('as another coordinator');
    throw err;
  }
}

const windowsOf = (windows: NewOnCallWindow[]) =>
  windows.map((w) => (w.kind === 'weekly' ? { kind: w.kind, days: w.days, start: w.start, end: w.end } : w));

export function coordinatorsRouter(deps: ApiDeps): Router {
  const router = Router();
  const readers = allow('coordinator', 'ops');

  router.get('/', readers, async (req, res) => {
    const q = parse(listCoordinatorsQuery, req, 'query');
    const items = await listCoordinators(deps.pool, {
      active: q.active,
      afterId: q.cursor ? Number(q.cursor) : 0,
      limit: q.limit + 1,
    });
    const page = items.slice(0, q.limit);
    res.json({ items: page, nextCursor: items.length > q.limit ? String(page[page.length - 1]!.id) : null });
  });

  router.post('/', allow(), async (req, res) => {
    const body = parse(newCoordinatorBody, req, 'body');
    const actor = actorOf(req.identity!);
    const record = await changing(deps, async (client) => {
      await checkPhoneFree(client, body.phone, null);
      const id = await insertCoordinator(client, body);
      await replaceOnCallWindows(client, id, body.onCall, minuteOfDay);
      await recordChange(client, 'coordinator_added', actor, {
        id,
        name: body.name,
        language: body.language,
        active: body.active,
        onCall: windowsOf(body.onCall),
      });
      return (await findCoordinator(client, id))!;
    });
    res.status(201).location(`/coordinators/${record.id}`).json(record);
  });

  /** Who the pager texts at `at` (now by default): the coordinators on call, else the admin contact, else nobody. */
  router.get('/on-call', readers, async (req, res) => {
    const q = parse(onCallQuery, req, 'query');
    const at = q.at ? new Date(q.at) : new Date();
    const rules = (await currentRules(deps.pool))?.rules ?? DEFAULT_RULES;
    const onCall = onCallAt(await activeCoordinatorsWithWindows(deps.pool), at, rules.scheduling.timeZone);
    res.json({
      at: at.toISOString(),
      timeZone: rules.scheduling.timeZone,
      coordinators: onCall.map((c) => ({ id: c.id, name: c.name, language: c.language })),
      paged: onCall.length > 0 ? 'coordinators' : rules.paging.adminPhone ? 'admin_contact' : 'nobody',
    });
  });

  /** The pages, newest first, with the texts that carried them; counts by status for a dashboard. */
  router.get('/pages', readers, async (req, res) => {
    const q = parse(pagesQuery, req, 'query');
    const [items, counts] = await Promise.all([
      listPages(deps.pool, {
        status: q.status,
        workOrderNumber: q.workOrderId,
        acked: q.acked,
        before: q.before,
        limit: q.limit,
      }),
      pageCounts(deps.pool),
    ]);
    res.json({ items, nextBefore: items.length === q.limit ? items[items.length - 1]!.id : null, counts });
  });

  router.get('/:id', readers, async (req, res) => {
    const { id } = parse(coordinatorParams, req, 'params');
    const record = await findCoordinator(deps.pool, id);
    if (!record) throw notFound(`coordinator ${id}`);
    res.json(record);
  });

  router.patch('/:id', allow(), async (req, res) => {
    const { id } = parse(coordinatorParams, req, 'params');
    const patch = parse(coordinatorPatchBody, req, 'body');
    const actor = actorOf(req.identity!);
    const record = await changing(deps, async (client) => {
      if (patch.phone) await checkPhoneFree(client, patch.phone, id);
      if (!(await updateCoordinator(client, id, patch))) throw notFound(`coordinator ${id}`);
      const { phone: _phone, ...changed } = patch;
      await recordChange(client, 'coordinator_updated', actor, {
        id,
        ...changed,
        ...(patch.phone ? { phoneChanged: true } : {}),
      });
      return (await findCoordinator(client, id))!;
    });
    res.json(record);
  });

  /** Off the rota and no longer taken as a coordinator by text; the record and their pages stay. */
  router.post('/:id/deactivate', allow(), async (req, res) => {
    const { id } = parse(coordinatorParams, req, 'params');
    parse(deactivateCoordinatorBody, req, 'body');
    const actor = actorOf(req.identity!);
    const record = await changing(deps, async (client) => {
      if (!(await updateCoordinator(client, id, { active: false }))) throw notFound(`coordinator ${id}`);
      await recordChange(client, 'coordinator_deactivated', actor, { id });
      return (await findCoordinator(client, id))!;
    });
    res.json(record);
  });

  /** Replaces the coordinator's on-call windows. */
  router.put('/:id/on-call', allow(), async (req, res) => {
    const { id } = parse(coordinatorParams, req, 'params');
    const body = parse(onCallWindowsBody, req, 'body');
    const actor = actorOf(req.identity!);
    const record = await changing(deps, async (client) => {
      if (!(await findCoordinator(client, id))) throw notFound(`coordinator ${id}`);
      await replaceOnCallWindows(client, id, body.windows, minuteOfDay);
      await recordChange(client, 'coordinator_on_call_changed', actor, { id, onCall: windowsOf(body.windows) });
      return (await findCoordinator(client, id))!;
    });
    res.json(record);
  });

  return router;
}
