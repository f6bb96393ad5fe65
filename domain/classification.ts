import { z } from 'zod';
import { PRIORITIES, SKILLS } from './priority';

export const WARNINGS = ['safety', 'multi_visit', 'parts_likely'] as const;

/** The one shape every classifier (heuristic or Claude) must return; validated before it is used. */
export const classificationSchema = z.object({
  priority: z.enum(PRIORITIES),
  skillsRequired: z.array(z.enum(SKILLS)).min(1),
  estimatedMinutes: z
    .number()
    .int()
    .min(15)
    .max(8 * 60),
  confidence: z.number().min(0).max(1),
  reasoning: z.string().min(1),
  warnings: z.array(z.enum(WARNINGS)),
  safety: z.boolean(),
});

export type Classification = z.infer<typeof classificationSchema>;

/** Lower case, accents removed, punctuation to spaces, whitespace collapsed: the cache key of a description. */
export function normalizeDescription(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9ñ]+/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
}
