/**
 * The timers benchmark at the full size, 10,000 open work orders, is a run of its own (about 35 minutes on
 * 2 cores: creating them through the full path is what takes the time), outside the suite's 15 minutes:
 *
 *   npm run bench:timers10k      # timers.ts --orders 10000 --rate 8 --timeout 1800 --publish
 *
 * `--publish` writes that run to docs/benchmarks-timers-10k.json (the run's JSON with its printed report) and
 * docs/benchmarks-timers-10k.md (the page); the suite's page (all.ts, report.ts) shows its figures beside its own.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../test/support/paths';
import { withoutServerBanner } from './report';

export const LONG_RUN_JSON = path.join(PROJECT_ROOT, 'docs', 'benchmarks-timers-10k.json');
export const LONG_RUN_PAGE = path.join(PROJECT_ROOT, 'docs', 'benchmarks-timers-10k.md');

export interface LongTimersRun {
  command: string;
  /** Wall time of the whole run, seconds. */
  seconds: number;
  exitCode: number;
  /** What timers.ts printed (its table, notes, conditions and checks). */
  report: string;
  /** The run's JSON as timers.ts wrote it. */
  run: Record<string, unknown>;
}

export function renderLongRunPage(longRun: LongTimersRun): string {
  const minutes = `${Math.floor(longRun.seconds / 60)} min ${Math.round(longRun.seconds % 60)} s`;
  return [
    '# Timers benchmark at 10,000 open work orders',
    '',
    `\`${longRun.command}\`, ${minutes} in all, exit code ${longRun.exitCode}. The suite (\`npm run bench\`, [benchmarks.md](benchmarks.md)) must finish in 15 minutes, ` +
      'so it parks as many orders as its budget allows and extrapolates; this run parks the 10,000 the issue names, through the same full path ' +
      '(signed SMS webhook → triage → heuristic classification → auto-assignment → texts), and measures them.',
    '',
    withoutServerBanner(longRun.report).trim(),
    '',
  ].join('\n');
}

export async function publishLongRun(longRun: LongTimersRun): Promise<string[]> {
  await writeFile(LONG_RUN_JSON, `${JSON.stringify(longRun, null, 2)}\n`);
  await writeFile(LONG_RUN_PAGE, renderLongRunPage(longRun));
  return [LONG_RUN_JSON, LONG_RUN_PAGE].map((file) => path.relative(process.cwd(), file));
}

/** The published long run, or null when there is none (or it does not parse). */
export async function readLongRun(): Promise<LongTimersRun | null> {
  try {
    const parsed = JSON.parse(await readFile(LONG_RUN_JSON, 'utf8')) as LongTimersRun;
    return parsed && typeof parsed === 'object' && parsed.run ? parsed : null;
  } catch {
    return null;
  }
}
