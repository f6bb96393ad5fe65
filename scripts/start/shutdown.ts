/**
 * Stopping what npm start has started, on Ctrl-C or SIGTERM or after a failed start: the API, then the worker (it
 * finishes its in-flight tasks), then the embedded database and the dev server; with no restart.
 */
import type { EmbeddedDatabase } from '../../db/embedded';
import type { DevServer } from '../devServer';
import type { Supervised } from '../supervisor';
import { log } from './log';

/** Filled in as each part starts; read again when stopping. */
export interface Started {
  devServer: DevServer | null;
  embedded: EmbeddedDatabase | null;
  /** In start order. */
  services: Supervised[];
}

/** Makes SIGINT and SIGTERM stop `started`; answers that same shutdown, for a start that fails. */
export function stopOnSignals(started: Started): (exitCode: number) => Promise<void> {
  let stopping = false;
  const shutdown = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    await stopAll(started);
    process.exit(exitCode);
  };
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // Under `npx tsx` one Ctrl-C arrives several times (the terminal, npm and tsx each deliver it): only a
    // second press, later, means "kill now".
    if (stopping && Date.now() - firstSignalAt < 1500) return;
    if (stopping) {
      log(`${signal} again: killing everything now`);
      for (const proc of started.services) proc.kill();
      process.exit(130);
    }
    firstSignalAt = Date.now();
    void shutdown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return shutdown;
}

async function stopAll(started: Started): Promise<void> {
  const anythingToStop =
    started.services.length > 0 ||
    started.embedded !== null ||
    (started.devServer !== null && !started.devServer.reused);
  if (anythingToStop) log('stopping...');
  // Reverse start order: the API first (no new work), then the worker, then the servers they talk to.
  for (const proc of [...started.services].reverse()) await proc.stop(proc.name === 'api' ? 10_000 : 30_000);
  await started.embedded
    ?.stop()
    .catch((err: unknown) =>
      console.error(`[start] the embedded database did not close cleanly: ${(err as Error).message}`),
    );
  if (started.devServer) await started.devServer.stop();
  if (anythingToStop) log('stopped');
}
