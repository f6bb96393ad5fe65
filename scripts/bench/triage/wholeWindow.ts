import type { Pool } from 'pg';
import { DEFAULT_RULES } from '../../../domain/rules';

/**
 * The rule the similar-issues query implements, read the slow way: every order of the building's window, similarity()
 * computed on each (no trigram operator, no trigram index), the same order and limit. Compared with what each call
 * stored, at the moment it was gathered; the orders it differs on.
 */
export async function differFromWholeWindow(
  pool: Pool,
  numbers: number[],
): Promise<Array<{ number: number; stored: string; wholeWindow: string }>> {
  const differing: Array<{ number: number; stored: string; wholeWindow: string }> = [];
  for (const number of numbers) {
    const { rows } = await pool.query<{
      stored: Array<{ number: number; similarity: number }>;
      whole: Array<{ number: number; similarity: number }>;
    }>(
      `SELECT o.metadata->'context'->'similarInBuilding' AS stored,
              (SELECT COALESCE(jsonb_agg(jsonb_build_object('number', s.number, 'similarity', s.similarity) ORDER BY s.similarity DESC, s.number DESC), '[]')
                 FROM (SELECT w.number::int AS number, round(similarity(w.description, o.description)::numeric, 2)::float AS similarity
                         FROM work_orders w
                        WHERE w.building_id = o.building_id AND w.number <> o.number
                          AND w.created_at > (o.metadata->'context'->>'gatheredAt')::timestamptz - make_interval(days => $2)
                          AND similarity(w.description, o.description) > 0.3
                        ORDER BY 2 DESC, 1 DESC LIMIT 5) AS s) AS whole
         FROM work_orders o WHERE o.number = $1`,
      [number, DEFAULT_RULES.context.similarIssueWindowDays],
    );
    const row = rows[0]!;
    const stored = JSON.stringify((row.stored ?? []).map((r) => [r.number, r.similarity]));
    const wholeWindow = JSON.stringify(row.whole.map((r) => [r.number, r.similarity]));
    if (stored !== wholeWindow) differing.push({ number, stored, wholeWindow });
  }
  return differing;
}
