/** The throughput benchmark's command line (throughput.ts). */
import { parseArgs } from 'node:util';

export interface ThroughputOptions {
  orders: number;
  /** Empty workflows per latency baseline run (before and after the orders). */
  empty: number;
  concurrency: number;
  /** Each client texts again once its last text is answered, not once its order is routed. */
  burst: boolean;
  /** Orders and (twice as many) empty workflows run before measuring, discarded. */
  warmup: number;
  timeoutSeconds: number;
  saturate: boolean;
  ladder: number[];
  stepSeconds: number;
  warmSeconds: number;
  emptyStepSeconds: number;
  profile: boolean;
  /** Histories read for the per-order cost. */
  costSample: number;
}

const USAGE =
  'usage: npm run bench:throughput -- [--orders N=200] [--empty E=600] [--concurrency C=8] [--burst] [--warmup W=12] [--timeout S=300]\n' +
  '         [--ladder 4,8,16,32,64] [--step-seconds 20] [--warm-seconds 5] [--empty-step-seconds 10] [--no-saturate] [--no-profile] [--cost-sample 10]';

export function parseThroughputOptions(argv: string[]): ThroughputOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '200' },
      empty: { type: 'string', default: '600' },
      concurrency: { type: 'string', default: '8' },
      burst: { type: 'boolean', default: false },
      warmup: { type: 'string', default: '12' },
      timeout: { type: 'string', default: '300' },
      'no-saturate': { type: 'boolean', default: false },
      ladder: { type: 'string', default: '4,8,16,32,64' },
      'step-seconds': { type: 'string', default: '20' },
      'warm-seconds': { type: 'string', default: '5' },
      'empty-step-seconds': { type: 'string', default: '10' },
      'no-profile': { type: 'boolean', default: false },
      'cost-sample': { type: 'string', default: '10' },
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
  const ladder = values.ladder.split(',').map((c) => num('ladder', c.trim(), 1));
  const stepSeconds = num('step-seconds', values['step-seconds'], 1, false);
  const warmSeconds = num('warm-seconds', values['warm-seconds'], 0, false);
  if (warmSeconds >= stepSeconds) throw new Error('--warm-seconds must be less than --step-seconds');
  return {
    orders: num('orders', values.orders, 1),
    empty: num('empty', values.empty, 1),
    concurrency: num('concurrency', values.concurrency, 1),
    burst: values.burst,
    warmup: num('warmup', values.warmup, 0),
    timeoutSeconds: num('timeout', values.timeout, 1),
    saturate: !values['no-saturate'],
    ladder,
    stepSeconds,
    warmSeconds,
    emptyStepSeconds: Math.max(warmSeconds / 2 + 1, num('empty-step-seconds', values['empty-step-seconds'], 1, false)),
    profile: !values['no-profile'],
    costSample: num('cost-sample', values['cost-sample'], 1),
  };
}
