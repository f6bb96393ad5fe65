import { findTemporalCli } from '../../scripts/temporalCli';
import { writeWorkflowBundle } from '../../workers/bundle';
import { TEST_BUNDLE_PATH, writeQuietServer } from './paths';

/**
 * Once per run: find the Temporal CLI and bundle the workflow code for every test worker. Without a CLI the unit
 * tests still run; a test that starts a server says where the CLI is looked for.
 */
export default async function globalSetup(): Promise<void> {
  const cli = findTemporalCli();
  if (cli) {
    process.env.TEMPORAL_CLI = cli;
    writeQuietServer(cli);
  }
  await writeWorkflowBundle(TEST_BUNDLE_PATH);
}
