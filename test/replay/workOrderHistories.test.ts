import { Worker } from '@temporalio/worker';
import { loadHistories } from '../support/histories';
import { installQuietRuntime } from '../support/quietRuntime';
import { TEST_BUNDLE_PATH } from '../support/paths';

// The replay worker's state changes and Core's warning for the failing task go to the test log file.
installQuietRuntime();

/** Every committed history must replay on today's workflow code: a change that would break running orders fails here. */
test('committed work order histories replay without nondeterminism', async () => {
  const histories = await loadHistories();
  expect(histories.length).toBeGreaterThanOrEqual(3);
  const results = Worker.runReplayHistories(
    { workflowBundle: { codePath: TEST_BUNDLE_PATH }, replayName: 'work-order-histories' },
    histories,
  );
  const failures: string[] = [];
  let replayed = 0;
  for await (const result of results) {
    replayed++;
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(replayed).toBe(histories.length);
});
