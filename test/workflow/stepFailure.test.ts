import { retryStepUpdate } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR } from './scenario';

const harness = useWorkflowHarness();

test('a step that fails for good waits for a coordinator (step_failed); retried, the order goes on', async () => {
  const order = await harness.startOrder({ failFirst: { proposeAndBook: 1 } });

  const failed = await order.waitForState('a failed step', (s) => s.pendingDecision?.kind === 'step_failed');
  expect(failed).toMatchObject({ status: 'triage', needsCoordinator: true });
  expect(failed.failedStep).toMatchObject({
    step: 'proposeAndBook',
    failureType: 'PermanentDataError',
    message: 'proposeAndBook refused (injected failure 1)',
    retriesExhausted: false,
    mayBookVisit: true,
  });
  // Non-retryable: one try, no retries.
  expect(order.calls('proposeAndBook')).toHaveLength(1);
  expect(order.events()).toContain('step_failed');
  await order.waitForSearchAttributes('a coordinator needed', (sa) => sa.needsCoordinator === true);
  // Logged on purpose (to the test log file, not the output): the worker's and the workflow's one warning each.
  await harness.waitForLog('step failed, waiting for a coordinator');
  const warnings = harness.logged().map((line) => line.replace(/^\S+ /, '').split(' {')[0]);
  expect(warnings).toEqual(['[WARN] Activity failed', '[WARN] step failed, waiting for a coordinator']);
  expect(harness.logged()[1]).toContain("step: 'proposeAndBook'");

  const retried = await order.update(retryStepUpdate, { actor: COORDINATOR });
  expect(retried).toMatchObject({ pendingDecision: null, failedStep: null });
  const booked = await order.waitForStatus('awaiting_confirmation');
  expect(booked.assignment).toMatchObject({ technicianId: 7, decidedBy: 'auto' });
  expect(order.calls('proposeAndBook')).toHaveLength(2);
  expect(order.events().slice(3)).toEqual(['step_failed', 'step_retried', 'assigned']);
  expect(order.calls('applyChange').find((c) => c.request.event.type === 'step_retried')!.request.event.actor).toEqual(
    COORDINATOR,
  );
  await order.waitForSearchAttributes(
    'back on its path',
    (sa) => sa.status === 'awaiting_confirmation' && sa.needsCoordinator === false,
  );
});
