/**
 * `GET /work-orders/:id` with many orders open: the record, its events, decisions and texts, all from Postgres (the
 * live workflow state is opt-in, `?live=true`, and not asked here). Against `GET /healthz` on the same API (no auth,
 * no database): the HTTP path's floor. Interleaved blocks of each, `concurrency` requests in flight, over keep-alive
 * connections (Node's fetch), orders picked evenly across the open ones.
 */
import { performance } from 'node:perf_hooks';
import { KEYS, type TestSystem } from '../../test/support/system';
import { summarize, type Summary } from './stats';

export interface ReadRun {
  detail: Summary;
  health: Summary;
  errors: number;
  firstError: string | null;
  concurrency: number;
}

const BLOCK = 25;

export async function timeReads(
  system: TestSystem,
  numbers: readonly number[],
  options: { requests: number; concurrency: number },
): Promise<ReadRun> {
  const latencies = { detail: [] as number[], health: [] as number[] };
  let errors = 0;
  let firstError: string | null = null;
  const headers = { Authorization: `Bearer ${KEYS.coordinator}` };
  const get = async (kind: 'detail' | 'health', i: number) => {
    const url =
      kind === 'detail'
        ? `${system.baseUrl}/work-orders/${numbers[(i * 7919) % numbers.length]!}`
        : `${system.baseUrl}/healthz`;
    const started = performance.now();
    try {
      const response = await fetch(url, kind === 'detail' ? { headers } : {});
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
      latencies[kind].push(performance.now() - started);
    } catch (err) {
      errors += 1;
      firstError ??= (err as Error).message;
    }
  };
  for (let block = 0; block * BLOCK < options.requests; block++) {
    for (const kind of ['detail', 'health'] as const) {
      let next = block * BLOCK;
      const end = Math.min(options.requests, next + BLOCK);
      const client = async () => {
        while (next < end) await get(kind, next++);
      };
      await Promise.all(Array.from({ length: options.concurrency }, client));
    }
  }
  return {
    detail: summarize(latencies.detail),
    health: summarize(latencies.health),
    errors,
    firstError,
    concurrency: options.concurrency,
  };
}
