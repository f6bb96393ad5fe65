/** The timers benchmark's command line (timers.ts). */
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../../runtime/config';

export interface TimersOptions {
  orders: number;
  /** Texts per second (open loop) while creating the orders. */
  rate: number;
  /** maxCachedWorkflows of workers 1 and 2; null: every order (`--cache all`). */
  cache: number | null;
  /** YES texts to evicted orders (and as many to cached ones). */
  yes: number;
  yesRate: number;
  /** `GET /work-orders/:id` requests (and as many `GET /healthz`). */
  reads: number;
  /** State queries in flight while picking up. */
  queries: number;
  /** Seconds to wait, after the last text, for every order to park. */
  timeoutSeconds: number;
  /** The forked workers' V8 heap limit (MiB, --max-old-space-size); null: what the cache needs (workerHeapLimitMiB). */
  workerHeapMiB: number | null;
  /** Write the run to docs/ as the long run (timersLongRun.ts). */
  publish: boolean;
}

const USAGE =
  'usage: npm run bench:timers -- [--orders N=1000] [--rate R=3] [--cache C=MAX_CACHED_WORKFLOWS|all] [--yes Y=50] [--yes-rate 2] [--reads 500] [--queries Q=16] [--timeout S=600] [--worker-heap MiB] [--publish]';

export function parseTimersOptions(argv: string[]): TimersOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '3' },
      cache: { type: 'string', default: String(DEFAULT_MAX_CACHED_WORKFLOWS) },
      yes: { type: 'string', default: '50' },
      'yes-rate': { type: 'string', default: '2' },
      reads: { type: 'string', default: '500' },
      queries: { type: 'string', default: '16' },
      timeout: { type: 'string', default: '600' },
      'worker-heap': { type: 'string' },
      publish: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const num = (name: string, raw: string, min: number, integer = true): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min)
      throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${raw}`);
    return value;
  };
  return {
    orders: num('orders', values.orders, 1),
    rate: num('rate', values.rate, 0.1, false),
    cache: values.cache === 'all' ? null : num('cache', values.cache, 2),
    yes: num('yes', values.yes, 0),
    yesRate: num('yes-rate', values['yes-rate'], 0.1, false),
    reads: num('reads', values.reads, 1),
    queries: num('queries', values.queries, 1),
    timeoutSeconds: num('timeout', values.timeout, 1),
    workerHeapMiB: values['worker-heap'] === undefined ? null : num('worker-heap', values['worker-heap'], 64),
    publish: values.publish,
  };
}
