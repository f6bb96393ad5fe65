import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import path from 'node:path';
import { loadHistories } from '../support/histories';
import { installQuietRuntime } from '../support/quietRuntime';

// The replay worker's state changes and Core's warning for the failing task go to the test log file.
installQuietRuntime();

test('a deliberately incompatible workflow change fails the replay of committed histories', async () => {
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(__dirname, '..', 'fixtures', 'incompatibleWorkflow'),
    logger: {
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      debug: () => undefined,
      trace: () => undefined,
      log: () => undefined,
    },
  });
  const [first] = await loadHistories();
  const results = Worker.runReplayHistories({ workflowBundle: { code }, replayName: 'incompatible-change' }, [first!]);
  const errors: string[] = [];
  for await (const result of results) if (result.error) errors.push(`${result.error.name}: ${result.error.message}`);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/DeterminismViolation|[Nn]ondetermin/);
});
