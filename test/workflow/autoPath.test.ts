import {
  photosSubmittedSignal,
  reviewUpdate,
  technicianCheckInSignal,
  tenantReplySignal,
} from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR, TENANT_ID } from './scenario';

const harness = useWorkflowHarness();

test('the auto path: booked, the tenant says YES, check-in, photos, approved: completed', async () => {
  const order = await harness.startOrder();

  const asked = await order.waitForStatus('awaiting_confirmation');
  expect(
    order
      .calls()
      .slice(0, 3)
      .map((c) => c.name),
  ).toEqual(['beginTriage', 'triageOrder', 'proposeAndBook']);
  const booked = order.calls('proposeAndBook')[0]!;
  expect(booked.request.assigned).toMatchObject({ to: 'awaiting_confirmation', event: { type: 'assigned' } });
  expect(asked.assignment).toMatchObject({ technicianId: 7, decidedBy: 'auto' });
  await order.waitForText('confirmation_request');
  expect(order.calls('sendSms')[0]!.request).toMatchObject({
    recipient: { type: 'tenant', id: TENANT_ID },
    spec: { technicianId: 7, at: asked.assignment!.slot.start },
  });

  await order.signal(tenantReplySignal, { answer: 'yes', messageSid: 'SM-yes', tenantId: TENANT_ID });
  await order.waitForStatus('scheduled');
  await order.waitForText('technician_assignment');

  await order.signal(technicianCheckInSignal, { technicianId: 7, at: new Date().toISOString() });
  await order.waitForStatus('in_progress');
  const photos = [
    { id: 'p1', kind: 'before' as const },
    { id: 'p2', kind: 'after' as const },
    { id: 'p3', kind: 'cleanup' as const },
  ];
  await order.signal(photosSubmittedSignal, { technicianId: 7, photos, notes: 'replaced the trap' });
  const ready = await order.waitForStatus('ready_review');
  expect(order.calls('reviewPhotos')[0]!.request).toMatchObject({ photos, checkedInAt: expect.any(String) });
  expect(ready.deadlines.reviewBy).not.toBeNull();

  const approved = await order.update(reviewUpdate, { approve: true, notes: 'clean job', actor: COORDINATOR });
  expect(approved.status).toBe('completed');
  await expect(order.result()).resolves.toEqual({ number: order.number, status: 'completed' });

  expect(order.calls('releaseBooking').map((c) => c.request.reason)).toEqual(['completed']);
  expect(order.calls('openSurvey')).toHaveLength(1);
  expect(order.texts()).toEqual([
    'tenant:confirmation_request',
    'technician:technician_assignment',
    'tenant:survey_request',
  ]);
  expect(order.events()).toEqual([
    'triage_started',
    'context_enriched',
    'classified',
    'assigned',
    'tenant_confirmed',
    'checked_in',
    'photos_submitted',
    'review_approved',
  ]);
  expect(order.record().status).toBe('completed');
  expect(await order.waitForSearchAttributes('completed', (sa) => sa.status === 'completed')).toMatchObject({
    priority: 'medium',
    buildingId: '11',
    technicianId: '7',
    needsCoordinator: false,
  });
});
