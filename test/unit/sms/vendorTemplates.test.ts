import { renderSms, SMS_MAX_LENGTH, type SmsMessage } from '../../../domain/sms/templates';
import { formatDollars, type VendorSmsMessage } from '../../../domain/sms/vendorTemplates';

const LONG_TEXT =
  'Water is coming through the ceiling of the unit below from around the base of the toilet and the subfloor feels soft; the tenant says it has been getting worse for a week and there is a musty smell in the hallway closet too';
const LONG_ADDRESS =
  'Riverside Gardens Senior Residences North Tower - PH-12B, 12345 Martin Luther King Jr Boulevard, Philadelphia, PA 19104-2211';
const GSM_7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n]*$/;

const EVERY_VENDOR_MESSAGE: VendorSmsMessage[] = [
  {
    kind: 'vendor_offer',
    number: 104_213,
    address: 'Building A - 205, 1200 Market St',
    summary: 'Kitchen sink leaking under the cabinet',
    priority: 'high',
    respondBy: 'Tue Nov 24, 11:30 AM',
  },
  {
    kind: 'vendor_offer',
    number: 104_213,
    address: LONG_ADDRESS,
    summary: LONG_TEXT,
    priority: 'emergency',
    respondBy: 'Wed Nov 25, 12:00 PM',
  },
  { kind: 'vendor_awarded', number: 104_213, when: 'Wed Nov 25, 9:00 AM', quoteCents: 125_050 },
  { kind: 'vendor_not_picked', number: 104_213 },
  { kind: 'vendor_quote_ack', number: 104_213, quoteCents: 35_000, plusParts: false, eta: 'Wed Nov 25, 9:00 AM' },
  { kind: 'vendor_quote_ack', number: 104_213, quoteCents: 99_999_999, plusParts: true, eta: 'Wed Nov 25, 12:00 PM' },
  { kind: 'vendor_decline_ack', number: 104_213 },
  { kind: 'vendor_ask_missing', number: 104_213, missing: ['quote', 'eta'], quoteCents: null, eta: null },
  { kind: 'vendor_ask_missing', number: 104_213, missing: ['quote'], quoteCents: null, eta: 'Wed Nov 25, 12:00 PM' },
  { kind: 'vendor_ask_missing', number: 104_213, missing: ['quote'], quoteCents: null, eta: null },
  { kind: 'vendor_ask_missing', number: 104_213, missing: ['eta'], quoteCents: 35_000, eta: null },
  { kind: 'vendor_quote_on_file', number: 104_213, quoteCents: 35_000, eta: 'Wed Nov 25, 9:00 AM' },
  { kind: 'vendor_quote_on_file', number: 104_213, quoteCents: 35_000, eta: null },
  { kind: 'vendor_offer_closed', number: 104_213 },
  { kind: 'vendor_unknown_order', number: 104_213, open: [] },
  {
    kind: 'vendor_unknown_order',
    number: 104_213,
    open: [1_042_001, 1_042_002, 1_042_003, 1_042_004, 1_042_005, 1_042_006, 1_042_007],
  },
];

const en = (message: SmsMessage) => renderSms(message, 'en');

describe('vendor texts', () => {
  test.each(EVERY_VENDOR_MESSAGE.map((m, i) => [`${m.kind} ${i}`, m] as const))(
    '%s fits, names the order and is plain GSM-7',
    (_name, message) => {
      const text = en(message);
      expect(text.length).toBeGreaterThan(20);
      expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      if ('number' in message) expect(text).toContain(`#${message.number}`);
      expect(text).not.toMatch(/undefined|null|NaN|\[object|\.\.\.\.|\.\.? \.|: \.| {2}/);
      expect(text).toBe(text.trim());
      expect(text).toMatch(GSM_7);
    },
  );

  test('are English whatever language the caller asks for', () => {
    for (const message of EVERY_VENDOR_MESSAGE) expect(renderSms(message, 'es')).toBe(en(message));
  });

  test('the offer: site, summary, priority, how to answer and by when', () => {
    expect(en(EVERY_VENDOR_MESSAGE[0]!)).toBe(
      "Job offer: work order #104213, HIGH priority, at Building A - 205, 1200 Market St. Kitchen sink leaking under the cabinet. Reply with your ETA and quote, e.g. 'Tue 9am $350', or NO to pass. Please answer by Tue Nov 24, 11:30 AM.",
    );
  });

  test('a long offer shortens the summary and the address, never how to answer or the deadline', () => {
    const text = en(EVERY_VENDOR_MESSAGE[1]!);
    expect(text).toMatch(/^Job offer: work order #104213, EMERGENCY priority, at Riverside Gardens/);
    expect(text).toContain('...');
    expect(text).toContain("Reply with your ETA and quote, e.g. 'Tue 9am $350', or NO to pass.");
    expect(text).toMatch(/Please answer by Wed Nov 25, 12:00 PM\.$/);
  });

  test('award, not picked and the acknowledgements say the amount and the time', () => {
    expect(en({ kind: 'vendor_awarded', number: 1042, when: 'Tue Nov 24, 9:00 AM', quoteCents: 35_000 })).toBe(
      'Your quote of $350 for work order #1042 is accepted. Visit: Tue Nov 24, 9:00 AM. The tenant is being asked to confirm.',
    );
    expect(en({ kind: 'vendor_not_picked', number: 1042 })).toMatch(
      /^Thank you for quoting on work order #1042\. The coordinator chose another vendor/,
    );
    expect(
      en({ kind: 'vendor_quote_ack', number: 1042, quoteCents: 35_000, plusParts: false, eta: 'Tue Nov 24, 9:00 AM' }),
    ).toBe(
      'Thanks, we got your quote of $350 with ETA Tue Nov 24, 9:00 AM for work order #1042. The coordinator will confirm.',
    );
    expect(
      en({ kind: 'vendor_quote_ack', number: 1042, quoteCents: 35_000, plusParts: true, eta: 'Tue Nov 24, 9:00 AM' }),
    ).toContain('quote of $350 plus parts with ETA');
    expect(en({ kind: 'vendor_decline_ack', number: 1042 })).toBe(
      "Thanks for letting us know. We've noted that you're passing on work order #1042.",
    );
  });

  test('asking for what is missing repeats what was read', () => {
    expect(en({ kind: 'vendor_ask_missing', number: 1042, missing: ['eta'], quoteCents: 35_000, eta: null })).toBe(
      "Thanks, we have your quote of $350 for work order #1042. When can you be there? Reply with a day and time, e.g. 'Tue 9am', or NO to pass.",
    );
    expect(
      en({
        kind: 'vendor_ask_missing',
        number: 1042,
        missing: ['quote'],
        quoteCents: null,
        eta: 'Tue Nov 24, 9:00 AM',
      }),
    ).toBe(
      "Thanks, we have your ETA of Tue Nov 24, 9:00 AM for work order #1042. What is your quote? Reply with one total amount, e.g. '$350', or NO to pass.",
    );
    expect(
      en({ kind: 'vendor_ask_missing', number: 1042, missing: ['quote', 'eta'], quoteCents: null, eta: null }),
    ).toContain("reply with your ETA and quote in one text, e.g. 'Tue 9am $350'");
  });

  test('no open request, an order that is not theirs', () => {
    expect(en({ kind: 'vendor_no_open_request' })).toBe(
      "We don't have an open job request for you right now. We'll text you when we do.",
    );
    expect(en({ kind: 'vendor_unknown_order', number: 9999, open: [1042] })).toBe(
      "We don't have a request for work order #9999 for you. Your open request is #1042.",
    );
    expect(en({ kind: 'vendor_unknown_order', number: 9999, open: [1042, 1050] })).toContain(
      'Your open requests are #1042, #1050.',
    );
  });
});

test('formatDollars: whole dollars plain, cents when there are some, thousands separated', () => {
  expect(formatDollars(35_000)).toBe('$350');
  expect(formatDollars(125_050)).toBe('$1,250.50');
  expect(formatDollars(5)).toBe('$0.05');
  expect(formatDollars(0)).toBe('$0');
  expect(formatDollars(120_000)).toBe('$1,200');
});
