/** The benchmark's command line: `--history`, `--samples`, `--warmup`, `--orders`, `--rate`, `--order-warmup`, `--timeout`. */
import { parseArgs } from 'node:util';

export interface Options {
  /** Completed work orders bulk-inserted before the second context measurement. */
  history: number;
  /** enrichContext calls measured at each history size. */
  samples: number;
  /** enrichContext calls before each measurement, discarded. */
  warmup: number;
  /** Inbound SMS measured from webhook to assigned; 0 skips part 2. */
  orders: number;
  /** Messages per second (open loop). */
  rate: number;
  /** Messages sent (and routed) before part 2's measurement, discarded. */
  orderWarmup: number;
  /** Seconds to wait, after the last message, for every work order to be routed. */
  timeoutSeconds: number;
}

/** `raw` as a number of at least `min` (an integer unless told), or an error naming the option. */
function numberOption(name: string, raw: string, min: number, integer = true): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min)
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} >= ${min}, got ${raw}`);
  return value;
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      history: { type: 'string', default: '100000' },
      samples: { type: 'string', default: '200' },
      warmup: { type: 'string', default: '20' },
      orders: { type: 'string', default: '100' },
      rate: { type: 'string', default: '2' },
      'order-warmup': { type: 'string', default: '6' },
      timeout: { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      'usage: npm run bench:triage -- [--history H=100000] [--samples S=200] [--warmup W=20] [--orders N=100] [--rate R=2] [--order-warmup 6] [--timeout 120]',
    );
    process.exit(0);
  }
  const rate = numberOption('rate', values.rate, 0.01, false);
  return {
    history: numberOption('history', values.history, 0),
    samples: numberOption('samples', values.samples, 1),
    warmup: numberOption('warmup', values.warmup, 0),
    orders: numberOption('orders', values.orders, 0),
    rate,
    orderWarmup: numberOption('order-warmup', values['order-warmup'], 0),
    timeoutSeconds: numberOption('timeout', values.timeout, 1),
  };
}
