/**
 * Keeps one child process running for `npm start`: when it exits on its own (a crash, a kill -9, an exit of its own
 * accord) it is started again after a delay that doubles with each exit in a row, while everything else keeps serving.
 * Only stop() or kill() end it for good, and no restart happens after either.
 */
import { describeExit, type Running } from './childProcess';

export interface RestartPolicy {
  /** The delay before the first restart of a run of crashes. */
  firstDelayMs: number;
  /** The delay never grows past this. */
  maxDelayMs: number;
  /** A process that ran this long before it exited starts a new run of crashes: its restart waits firstDelayMs again. */
  resetAfterMs: number;
}

/**
 * 1 s, doubling to 30 s: a crash that repeats at once (a bad config, a dependency down) neither spins a core nor
 * floods the log, and 30 s is the longest the API or the worker stays down after its cause is fixed. A minute of
 * running counts as healthy again.
 */
export const RESTART_POLICY: RestartPolicy = { firstDelayMs: 1000, maxDelayMs: 30_000, resetAfterMs: 60_000 };

/** The delay before the restart that follows the `crashesInARow`-th exit in a row (1-based). */
export function restartDelayMs(policy: RestartPolicy, crashesInARow: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, crashesInARow - 1));
}

export interface Supervised {
  readonly name: string;
  /** The process running now; null while it waits to be restarted, and once stopped. */
  readonly current: Running | null;
  /** How many times it was restarted (or is about to be). */
  readonly restarts: number;
  /** How many times a process exited on its own. */
  readonly exits: number;
  /** Stops for good: no restart from now on; SIGTERM to the process, SIGKILL after `graceMs`. */
  stop(graceMs: number): Promise<void>;
  /** Stops for good at once: SIGKILL. */
  kill(): void;
}

export interface SuperviseOptions {
  policy?: RestartPolicy;
  /** One line per exit and restart, e.g. `worker exited with code 1; restarting in 2 s (restart 3)`. */
  log: (message: string) => void;
  /** Awaited before each restart (the embedded database lets go of the dead process's connection); its failure is only logged. */
  beforeRestart?: () => Promise<void>;
}

const seconds = (ms: number) => `${ms / 1000} s`;

/** Starts the process with `launch` and restarts it whenever it exits, until stopped. */
export function supervise(name: string, launch: () => Running, options: SuperviseOptions): Supervised {
  const policy = options.policy ?? RESTART_POLICY;
  let current: Running | null = null;
  let stopped = false;
  let restarts = 0;
  let exits = 0;
  let crashesInARow = 0;
  let pendingRestart: NodeJS.Timeout | null = null;

  const start = () => {
    const running = launch();
    const startedAt = Date.now();
    current = running;
    void running.exited.then((code) => {
      if (current === running) current = null;
      if (stopped) return;
      exits++;
      crashesInARow = Date.now() - startedAt >= policy.resetAfterMs ? 1 : crashesInARow + 1;
      const delay = restartDelayMs(policy, crashesInARow);
      restarts++;
      options.log(
        `${name} ${describeExit(code, running.child.signalCode)}; restarting in ${seconds(delay)} (restart ${restarts})`,
      );
      pendingRestart = setTimeout(() => {
        pendingRestart = null;
        void restart();
      }, delay);
    });
  };

  const restart = async () => {
    await options
      .beforeRestart?.()
      .catch((err: unknown) => options.log(`${name}: before restarting: ${(err as Error).message}`));
    if (!stopped) start();
  };

  const halt = () => {
    stopped = true;
    if (pendingRestart) clearTimeout(pendingRestart);
    pendingRestart = null;
  };

  start();
  return {
    name,
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    get exits() {
      return exits;
    },
    async stop(graceMs) {
      halt();
      await current?.stop(graceMs);
    },
    kill() {
      halt();
      current?.child.kill('SIGKILL');
    },
  };
}
