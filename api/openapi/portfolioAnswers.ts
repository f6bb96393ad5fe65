import { z } from 'zod';
import { availabilityWindowsSchema } from '../../domain/availability';
import { SKILLS } from '../../domain/priority';
import type { PortfolioKind } from '../../db/queries/portfolioRecords';
import { instant, nextCursor } from './answers';

/** The portfolio's records as GET and POST answer them (for the document; the routes answer database rows). */

const id = z.number().int();
const skills = z.array(z.enum(SKILLS));

const building = z.object({
  id,
  name: z.string(),
  address: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  vendorBudgetCapCents: z.number().int(),
  createdAt: instant,
});
const unit = z.object({ id, buildingId: id, label: z.string(), createdAt: instant });
const tenant = z.object({
  id,
  unitId: id,
  buildingId: id,
  name: z.string(),
  phone: z.string(),
  language: z.string(),
  availability: availabilityWindowsSchema.nullable(),
  active: z.boolean().describe('false once deactivated (moved out): no texts are sent to them'),
  createdAt: instant,
});
const technician = z.object({
  id,
  name: z.string(),
  phone: z.string(),
  skills,
  certifications: z.array(z.string()),
  maxOrdersPerDay: z.number().int().describe('the daily capacity: routine orders a day at most'),
  firstTimeFixRate: z
    .number()
    .describe(
      'moves a tenth of the way toward 1 (or 0) with each order they complete without (or with) a return visit',
    ),
  homeLatitude: z.number().nullable(),
  homeLongitude: z.number().nullable(),
  hourlyRateCents: z.number().int(),
  language: z.enum(['en', 'es']).describe('the language the technician is texted in'),
  workingHours: availabilityWindowsSchema
    .nullable()
    .describe("weekly, in the rules' time zone; null: the rules' workday, Monday to Saturday"),
  active: z.boolean().describe('false once deactivated: never proposed or booked'),
  vendorId: id
    .nullable()
    .describe("a vendor's crew (made when a coordinator picks the vendor); null for our own technicians"),
  createdAt: instant,
});
const vendor = z.object({ id, name: z.string(), phone: z.string(), skills, approved: z.boolean(), createdAt: instant });

export const PORTFOLIO_RECORDS: Record<PortfolioKind, z.ZodObject> = {
  buildings: building,
  units: unit,
  tenants: tenant,
  technicians: technician,
  vendors: vendor,
};

export const portfolioPage = (record: z.ZodObject) => z.object({ items: z.array(record), nextCursor });
