import type { DrillResult } from '../../scripts/faults/drill';
import { renderFaultsPage } from '../../scripts/faults/publish';
import type { Counts } from '../../scripts/faults/reconcile';

const counts = (workOrders: number, events: number, texts: number): Counts => ({
  workOrders,
  workflows: workOrders,
  workflowsRunning: 0,
  events,
  outboundSms: texts,
  inboundSms: texts,
  decisions: workOrders,
  providerMessages: texts,
  byStatus: {},
});

const passed: DrillResult = {
  drill: 'kill-worker',
  passed: true,
  before: counts(0, 0, 0),
  after: counts(100, 1234, 300),
  reconciliation: {
    counts: counts(100, 1234, 300),
    passed: true,
    checks: [
      { name: 'a', pass: true, detail: '' },
      { name: 'b', pass: true, detail: '' },
    ],
  },
  facts: [],
  seconds: 240.5,
};
// What run.ts records for a drill that threw before its reconciliation.
const unfinished = { drill: 'ai-faults', passed: false, seconds: 0 } as DrillResult;

describe('the fault drills page', () => {
  const page = renderFaultsPage({
    command: 'npm run faults -- --publish',
    startedAt: new Date('2026-11-22T11:00:00Z'),
    seconds: 905,
    machine: {
      cores: 2,
      cpuModel: 'AMD EPYC',
      totalMemory: '24105.1 MiB',
      platform: 'linux x64',
      loadAverage1m: '1.00',
      node: 'v20.20.2',
      temporalCli: 'temporal 1.5.1',
      postgres: 'postgres (PostgreSQL) 15.20',
    },
    code: 'abc1234',
    results: [passed, unfinished],
    output: ['[kill-worker] before: work orders 0', '[kill-worker] PASSED in 240.5 s'],
  });

  it('gives the run, the machine and one summary row per drill, before and after', () => {
    expect(page).toContain('`npm run faults -- --publish` on 2026-11-22, 15 min 5 s in all');
    expect(page).toContain('2 cores (AMD EPYC)');
    expect(page).toContain('PostgreSQL) 15.20');
    expect(page).toContain('| `kill-worker` | PASS | 240.5 s | 2/2 | 0 / 0 / 0 / 0 | 100 / 100 / 1234 / 300 |');
    expect(page).toContain('| `ai-faults` | **FAIL** | 0 s | — | — | — |');
  });

  it("holds the drills' output as printed", () => {
    expect(page).toContain('```text\n[kill-worker] before: work orders 0\n[kill-worker] PASSED in 240.5 s\n```');
  });
});
