import { z } from 'zod';
import { PRIORITIES } from '../priority';
import { text } from '../text';

/** Plan ids name the Temporal Schedule (`preventive-plan-<id>`) and start every preventive key. */
export const PLAN_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
export const planIdSchema = z
  .string()
  .regex(PLAN_ID_PATTERN, 'lowercase letters, digits and dashes (1-63), not starting or ending with a dash');

/** How often the same piece of equipment may get a new inspection: the period key of the run's local date. */
export const PERIODS = ['year', 'quarter', 'month'] as const;
export type Period = (typeof PERIODS)[number];

const slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and dashes (1-40)');
const equipmentKind = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'an equipment kind such as boiler or water_heater');

const equipmentRule = z
  .object({
    /** Inspect once this share of the typical life has passed (0.8: from 16 years into a 20-year life). */
    lifeShare: z.number().gt(0).max(3).default(0.8),
    every: z.enum(PERIODS).default('year'),
    /** Only these kinds; all kinds when absent. */
    kinds: z.array(equipmentKind).min(1).max(50).optional(),
    priority: z.enum(PRIORITIES).default('low'),
  })
  .strict();

const seasonalRule = z
  .object({
    /** A run this many days after a task's due date still opens it (a run missed its lead window). */
    graceDays: z.number().int().min(0).max(60).default(7),
  })
  .strict();

/** One alternative list per term: "ceiling|techo" matches either word; every term must match. */
const term = text({ max: 1300 })
  .toLowerCase()
  .regex(/^[^|]{2,60}(\|[^|]{2,60}){0,19}$/, 'words or phrases of 2-60 characters separated by |');

export const patternRuleSchema = z
  .object({
    name: slug,
    /** What the investigation is about, in the work order's description. */
    title: text({ min: 3, max: 200 }),
    terms: z.array(term).min(1).max(6),
    /** This many matching orders in one building within the window open one investigation. */
    count: z.number().int().min(2).max(100).default(3),
    windowDays: z.number().int().min(1).max(3650).default(365),
    priority: z.enum(PRIORITIES).default('medium'),
  })
  .strict();

export const planRulesSchema = z
  .object({
    /** Only these buildings; every building when absent. */
    buildingIds: z
      .array(
        z
          .number()
          .int()
          .positive()
          .max(2 ** 53 - 1),
      )
      .min(1)
      .max(500)
      .optional(),
    equipment: equipmentRule.optional(),
    seasonal: seasonalRule.optional(),
    patterns: z
      .array(patternRuleSchema)
      .min(1)
      .max(20)
      .refine((list) => new Set(list.map((p) => p.name)).size === list.length, {
        message: 'pattern names must be unique',
      })
      .optional(),
  })
  .strict()
  .refine((r) => r.equipment !== undefined || r.seasonal !== undefined || r.patterns !== undefined, {
    message: 'give at least one of equipment, seasonal, patterns',
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  });

export type PlanRules = z.infer<typeof planRulesSchema>;
export type EquipmentRule = z.infer<typeof equipmentRule>;
export type SeasonalRule = z.infer<typeof seasonalRule>;
export type PatternRule = z.infer<typeof patternRuleSchema>;
