import { z } from 'zod';
import { availabilityWindowsSchema } from '../../domain/availability';
import { SKILLS } from '../../domain/priority';
import type { SmsLanguage } from '../../domain/sms/templates';

const SMS_LANGUAGES = ['en', 'es'] as const satisfies readonly SmsLanguage[];

const id = z.coerce.number().int().positive().max(2 ** 53 - 1);
const name = z.string().trim().min(1).max(200);
/** The form Twilio uses and the database checks. */
const phone = z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'an E.164 number like +15551234567');
const skills = z.array(z.enum(SKILLS)).max(SKILLS.length).refine((list) => new Set(list).size === list.length, { message: 'each skill once' });
const certification = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a lower-case slug like epa-608');
const cents = z.number().int().min(0).max(100_000_000);
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const portfolioParams = z.object({ id });

const page = {
  cursor: z.string().regex(/^\d+$/, 'a cursor from a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listBuildingsQuery = z.object(page).strict();
export const listUnitsQuery = z.object({ ...page, buildingId: id.optional() }).strict();
export const listTenantsQuery = z.object({ ...page, buildingId: id.optional(), unitId: id.optional() }).strict();
export const listTechniciansQuery = z.object({ ...page, skill: z.enum(SKILLS).optional(), active: flag.optional() }).strict();
export const listVendorsQuery = z.object({ ...page, skill: z.enum(SKILLS).optional(), approved: flag.optional() }).strict();

export const newBuildingBody = z
  .object({
    name,
    address: z.string().trim().min(1).max(500),
    latitude,
    longitude,
    /** The most one vendor job may cost here without the coordinator approving it over budget. */
    vendorBudgetCapCents: cents.default(50_000),
  })
  .strict();

export const newUnitBody = z.object({ buildingId: z.number().int().positive(), label: z.string().trim().min(1).max(50) }).strict();

export const newTenantBody = z
  .object({
    unitId: z.number().int().positive(),
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
    /** Stored to three decimals. */
    firstTimeFixRate: z.number().min(0).max(1).default(0.85),
    homeLatitude: latitude.optional(),
    homeLongitude: longitude.optional(),
    hourlyRateCents: cents.default(6500),
    active: z.boolean().default(true),
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

/** A validated body, with the kind of record it makes. */
export type NewPortfolioRecord =
  | { kind: 'buildings'; body: z.infer<typeof newBuildingBody> }
  | { kind: 'units'; body: z.infer<typeof newUnitBody> }
  | { kind: 'tenants'; body: z.infer<typeof newTenantBody> }
  | { kind: 'technicians'; body: z.infer<typeof newTechnicianBody> }
  | { kind: 'vendors'; body: z.infer<typeof newVendorBody> };
