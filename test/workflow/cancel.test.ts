import { cancelUpdate } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR, TENANT_ID } from './scenario';

const harness = useWorkflowHarness();

test('cancelled while awaiting confirmation: the booking released, the record closed, the tenant told', async () => {
  const order = await harness.startOrder();
  await order.waitForStatus('awaiting_confirmation');
  await order.waitForText('confirmation_request');

  const cancelled = await order.update(cancelUpdate, { reason: 'duplicate of another order', actor: COORDINATOR });
  expect(cancelled).toMatchObject({
    status: 'cancelled',
    cancelReason: 'duplicate of another order',
    pendingDecision: null,
    deadlines: { confirmationBy: null },
  });
  await expect(order.result()).resolves.toEqual({ number: order.number, status: 'cancelled' });

  expect(order.calls('releaseBooking').map((c) => c.request.reason)).toEqual(['cancelled']);
  expect(order.record()).toMatchObject({ status: 'cancelled', booking: null });
  expect(order.events().slice(-2)).toEqual(['assigned', 'cancelled']);
  expect(order.calls('applyChange').at(-1)!.request).toMatchObject({
    to: 'cancelled',
    event: { actor: COORDINATOR, payload: { reason: 'duplicate of another order' } },
  });
  // The technician was never told of a visit the tenant had not confirmed: only the tenant hears of the cancel.
  expect(order.texts()).toEqual(['tenant:confirmation_request', 'tenant:cancelled']);
  expect(order.calls('sendSms').at(-1)!.request.recipient).toEqual({ type: 'tenant', id: TENANT_ID });
  await order.waitForSearchAttributes('cancelled', (sa) => sa.status === 'cancelled' && sa.needsCoordinator === false);
});
