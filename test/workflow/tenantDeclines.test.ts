import { useWorkflowHarness } from './harness';
import { confirmVisit, tenantAnswers } from './steps';

const harness = useWorkflowHarness();

test('the tenant says NO: the booking is released, the slot excluded, another visit proposed and confirmed', async () => {
  const order = await harness.startOrder();
  const first = (await order.waitForStatus('awaiting_confirmation')).assignment!;

  await tenantAnswers(order, 'no');
  const second = await order.waitForState(
    'a second visit awaiting confirmation',
    (s) => s.status === 'awaiting_confirmation' && s.attempts.assignment === 2,
  );
  expect(order.calls('releaseBooking').map((c) => c.request.reason)).toEqual(['tenant_declined']);
  const [, again] = order.calls('proposeAndBook');
  expect(again!.request.proposal.excludedSlots).toEqual([{ technicianId: first.technicianId, slot: first.slot }]);
  expect(second.assignment).not.toMatchObject({ technicianId: first.technicianId, slot: first.slot });
  expect(order.record().booking).toEqual({
    technicianId: second.assignment!.technicianId,
    slot: second.assignment!.slot,
  });

  await confirmVisit(order);
  expect(order.events()).toEqual([
    'triage_started',
    'context_enriched',
    'classified',
    'assigned',
    'tenant_declined',
    'assigned',
    'tenant_confirmed',
  ]);
  expect(order.record().events.map((e) => e.to ?? '-')).toEqual([
    'triage',
    '-',
    '-',
    'awaiting_confirmation',
    'needs_assignment',
    'awaiting_confirmation',
    'scheduled',
  ]);
  expect(order.texts().filter((t) => t === 'tenant:confirmation_request')).toHaveLength(2);
  await order.waitForSearchAttributes(
    'scheduled with the second technician',
    (sa) => sa.status === 'scheduled' && sa.technicianId === String(second.assignment!.technicianId),
  );
});
