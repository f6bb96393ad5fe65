import { z } from 'zod';
import { availabilityWindowsSchema } from '../../domain/availability';
import { SKILLS } from '../../domain/priority';
import { e164PhoneSchema } from '../../domain/phone';
import type { SmsLanguage } from '../../domain/sms/templates';
import { workingHoursSchema } from '../../domain/technicianCalendar';
import { text } from '../../domain/text';
import type { PortfolioKind } from '../../db/queries/portfolioRecords';
import { cents, pageCursor, recordId as id, recordIdNumber } from '../schemas';

const SMS_LANGUAGES = ['en', 'es'] as const satisfies readonly SmsLanguage[];

const name = text({ min: 1, max: 200 });
const phone = e164PhoneSchema;
const skills = z
  .array(z.enum(SKILLS))
  .max(SKILLS.length)
  .refine((list) => new Set(list).size === list.length, { message: 'each skill once' });
const certification = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug like epa-608');
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const portfolioParams = z.object({ id });

const page = {
  cursor: pageCursor.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listBuildingsQuery = z.object(page).strict();
export const listUnitsQuery = z.object({ ...page, buildingId: id.optional() }).strict();
export const listTenantsQuery = z.object({ ...page, buildingId: id.optional(), unitId: id.optional() }).strict();
export const listTechniciansQuery = z
  .object({ ...page, skill: z.enum(SKILLS).optional(), active: flag.optional() })
  .strict();
export const listVendorsQuery = z
  .object({ ...page, skill: z.enum(SKILLS).optional(), approved: flag.optional() })
  .strict();

export const newBuildingBody = z
  .object({
    name,
    address: text({ min: 1, max: 500 }),
    latitude,
    longitude,
    /** The most one vendor job may cost here without the coordinator approving it over budget. */
    vendorBudgetCapCents: cents.default(50_000),
  })
  .strict();

export const newUnitBody = z.object({ buildingId: recordIdNumber, label: text({ min: 1, max: 50 }) }).strict();

export const newTenantBody = z
  .object({
    unitId: recordIdNumber,
    name,
    phone,
    language: z.enum(SMS_LANGUAGES).default('en'),
    /** When the tenant can let a technician in; none known means any working hour. */
    availability: availabilityWindowsSchema.max(14).optional(),
  })
  .strict();

/** An internal technician. A vendor's crew is not created here: it is made when the coordinator picks that vendor. */
export const newTechnicianBody = z
  .object({
    name,
    phone,
    skills: skills.refine((list) => list.length > 0, { message: 'at least one skill' }),
    certifications: z.array(certification).max(50).default([]),
    maxOrdersPerDay: z.number().int().min(1).max(50).default(6),
    /** Weekly, in the rules' time zone; left out: the rules' workday, Monday to Saturday. */
    workingHours: workingHoursSchema.optional(),
    /** Stored to three decimals. */
    firstTimeFixRate: z.number().min(0).max(1).default(0.85),
    homeLatitude: latitude.optional(),
    homeLongitude: longitude.optional(),
    hourlyRateCents: cents.default(6500),
    active: z.boolean().default(true),
    /** The language the technician is texted in. */
    language: z.enum(SMS_LANGUAGES).default('en'),
  })
  .strict()
  .refine((t) => (t.homeLatitude === undefined) === (t.homeLongitude === undefined), {
    message: 'give both homeLatitude and homeLongitude, or neither',
    path: ['homeLongitude'],
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  });

export const newVendorBody = z
  .object({
    name,
    phone,
    skills: skills.refine((list) => list.length > 0, { message: 'at least one skill' }),
    /** Only approved vendors are offered jobs. */
    approved: z.boolean().default(false),
  })
  .strict();

/** Each kind's schemas: the body of a new record and the query of its list. */
export const PORTFOLIO_SCHEMAS = {
  buildings: { body: newBuildingBody, query: listBuildingsQuery },
  units: { body: newUnitBody, query: listUnitsQuery },
  tenants: { body: newTenantBody, query: listTenantsQuery },
  technicians: { body: newTechnicianBody, query: listTechniciansQuery },
  vendors: { body: newVendorBody, query: listVendorsQuery },
} as const satisfies Record<PortfolioKind, { body: z.ZodType; query: z.ZodObject }>;

/** A validated body, with the kind of record it makes. */
export type NewPortfolioRecord = {
  [K in PortfolioKind]: { kind: K; body: z.infer<(typeof PORTFOLIO_SCHEMAS)[K]['body']> };
}[PortfolioKind];
