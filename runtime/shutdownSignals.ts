import { constants } from 'node:os';

export interface ShutdownLog {
  info(message: string): void;
  error(details: object, message: string): void;
}

interface Registration {
  log: ShutdownLog;
  drain: (signal: NodeJS.Signals) => Promise<void>;
}

// One process may hold several services (scripts/workerAndApi.ts runs the worker and the API): every drain runs,
// and the process exits once all have finished.
const registrations: Registration[] = [];
let firstAt = 0;

function handle(signal: NodeJS.Signals): void {
  const log = registrations[0]!.log;
  // A Ctrl-C under npm or tsx arrives several times at once (the terminal, npm and tsx each deliver it).
  if (firstAt && Date.now() - firstAt < 1000) return;
  if (firstAt) {
    log.info(`${signal} again: exiting without finishing`);
    process.exit(128 + (constants.signals[signal] ?? 15));
  }
  firstAt = Date.now();
  log.info(`${signal}: finishing in-flight work before exiting (send it again to exit at once)`);
  void Promise.allSettled(
    registrations.map(({ log: own, drain }) =>
      drain(signal).catch((err: unknown) => {
        own.error({ err }, 'shutdown failed');
        throw err;
      }),
    ),
  ).then((results) => {
    const failed = results.some((r) => r.status === 'rejected');
    if (!failed) log.info(`stopped cleanly in ${Date.now() - firstAt} ms`);
    process.exit(failed ? 1 : 0);
  });
}

/**
 * SIGTERM or SIGINT runs `drain` once (finish what is in flight, close connections), then the process exits 0, or 1
 * when draining failed. Another signal while draining exits at once, with 128 + its number.
 */
export function onShutdownSignals(log: ShutdownLog, drain: (signal: NodeJS.Signals) => Promise<void>): void {
  registrations.push({ log, drain });
  if (registrations.length > 1) return;
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
