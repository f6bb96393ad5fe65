import { PORTFOLIO_KINDS, type PortfolioKind } from '../../../db/queries/portfolioRecords';
import { z } from 'zod';
import { DEACTIVATABLE_KINDS, type DeactivatableKind } from '../../portfolio/deactivation';
import { PORTFOLIO_SCHEMAS, portfolioParams } from '../../portfolio/portfolioBodies';
import { deactivationBody, PATCH_FIELDS, PATCH_SCHEMAS } from '../../portfolio/portfolioPatches';
import { PORTFOLIO_RECORDS, portfolioPage } from '../portfolioAnswers';
import { json, type RouteDoc } from '../routeDoc';

interface KindDoc {
  /** Singular and capitalized, for operation ids: `Building`. */
  name: string;
  example: object;
  /** A PATCH body. */
  patchExample: object;
  /** What a changed field can conflict with (409). */
  patchConflict?: string;
  /** What a new record conflicts with (409). */
  conflict: string;
  /** The parent a new record names, when it has one (404). */
  parent?: string;
}

const PHONE_TAKEN =
  'the phone is already a tenant’s, a technician’s or a vendor’s (one number is one person to the SMS channel)';

const PHONE_TAKEN_BY_ANYONE = 'the phone is someone else’s: a tenant’s, a technician’s, a vendor’s or a coordinator’s';

const KINDS: Record<PortfolioKind, KindDoc> = {
  buildings: {
    name: 'Building',
    example: {
      name: 'Cedar Court',
      address: '410 Cedar St, Philadelphia, PA 19103',
      latitude: 39.951,
      longitude: -75.17,
      vendorBudgetCapCents: 50000,
    },
    conflict: 'a building with this name exists already',
    patchExample: { vendorBudgetCapCents: 75000 },
    patchConflict: 'another building has this name',
  },
  units: {
    name: 'Unit',
    example: { buildingId: 1, label: '4B' },
    conflict: 'the building has a unit with this label already',
    parent: 'no building `buildingId`',
    patchExample: { label: '4B-rear' },
    patchConflict: 'the building has another unit with this label',
  },
  tenants: {
    name: 'Tenant',
    example: {
      unitId: 1,
      name: 'Maria Lopez',
      phone: '+12155550123',
      language: 'es',
      availability: [{ days: [1, 2, 3, 4, 5], startHour: 17, endHour: 20 }],
    },
    conflict: PHONE_TAKEN,
    parent: 'no unit `unitId`',
    patchExample: { phone: '+12155550124', availability: null },
    patchConflict: PHONE_TAKEN_BY_ANYONE,
  },
  technicians: {
    name: 'Technician',
    example: {
      name: 'Dana Brooks',
      phone: '+12675550150',
      skills: ['plumbing', 'general'],
      certifications: ['osha-10'],
      maxOrdersPerDay: 6,
      homeLatitude: 39.95,
      homeLongitude: -75.16,
    },
    conflict: PHONE_TAKEN,
    patchExample: { skills: ['plumbing', 'general', 'appliance'], language: 'es' },
    patchConflict: PHONE_TAKEN_BY_ANYONE,
  },
  vendors: {
    name: 'Vendor',
    example: { name: 'Penn Appliance Repair', phone: '+12155550199', skills: ['appliance'], approved: true },
    conflict: `a vendor with this name exists already, or ${PHONE_TAKEN}`,
    patchExample: { approved: false },
    patchConflict: `another vendor has this name, or ${PHONE_TAKEN_BY_ANYONE}`,
  },
};

function kindDocs(kind: PortfolioKind): RouteDoc[] {
  const { name, example, conflict, parent } = KINDS[kind];
  const { body, query } = PORTFOLIO_SCHEMAS[kind];
  const record = PORTFOLIO_RECORDS[kind];
  const singular = name.toLowerCase();
  return [
    {
      method: 'get',
      path: `/${kind}`,
      operationId: `list${name}s`,
      tag: 'portfolio',
      summary: `The ${kind}, in id order`,
      description: "Filters combine; page with `cursor` (the previous answer's `nextCursor`).",
      auth: { roles: ['coordinator', 'ops'] },
      query,
      responses: { 200: { description: `a page of ${kind}`, content: json(portfolioPage(record)) } },
    },
    {
      method: 'get',
      path: `/${kind}/{id}`,
      operationId: `get${name}`,
      tag: 'portfolio',
      summary: `One ${singular}`,
      auth: { roles: ['coordinator', 'ops'] },
      params: portfolioParams,
      responses: { 200: { description: `the ${singular}`, content: json(record) } },
      errors: { 404: `no ${singular} with this id` },
    },
    {
      method: 'post',
      path: `/${kind}`,
      operationId: `add${name}`,
      tag: 'portfolio',
      summary: `Add a ${singular}`,
      description: `Written with a \`${singular}_added\` event, both or neither. A record that exists already is a 409 naming it (in \`message\` and \`issues\`), so a retried request never adds a second one.`,
      auth: { roles: ['admin'] },
      body: { required: true, content: json(body, example) },
      responses: {
        201: {
          description: 'added',
          headers: { Location: { description: `/${kind}/<id>`, schema: { type: 'string' } } },
          content: json(record),
        },
      },
      errors: { ...(parent ? { 404: parent } : {}), 409: conflict },
    },
    {
      method: 'patch',
      path: `/${kind}/{id}`,
      operationId: `change${name}`,
      tag: 'portfolio',
      summary: `Change a ${singular}`,
      description:
        `Changes only the fields given (${Object.keys(PATCH_FIELDS[kind]).join(', ')}); \`null\` clears one that may be empty. ` +
        `Written with a \`${singular}_changed\` event saying what changed, from what to what (a phone only that it changed), and who; a patch that changes nothing writes none.` +
        (DEACTIVATABLE_KINDS.includes(kind as DeactivatableKind)
          ? ` Deactivation is \`POST /${kind}/{id}/deactivate\`.`
          : ''),
      auth: { roles: ['admin'] },
      params: portfolioParams,
      body: { required: true, content: json(PATCH_SCHEMAS[kind], KINDS[kind].patchExample) },
      responses: { 200: { description: `the ${singular} as changed`, content: json(record) } },
      errors: {
        404: `no ${singular} with this id${kind === 'tenants' ? ', or no unit `unitId`' : ''}`,
        ...(KINDS[kind].patchConflict ? { 409: KINDS[kind].patchConflict } : {}),
      },
    },
  ];
}

const orderOutcome = z.object({
  number: z.number().int(),
  outcome: z
    .enum(['withdrawn', 'proposal_refreshed', 'pending', 'unchanged'])
    .describe(
      "withdrawn: the booking was released (event technician_withdrawn) and a new visit is being proposed through the normal path (auto-assigned, or in a coordinator's queue when nobody fits); " +
        'proposal_refreshed: a proposal waiting for a coordinator named them and was made again; pending: no worker answered in time, the workflow applies it later; ' +
        'unchanged: the visit is under way or over (checked in, parts, access), or the order began before this existed: see message',
    ),
  status: z.string().optional().describe("the order's status once the booking was released"),
  updateId: z.string().optional(),
  message: z.string().optional(),
});

const DEACTIVATION: Record<DeactivatableKind, { name: string; deactivated: string }> = {
  technicians: {
    name: 'Technician',
    deactivated:
      'Never proposed or booked again. Each open order they are on is asked to take their visit back: a visit still ahead (booked, awaiting the tenant, scheduled, or to be redone) ' +
      'is released and proposed again, and the technician is texted once that the job is no longer theirs if they had been told of it. Answered per order in `orders`. ' +
      'Deactivating again writes no second event but sweeps their orders again (for one whose worker did not answer).',
  },
  tenants: {
    name: 'Tenant',
    deactivated:
      'A tenant who moved out: no more texts to them (each is recorded as suppressed with error tenant_inactive, like an opt-out); visits on their orders go ahead without asking them. Their orders stay.',
  },
};

function activationDocs(kind: DeactivatableKind): RouteDoc[] {
  const { name, deactivated } = DEACTIVATION[kind];
  const record = PORTFOLIO_RECORDS[kind];
  const singular = name.toLowerCase();
  return [
    {
      method: 'post',
      path: `/${kind}/{id}/deactivate`,
      operationId: `deactivate${name}`,
      tag: 'portfolio',
      summary: `Deactivate a ${singular}`,
      description: `${deactivated} Written with a \`${singular}_deactivated\` event naming who and why.`,
      auth: { roles: ['admin'] },
      params: portfolioParams,
      body: {
        required: false,
        content: json(deactivationBody, { reason: kind === 'technicians' ? 'left the company' : 'moved out' }),
      },
      responses: {
        200: {
          description: `the ${singular}, now inactive`,
          content: json(kind === 'technicians' ? record.extend({ orders: z.array(orderOutcome) }) : record),
        },
      },
      errors: { 404: `no ${singular} with this id` },
    },
    {
      method: 'post',
      path: `/${kind}/{id}/reactivate`,
      operationId: `reactivate${name}`,
      tag: 'portfolio',
      summary: `Reactivate a ${singular}`,
      description: `Active again (${kind === 'technicians' ? 'proposed and booked' : 'texted'} as before), with a \`${singular}_reactivated\` event. Visits taken back stay with whoever has them now.`,
      auth: { roles: ['admin'] },
      params: portfolioParams,
      body: { required: false, content: json(deactivationBody, { reason: 'back from leave' }) },
      responses: { 200: { description: `the ${singular}, active`, content: json(record) } },
      errors: { 404: `no ${singular} with this id` },
    },
  ];
}

export const portfolioDocs: RouteDoc[] = [
  ...PORTFOLIO_KINDS.flatMap(kindDocs),
  ...DEACTIVATABLE_KINDS.flatMap(activationDocs),
];
