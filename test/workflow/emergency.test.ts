import { decideAssignmentUpdate } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR } from './scenario';
import { checkIn, tenantAnswers } from './steps';

const harness = useWorkflowHarness();

test('an emergency is scheduled without asking; a NO goes to the coordinator, who keeps the visit; check-in', async () => {
  const order = await harness.startOrder({ classification: { priority: 'emergency', skillsRequired: ['plumbing'] } });

  const scheduled = await order.waitForStatus('scheduled');
  expect(scheduled).toMatchObject({ priority: 'emergency', toldNotAsked: 'emergency', tenantConfirmed: false });
  const sla = scheduled.deadlines.slaDeadline!;
  expect(new Date(scheduled.assignment!.slot.start).getTime()).toBeLessThan(new Date(sla).getTime());
  await order.waitForText('technician_assignment');
  expect(order.texts()).toEqual(['tenant:visit_booked', 'technician:technician_assignment']);
  expect(order.events().slice(-2)).toEqual(['assigned', 'scheduled_without_confirmation']);
  await order.waitForSearchAttributes(
    'scheduled, emergency, with its SLA',
    (sa) => sa.status === 'scheduled' && sa.priority === 'emergency' && sa.slaDeadline?.toISOString() === sla,
  );

  await tenantAnswers(order, 'no');
  const objected = await order.waitForState('the objection pending', (s) => s.pendingDecision !== null);
  expect(objected).toMatchObject({ status: 'scheduled', needsCoordinator: true });
  expect(objected.pendingDecision!.kind).toBe('visit_objection');
  const kept = await order.update(decideAssignmentUpdate, { action: 'accept', actor: COORDINATOR });
  expect(kept).toMatchObject({ status: 'scheduled', pendingDecision: null, needsCoordinator: false });
  expect(order.calls('releaseBooking')).toEqual([]);

  await checkIn(order);
  expect(order.events().slice(-3)).toEqual(['tenant_objected', 'visit_kept_by_coordinator', 'checked_in']);
  await order.waitForSearchAttributes('in progress', (sa) => sa.status === 'in_progress' && !sa.needsCoordinator);
});
