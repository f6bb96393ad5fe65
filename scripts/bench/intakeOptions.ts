/** The intake benchmark's command line (intake.ts). */
import { parseArgs } from 'node:util';

export interface IntakeOptions {
  /** Messages of each kind measured. */
  messages: number;
  concurrency: number;
  /** Messages of each kind sent before measuring, discarded. */
  warmup: number;
  /** Messages of each kind in a block; a round is one block of each kind. */
  block: number;
  /**
   * Where the worker that triages the new orders runs: in this process (the default, as the tests run it), in its own
   * process (`--forked-worker`, as `npm start` and docker-compose run it), or nowhere (`--no-worker`: nothing
   * competes with the webhook).
   */
  worker: 'in-process' | 'forked' | 'none';
}

const USAGE =
  'usage: npm run bench:intake -- [--messages N=300] [--concurrency C=4] [--warmup W=20] [--block B=25] [--no-worker | --forked-worker]';

export function parseIntakeOptions(argv: string[]): IntakeOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '300' },
      concurrency: { type: 'string', default: '4' },
      warmup: { type: 'string', default: '20' },
      block: { type: 'string', default: '25' },
      'no-worker': { type: 'boolean', default: false },
      'forked-worker': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string, min: number): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}, got ${raw}`);
    return value;
  };
  if (values['no-worker'] && values['forked-worker']) throw new Error('--no-worker and --forked-worker: choose one');
  return {
    messages: int('messages', values.messages, 1),
    concurrency: int('concurrency', values.concurrency, 1),
    warmup: int('warmup', values.warmup, 0),
    block: int('block', values.block, 1),
    worker: values['no-worker'] ? 'none' : values['forked-worker'] ? 'forked' : 'in-process',
  };
}
