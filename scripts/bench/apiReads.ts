/**
 * `GET /work-orders/:id` with many orders open: the record, its events, decisions and texts, all from Postgres (the
 * live workflow state is opt-in, `?live=true`, and not asked here). Against `GET /healthz` on the same API (no auth,
 * no database): the HTTP path's floor. Interleaved blocks of each, `concurrency` requests in flight, over keep-alive
 * connections (Node's fetch), orders picked evenly across the open ones.
 *
 * `timeReadsFromOwnProcess` runs the client in a process of its own (readClient.ts), so that the figures are the
 * API's: a client in the API's process takes its CPU, and its garbage, from the requests it times.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats';

export interface ReadRun {
  detail: Summary;
  health: Summary;
  errors: number;
  firstError: string | null;
  concurrency: number;
  /** Where the client ran; runs before the forked client have none (theirs shared the API's process). */
  client?: 'own process';
}

export interface ReadTarget {
  baseUrl: string;
  /** A coordinator's key: every order is visible to it. */
  apiKey: string;
}

export interface ReadRequest {
  target: ReadTarget;
  numbers: readonly number[];
  requests: number;
  concurrency: number;
}

const BLOCK = 25;

export async function timeReads({ target, numbers, requests, concurrency }: ReadRequest): Promise<ReadRun> {
  const latencies = { detail: [] as number[], health: [] as number[] };
  let errors = 0;
  let firstError: string | null = null;
  const headers = { Authorization: `Bearer ${target.apiKey}` };
  const get = async (kind: 'detail' | 'health', i: number) => {
    const url =
      kind === 'detail'
        ? `${target.baseUrl}/work-orders/${numbers[(i * 7919) % numbers.length]!}`
        : `${target.baseUrl}/healthz`;
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
  for (let block = 0; block * BLOCK < requests; block++) {
    for (const kind of ['detail', 'health'] as const) {
      let next = block * BLOCK;
      const end = Math.min(requests, next + BLOCK);
      const client = async () => {
        while (next < end) await get(kind, next++);
      };
      await Promise.all(Array.from({ length: concurrency }, client));
    }
  }
  return {
    detail: summarize(latencies.detail),
    health: summarize(latencies.health),
    errors,
    firstError,
    concurrency,
  };
}

/** `timeReads` from a forked client; fails if the client dies or says nothing within `timeoutMs`. */
export function timeReadsFromOwnProcess(request: ReadRequest, timeoutMs = 30 * 60_000): Promise<ReadRun> {
  const child = fork(require.resolve('./readClient'), [], {
    execArgv: process.execArgv,
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  return new Promise<ReadRun>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the read client gave no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (answer: { run: ReadRun } | { error: string }) => {
      clearTimeout(timer);
      if ('run' in answer) resolve({ ...answer.run, client: 'own process' });
      else reject(new Error(`the read client failed: ${answer.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the read client exited (${code}) before answering`));
    });
    child.send(request);
  });
}
