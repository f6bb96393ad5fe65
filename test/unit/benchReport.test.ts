import {
  figuresOf,
  renderMarkdown,
  withoutServerBanner,
  type BenchmarkRun,
  type Suite,
} from '../../scripts/bench/report';
import { markdownTable, percentile, ratio, summarize } from '../../scripts/bench/stats';

describe('bench stats', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 50)).toBe(5);
    expect(percentile(sorted, 95)).toBe(10);
    expect(percentile(sorted, 10)).toBe(1);
    expect(percentile([42], 99)).toBe(42);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(sorted, 0)).toThrow(RangeError);
  });

  it('summarizes unsorted samples', () => {
    const s = summarize([30, 10, 20, 40]);
    expect(s).toEqual({ n: 4, min: 10, mean: 25, p50: 20, p95: 40, p99: 40, max: 40 });
    expect(summarize([]).n).toBe(0);
  });

  it('prints ratios and tables', () => {
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(3, 0)).toBe('n/a');
    expect(markdownTable(['a', 'b'], [['1', '2']], [false, true])).toBe('| a | b |\n| --- | ---: |\n| 1 | 2 |');
    expect(markdownTable(['a', 'b', 'c'], [['x', '1', '2']], 'after-label')).toBe(
      markdownTable(['a', 'b', 'c'], [['x', '1', '2']], [false, true, true]),
    );
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});

const summary = (p50: number, p95: number, p99 = p95, n = 100) => ({ n, p50, p95, p99, min: 0, max: p99, mean: p50 });

const RUNS: BenchmarkRun[] = [
  {
    name: 'intake',
    code: 0,
    seconds: 70,
    loadAtStart: '0.40',
    report: '## SMS intake benchmark',
    json: {
      options: { messages: 300, warmup: 20, concurrency: 4 },
      measurements: { intake: summary(136, 224, 307, 300), help: summary(29.5, 135, 240, 300) },
    },
  },
  {
    name: 'triage',
    code: 0,
    seconds: 150,
    loadAtStart: '0.90',
    report: '## Triage benchmark',
    json: {
      options: { orders: 100, rate: 2, orderWarmup: 6, warmup: 20 },
      context: { empty: summary(3.7, 8.1), large: { ...summary(33.7, 56, 68, 200), historyRows: 100_034 } },
      webhook: { assigned: summary(1288, 1454), answer: summary(24.5, 52.3) },
    },
  },
  {
    name: 'throughput',
    code: 1,
    seconds: 90,
    loadAtStart: '1.10',
    report: '## Throughput benchmark',
    json: {
      options: { orders: 200, concurrency: 8, empty: 200 },
      orders: { perSecond: 3.2, autoAssigned: 180, lostBookingRace: 20 },
      emptyBefore: { perSecond: 60 },
      emptyAfter: { perSecond: 70 },
      emptyPerSecond: 65,
      ratio: 3.2 / 65,
      perOrder: { workflowTasks: 13, activities: 12 },
      conditions: { technicians: '12 internal technicians (the demo’s 3 and copies)' },
    },
  },
  { name: 'eventStream', code: 0, seconds: 40, loadAtStart: '1.00', report: '', json: null },
];

describe('bench report', () => {
  it('reads each figure from its benchmark with the same-run baseline and the ratio', () => {
    const figures = figuresOf(RUNS);
    const byName = (start: string) =>
      figures.find((f) => f.figure.startsWith(start) || f.figure.startsWith(`**${start}`))!;

    const intake = byName('Intake');
    expect(intake.value).toBe('p50 136.0 / p95 224.0 / p99 307.0 ms');
    expect(intake.baseline).toContain('p50 29.5');
    expect(intake.ratio).toBe('p50 4.61× / p95 1.66× / p99 1.28×');
    expect(intake.conditions).toContain('N 300 per kind');

    expect(byName('Webhook → assigned').ratio).toBe('p50 52.57× / p95 27.80×');
    expect(byName('Context assembly').figure).toContain('100,034');
    expect(byName('Context assembly').value).toBe('p95 56.0 ms (p50 33.7)');

    const throughput = byName('Throughput');
    expect(throughput.value).toBe('3.20 orders/s');
    expect(throughput.ratio).toBe('**0.049×**');
    expect(throughput.conditions).toContain('20 to review after losing the booking race');
    expect(throughput.conditions).toContain('a check failed: exit code 1');

    expect(byName('Event stream').value).toBe('no result (exit code 0)');
    expect(byName('Open work orders waiting on timers').value).toBe('not run');
    expect(figures).toHaveLength(7);
  });

  it('adds the published 10,000-order timers run beside the suite, with its own date and code', () => {
    const longRun = {
      command: 'npm run bench:timers -- --orders 10000 --rate 4 --timeout 1800 --publish',
      seconds: 3400,
      exitCode: 0,
      report: '## Timers benchmark',
      run: {
        options: { queries: 16 },
        conditions: { date: '2026-11-22T10:00:00.000Z', code: 'abc1234' },
        parked: { total: 10_000, onTimers: 9_900 },
        creation: { perSecond: 3.9, wallMs: 2_580_000 },
        memory: { idleRss: 200 * 1024 * 1024, cachedRssPerWorkflow: 400 * 1024 },
        crash: {
          rssAfterBytes: 4000 * 1024 * 1024,
          pickupMs: 350_000,
          startMs: 2500,
          steadyPerSecond: 30,
          after: { numCachedWorkflows: 10_000 },
        },
        evicted: { rssAfterBytes: 320 * 1024 * 1024, pickupMs: 430_000 },
        workerHeapLimitMiB: 7084,
      },
    };
    const figures = figuresOf(RUNS, longRun);
    const memory = figures.find((f) => f.figure.includes('10,000 open work orders waiting on timers'))!;
    expect(memory.value).toBe('10,000 cached: 4000.0 MiB; evicted: 320.0 MiB');
    expect(memory.ratio).toBe('cached ÷ evicted 12.50×');
    expect(memory.conditions).toContain('on 2026-11-22, code abc1234, exit code 0');
    expect(memory.conditions).toContain('9,900 of 10,000 on their confirmation timers');
    expect(memory.conditions).toContain('heap limit raised to 7,084 MiB');
    const pickup = figures.find((f) => f.figure.startsWith('Restarted worker picking up 10,000'))!;
    expect(pickup.value).toBe('350.0 s (new worker polling after 2.5 s)');
    expect(pickup.ratio).toBe('0.81×');
    expect(figures).toHaveLength(9);
  });

  const suite: Suite = {
    startedAt: '2026-11-22T08:00:00.000Z',
    totalSeconds: 754,
    machine: {
      cores: 2,
      cpuModel: 'AMD EPYC',
      totalMemory: '24105.1 MiB',
      platform: 'linux x64',
      loadAverage1m: '0.50',
      node: 'v20.20.2',
      temporalCli: 'temporal 1.29.1',
      postgres: '15.20',
    },
    loadAverage1mAtEnd: '1.90',
    code: 'abc1234',
    command: 'npm run bench',
    runs: RUNS,
    notes: ['timers: 600 orders | fits the budget'],
  };

  it('writes the page: machine, table, notes and each report', () => {
    const page = renderMarkdown(suite, figuresOf(RUNS));
    expect(page).toContain('`npm run bench` on 2026-11-22, 12 min 34 s in all');
    expect(page).toContain('2 cores (AMD EPYC), 24105.1 MiB RAM');
    expect(page).toContain('Postgres 15.20');
    expect(page).toContain('| figure | value | baseline (same run) | ratio | conditions |');
    expect(page).toContain('- timers: 600 orders | fits the budget');
    expect(page).toContain('<details><summary><code>triage</code> (exit code 0, 150 s)</summary>');
    expect(page).toContain('| `triage` | 0 | 150 s | 0.90 |');
    // A table cell never breaks the table.
    for (const line of page.split('\n').filter((l) => l.startsWith('| Intake')))
      expect(line.split(' | ')).toHaveLength(5);
    expect(page).not.toContain('## Before and after');
  });

  it('shows a kept comparison with an earlier run after the runs, before the reports', () => {
    const page = renderMarkdown(suite, figuresOf(RUNS), '| figure | before | after |\n| --- | --- | --- |\n');
    const section = page.indexOf('## Before and after');
    expect(section).toBeGreaterThan(page.indexOf('| `triage` | 0 | 150 s | 0.90 |'));
    expect(section).toBeLessThan(page.indexOf("## Each benchmark's report"));
    expect(page.slice(section)).toMatch(/^## Before and after\n\n\| figure \| before \| after \|/);
  });
});

describe('bench report text', () => {
  it('drops the dev server banner from a benchmark report', () => {
    const printed =
      'CLI 0.0.0-DEV (Server 1.29.1, UI 2.42.1)\n\nServer:  localhost:34377\nMetrics: http://localhost:44791/metrics\n## Throughput benchmark\n\n| a |';
    expect(withoutServerBanner(printed)).toBe('## Throughput benchmark\n\n| a |');
  });
});
