import { PORTFOLIO_KINDS, type PortfolioKind } from '../../../db/queries/portfolioRecords';
import { PORTFOLIO_SCHEMAS, portfolioParams } from '../../portfolio/portfolioBodies';
import { PORTFOLIO_RECORDS, portfolioPage } from '../portfolioAnswers';
import { json, type RouteDoc } from '../routeDoc';

interface KindDoc {
  /** Singular and capitalized, for operation ids: `Building`. */
  name: string;
  example: object;
  /** What a new record conflicts with (409). */
  conflict: string;
  /** The parent a new record names, when it has one (404). */
  parent?: string;
}

const PHONE_TAKEN = 'the phone is already a tenant’s, a technician’s or a vendor’s (one number is one person to the SMS channel)';

const KINDS: Record<PortfolioKind, KindDoc> = {
  buildings: {
    name: 'Building',
    example: { name: 'Cedar Court', address: '410 Cedar St, Philadelphia, PA 19103', latitude: 39.951, longitude: -75.17, vendorBudgetCapCents: 50000 },
    conflict: 'a building with this name exists already',
  },
  units: { name: 'Unit', example: { buildingId: 1, label: '4B' }, conflict: 'the building has a unit with this label already', parent: 'no building `buildingId`' },
  tenants: {
    name: 'Tenant',
    example: { unitId: 1, name: 'Maria Lopez', phone: '+12155550123', language: 'es', availability: [{ days: [1, 2, 3, 4, 5], startHour: 17, endHour: 20 }] },
    conflict: PHONE_TAKEN,
    parent: 'no unit `unitId`',
  },
  technicians: {
    name: 'Technician',
    example: { name: 'Dana Brooks', phone: '+12675550150', skills: ['plumbing', 'general'], certifications: ['osha-10'], maxOrdersPerDay: 6, homeLatitude: 39.95, homeLongitude: -75.16 },
    conflict: PHONE_TAKEN,
  },
  vendors: {
    name: 'Vendor',
    example: { name: 'Penn Appliance Repair', phone: '+12155550199', skills: ['appliance'], approved: true },
    conflict: `a vendor with this name exists already, or ${PHONE_TAKEN}`,
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
      description: 'Filters combine; page with `cursor` (the previous answer\'s `nextCursor`).',
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
        201: { description: 'added', headers: { Location: { description: `/${kind}/<id>`, schema: { type: 'string' } } }, content: json(record) },
      },
      errors: { ...(parent ? { 404: parent } : {}), 409: conflict },
    },
  ];
}

export const portfolioDocs: RouteDoc[] = PORTFOLIO_KINDS.flatMap(kindDocs);
