/** Vendors: when no internal technician fits, the job is offered to approved vendors and the coordinator picks one. */
import type { VendorRequest, WorkOrderState } from '../../domain/workOrderContract';
import { whyVendors as whyVendorsFor } from '../../domain/vendorReason';
import { secondsFromNow, secondsUntil } from '../time';
import type { CoordinatorChoice, WorkOrderContext } from './context';
import { change, stepKey, waitFor } from './primitives';
import { text } from './sms';

/** Why this job goes to vendors (domain/vendorReason.ts), for this order. */
export function whyVendors(ctx: WorkOrderContext, proposal: WorkOrderState['proposal']): string | null {
  return whyVendorsFor(vendorFacts(ctx), proposal);
}

export function vendorFacts(ctx: WorkOrderContext): { safety: boolean; slaDeadline: string | null } {
  return { safety: ctx.state.classification?.safety ?? false, slaDeadline: ctx.state.deadlines.slaDeadline };
}

type VendorOutcome = CoordinatorChoice | 'no_vendors' | 'no_reply';

/**
 * Offers the job to approved vendors with the skill by SMS, at once or one at a time (rules.vendors), collects their
 * quotes and ETAs, and waits for the coordinator's pick. Resolves with the pick, or why there is none.
 */
export async function dispatchToVendors(ctx: WorkOrderContext, reason: string): Promise<VendorOutcome> {
  const { state, input, inbox } = ctx;
  const skill = state.classification!.skillsRequired[0] ?? 'general';
  const { mode, offerCount, responseWindowSeconds } = ctx.rules.vendors;
  const found = await ctx.steps.findVendors({ number: input.number, skill, limit: offerCount });
  if (found.vendors.length === 0) return 'no_vendors';
  const request: VendorRequest = { mode, reason, budgetCapCents: found.budgetCapCents, offers: [] };
  inbox.pickedVendorId = null;
  state.vendorRequest = request;
  inbox.vendorReplies.length = 0;
  const timeZone = ctx.rules.scheduling.timeZone;
  const batches = mode === 'broadcast' ? [found.vendors] : found.vendors.map((v) => [v]);
  for (const batch of batches) {
    const respondBy = secondsFromNow(responseWindowSeconds);
    for (const vendor of batch) {
      await ctx.steps.recordVendorOffer({
        number: input.number,
        vendorId: vendor.id,
        respondBy,
        idempotencyKey: stepKey(ctx, `vendor-offer-${vendor.id}`),
      });
      request.offers.push({
        vendorId: vendor.id,
        vendorName: vendor.name,
        status: 'offered',
        respondBy,
        quoteCents: null,
        eta: null,
      });
    }
    // The record shows the proposal and the routing (why vendors) while they quote, as for any order in review.
    await change(ctx, 'needs_assignment', 'vendor_offered', {
      payload: { vendors: batch, mode, skill, respondBy, reason },
      patch: { proposal: state.proposal, routing: state.routing },
    });
    for (const vendor of batch)
      await text(
        ctx,
        { type: 'vendor', id: vendor.id },
        { kind: 'vendor_offer', respondBy },
        `vendor-offer-${vendor.id}`,
        timeZone,
      );
    await collectVendorAnswers(
      ctx,
      batch.map((v) => v.id),
      respondBy,
    );
    if (inbox.assignmentDecision || request.offers.some((o) => o.status === 'quoted')) break;
  }
  if (!inbox.assignmentDecision && !request.offers.some((o) => o.status === 'quoted')) return 'no_reply';
  // Until the pick, a vendor may still revise their quote.
  while (!inbox.assignmentDecision) {
    await waitFor(ctx, () => inbox.assignmentDecision !== null || inbox.vendorReplies.length > 0);
    await takeVendorReplies(ctx);
  }
  const { assignment, actor } = inbox.assignmentDecision!;
  for (const offer of request.offers) {
    if (offer.status === 'quoted' || offer.status === 'offered' || offer.status === 'expired')
      offer.status = offer.vendorId === inbox.pickedVendorId ? 'picked' : 'not_picked';
  }
  const winner = request.offers.find((o) => o.status === 'picked')!;
  state.pendingDecision = null;
  await change(ctx, undefined, 'vendor_picked', {
    actor,
    payload: { vendorId: winner.vendorId, quoteCents: winner.quoteCents, eta: winner.eta, reason: assignment.reason },
  });
  await text(
    ctx,
    { type: 'vendor', id: winner.vendorId },
    { kind: 'vendor_awarded', at: assignment.slot.start, quoteCents: winner.quoteCents! },
    `vendor-awarded-${winner.vendorId}`,
    timeZone,
  );
  for (const other of request.offers.filter((o) => o.status === 'not_picked' && o.quoteCents !== null)) {
    await text(
      ctx,
      { type: 'vendor', id: other.vendorId },
      { kind: 'vendor_not_picked' },
      `vendor-not-picked-${other.vendorId}`,
      timeZone,
    );
  }
  return { assignment, actor, keptCurrent: false };
}

/** Applies the vendors' texts received so far to their open offers (a later quote replaces an earlier one). */
async function takeVendorReplies(ctx: WorkOrderContext): Promise<void> {
  const { state, input, inbox } = ctx;
  const request = state.vendorRequest!;
  while (inbox.vendorReplies.length > 0) {
    const reply = inbox.vendorReplies.shift()!;
    const offer = request.offers.find(
      (o) => o.vendorId === reply.vendorId && (o.status === 'offered' || o.status === 'quoted'),
    );
    if (!offer || inbox.assignmentDecision) continue;
    await ctx.steps.recordVendorReply({ number: input.number, reply });
    offer.status = reply.declined ? 'declined' : 'quoted';
    offer.quoteCents = reply.declined ? null : reply.quoteCents;
    offer.eta = reply.declined ? null : reply.eta;
    const quotes = request.offers.filter((o) => o.status === 'quoted').length;
    state.pendingDecision =
      quotes > 0
        ? { kind: 'vendor_pick', reason: `${quotes} vendor quote${quotes === 1 ? '' : 's'} to choose from` }
        : null;
    await change(ctx, undefined, reply.declined ? 'vendor_declined' : 'vendor_quoted', {
      actor: { type: 'vendor', id: String(reply.vendorId) },
      payload: {
        vendorId: reply.vendorId,
        quoteCents: offer.quoteCents,
        eta: offer.eta,
        overBudget: (offer.quoteCents ?? 0) > request.budgetCapCents,
        messageSid: reply.messageSid,
      },
    });
  }
}

/** Takes vendors' answers until the window closes, everyone in the batch has answered, or the coordinator picks. */
async function collectVendorAnswers(ctx: WorkOrderContext, vendorIds: number[], respondBy: string): Promise<void> {
  const { state, input, inbox } = ctx;
  const request = state.vendorRequest!;
  const open = () => request.offers.filter((o) => vendorIds.includes(o.vendorId) && o.status === 'offered');
  for (;;) {
    const woke = await waitFor(
      ctx,
      () => inbox.vendorReplies.length > 0 || inbox.assignmentDecision !== null || open().length === 0,
      secondsUntil(respondBy),
    );
    await takeVendorReplies(ctx);
    if (inbox.assignmentDecision) return;
    if (!woke || open().length === 0) break;
  }
  const unanswered = open();
  if (unanswered.length === 0) return;
  await ctx.steps.expireVendorOffers({ number: input.number, vendorIds: unanswered.map((o) => o.vendorId) });
  for (const offer of unanswered) offer.status = 'expired';
  await change(ctx, undefined, 'vendor_offers_expired', {
    payload: { vendorIds: unanswered.map((o) => o.vendorId), respondBy },
  });
}
