/**
 * Drill: restart Postgres during a run.
 *
 * The drill runs on a Postgres cluster of its own (initdb into a temporary folder, its own port), which it stops and
 * starts three times while tenants text problems and confirmations: `fast` (sessions cut), `immediate` (a crash,
 * recovered at start), `fast` again. The API's requests fail meanwhile and are sent again; the worker's activities
 * fail and Temporal retries them. The worker texts through the real twilio SDK to a local fake Twilio.
 *
 * Expected: every order scheduled with exactly the auto path's events and texts, each text received once by Twilio.
 *
 *   npm run fault -- postgres-restart [--orders 40] [--down 3000]
 */
import { numberArg, runFromCommandLine, type DrillResult } from './drill';
import { restartDrill, type RestartDrillOptions } from './drill/restart';

export async function postgresRestartDrill(options: RestartDrillOptions = {}): Promise<DrillResult> {
  const downMs = options.downMs ?? 3_000;
  const modes = ['fast', 'immediate', 'fast'] as const;
  return restartDrill('postgres-restart', { postgres: 'private', sms: 'twilio' }, options, async (stack, index) => {
    const mode = modes[(index - 1) % modes.length]!;
    await stack.postgres!.restart({ mode, downMs });
    return `pg_ctl stop -m ${mode}, down ${downMs / 1000} s, start`;
  });
}

if (require.main === module) {
  runFromCommandLine((argv) =>
    postgresRestartDrill({ orders: numberArg(argv, 'orders'), downMs: numberArg(argv, 'down') }),
  );
}
