import { WorkflowNotFoundError } from '@temporalio/client';
import type { PoolClient } from 'pg';
import { formatVisitTime, renderSms, type SmsMessage } from '../../domain/sms/templates';
import { chooseVendorOffer, type VendorOfferSummary } from '../../domain/sms/vendorOfferChoice';
import { completeWithEarlier, parseVendorReply, type EarlierReply } from '../../domain/sms/vendorReply';
import { vendorReplySignal, workOrderWorkflowId } from '../../workflows/definitions';
import type { ApiDeps } from '../deps';
import type { InboundOutcome, InboundSms } from './inboundSms';
import { currentTimeZone } from './rulesTimeZone';

/** How long after its window a vendor's text is still taken to be about an offer (and told it closed). */
const LATE_REPLY_DAYS = 2;
/** Earlier texts on the same offer that an incomplete answer is completed from. */
const EARLIER_TEXTS = 10;

interface OfferRow extends VendorOfferSummary {
  id: number;
}

async function recentOffers(client: PoolClient, phone: string): Promise<OfferRow[]> {
  const { rows } = await client.query<OfferRow>(
    `SELECT o.id::int AS id, o.work_order_number::int AS number, o.vendor_id::int AS "vendorId", o.status, o.offered_at AS "offeredAt",
            o.respond_by AS "respondBy", o.quote_cents AS "quoteCents", o.eta
       FROM vendor_offers o JOIN vendors v ON v.id = o.vendor_id
      WHERE v.phone = $1 AND o.status IN ('offered', 'quoted', 'declined', 'expired') AND o.respond_by > now() - make_interval(days => $2)
      ORDER BY o.offered_at DESC, o.id DESC`,
    [phone, LATE_REPLY_DAYS],
  );
  return rows;
}

/** The vendor's earlier texts routed to this offer, newest first, each read as of when it arrived. */
async function earlierReplies(
  client: PoolClient,
  sms: InboundSms,
  offer: OfferRow,
  timeZone: string,
): Promise<EarlierReply[]> {
  const { rows } = await client.query<{ body: string; createdAt: Date }>(
    `SELECT body, created_at AS "createdAt" FROM sms_messages
      WHERE direction = 'inbound' AND from_phone = $1 AND work_order_number = $2 AND created_at >= $3 AND provider_sid <> $4
      ORDER BY id DESC LIMIT $5`,
    [sms.from, offer.number, offer.offeredAt, sms.messageSid, EARLIER_TEXTS],
  );
  return rows.map((r) => ({
    text: r.body.trim(),
    parsed: parseVendorReply(r.body, { now: r.createdAt, timeZone, orderNumbers: [offer.number] }),
  }));
}

/**
 * A text from a vendor's phone: an answer to their open offer is passed to the order's workflow as a vendorReply
 * signal and acknowledged; one lacking the quote or the ETA is asked for the rest (and completed from their earlier
 * texts on the offer); a text with no offer to answer is told so. No work order is ever opened from a vendor's text.
 *
 * Called for a vendor's phone only (the sender is read once: db/queries/smsSenders.ts). Null when it is a tenant's too and the text is not plainly an answer to an
 * open offer, so that tenant's report of a problem still opens a work order.
 */
export async function answerVendor(
  client: PoolClient,
  deps: ApiDeps,
  sms: InboundSms,
  alsoTenant: boolean,
): Promise<InboundOutcome | null> {
  const offers = await recentOffers(client, sms.from);
  const now = new Date();
  const timeZone = await currentTimeZone(client);
  const when = (at: Date) => formatVisitTime(at, timeZone, 'en');
  const say = (message: SmsMessage, number: number | null = null): InboundOutcome => ({
    reply: renderSms(message, 'en'),
    workOrderNumber: number,
  });

  const choice = chooseVendorOffer(offers, sms.body, now);
  if (choice.kind !== 'open') {
    if (alsoTenant) return null;
    switch (choice.kind) {
      case 'none':
        return say({ kind: 'vendor_no_open_request' });
      case 'unknown_order':
        return say({ kind: 'vendor_unknown_order', number: choice.number, open: choice.open });
      case 'quote_on_file': {
        const { offer } = choice;
        return say(
          {
            kind: 'vendor_quote_on_file',
            number: offer.number,
            quoteCents: offer.quoteCents!,
            eta: offer.eta ? when(offer.eta) : null,
          },
          offer.number,
        );
      }
      case 'closed':
        return say({ kind: 'vendor_offer_closed', number: choice.offer.number }, choice.offer.number);
    }
  }

  const { offer } = choice;
  const current = parseVendorReply(sms.body, { now, timeZone, orderNumbers: offers.map((o) => o.number) });
  if (alsoTenant && current.kind === 'incomplete') return null;
  const { parsed, texts } =
    current.kind === 'incomplete'
      ? completeWithEarlier(current, sms.body.trim(), await earlierReplies(client, sms, offer, timeZone), now)
      : { parsed: current, texts: [sms.body.trim()] };

  if (parsed.kind === 'incomplete') {
    return say(
      {
        kind: 'vendor_ask_missing',
        number: offer.number,
        missing: parsed.missing,
        quoteCents: parsed.quoteCents,
        eta: parsed.eta ? when(parsed.eta) : null,
      },
      offer.number,
    );
  }
  const declined = parsed.kind === 'decline';
  try {
    await deps.temporal.workflow.getHandle(workOrderWorkflowId(offer.number)).signal(vendorReplySignal, {
      vendorId: offer.vendorId,
      messageSid: sms.messageSid,
      declined,
      quoteCents: declined ? null : parsed.quoteCents,
      eta: declined ? null : parsed.eta.toISOString(),
      text: texts.join(' / '),
    });
  } catch (err) {
    // The order's workflow is over (cancelled, say) while the offer row still looks open.
    if (err instanceof WorkflowNotFoundError)
      return say({ kind: 'vendor_offer_closed', number: offer.number }, offer.number);
    throw err;
  }
  if (declined) return say({ kind: 'vendor_decline_ack', number: offer.number }, offer.number);
  return say(
    {
      kind: 'vendor_quote_ack',
      number: offer.number,
      quoteCents: parsed.quoteCents,
      plusParts: parsed.plusParts,
      eta: when(parsed.eta),
    },
    offer.number,
  );
}
