import type { z } from 'zod';
import type { PreventiveRecordKind } from '../../../db/queries/preventiveRecords';
import { RECORD_SCHEMAS, recordParams } from '../../schedules/preventiveRecordBodies';
import { equipmentRecord, recordPage, seasonalTaskRecord } from '../preventiveAnswers';
import { json, type RouteAuth, type RouteDoc } from '../routeDoc';

const readers: RouteAuth = { roles: ['scheduler', 'coordinator', 'ops'] };
const writers: RouteAuth = { roles: ['scheduler'] };

interface KindDoc {
  path: string;
  /** For operation ids: `Equipment`, `SeasonalTask`. */
  name: string;
  singular: string;
  record: z.ZodObject;
  example: object;
  patchExample: object;
  nameField: string;
  outOfUse: { event: string; what: string };
}

const KINDS: Record<PreventiveRecordKind, KindDoc> = {
  equipment: {
    path: '/equipment',
    name: 'Equipment',
    singular: 'equipment',
    record: equipmentRecord,
    example: {
      buildingId: 1,
      unitId: null,
      kind: 'hvac',
      label: 'Rooftop AC unit',
      installedOn: '2012-07-01',
      typicalLifeYears: 15,
    },
    patchExample: { typicalLifeYears: 18 },
    nameField: 'label',
    outOfUse: { event: 'equipment_retired', what: 'Retire it today (`retiredOn`): it is in no plan from now on' },
  },
  seasonalTasks: {
    path: '/seasonal-tasks',
    name: 'SeasonalTask',
    singular: 'seasonal task',
    record: seasonalTaskRecord,
    example: {
      buildingId: 1,
      name: 'Drain and flush the boiler',
      description: 'Drain the boiler and flush the sediment before the heating season.',
      dueMonth: 10,
      dueDay: 1,
      leadDays: 30,
      priority: 'medium',
    },
    patchExample: { leadDays: 21 },
    nameField: 'name',
    outOfUse: {
      event: 'seasonal_task_deactivated',
      what: 'Deactivate it (`active: false`): it is in no plan from now on',
    },
  },
};

function kindDocs(kind: PreventiveRecordKind): RouteDoc[] {
  const { path, name, singular, record, example, patchExample, nameField, outOfUse } = KINDS[kind];
  const schemas = RECORD_SCHEMAS[kind];
  const tag = 'schedules';
  return [
    {
      method: 'get',
      path,
      operationId: `list${name}`,
      tag,
      summary: `The ${singular} preventive plans look at, in id order`,
      description:
        "Filters combine; records out of use only with includeRetired / includeInactive; page with `cursor` (the previous answer's `nextCursor`).",
      auth: readers,
      query: schemas.query,
      responses: { 200: { description: 'a page', content: json(recordPage(record)) } },
    },
    {
      method: 'post',
      path,
      operationId: `add${name}`,
      tag,
      summary: `Add ${singular === 'equipment' ? 'a piece of equipment' : 'a seasonal task'}`,
      description: `Written with a \`${kind === 'equipment' ? 'equipment' : 'seasonal_task'}_added\` event, both or neither.`,
      auth: writers,
      body: { required: true, content: json(schemas.body, example) },
      responses: {
        201: {
          description: 'added',
          headers: { Location: { description: `${path}/<id>`, schema: { type: 'string' } } },
          content: json(record),
        },
      },
      errors: {
        404: kind === 'equipment' ? 'no building `buildingId`, or no unit `unitId`' : 'no building `buildingId`',
        409: `the building has ${singular} with this ${nameField} already (issues names it)`,
      },
    },
    {
      method: 'get',
      path: `${path}/{id}`,
      operationId: `get${name}`,
      tag,
      summary: `One ${singular}, in use or not, with its open preventive order`,
      auth: readers,
      params: recordParams,
      responses: { 200: { description: `the ${singular}`, content: json(record) } },
      errors: { 404: `no ${singular} with this id` },
    },
    {
      method: 'patch',
      path: `${path}/{id}`,
      operationId: `change${name}`,
      tag,
      summary: `Change ${singular === 'equipment' ? 'a piece of equipment' : 'a seasonal task'}`,
      description:
        `The fields given change; the others stay (\`buildingId\` never changes). Checked against the record as it is. Written with a \`${kind === 'equipment' ? 'equipment' : 'seasonal_task'}_changed\` event ` +
        'of what changed from what to what (none when nothing changed). Later runs follow the change; an order already open stays as written.',
      auth: writers,
      params: recordParams,
      body: { required: true, content: json(schemas.patch, patchExample) },
      responses: { 200: { description: `the ${singular} as it is now`, content: json(record) } },
      errors: {
        400:
          kind === 'equipment'
            ? 'a field is not valid, a unit of another building, or retiredOn before installedOn'
            : 'a field is not valid, or a day the month does not have',
        404: `no ${singular} with this id${kind === 'equipment' ? ', or no unit `unitId`' : ''}`,
        409: `the building has ${singular} with this ${nameField} already`,
      },
    },
    {
      method: 'delete',
      path: `${path}/{id}`,
      operationId: `retire${name}`,
      tag,
      summary: `${outOfUse.what}; the row stays, as do its orders`,
      description: `Written with a \`${outOfUse.event}\` event. A record already out of use is answered as it is (no second event). PATCH puts it back.`,
      auth: writers,
      params: recordParams,
      responses: { 200: { description: `the ${singular}, out of use`, content: json(record) } },
      errors: { 404: `no ${singular} with this id` },
    },
  ];
}

export const preventiveRecordDocs: RouteDoc[] = [...kindDocs('equipment'), ...kindDocs('seasonalTasks')];
