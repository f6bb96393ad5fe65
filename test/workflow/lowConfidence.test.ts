import { decideAssignmentUpdate } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR } from './scenario';
import { confirmVisit } from './steps';

const harness = useWorkflowHarness();

test('a classification under the auto-assign threshold waits in the review queue; the coordinator accepts the proposal', async () => {
  const order = await harness.startOrder({ classification: { confidence: 0.7 } });

  const queued = await order.waitForStatus('needs_assignment');
  expect(queued.routing).toMatchObject({ outcome: 'review', confidence: 0.7 });
  expect(queued.pendingDecision).toMatchObject({ kind: 'assignment' });
  expect(queued.pendingDecision!.reason).toContain(
    'between the review threshold 60% and the auto-assign threshold 85%',
  );
  expect(order.calls('proposeAndBook')[0]!.request.routing.classificationConfidence).toBe(0.7);
  expect(order.record().booking).toBeNull();
  await order.waitForSearchAttributes(
    'in the review queue',
    (sa) => sa.status === 'needs_assignment' && sa.needsCoordinator === true,
  );

  const best = queued.proposal!.best!;
  const accepted = await order.update(decideAssignmentUpdate, { action: 'accept', actor: COORDINATOR });
  expect(accepted).toMatchObject({
    status: 'awaiting_confirmation',
    pendingDecision: null,
    assignment: { technicianId: best.technicianId, slot: best.slot, decidedBy: 'accept' },
  });
  expect(order.calls('bookTechnician').map((c) => c.request)).toEqual([
    { number: order.number, technicianId: best.technicianId, slot: best.slot },
  ]);
  expect(order.events().slice(-2)).toEqual(['queued_for_review', 'assigned']);
  expect(order.calls('applyChange').at(-1)!.request.event).toMatchObject({ type: 'assigned', actor: COORDINATOR });

  await confirmVisit(order);
  await order.waitForSearchAttributes('scheduled', (sa) => sa.status === 'scheduled' && sa.needsCoordinator === false);
});
