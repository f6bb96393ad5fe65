import { writeWorkflowBundle } from '../../workers/bundle';
import { TEST_BUNDLE_PATH, temporalCliPath } from './paths';

/** Once per run: check the Temporal CLI is there and bundle the workflow code for every test worker. */
export default async function globalSetup(): Promise<void> {
  process.env.TEMPORAL_CLI = temporalCliPath();
  await writeWorkflowBundle(TEST_BUNDLE_PATH);
}
