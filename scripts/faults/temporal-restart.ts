/**
 * Drill: restart the Temporal dev server during a run.
 *
 * The drill's own dev server keeps its state in a SQLite file; it is stopped (SIGTERM) and started again on the same
 * port and file three times while tenants text problems and confirmations. The API's requests fail meanwhile (a
 * workflow can't be started or signalled; the text's transaction rolls back) and are sent again; the worker and the
 * clients reconnect on their own.
 *
 * Expected: every workflow resumes: every order scheduled, each workflow running and answering its state query,
 * with exactly the auto path's events and texts.
 *
 *   npm run fault -- temporal-restart [--orders 40] [--down 3000]
 */
import { numberArg, runFromCommandLine, type DrillResult } from './drill';
import { restartDrill, type RestartDrillOptions } from './drill/restart';

export async function temporalRestartDrill(options: RestartDrillOptions = {}): Promise<DrillResult> {
  const downMs = options.downMs ?? 3_000;
  if (options.temporal)
    throw new Error('the temporal-restart drill restarts a dev server of its own: it cannot share one');
  return restartDrill('temporal-restart', {}, options, async (stack) => {
    await stack.temporal.restart(downMs);
    return `dev server stopped (SIGTERM), down ${downMs / 1000} s, started again on the same file database`;
  });
}

if (require.main === module) {
  runFromCommandLine((argv) =>
    temporalRestartDrill({ orders: numberArg(argv, 'orders'), downMs: numberArg(argv, 'down') }),
  );
}
