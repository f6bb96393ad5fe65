/**
 * What the planner does with the SELECTs enrichContext sent: EXPLAIN (ANALYZE, BUFFERS) with their own parameters, the
 * scans of each plan in one line, and the similar-issues query's plan shapes counted over every call.
 */
import type { Pool } from 'pg';
import { sum } from '../harness';
import { SIMILAR_ISSUES, type QueryTiming } from './queries';

export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface Explained {
  label: string;
  executionMs: number;
  planningMs: number;
  sharedBlocks: number;
  shape: string;
  /** The rows the scans looked at but threw away (filter + recheck), over the whole plan. */
  rowsDiscarded: number;
}

export function planShape(node: PlanNode): string {
  const scans: string[] = [];
  const walk = (n: PlanNode): void => {
    if (/Scan/.test(n['Node Type'])) {
      const rows = n['Actual Rows'] === undefined ? '' : ` (${n['Actual Rows']} rows)`;
      scans.push(
        `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}${rows}`,
      );
    }
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(node);
  return scans.join(' + ');
}

function discarded(node: PlanNode): number {
  return (
    (node['Rows Removed by Filter'] ?? 0) +
    (node['Rows Removed by Index Recheck'] ?? 0) +
    sum((node.Plans ?? []).map(discarded))
  );
}

/** EXPLAIN (ANALYZE, BUFFERS) of the SELECTs enrichContext sent, with their own parameters. */
export async function explainQueries(pool: Pool, calls: QueryTiming[][]): Promise<Explained[]> {
  const explained: Explained[] = [];
  for (const queries of calls) {
    for (const q of queries) {
      if (!/^\s*SELECT/i.test(q.sql) || q.label === 'load the order') continue;
      const { rows } = await pool.query<{
        'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }>;
      }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.sql}`, q.values);
      const plan = rows[0]!['QUERY PLAN'][0]!;
      explained.push({
        label: q.label,
        executionMs: plan['Execution Time'],
        planningMs: plan['Planning Time'],
        sharedBlocks: (plan.Plan['Shared Hit Blocks'] ?? 0) + (plan.Plan['Shared Read Blocks'] ?? 0),
        shape: planShape(plan.Plan),
        rowsDiscarded: discarded(plan.Plan),
      });
    }
  }
  return explained;
}

/** The scans the planner picks for the similar-issues query of every call (EXPLAIN without ANALYZE), counted by shape. */
export async function similarPlanShapes(pool: Pool, calls: QueryTiming[][]): Promise<Map<string, number>> {
  const shapes = new Map<string, number>();
  for (const q of calls.flatMap((call) => call.filter((c) => c.label === SIMILAR_ISSUES))) {
    const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${q.sql}`,
      q.values,
    );
    const shape = planShape(rows[0]!['QUERY PLAN'][0]!.Plan);
    shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
  }
  return shapes;
}

/** EXPLAIN (ANALYZE, BUFFERS) of one query, as text. */
export async function textPlan(pool: Pool, q: QueryTiming): Promise<string> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.values);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
