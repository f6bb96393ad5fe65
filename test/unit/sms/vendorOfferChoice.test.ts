import { chooseVendorOffer, type VendorOfferSummary } from '../../../domain/sms/vendorOfferChoice';

const NOW = new Date('2026-11-24T15:00:00Z');
const inMinutes = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

function offer(
  number: number,
  status: VendorOfferSummary['status'],
  respondInMinutes: number,
  extra: Partial<VendorOfferSummary> = {},
): VendorOfferSummary {
  return {
    number,
    vendorId: 7,
    status,
    offeredAt: inMinutes(respondInMinutes - 60),
    respondBy: inMinutes(respondInMinutes),
    quoteCents: null,
    eta: null,
    ...extra,
  };
}

describe('chooseVendorOffer', () => {
  const older = offer(1042, 'offered', 30);
  const newer = offer(1050, 'offered', 50);
  const offers = [newer, older];

  test('no offers: nothing to answer', () => {
    expect(chooseVendorOffer([], '$350 tomorrow 9am', NOW)).toEqual({ kind: 'none' });
  });

  test('the newest open offer, unless the text names another of the vendor’s orders', () => {
    expect(chooseVendorOffer(offers, '$350 tomorrow 9am', NOW)).toEqual({ kind: 'open', offer: newer });
    expect(chooseVendorOffer(offers, '#1042 $350 tomorrow 9am', NOW)).toEqual({ kind: 'open', offer: older });
    expect(chooseVendorOffer(offers, '1042: $350 tomorrow 9am', NOW)).toEqual({ kind: 'open', offer: older });
    expect(chooseVendorOffer(offers, 'for WO 1042 no thanks', NOW)).toEqual({ kind: 'open', offer: older });
  });

  test('a bare number that is none of the vendor’s orders is no reference (it may be the price)', () => {
    expect(chooseVendorOffer(offers, '1250 tomorrow 9am', NOW)).toEqual({ kind: 'open', offer: newer });
    expect(chooseVendorOffer(offers, '$1042 tomorrow 9am', NOW)).toEqual({ kind: 'open', offer: newer });
  });

  test('"#9999" that is not theirs is said so, with the open ones', () => {
    expect(chooseVendorOffer(offers, '#9999 $350 tomorrow', NOW)).toEqual({
      kind: 'unknown_order',
      number: 9999,
      open: [1050, 1042],
    });
  });

  test('a quoted offer takes a revision until its window closes, then the quote is on file', () => {
    const quoted = offer(1042, 'quoted', 5, { quoteCents: 35000, eta: inMinutes(600) });
    expect(chooseVendorOffer([quoted], 'make it $400', NOW)).toEqual({ kind: 'open', offer: quoted });
    const closed = { ...quoted, respondBy: inMinutes(-1) };
    expect(chooseVendorOffer([closed], 'make it $400', NOW)).toEqual({ kind: 'quote_on_file', offer: closed });
  });

  test('after the window, an unanswered, expired or declined offer is closed; an open one elsewhere comes first', () => {
    const late = offer(1042, 'offered', -1);
    expect(chooseVendorOffer([late], '$350 tomorrow 9am', NOW)).toEqual({ kind: 'closed', offer: late });
    expect(chooseVendorOffer([offer(1042, 'expired', -30)], 'yes', NOW)).toMatchObject({ kind: 'closed' });
    expect(chooseVendorOffer([offer(1042, 'declined', 30)], 'actually $300 friday', NOW)).toMatchObject({
      kind: 'closed',
    });
    const open = offer(1040, 'offered', 20, { offeredAt: inMinutes(-200) });
    expect(chooseVendorOffer([late, open], '$350 tomorrow', NOW)).toEqual({ kind: 'open', offer: open });
    expect(chooseVendorOffer([late, open], '#1042 $350 tomorrow', NOW)).toEqual({ kind: 'closed', offer: late });
  });
});
