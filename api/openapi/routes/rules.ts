import { publishBody, versionParams, versionsQuery } from '../../routes/rules';
import { DEFAULT_RULES } from '../../../domain/rules';
import { publishedRules, ruleVersion, ruleVersionList } from '../answers';
import { json, type RouteAuth, type RouteDoc } from '../routeDoc';

const readers: RouteAuth = { roles: ['coordinator', 'ops', 'scheduler'] };

export const ruleDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/rules',
    operationId: 'getRules',
    tag: 'rules',
    summary: 'The current business rules (thresholds, durations, scheduling, certifications, vendors)',
    auth: readers,
    responses: { 200: { description: 'the newest version', content: json(ruleVersion) } },
    errors: { 404: 'no rules have been published yet' },
  },
  {
    method: 'get',
    path: '/rules/versions',
    operationId: 'listRuleVersions',
    tag: 'rules',
    summary: 'The versions of the rules, newest first (without their rules)',
    auth: readers,
    query: versionsQuery,
    responses: { 200: { description: 'the versions', content: json(ruleVersionList) } },
  },
  {
    method: 'get',
    path: '/rules/{version}',
    operationId: 'getRuleVersion',
    tag: 'rules',
    summary: 'One version of the rules',
    auth: readers,
    params: versionParams,
    responses: { 200: { description: 'that version', content: json(ruleVersion) } },
    errors: { 404: 'no such version' },
  },
  {
    method: 'put',
    path: '/rules',
    operationId: 'publishRules',
    tag: 'rules',
    summary: 'Publish a new version of the rules',
    description:
      'The whole rules object; unknown fields are refused at every level. `expectedVersion` is the version the edit started from: ' +
      'when someone published since, the answer is 409. Running orders keep their version until re-evaluated.',
    auth: { roles: ['coordinator'] },
    body: {
      required: true,
      content: json(publishBody, { rules: DEFAULT_RULES, expectedVersion: 1, note: 'Defaults' }),
    },
    responses: {
      201: {
        description: 'published (or the same as the current version: `changed` is false)',
        headers: { Location: { description: '/rules/<version>', schema: { type: 'string' } } },
        content: json(publishedRules),
      },
    },
    errors: { 409: 'someone published a newer version since `expectedVersion`: reload and apply the change again' },
  },
];
