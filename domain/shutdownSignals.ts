import { constants } from 'node:os';

export interface ShutdownLog {
  info(message: string): void;
  error(details: object, message: string): void;
}

/**
 * SIGTERM or SIGINT runs `drain` once (finish what is in flight, close connections), then the process exits 0, or 1
 * when draining failed. Another signal while draining exits at once, with 128 + its number.
 */
export function onShutdownSignals(log: ShutdownLog, drain: (signal: NodeJS.Signals) => Promise<void>): void {
  let firstAt = 0;
  const handle = (signal: NodeJS.Signals) => {
    // A Ctrl-C under npm or tsx arrives several times at once (the terminal, npm and tsx each deliver it).
    if (firstAt && Date.now() - firstAt < 1000) return;
    if (firstAt) {
      log.info(`${signal} again: exiting without finishing`);
      process.exit(128 + (constants.signals[signal] ?? 15));
    }
    firstAt = Date.now();
    log.info(`${signal}: finishing in-flight work before exiting (send it again to exit at once)`);
    drain(signal).then(
      () => {
        log.info(`stopped cleanly in ${Date.now() - firstAt} ms`);
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
