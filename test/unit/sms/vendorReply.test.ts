import { formatVisitTime } from '../../../domain/sms/templates';
import { completeWithEarlier, parseVendorReply, type VendorReplyParse } from '../../../domain/sms/vendorReply';

const NY = 'America/New_York';
/** Tuesday 2026-11-24, 10:00 in New York (EST, UTC-5). */
const NOW = new Date('2026-11-24T15:00:00Z');

function parse(text: string, now = NOW): VendorReplyParse {
  return parseVendorReply(text, { now, timeZone: NY, orderNumbers: [1042, 1043] });
}

/** The parse with the ETA as the vendor would read it back. */
function read(text: string): {
  kind: string;
  quote?: number | null;
  eta?: string | null;
  missing?: string[];
  plusParts?: boolean;
} {
  const parsed = parse(text);
  if (parsed.kind === 'decline') return { kind: 'decline' };
  const eta = parsed.eta ? formatVisitTime(parsed.eta, NY, 'en') : null;
  const extra = parsed.plusParts ? { plusParts: true } : {};
  if (parsed.kind === 'quote') return { kind: 'quote', quote: parsed.quoteCents, eta, ...extra };
  return { kind: 'incomplete', missing: parsed.missing, quote: parsed.quoteCents, eta, ...extra };
}

const quote = (cents: number, eta: string, plusParts = false) => ({
  kind: 'quote',
  quote: cents,
  eta,
  ...(plusParts ? { plusParts } : {}),
});
const incomplete = (missing: string[], cents: number | null, eta: string | null) => ({
  kind: 'incomplete',
  missing,
  quote: cents,
  eta,
});
const decline = { kind: 'decline' };

describe('parseVendorReply, Tuesday 2026-11-24 10:00 in New York', () => {
  test.each([
    // The example in the offer, and its usual variations.
    ['Tue 9am $350', quote(35000, 'Tue Dec 1, 9:00 AM')],
    ['$350 tomorrow 9am', quote(35000, 'Wed Nov 25, 9:00 AM')],
    ['ETA 2pm, 425', quote(42500, 'Tue Nov 24, 2:00 PM')],
    ['today 3pm 200', quote(20000, 'Tue Nov 24, 3:00 PM')],
    ['tomorrow at 10 350', quote(35000, 'Wed Nov 25, 10:00 AM')],
    ['350 dollars wed 1pm', quote(35000, 'Wed Nov 25, 1:00 PM')],
    ['350$ thursday 1pm', quote(35000, 'Thu Nov 26, 1:00 PM')],
    ['quote 350 thu 9', quote(35000, 'Thu Nov 26, 9:00 AM')],
    ['We can do it Friday at 8 for $275. Thanks', quote(27500, 'Fri Nov 27, 8:00 AM')],
    ['$1,250.50 friday 8am', quote(125050, 'Fri Nov 27, 8:00 AM')],
    ['1.2k monday 9am', quote(120000, 'Mon Nov 30, 9:00 AM')],
    ['Quote 1,250.50 eta 11/27 10am', quote(125050, 'Fri Nov 27, 10:00 AM')],
    ['Nov 27 9am 350', quote(35000, 'Fri Nov 27, 9:00 AM')],
    ['tomorrow 350', quote(35000, 'Wed Nov 25, 9:00 AM')],
    // A small number next to a time is an hour; a small amount needs "$" or a quote word.
    ['Tue 9 $350', quote(35000, 'Tue Dec 1, 9:00 AM')],
    ['can be there at 2, $275', quote(27500, 'Tue Nov 24, 2:00 PM')],
    ['$20 tomorrow at 10', quote(2000, 'Wed Nov 25, 10:00 AM')],
    ['at 930 tomorrow 350', quote(35000, 'Wed Nov 25, 9:30 AM')],
    ['9-11am tomorrow 250', quote(25000, 'Wed Nov 25, 9:00 AM')],
    ['2 guys 3 hours $450 tomorrow 8am', quote(45000, 'Wed Nov 25, 8:00 AM')],
    // Relative ETAs.
    ['in 2 hours, $200', quote(20000, 'Tue Nov 24, 12:00 PM')],
    ['within the hour $150', quote(15000, 'Tue Nov 24, 11:00 AM')],
    ['45 mins away, 95', quote(9500, 'Tue Nov 24, 10:45 AM')],
    ['eta 45 min 180', quote(18000, 'Tue Nov 24, 10:45 AM')],
    // Several amounts.
    ['$350 + parts tomorrow 8am', quote(35000, 'Wed Nov 25, 8:00 AM', true)],
    ['$350 plus materials, thursday 7am', quote(35000, 'Thu Nov 26, 7:00 AM', true)],
    ['$300 labor + $120 parts tomorrow 8am', quote(42000, 'Wed Nov 25, 8:00 AM')],
    ['$300 labor and $45 trip fee, wed 10am', quote(34500, 'Wed Nov 25, 10:00 AM')],
    ['$300 labor + $50 parts, total $350, Wed 10am', quote(35000, 'Wed Nov 25, 10:00 AM')],
    ['$300-400 tomorrow', quote(40000, 'Wed Nov 25, 9:00 AM')],
    ['300 to 400 tomorrow 10am', quote(40000, 'Wed Nov 25, 10:00 AM')],
    ['Tue 9am 350 or 400', incomplete(['quote'], null, 'Tue Dec 1, 9:00 AM')],
    // The order's number is not a price.
    ['#1042 $350 tue 9am', quote(35000, 'Tue Dec 1, 9:00 AM')],
    ['1042 350 tue 9am', quote(35000, 'Tue Dec 1, 9:00 AM')],
    ['WO 1043: 1250 friday 9am', quote(125000, 'Fri Nov 27, 9:00 AM')],
    // A pass never carries an amount; an agreement is not a pass.
    ['NO', decline],
    ['no thanks', decline],
    ['#1042 NO', decline],
    ['pass', decline],
    ["I'll pass on this one", decline],
    ["can't", decline],
    ['sorry can’t make it tomorrow', decline],
    ['not available', decline],
    ['busy', decline],
    ["We're too busy right now, sorry", decline],
    ["Sorry, we're booked this week", decline],
    ['decline', decline],
    ['Not interested', decline],
    ['No problem, $350 tomorrow 9am', quote(35000, 'Wed Nov 25, 9:00 AM')],
    ["can't do tomorrow, friday 10am works $400", quote(40000, 'Fri Nov 27, 10:00 AM')],
    // Partial answers: never a pass, asked for the rest.
    ['No, but I can do friday 10am', incomplete(['quote'], null, 'Fri Nov 27, 10:00 AM')],
    ['not available until friday', incomplete(['quote'], null, 'Fri Nov 27, 9:00 AM')],
    ['9', incomplete(['quote', 'eta'], null, null)],
    ['10am', incomplete(['quote'], null, 'Wed Nov 25, 10:00 AM')],
    ['tomorrow at 10', incomplete(['quote'], null, 'Wed Nov 25, 10:00 AM')],
    ['$350', incomplete(['eta'], 35000, null)],
    ['350 dollars, whenever works', incomplete(['eta'], 35000, null)],
    ['yes', incomplete(['quote', 'eta'], null, null)],
    ["What's the address? Can't find it", incomplete(['quote', 'eta'], null, null)],
  ])('%s', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  test('the ETA is the instant in the rules’ time zone', () => {
    expect(parse('$350 tomorrow 9am')).toEqual({
      kind: 'quote',
      quoteCents: 35000,
      plusParts: false,
      eta: new Date('2026-11-25T14:00:00Z'),
    });
    const chicago = parseVendorReply('$350 tomorrow 9am', { now: NOW, timeZone: 'America/Chicago' });
    expect(chicago).toMatchObject({ eta: new Date('2026-11-25T15:00:00Z') });
  });

  test('a bare number that is no order of this vendor’s is an amount', () => {
    expect(parseVendorReply('1044 tue 9am', { now: NOW, timeZone: NY, orderNumbers: [1042] })).toMatchObject({
      kind: 'quote',
      quoteCents: 104400,
    });
  });
});

describe('completeWithEarlier', () => {
  const earlierAt = new Date('2026-11-24T14:30:00Z');
  const earlier = (text: string, at = earlierAt) => ({
    text,
    parsed: parseVendorReply(text, { now: at, timeZone: NY }),
  });

  test('an ETA, then the quote asked for, is one answer made of both texts', () => {
    const current = parse('$350');
    const { parsed, texts } = completeWithEarlier(current, '$350', [earlier('tomorrow 9am')], NOW);
    expect(parsed).toEqual({
      kind: 'quote',
      quoteCents: 35000,
      plusParts: false,
      eta: new Date('2026-11-25T14:00:00Z'),
    });
    expect(texts).toEqual(['tomorrow 9am', '$350']);
  });

  test('a revised amount keeps the earlier quote’s ETA; the newest earlier value wins', () => {
    const { parsed, texts } = completeWithEarlier(
      parse('make it $400'),
      'make it $400',
      [earlier('$350 friday 10am'), earlier('$300 thursday 8am')],
      NOW,
    );
    expect(parsed).toMatchObject({ kind: 'quote', quoteCents: 40000, eta: new Date('2026-11-27T15:00:00Z') });
    expect(texts).toEqual(['$350 friday 10am', 'make it $400']);
  });

  test('an earlier ETA already past does not count; a complete answer or a pass is left as it is', () => {
    const stale = earlier('in 1 hour', new Date('2026-11-24T12:00:00Z'));
    expect(completeWithEarlier(parse('$350'), '$350', [stale], NOW).parsed).toMatchObject({
      kind: 'incomplete',
      missing: ['eta'],
    });
    const full = parse('$350 tomorrow 9am');
    expect(completeWithEarlier(full, '$350 tomorrow 9am', [earlier('$999 friday 8am')], NOW)).toEqual({
      parsed: full,
      texts: ['$350 tomorrow 9am'],
    });
    expect(completeWithEarlier(parse('no'), 'no', [earlier('$999 friday 8am')], NOW).parsed).toEqual({
      kind: 'decline',
    });
  });
});
