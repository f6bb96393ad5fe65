import { ORDER_REFERENCE } from './vendorReply';

/**
 * Which of a vendor's offers a text from their phone answers. An offer takes answers until its respond-by time (the
 * workflow stops collecting then); one answered with a quote is still open until then, so the vendor can revise it.
 */

export interface VendorOfferSummary {
  number: number;
  vendorId: number;
  status: 'offered' | 'quoted' | 'declined' | 'expired';
  offeredAt: Date;
  respondBy: Date;
  quoteCents: number | null;
  eta: Date | null;
}

export type VendorOfferChoice<T extends VendorOfferSummary> =
  | { kind: 'open'; offer: T }
  /** Quoted, window closed: the coordinator is choosing. */
  | { kind: 'quote_on_file'; offer: T }
  /** The window closed unanswered, or the vendor passed. */
  | { kind: 'closed'; offer: T }
  /** "#1042" names an order this vendor has no recent offer for; `open` are the ones open. */
  | { kind: 'unknown_order'; number: number; open: number[] }
  | { kind: 'none' };

export function isOpen(offer: VendorOfferSummary, now: Date): boolean {
  return (offer.status === 'offered' || offer.status === 'quoted') && offer.respondBy.getTime() > now.getTime();
}

/** "#1042", "WO 1042"; or a bare "1042" when it is one of the vendor's orders (another bare number may be a price). */
function namedOrder(text: string, known: readonly number[]): number | null {
  const prefixed = [...text.matchAll(ORDER_REFERENCE)][0]?.[1];
  if (prefixed) return Number(prefixed);
  const bare = [...text.matchAll(/(?<![\d$.,])\d{4,7}(?![\d]|[.,]\d)/g)].map((m) => Number(m[0]));
  return bare.find((n) => known.includes(n)) ?? null;
}

function settled<T extends VendorOfferSummary>(offer: T, now: Date): VendorOfferChoice<T> {
  if (isOpen(offer, now)) return { kind: 'open', offer };
  return offer.status === 'quoted' && offer.quoteCents !== null
    ? { kind: 'quote_on_file', offer }
    : { kind: 'closed', offer };
}

/** `offers`: the vendor's recent offers, newest first. The order named in the text, else the newest open one, else the newest. */
export function chooseVendorOffer<T extends VendorOfferSummary>(
  offers: readonly T[],
  text: string,
  now: Date,
): VendorOfferChoice<T> {
  const open = offers.filter((o) => isOpen(o, now));
  const named = namedOrder(
    text,
    offers.map((o) => o.number),
  );
  if (named !== null) {
    const offer = open.find((o) => o.number === named) ?? offers.find((o) => o.number === named);
    return offer ? settled(offer, now) : { kind: 'unknown_order', number: named, open: open.map((o) => o.number) };
  }
  const newest = open[0] ?? offers[0];
  return newest ? settled(newest, now) : { kind: 'none' };
}
