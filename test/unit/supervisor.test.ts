import { PassThrough } from 'node:stream';
import { runProcess, type Running } from '../../scripts/childProcess';
import {
  restartDelayMs,
  RESTART_POLICY,
  supervise,
  type RestartPolicy,
  type Supervised,
} from '../../scripts/supervisor';

/** Real child processes that crash, run, or ignore SIGTERM; the supervisor's delays are made short. */

const output = new PassThrough();
output.resume();

function node(name: string, code: string): () => Running {
  return () =>
    runProcess(name, process.execPath, ['-e', code], { ownProcessGroup: false, stdout: output, stderr: output });
}

/** A supervisor whose log lines are kept, and a way to wait until `n` lines mention a restart. */
function supervised(name: string, code: string, policy: RestartPolicy, beforeRestart?: () => Promise<void>) {
  const lines: string[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let launches = 0;
  const launch = node(name, code);
  const proc: Supervised = supervise(
    name,
    () => {
      launches++;
      return launch();
    },
    {
      policy,
      beforeRestart,
      log: (line) => {
        lines.push(line);
        const restarts = lines.filter((l) => l.includes('restarting')).length;
        for (const w of waiters.filter((w) => restarts >= w.n)) w.resolve();
      },
    },
  );
  return {
    proc,
    lines,
    get launches() {
      return launches;
    },
    restartsLogged: (n: number) => new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}

const FAST: RestartPolicy = { firstDelayMs: 20, maxDelayMs: 80, resetAfterMs: 60_000 };

test('the delay doubles from the first to the cap: 1, 2, 4, 8, 16, 30, 30 s by default', () => {
  expect([1, 2, 3, 4, 5, 6, 7].map((n) => restartDelayMs(RESTART_POLICY, n))).toEqual([
    1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
  ]);
});

test('a process that crashes is restarted again and again, each delay double the one before up to the cap, and says so', async () => {
  const s = supervised('worker', 'process.exit(1)', FAST);
  await s.restartsLogged(5);
  await s.proc.stop(1000);
  expect(s.lines.slice(0, 5)).toEqual([
    'worker exited with code 1; restarting in 0.02 s (restart 1)',
    'worker exited with code 1; restarting in 0.04 s (restart 2)',
    'worker exited with code 1; restarting in 0.08 s (restart 3)',
    'worker exited with code 1; restarting in 0.08 s (restart 4)',
    'worker exited with code 1; restarting in 0.08 s (restart 5)',
  ]);
  expect(s.launches).toBeGreaterThanOrEqual(5);
});

test('a process that ran longer than resetAfterMs before it exited is restarted after the first delay again', async () => {
  // Each run lasts 300 ms, longer than the 100 ms that count as healthy: every restart is a first one.
  const s = supervised('api', 'setTimeout(() => process.exit(3), 300)', {
    firstDelayMs: 20,
    maxDelayMs: 1000,
    resetAfterMs: 100,
  });
  await s.restartsLogged(3);
  await s.proc.stop(1000);
  expect(s.lines.slice(0, 3)).toEqual([
    'api exited with code 3; restarting in 0.02 s (restart 1)',
    'api exited with code 3; restarting in 0.02 s (restart 2)',
    'api exited with code 3; restarting in 0.02 s (restart 3)',
  ]);
});

test('a process killed by a signal is restarted and the log names the signal', async () => {
  const s = supervised('worker', 'setInterval(() => {}, 1000)', FAST);
  const first = s.proc.current!;
  first.child.kill('SIGKILL');
  await s.restartsLogged(1);
  expect(s.lines[0]).toBe('worker was killed by SIGKILL; restarting in 0.02 s (restart 1)');
  await new Promise<void>((resolve) => {
    const check = () => (s.proc.current && s.proc.current !== first ? resolve() : setTimeout(check, 10));
    check();
  });
  expect(s.proc.current!.child.pid).not.toBe(first.child.pid);
  await s.proc.stop(1000);
  expect(s.proc.current).toBeNull();
});

test('stop() ends a running process for good: SIGTERM, no restart', async () => {
  const s = supervised(
    'worker',
    "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 1000); console.log('up')",
    FAST,
  );
  const child = s.proc.current!;
  await new Promise((resolve) => child.child.stdout!.once('data', resolve));
  await s.proc.stop(5000);
  expect(child.child.exitCode).toBe(0);
  expect(s.proc.current).toBeNull();
  expect(s.launches).toBe(1);
  expect(s.lines).toEqual([]);
});

test('stop() while a restart is pending cancels it: no launch however long one waits after', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    const s = supervised('worker', 'process.exit(1)', {
      firstDelayMs: 60_000,
      maxDelayMs: 60_000,
      resetAfterMs: 60_000,
    });
    await s.restartsLogged(1);
    expect(jest.getTimerCount()).toBe(1);
    await s.proc.stop(1000);
    jest.advanceTimersByTime(120_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(s.launches).toBe(1);
    expect(s.proc.current).toBeNull();
  } finally {
    jest.useRealTimers();
  }
});

test('a process that ignores SIGTERM is killed after the grace period, and not restarted', async () => {
  const s = supervised(
    'api',
    "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); setInterval(() => {}, 1000); console.log('ready')",
    FAST,
  );
  const child = s.proc.current!;
  // Once it prints, its SIGTERM handler is installed.
  await new Promise((resolve) => child.child.stdout!.once('data', resolve));
  await s.proc.stop(200);
  expect(child.child.signalCode).toBe('SIGKILL');
  expect(s.launches).toBe(1);
  expect(s.lines).toEqual([]);
});

test('beforeRestart is awaited before each restart, and a restart it outlasts after stop() does not happen', async () => {
  let release: () => void = () => undefined;
  let calls = 0;
  const s = supervised('app', 'process.exit(1)', FAST, () => {
    calls++;
    return new Promise<void>((resolve) => (release = resolve));
  });
  await s.restartsLogged(1);
  await new Promise<void>((resolve) => {
    const check = () => (calls === 1 ? resolve() : setTimeout(check, 5));
    check();
  });
  expect(s.launches).toBe(1);
  await s.proc.stop(1000);
  release();
  await new Promise((resolve) => setImmediate(resolve));
  expect(s.launches).toBe(1);
});
