import { pickVendorUpdate, vendorReplySignal } from '../../workflows/definitions';
import { useWorkflowHarness } from './harness';
import { COORDINATOR } from './scenario';
import { confirmVisit } from './steps';

const harness = useWorkflowHarness();

const ACE = { id: 41, name: 'Ace Plumbing' };
const BEST = { id: 42, name: 'Best Pipes' };

test('no technician fits: vendors are offered the job, one quotes, one declines; the coordinator picks the quote', async () => {
  const order = await harness.startOrder({ technicians: [], vendors: [ACE, BEST] });

  const offered = await order.waitForState('offered to vendors', (s) => s.vendorRequest?.offers.length === 2);
  expect(offered.status).toBe('needs_assignment');
  expect(offered.vendorRequest!.reason).toBe('no internal technician fits: no technician has the skill');
  // The record says why: routed to review, offered to vendors because no technician fits.
  const offeredChange = order.calls('applyChange').find((c) => c.request.event.type === 'vendor_offered')!;
  expect(offeredChange.request.patch.routing).toEqual({
    outcome: 'review',
    confidence: 0,
    reasons: [
      'no internal technician fits this job',
      'offered to approved vendors (no internal technician fits: no technician has the skill)',
    ],
  });
  expect(offeredChange.request.patch.proposal.best).toBeNull();
  expect(order.calls('findVendors')[0]!.request).toMatchObject({ skill: 'plumbing', limit: 3 });
  expect(order.calls('recordVendorOffer').map((c) => c.request.vendorId)).toEqual([ACE.id, BEST.id]);
  await order.waitForText('vendor_offer', 2);
  expect(order.texts()).toEqual(['vendor:vendor_offer', 'vendor:vendor_offer']);

  const eta = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const quote = { vendorId: ACE.id, messageSid: 'SM-ace', declined: false, quoteCents: 30_000, eta, text: '300 Tue' };
  await order.signal(vendorReplySignal, quote);
  await order.signal(vendorReplySignal, { ...quote, vendorId: BEST.id, messageSid: 'SM-best', declined: true });
  const quoted = await order.waitForState('a quote to pick', (s) => s.pendingDecision?.kind === 'vendor_pick');
  await order.waitForState('both answers taken', (s) => s.vendorRequest!.offers.every((o) => o.status !== 'offered'));
  expect(quoted.needsCoordinator).toBe(true);
  expect(order.calls('recordVendorReply')).toHaveLength(2);

  const picked = await order.update(pickVendorUpdate, {
    vendorId: ACE.id,
    approveOverBudget: false,
    actor: COORDINATOR,
  });
  expect(order.calls('awardVendorJob')[0]!.request).toEqual({
    number: order.number,
    vendorId: ACE.id,
    quoteCents: 30_000,
  });
  expect(picked).toMatchObject({
    status: 'awaiting_confirmation',
    assignment: { technicianId: 900 + ACE.id, decidedBy: 'vendor', slot: { start: eta } },
    pendingDecision: null,
  });
  expect(picked.vendorRequest!.offers.map((o) => o.status)).toEqual(['picked', 'declined']);
  expect(order.events().slice(-5)).toEqual([
    'vendor_offered',
    'vendor_quoted',
    'vendor_declined',
    'vendor_picked',
    'assigned',
  ]);

  await confirmVisit(order);
  // The crew heard of the visit from the award; the tenant was asked to confirm it.
  expect(order.texts().slice(2)).toEqual(['vendor:vendor_awarded', 'tenant:confirmation_request']);
  await order.waitForSearchAttributes(
    'scheduled with the crew',
    (sa) => sa.status === 'scheduled' && sa.technicianId === String(900 + ACE.id),
  );
});
