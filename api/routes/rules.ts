import { Router } from 'express';
import { z } from 'zod';
import { currentRules, listRuleVersions, publishRules, rulesVersion } from '../../db/queries/rules';
import { rulesSchema } from '../../domain/rules';
import { text } from '../../domain/text';
import { isTimeZone } from '../../domain/zonedTime';
import { actorOf, allow } from '../auth';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { parse } from '../validate';

const { thresholds, durations, sms, scheduling, context, assignment, visit, vendors } = rulesSchema.shape;

/**
 * The domain schema drops unknown keys, which would turn a misspelt field into a silent no-op; a coordinator's
 * edit refuses them at every level instead. Refinements and defaults are kept. A new time zone must be one Intl
 * knows: every proposal and import reads the clock there.
 */
const editedRules = rulesSchema
  .safeExtend({
    thresholds: thresholds.strict(),
    durations: durations.strict(),
    sms: sms
      .unwrap()
      .strict()
      .default(() => sms.def.defaultValue),
    scheduling: scheduling
      .safeExtend({
        timeZone: scheduling.shape.timeZone.refine(isTimeZone, 'an IANA time zone such as America/New_York'),
      })
      .strict(),
    context: context.strict(),
    assignment: assignment
      .unwrap()
      .strict()
      .default(() => assignment.def.defaultValue),
    visit: visit
      .unwrap()
      .strict()
      .default(() => visit.def.defaultValue),
    vendors: vendors
      .unwrap()
      .strict()
      .default(() => vendors.def.defaultValue),
  })
  .strict();

export const publishBody = z
  .object({
    rules: editedRules,
    note: text({ min: 1, max: 1000 }).optional(),
    /** The version the edit started from (0 when there were none). */
    expectedVersion: z.number().int().min(0),
  })
  .strict();

export const versionParams = z.object({
  version: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});
export const versionsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

export function rulesRouter(deps: ApiDeps): Router {
  const router = Router();
  const readers = allow('coordinator', 'ops', 'scheduler');

  router.get('/', readers, async (_req, res) => {
    const current = await currentRules(deps.pool);
    if (!current) throw notFound('rules (none published yet)');
    res.json(current);
  });

  router.get('/versions', readers, async (req, res) => {
    const { limit } = parse(versionsQuery, req, 'query');
    res.json({ items: await listRuleVersions(deps.pool, limit) });
  });

  router.get('/:version', readers, async (req, res) => {
    const { version } = parse(versionParams, req, 'params');
    const found = await rulesVersion(deps.pool, version);
    if (!found) throw notFound(`rules version ${version}`);
    res.json(found);
  });

  router.put('/', allow('coordinator'), async (req, res) => {
    const body = parse(publishBody, req, 'body');
    const result = await publishRules(deps.pool, {
      rules: body.rules,
      note: body.note ?? null,
      expectedVersion: body.expectedVersion,
      createdBy: actorOf(req.identity!),
    });
    if (!result.ok) {
      throw conflict(
        `the rules are at version ${result.currentVersion ?? 0}, not ${body.expectedVersion}: someone published meanwhile; reload them and apply the change again`,
      );
    }
    res
      .status(201)
      .location(`/rules/${result.record.version}`)
      .json({ ...result.record, changed: result.changed });
  });

  return router;
}
