import { decideAssignmentUpdate } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR } from './scenario';

const harness = useWorkflowHarness();

test('the tenant never answers: a reminder, then escalated; the coordinator keeps the visit and it is scheduled', async () => {
  const order = await harness.startOrder({ durations: { confirmationWaitSeconds: 3, confirmationReminderSeconds: 1 } });
  const booked = (await order.waitForStatus('awaiting_confirmation')).assignment!;

  const escalated = await order.waitForStatus('escalated');
  expect(escalated.pendingDecision).toEqual({
    kind: 'confirmation_timeout',
    reason: 'the tenant did not answer within 3 s',
  });
  expect(escalated).toMatchObject({ needsCoordinator: true, escalatedFrom: 'awaiting_confirmation' });
  expect(order.texts()).toEqual(['tenant:confirmation_request', 'tenant:confirmation_reminder']);
  await order.waitForSearchAttributes(
    'escalated, a coordinator needed',
    (sa) => sa.status === 'escalated' && sa.needsCoordinator === true,
  );

  const kept = await order.update(decideAssignmentUpdate, { action: 'accept', actor: COORDINATOR });
  expect(kept).toMatchObject({ status: 'scheduled', tenantConfirmed: true, pendingDecision: null, assignment: booked });
  // The booked slot is kept: nothing booked again, nothing released.
  expect(order.calls('bookTechnician')).toEqual([]);
  expect(order.calls('releaseBooking')).toEqual([]);
  expect(order.events().slice(-2)).toEqual(['confirmation_timed_out', 'confirmed_by_coordinator']);
  await order.waitForText('technician_assignment');
  await order.waitForSearchAttributes(
    'scheduled, nobody needed',
    (sa) => sa.status === 'scheduled' && sa.needsCoordinator === false,
  );
});
