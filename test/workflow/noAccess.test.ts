import { decideAssignmentUpdate, noAccessSignal } from '../../workflows/definitions';
import { useWorkflowHarness, type Order } from './harness';
import { COORDINATOR } from './scenario';
import { confirmVisit } from './steps';

const harness = useWorkflowHarness();

async function turnedAway(order: Order): Promise<void> {
  await order.signal(noAccessSignal, { technicianId: 7, at: new Date().toISOString(), note: 'nobody answered' });
  await order.waitForStatus('waiting_access');
}

test('no access twice: a new visit after the first, the escalation ladder after the second; the coordinator books a time', async () => {
  const order = await harness.startOrder({ durations: { accessReplyWaitSeconds: 1, accessEscalationStepSeconds: 1 } });
  await confirmVisit(order);

  // First time: the tenant is asked for a time; silence proposes a visit anyway.
  await turnedAway(order);
  await confirmVisit(order);
  expect(order.events()).toContain('access_reply_timed_out');

  // Second time: the ladder, one step a second, up to its last step, which waits for as long as it takes.
  await turnedAway(order);
  await order.waitForSearchAttributes('on the ladder', (sa) => sa.accessEscalation === 'case_worker');
  const top = await order.waitForState('the last step', (s) => s.access?.escalation === 'eviction_notice');
  expect(top).toMatchObject({ status: 'waiting_access', needsCoordinator: true, access: { attempts: 2 } });
  expect(top.pendingDecision).toEqual({ kind: 'access', reason: 'the technician could not get in 2 times' });
  expect(order.calls('recordAccessProblem').map((c) => c.request.attempt)).toEqual([1, 2]);
  await order.waitForText('access_escalation', 3);
  expect(
    order
      .calls('sendSms')
      .filter((c) => c.request.spec.kind === 'access_escalation')
      .map((c) => c.request.spec.step),
  ).toEqual(['case_worker', 'legal', 'eviction_notice']);
  await order.waitForSearchAttributes(
    'at the top of the ladder',
    (sa) => sa.accessEscalation === 'eviction_notice' && sa.needsCoordinator === true,
  );

  const slot = {
    start: new Date(Date.now() + 86_400_000).toISOString(),
    end: new Date(Date.now() + 90_000_000).toISOString(),
  };
  const booked = await order.update(decideAssignmentUpdate, {
    action: 'override',
    technicianId: 8,
    slot,
    reason: 'the tenant agreed by phone',
    actor: COORDINATOR,
  });
  expect(booked).toMatchObject({
    status: 'awaiting_confirmation',
    assignment: { technicianId: 8, slot, decidedBy: 'override' },
    access: { escalation: null },
  });
  expect(order.calls('bookTechnician').map((c) => c.request.technicianId)).toEqual([8]);
  expect(order.events().filter((e) => e.startsWith('access_'))).toEqual([
    'access_reply_timed_out',
    'access_escalated',
    'access_escalated',
    'access_escalated',
    'access_arranged',
  ]);
  await order.waitForSearchAttributes(
    'off the ladder',
    (sa) => sa.accessEscalation === undefined && sa.needsCoordinator === false,
  );

  // The first technician hears that access was arranged and, once confirmed, that the job went to another.
  await confirmVisit(order);
  await order.waitForText('technician_assignment', 3);
  expect(order.texts().filter((t) => t.startsWith('technician:'))).toEqual([
    'technician:technician_assignment',
    'technician:technician_assignment',
    'technician:technician_access_granted',
    'technician:technician_unassigned',
    'technician:technician_assignment',
  ]);
});
