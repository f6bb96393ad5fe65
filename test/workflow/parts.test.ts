import { partsArrivedSignal, partsNeededSignal } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { checkIn, confirmVisit } from './steps';

const harness = useWorkflowHarness();

test('parts needed: waiting_parts until they arrive, then a new visit is booked and confirmed', async () => {
  const order = await harness.startOrder();
  await confirmVisit(order);
  await checkIn(order);

  const eta = new Date(Date.now() + 3 * 86_400_000).toISOString();
  const parts = [{ name: 'P-trap 1 1/2"', quantity: 1 }];
  await order.signal(partsNeededSignal, { technicianId: 7, parts, eta, note: 'trap cracked' });
  const waiting = await order.waitForStatus('waiting_parts');
  expect(waiting.parts).toEqual({ items: parts, eta, technicianId: 7, note: 'trap cracked' });
  expect(waiting.deadlines.partsEta).toBe(eta);
  expect(order.calls('recordPartsRequest')[0]!.request).toMatchObject({
    technicianId: 7,
    jobType: 'plumbing',
    parts,
    eta,
  });
  expect(order.calls('releaseBooking').map((c) => c.request.reason)).toEqual(['waiting_parts']);
  expect(order.record().booking).toBeNull();
  await order.waitForText('parts_ordered');

  await order.signal(partsArrivedSignal, { note: 'delivered to the office' });
  const rebooked = await order.waitForStatus('awaiting_confirmation');
  expect(rebooked).toMatchObject({ parts: null, deadlines: { partsEta: null } });
  expect(order.calls('closePartsRequest').map((c) => c.request.outcome)).toEqual(['signal']);
  expect(order.calls('proposeAndBook')).toHaveLength(2);
  expect(order.record().booking).not.toBeNull();

  await confirmVisit(order);
  expect(order.events().slice(-5)).toEqual([
    'checked_in',
    'parts_needed',
    'parts_arrived',
    'assigned',
    'tenant_confirmed',
  ]);
  await order.waitForText('technician_assignment', 2);
  expect(order.texts().slice(2)).toEqual([
    'tenant:parts_ordered',
    'technician:technician_parts_arrived',
    'tenant:confirmation_request',
    'technician:technician_assignment',
  ]);
});
