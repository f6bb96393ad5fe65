import { z } from 'zod';
import { SKILLS } from './priority';

/**
 * What the records say about an order before it is classified: the tenant's and the unit's recent orders and
 * similar reports from the building. The context step gathers it and stores it on the order (metadata.context);
 * both classifiers read it from there, and coordinators see it on the order.
 */
const pastOrderSchema = z.object({
  number: z.number().int(),
  status: z.string(),
  priority: z.string().nullable(),
  description: z.string(),
  createdAt: z.string(),
  /** Absent from contexts gathered before the classifiers read them. */
  completedAt: z.string().nullable().default(null),
  skills: z.array(z.enum(SKILLS)).default([]),
});

export const triageContextSchema = z.object({
  tenantHistory: z.array(pastOrderSchema),
  unitHistory: z.array(pastOrderSchema),
  tenantRequestsInWindow: z.number().int(),
  requestFrequencyWindowDays: z.number().int(),
  similarInBuilding: z.array(pastOrderSchema.extend({ similarity: z.number(), unitLabel: z.string() })),
  equipment: z.null(),
  /** When it was gathered: "fixed 9 days ago" is counted from here, so a classification can be re-run. */
  gatheredAt: z.string().optional(),
  /** A problem back within this many days of its order's completion is a repeat. */
  repeatWindowDays: z.number().int().positive().optional(),
});

export type TriageContext = z.infer<typeof triageContextSchema>;
export type PastOrder = TriageContext['unitHistory'][number];
export type SimilarReport = TriageContext['similarInBuilding'][number];

/** The stored context, or null for an order gathered by an older version (or never): the classifiers go without. */
export function readTriageContext(stored: unknown): TriageContext | null {
  const parsed = triageContextSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/**
 * The parts of the context a classifier's answer can depend on, as a stable string: a cached answer is reused only
 * for the same text and the same history, never one given before the unit's last repair. Empty when there are no
 * records: the key is then the text alone.
 */
export function contextKey(context: TriageContext | null): string {
  if (!context || (context.unitHistory.length === 0 && context.similarInBuilding.length === 0)) return '';
  const orders = (list: readonly PastOrder[]) => list.map((o) => `${o.number}:${o.status}`).join(',');
  return `unit[${orders(context.unitHistory)}] building[${orders(context.similarInBuilding)}] repeat[${context.repeatWindowDays ?? ''}]`;
}
