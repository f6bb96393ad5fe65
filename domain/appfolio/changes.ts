import { APPFOLIO_COLUMNS, type AppfolioField } from './columns';
import type { AppfolioFacts } from './mapRow';

export interface FactChange {
  /** The column's label in AppFolio's export. */
  field: string;
  from: string | null;
  to: string | null;
}

/** What AppFolio says differently from the last import; empty when the row is the same. */
export function diffFacts(previous: Partial<Record<string, string | null>> | null, next: AppfolioFacts): FactChange[] {
  const changes: FactChange[] = [];
  for (const field of Object.keys(APPFOLIO_COLUMNS) as AppfolioField[]) {
    const from = previous?.[field] ?? null;
    const to = next[field];
    if (from !== to) changes.push({ field: APPFOLIO_COLUMNS[field], from, to });
  }
  return changes;
}
