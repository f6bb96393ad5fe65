/**
 * The bodies and queries of /equipment and /seasonal-tasks, field by field: each field's schema and the column it
 * writes. `buildingId` is given once, when the record is added: equipment that moves is new equipment.
 */
import { z } from 'zod';
import { PRIORITIES } from '../../domain/priority';
import { daysInMonth } from '../../domain/preventive/periods';
import { text } from '../../domain/text';
import type { PreventiveRecordKind } from '../../db/queries/preventiveRecords';
import { pageCursor, recordId, recordIdNumber } from '../schemas';

export interface RecordField {
  schema: z.ZodType;
  column: string;
  /** Given when the record is added, never changed. */
  fixed?: boolean;
  /** May be left out when adding: the column's default (or NULL) stands. */
  optional?: boolean;
}

/** A calendar date, 1900 to 2099 (equipment older than that is not on anyone's books). */
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((value) => {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
  }, 'a date from 1900-01-01 to 2099-12-31');

export const RECORD_FIELDS: Record<PreventiveRecordKind, Record<string, RecordField>> = {
  equipment: {
    buildingId: { schema: recordIdNumber, column: 'building_id', fixed: true },
    /** null: the building's own (a boiler, the roof), serviced in its common areas. */
    unitId: { schema: recordIdNumber.nullable(), column: 'unit_id', optional: true },
    kind: {
      schema: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'an equipment kind such as boiler or water_heater'),
      column: 'kind',
    },
    label: { schema: text({ min: 1, max: 200 }), column: 'label' },
    installedOn: { schema: calendarDate, column: 'installed_on' },
    /** Kept to one decimal. */
    typicalLifeYears: { schema: z.number().min(0.1).max(100), column: 'typical_life_years' },
    /** Retired equipment is in no plan; null puts it back. */
    retiredOn: { schema: calendarDate.nullable(), column: 'retired_on', optional: true },
  },
  seasonalTasks: {
    buildingId: { schema: recordIdNumber, column: 'building_id', fixed: true },
    name: { schema: text({ min: 1, max: 200 }), column: 'name' },
    description: { schema: text({ min: 1, max: 2000 }), column: 'description' },
    /** 1 = January */
    dueMonth: { schema: z.number().int().min(1).max(12), column: 'due_month' },
    /** February 29 is February 28 in other years. */
    dueDay: { schema: z.number().int().min(1).max(31), column: 'due_day' },
    /** Runs open it from this many days before it is due. */
    leadDays: { schema: z.number().int().min(0).max(180), column: 'lead_days', optional: true },
    priority: { schema: z.enum(PRIORITIES), column: 'priority', optional: true },
    /** Inactive tasks are in no plan. */
    active: { schema: z.boolean(), column: 'active', optional: true },
  },
};

const isObject = (payload: { value: unknown }) =>
  typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value);

/** Checks between fields of one body; PATCH checks them again against the record as it is (api/schedules/preventiveRecordCommands.ts). */
export function crossFieldIssue(
  kind: PreventiveRecordKind,
  body: Record<string, unknown>,
): { path: string; message: string } | null {
  if (
    kind === 'equipment' &&
    typeof body.retiredOn === 'string' &&
    typeof body.installedOn === 'string' &&
    body.retiredOn < body.installedOn
  ) {
    return { path: 'retiredOn', message: 'retiredOn is before installedOn' };
  }
  if (
    kind === 'seasonalTasks' &&
    typeof body.dueMonth === 'number' &&
    typeof body.dueDay === 'number' &&
    body.dueDay > daysInMonth(2024, body.dueMonth)
  ) {
    return { path: 'dueDay', message: `month ${body.dueMonth} has no day ${body.dueDay}` };
  }
  return null;
}

function withCrossFieldCheck<T extends z.ZodType<Record<string, unknown>>>(kind: PreventiveRecordKind, schema: T) {
  return schema.superRefine((body, ctx) => {
    const issue = crossFieldIssue(kind, body);
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
}

function newSchema(kind: PreventiveRecordKind) {
  const shape = Object.fromEntries(
    Object.entries(RECORD_FIELDS[kind]).map(([name, f]) => [name, f.optional ? f.schema.optional() : f.schema]),
  );
  return withCrossFieldCheck(kind, z.object(shape).strict());
}

function patchSchema(kind: PreventiveRecordKind) {
  const fields = Object.entries(RECORD_FIELDS[kind]).filter(([, f]) => !f.fixed);
  return withCrossFieldCheck(
    kind,
    z
      .object(Object.fromEntries(fields.map(([name, f]) => [name, f.schema.optional()])))
      .strict()
      .refine((body) => Object.values(body).some((v) => v !== undefined), {
        message: `name at least one field to change: ${fields.map(([name]) => name).join(', ')}`,
        when: isObject,
      }),
  );
}

const page = {
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  buildingId: recordId.optional(),
};
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const RECORD_SCHEMAS = {
  equipment: {
    body: newSchema('equipment'),
    patch: patchSchema('equipment'),
    query: z
      .object({
        ...page,
        kind: RECORD_FIELDS.equipment.kind!.schema.optional(),
        unitId: recordId.optional(),
        includeRetired: flag.optional(),
      })
      .strict(),
  },
  seasonalTasks: {
    body: newSchema('seasonalTasks'),
    patch: patchSchema('seasonalTasks'),
    query: z.object({ ...page, includeInactive: flag.optional() }).strict(),
  },
};

export const recordParams = z.object({ id: recordId });
