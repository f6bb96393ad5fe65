/**
 * The queries enrichContext sends, timed one by one on their way through the pool and labelled by what they look for.
 */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';

export const SIMILAR_ISSUES = 'similar issues in the building (trigram)';

export interface QueryTiming {
  label: string;
  sql: string;
  values: unknown[];
  ms: number;
}

/** The queries enrichContext sends, by what they look for; 'other' when its SQL changed beyond these patterns. */
export function queryLabel(sql: string): string {
  if (/^\s*UPDATE work_orders SET metadata/i.test(sql)) return 'store the context (UPDATE)';
  if (/similarity\(/i.test(sql)) return SIMILAR_ISSUES;
  if (/count\(\*\)/i.test(sql)) return "tenant's requests in the window (count)";
  if (/WHERE unit_id = \$1/i.test(sql)) return 'unit history (last 10)';
  if (/WHERE tenant_id = \$1/i.test(sql)) return 'tenant history (last 10)';
  if (/SELECT tenant_id, unit_id, building_id, description/i.test(sql)) return 'load the order';
  return 'other';
}

export const QUERY_ORDER = [
  'load the order',
  'tenant history (last 10)',
  'unit history (last 10)',
  "tenant's requests in the window (count)",
  SIMILAR_ISSUES,
  'store the context (UPDATE)',
  'other',
];

/** Where the timed queries of the call being measured go (null between calls: not recorded). */
export type QuerySink = { current: QueryTiming[] | null };

/** The pool the activities get: the same pool, with each `query` timed (pool wait + round trip + execution) into `sink`. */
export function timedPool(pool: Pool, sink: QuerySink): Pool {
  return new Proxy(pool, {
    get(target, property) {
      if (property !== 'query') return Reflect.get(target, property) as unknown;
      return async (sql: string, values?: unknown[]) => {
        const started = performance.now();
        const result = await target.query(sql, values);
        sink.current?.push({ label: queryLabel(sql), sql, values: values ?? [], ms: performance.now() - started });
        return result;
      };
    },
  });
}
