/**
 * `npm run faults -- --publish`: the drills' own output, as printed, written to docs/faults.md with the machine, the
 * command, the code and the summary, so anyone can compare a run of theirs with ours.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../test/support/paths';
import { machineLine, type Machine } from '../bench/harness';
import type { DrillResult } from './drill';

export const FAULTS_PAGE = path.join(PROJECT_ROOT, 'docs', 'faults.md');

export interface DrillsRun {
  command: string;
  startedAt: Date;
  seconds: number;
  machine: Machine;
  code: string;
  results: DrillResult[];
  /** Every line the drills printed, in order. */
  output: string[];
}

export function renderFaultsPage(run: DrillsRun): string {
  const summary = run.results.map((r) => {
    const checks = r.reconciliation
      ? `${r.reconciliation.checks.filter((c) => c.pass).length}/${r.reconciliation.checks.length}`
      : '—';
    const counts = (c: DrillResult['before'] | undefined) =>
      c ? `${c.workOrders} / ${c.workflows} / ${c.events} / ${c.outboundSms}` : '—';
    return `| \`${r.drill}\` | ${r.passed ? 'PASS' : '**FAIL**'} | ${r.seconds} s | ${checks} | ${counts(r.before)} | ${counts(r.after)} |`;
  });
  const minutes = `${Math.floor(run.seconds / 60)} min ${Math.round(run.seconds % 60)} s`;
  return [
    '# Fault drills',
    '',
    `\`${run.command}\` on ${run.startedAt.toISOString().slice(0, 10)}, ${minutes} in all. **Machine:** ${machineLine(run.machine)}. **Code:** ${run.code}.`,
    '',
    "Each drill runs on its own database (a new one on the machine's Postgres; `postgres-restart`, which restarts Postgres, on a private cluster: initdb on a free port), " +
      'its own Temporal dev server on a file database and a worker in a child process; ' +
      'it ends with the reconciliation: work orders in Postgres = workflows in Temporal = expected, the expected statuses, one text per step (also counted at the fake Twilio), ' +
      "each order's events complete, never doubled, every one attributed. See docs/benchmarks-and-faults.md, Fault drills.",
    '',
    '| drill | result | time | checks passed | before: orders / workflows / events / texts | after: orders / workflows / events / texts |',
    '| --- | --- | ---: | ---: | --- | --- |',
    ...summary,
    '',
    "## The drills' own output",
    '',
    '```text',
    ...run.output,
    '```',
    '',
  ].join('\n');
}

export async function publishFaults(run: DrillsRun): Promise<string> {
  await writeFile(FAULTS_PAGE, renderFaultsPage(run));
  return path.relative(process.cwd(), FAULTS_PAGE);
}
