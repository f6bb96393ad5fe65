import { z } from 'zod';
import { PRIORITIES } from '../../domain/priority';
import { instant, nextCursor } from './answers';

/** Equipment, seasonal tasks and a plan's preview as the routes answer them (for the document). */

const id = z.number().int();
const openOrder = z
  .object({ number: id, status: z.string() })
  .nullable()
  .describe('its open preventive work order, from any plan (there is at most one); null when none is open');

export const equipmentRecord = z.object({
  id,
  buildingId: id,
  unitId: id.nullable().describe("null: the building's own, serviced in its common areas"),
  kind: z.string(),
  label: z.string(),
  installedOn: z.string().describe('YYYY-MM-DD'),
  typicalLifeYears: z.number(),
  retiredOn: z.string().nullable().describe('YYYY-MM-DD; retired equipment is in no plan'),
  createdAt: instant,
  openOrder,
});

export const seasonalTaskRecord = z.object({
  id,
  buildingId: id,
  name: z.string(),
  description: z.string(),
  dueMonth: z.number().int(),
  dueDay: z.number().int(),
  leadDays: z.number().int(),
  priority: z.enum(PRIORITIES),
  active: z.boolean().describe('inactive tasks are in no plan'),
  createdAt: instant,
  openOrder,
});

export const recordPage = (record: z.ZodObject) => z.object({ items: z.array(record), nextCursor });

const rule = z.enum(['equipment', 'seasonal', 'pattern']);

export const planPreview = z.object({
  planId: z.string(),
  timeZone: z.string(),
  asOf: instant,
  localDate: z
    .string()
    .describe("the plan's local date of asOf (YYYY-MM-DD): what due dates and periods are read against"),
  paused: z.boolean().describe('a paused plan runs only when triggered; the preview answers all the same'),
  wouldOpen: z.array(
    z.object({
      key: z.string().describe('the preventive key the order would have: plan/period/target'),
      target: z
        .string()
        .describe('what it is about across plans: equipment-<id>, seasonal-<id>, pattern-<name>/building-<id>'),
      rule,
      buildingId: id,
      unitId: id.nullable(),
      priority: z.enum(PRIORITIES),
      description: z.string().describe("the work order's description as the run would write it"),
      reason: z.string().describe('why it is due'),
    }),
  ),
  wouldSkip: z.array(
    z.object({
      key: z.string(),
      target: z.string(),
      rule,
      buildingId: id,
      why: z.enum(['opened_this_period', 'open_order_for_target']),
      order: z
        .object({ number: id, status: z.string(), planId: z.string().nullable() })
        .describe('the order that stands'),
      reason: z
        .string()
        .describe('"an open order already exists for this equipment: #1107 (scheduled, opened by plan monthly)"'),
    }),
  ),
  notDue: z.array(
    z.object({
      rule: z.enum(['equipment', 'seasonal']),
      target: z.string(),
      buildingId: id,
      reason: z.string().describe('and when it will be due'),
    }),
  ),
});
