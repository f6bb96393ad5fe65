/**
 * What PATCH /<kind>/:id may change, field by field: each field's schema and the column it writes. A field left out
 * of a body is left as it is; `null` clears a field that may be empty. Deactivation has routes of its own
 * (POST /technicians/:id/deactivate, /tenants/:id/deactivate): `active` is not patched.
 *
 * To make a new column editable, add it to its kind's table below (the schema, the OpenAPI entry and the event follow).
 */
import { z } from 'zod';
import { availabilityWindowsSchema } from '../../domain/availability';
import { e164PhoneSchema } from '../../domain/phone';
import { SKILLS } from '../../domain/priority';
import { workingHoursSchema } from '../../domain/technicianCalendar';
import { text } from '../../domain/text';
import type { PortfolioKind } from '../../db/queries/portfolioRecords';
import { cents, recordIdNumber } from '../schemas';

export interface PatchField {
  schema: z.ZodType;
  /** The column it writes (of the kind's own table). */
  column: string;
  /** Written as JSON (jsonb columns). */
  json?: boolean;
  /** Never in an event: the event says it changed, not to what (phones). */
  private?: boolean;
}

const name = text({ min: 1, max: 200 });
const skills = z
  .array(z.enum(SKILLS))
  .min(1, 'at least one skill')
  .max(SKILLS.length)
  .refine((list) => new Set(list).size === list.length, { message: 'each skill once' });
const certification = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug like epa-608');
const language = z.enum(['en', 'es']);
const phone: PatchField = { schema: e164PhoneSchema, column: 'phone', private: true };

export const PATCH_FIELDS: Record<PortfolioKind, Record<string, PatchField>> = {
  buildings: {
    name: { schema: name, column: 'name' },
    address: { schema: text({ min: 1, max: 500 }), column: 'address' },
    latitude: { schema: z.number().min(-90).max(90), column: 'latitude' },
    longitude: { schema: z.number().min(-180).max(180), column: 'longitude' },
    vendorBudgetCapCents: { schema: cents, column: 'vendor_budget_cap_cents' },
  },
  units: {
    label: { schema: text({ min: 1, max: 50 }), column: 'label' },
  },
  tenants: {
    /** A move within the portfolio: their later orders are the new unit's. */
    unitId: { schema: recordIdNumber, column: 'unit_id' },
    name: { schema: name, column: 'name' },
    phone,
    language: { schema: language, column: 'language' },
    /** null: no windows known (any working hour). */
    availability: { schema: availabilityWindowsSchema.max(14).nullable(), column: 'availability', json: true },
  },
  // Time off has routes of its own (POST/DELETE /technicians/:id/time-off).
  technicians: {
    name: { schema: name, column: 'name' },
    phone,
    skills: { schema: skills, column: 'skills' },
    certifications: { schema: z.array(certification).max(50), column: 'certifications' },
    firstTimeFixRate: { schema: z.number().min(0).max(1), column: 'first_time_fix_rate' },
    /** The daily capacity: routine orders a day at most (an override past it needs force). */
    maxOrdersPerDay: { schema: z.number().int().min(1).max(50), column: 'max_orders_per_day' },
    /** Weekly, in the rules' time zone; null: the rules' workday, Monday to Saturday. */
    workingHours: { schema: workingHoursSchema.nullable(), column: 'working_hours', json: true },
    homeLatitude: { schema: z.number().min(-90).max(90).nullable(), column: 'home_latitude' },
    homeLongitude: { schema: z.number().min(-180).max(180).nullable(), column: 'home_longitude' },
    hourlyRateCents: { schema: cents, column: 'hourly_rate_cents' },
    language: { schema: language, column: 'language' },
  },
  vendors: {
    name: { schema: name, column: 'name' },
    phone,
    skills: { schema: skills, column: 'skills' },
    /** Only approved vendors are offered jobs. */
    approved: { schema: z.boolean(), column: 'approved' },
  },
};

function patchSchema(fields: Record<string, PatchField>) {
  return z
    .object(Object.fromEntries(Object.entries(fields).map(([field, { schema }]) => [field, schema.optional()])))
    .strict()
    .refine((body) => Object.values(body).some((v) => v !== undefined), {
      message: `name at least one field to change: ${Object.keys(fields).join(', ')}`,
    });
}

export const PATCH_SCHEMAS = Object.fromEntries(
  Object.entries(PATCH_FIELDS).map(([kind, fields]) => [kind, patchSchema(fields)]),
) as Record<PortfolioKind, ReturnType<typeof patchSchema>>;

/** The body of POST /technicians/:id/deactivate and /tenants/:id/deactivate (and reactivate). */
export const deactivationBody = z.object({ reason: text({ min: 1, max: 500 }).optional() }).strict();
