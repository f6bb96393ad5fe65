import type { PatternRule } from './planRules';

/** A past work order that may belong to a recurring problem. */
export interface PatternCandidate {
  number: number;
  buildingId: number;
  description: string;
  createdAt: Date;
}

export interface PatternCluster {
  buildingId: number;
  /** The matching orders in the window, oldest first; the first one names the investigation. */
  orders: number[];
}

const DAY_MS = 86_400_000;

/** Every term matches: a term is alternatives separated by `|`, each looked for case-insensitively in the text. */
export function matchesPattern(description: string, terms: readonly string[]): boolean {
  const text = description.toLowerCase();
  return terms.every((term) => term.split('|').some((word) => text.includes(word.trim().toLowerCase())));
}

/**
 * Per building, the orders matching the pattern created in the window ending at `asOf`, leaving out the ones an
 * earlier investigation already covered; a building with at least `count` of them is a cluster.
 */
export function findPatternClusters(
  candidates: readonly PatternCandidate[],
  pattern: PatternRule,
  asOf: Date,
  covered: ReadonlySet<number>,
): PatternCluster[] {
  const from = asOf.getTime() - pattern.windowDays * DAY_MS;
  const byBuilding = new Map<number, PatternCandidate[]>();
  for (const c of candidates) {
    const at = c.createdAt.getTime();
    if (at <= from || at > asOf.getTime() || covered.has(c.number) || !matchesPattern(c.description, pattern.terms))
      continue;
    byBuilding.set(c.buildingId, [...(byBuilding.get(c.buildingId) ?? []), c]);
  }
  const clusters: PatternCluster[] = [];
  for (const [buildingId, orders] of byBuilding) {
    if (orders.length < pattern.count) continue;
    orders.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.number - b.number);
    clusters.push({ buildingId, orders: orders.map((o) => o.number) });
  }
  return clusters.sort((a, b) => a.buildingId - b.buildingId);
}
