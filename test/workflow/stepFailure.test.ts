import { cancelUpdate, retryStepUpdate } from '../../workflows/definitions';
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

/**
 * When the first step, beginTriage, fails, the rules are never loaded: the cancel's texts give times in the default
 * zone (workflows/workOrder/primitives.ts timeZoneOf). Before that fix the workflow task threw on every attempt and the
 * cancel never answered.
 */
test('a cancel after the first step failed ends the order cancelled', async () => {
  const order = await harness.startOrder({ failFirst: { beginTriage: 1 } });
  await order.waitForState('a failed first step', (s) => s.failedStep?.step === 'beginTriage');

  const cancel = order.update(cancelUpdate, { reason: 'opened by mistake', actor: COORDINATOR });
  let noAnswerTimer: NodeJS.Timeout | undefined;
  try {
    const noAnswer = new Promise((resolve) => (noAnswerTimer = setTimeout(resolve, 8_000, 'no answer within 8 s')));
    await expect(Promise.race([cancel, noAnswer])).resolves.toMatchObject({ status: 'cancelled', failedStep: null });
    expect(order.record().status).toBe('cancelled');
  } finally {
    // A pending timer would hold the jest worker open past its last file (jest then force-exits it, and says so).
    clearTimeout(noAnswerTimer);
    // Should the run not end, end it, so the update's long poll ends with it.
    await order.handle.terminate('the test is over').catch(() => undefined);
    await cancel.catch(() => undefined);
  }
});
