import type { SmsLanguage, SmsMessage } from '../../../domain/sms/templates';
import { formatVisitDate, formatVisitTime, renderSms, SMS_MAX_LENGTH } from '../../../domain/sms/templates';

const NY = 'America/New_York';
const LANGUAGES: SmsLanguage[] = ['en', 'es'];
const WHEN = 'Wed Nov 25, 2:00 PM';
const LONG_SUMMARY =
  'Water is dripping from the kitchen ceiling light fixture onto the counter and the floor is getting soaked; the tenant upstairs says their dishwasher overflowed twice this week and the landlord was told already';

/** One of every kind, with the longest realistic values. */
const EVERY_MESSAGE: SmsMessage[] = [
  { kind: 'intake_ack', number: 1042 },
  { kind: 'ask_unit' },
  {
    kind: 'ask_which_order',
    orders: [
      { number: 1012, summary: 'kitchen leak', when: 'Tue Nov 24, 2:00 PM' },
      { number: 1015, summary: 'no heat', when: null },
    ],
  },
  {
    kind: 'ask_which_order',
    orders: Array.from({ length: 12 }, (_, i) => ({
      number: 100_000 + i,
      summary: LONG_SUMMARY,
      when: 'Wed Nov 25, 12:00 PM',
    })),
  },
  { kind: 'nothing_waiting' },
  { kind: 'confirmation_request', number: 104_213, when: WHEN, technicianName: 'Keystone Plumbing & Roofing' },
  { kind: 'confirmation_reminder', number: 104_213, when: WHEN },
  { kind: 'confirmed_ack', number: 104_213, when: WHEN },
  { kind: 'reschedule_ack', number: 104_213 },
  { kind: 'visit_reminder', number: 104_213, when: WHEN, lead: 'day' },
  { kind: 'visit_reminder', number: 104_213, when: WHEN, lead: 'hour' },
  {
    kind: 'on_the_way',
    number: 104_213,
    technicianName: 'Keystone Plumbing & Roofing',
    eta: 'about 25 minutes (2:25 PM)',
  },
  {
    kind: 'technician_assignment',
    number: 104_213,
    when: WHEN,
    priority: 'emergency',
    summary: LONG_SUMMARY,
    address:
      'Maple Court, 2100 Spring Garden St, Philadelphia, PA 19130, Building A, unit 205, rear entrance by the parking lot',
  },
  { kind: 'opted_out' },
  { kind: 'opted_in' },
  { kind: 'help' },
  { kind: 'unit_not_found' },
  { kind: 'held_for_coordinator' },
];

/** GSM 03.38 basic set: an English text outside it would be sent as UCS-2, 70 characters a segment. */
const GSM_7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n]*$/;

describe('renderSms', () => {
  describe.each(LANGUAGES)('%s', (language) => {
    test.each(EVERY_MESSAGE.map((m) => [m.kind, m] as const))('%s fits in %#', (_kind, message) => {
      const text = renderSms(message, language);
      expect(text.length).toBeGreaterThan(20);
      expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/ {2}/);
    });

    test('every message names the work order it is about', () => {
      for (const message of EVERY_MESSAGE) {
        if ('number' in message) expect(renderSms(message, language)).toContain(`#${message.number}`);
      }
    });
  });

  test('English texts are plain GSM-7 (but asking for the unit carries its Spanish half)', () => {
    for (const message of EVERY_MESSAGE.filter((m) => m.kind !== 'ask_unit'))
      expect(renderSms(message, 'en')).toMatch(GSM_7);
  });

  test('intake acknowledgement', () => {
    expect(renderSms({ kind: 'intake_ack', number: 1042 }, 'en')).toBe(
      "Got it! We received your request. Work order #1042. We'll text you when a technician is scheduled.",
    );
    expect(renderSms({ kind: 'intake_ack', number: 1042 }, 'es')).toContain('Orden de trabajo #1042');
  });

  test('asking for the unit gives the example in both languages, whatever language is asked for', () => {
    for (const language of LANGUAGES) {
      const text = renderSms({ kind: 'ask_unit' }, language);
      expect(text).toContain('Please include your unit number (Building A - 205)');
      expect(text).toContain('incluya su número de unidad (Edificio A - 205)');
    }
  });

  test('confirmation request', () => {
    const message: SmsMessage = {
      kind: 'confirmation_request',
      number: 1042,
      when: WHEN,
      technicianName: 'Ray Delgado',
    };
    const en = renderSms(message, 'en');
    expect(en.startsWith(`Maintenance scheduled ${WHEN}.`)).toBe(true);
    expect(en).toContain('Reply YES to confirm');
    expect(en).toContain('NO or another time to reschedule');
    expect(en).toContain('Ray Delgado');
    const es = renderSms({ ...message, when: 'mié 25 nov, 14:00' }, 'es');
    expect(es.startsWith('Mantenimiento programado para el mié 25 nov, 14:00.')).toBe(true);
    expect(es).toContain('Responda SÍ para confirmar');
  });

  test('the reminder to confirm asks the same question', () => {
    expect(renderSms({ kind: 'confirmation_reminder', number: 1042, when: WHEN }, 'en')).toContain(
      'Reply YES to confirm, or NO or another time to reschedule',
    );
    expect(renderSms({ kind: 'confirmation_reminder', number: 1042, when: 'mié 25 nov, 14:00' }, 'es')).toContain(
      'Responda SÍ para confirmar',
    );
  });

  test('asking which order lists each one and shows how to answer', () => {
    const message: SmsMessage = {
      kind: 'ask_which_order',
      orders: [
        { number: 1012, summary: 'kitchen leak', when: 'Tue 2pm' },
        { number: 1015, summary: 'no heat', when: 'Thu 10am' },
      ],
    };
    expect(renderSms(message, 'en')).toBe(
      'You have 2 visits waiting for your answer: #1012 Tue 2pm (kitchen leak), #1015 Thu 10am (no heat). Reply YES 1012 or NO 1012.',
    );
    expect(renderSms(message, 'es')).toBe(
      'Tiene 2 visitas pendientes de su respuesta: #1012 Tue 2pm (kitchen leak), #1015 Thu 10am (no heat). Responda SÍ 1012 o NO 1012.',
    );
  });

  test('a long list of orders is shortened, never cut mid-way', () => {
    const orders = Array.from({ length: 12 }, (_, i) => ({
      number: 100_000 + i,
      summary: LONG_SUMMARY,
      when: 'Wed Nov 25, 12:00 PM',
    }));
    const text = renderSms({ kind: 'ask_which_order', orders }, 'en');
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text).toMatch(
      /^You have 12 visits waiting for your answer: #100000 Wed Nov 25, 12:00 PM; #100001 Wed Nov 25, 12:00 PM; /,
    );
    expect(text).toMatch(/and \d more\. Reply YES 100000 or NO 100000\.$/);
    expect(renderSms({ kind: 'ask_which_order', orders }, 'es')).toMatch(
      /y \d más\. Responda SÍ 100000 o NO 100000\.$/,
    );
  });

  test('long summaries are shortened with an ellipsis before anything else goes', () => {
    const orders = [
      { number: 1012, summary: LONG_SUMMARY, when: null },
      { number: 1015, summary: LONG_SUMMARY, when: null },
    ];
    const text = renderSms({ kind: 'ask_which_order', orders }, 'en');
    expect(text).toContain('#1012 (Water is dripping from the kitchen...)');
    expect(text).toContain('#1015 (');
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
  });

  test('a visit time with a comma in it separates the orders with semicolons', () => {
    const orders = [
      { number: 1012, summary: 'kitchen leak', when: 'Tue Nov 24, 2:00 PM' },
      { number: 1015, summary: 'no heat', when: 'Thu Nov 26, 10:00 AM' },
    ];
    expect(renderSms({ kind: 'ask_which_order', orders }, 'en')).toBe(
      'You have 2 visits waiting for your answer: #1012 Tue Nov 24, 2:00 PM (kitchen leak); #1015 Thu Nov 26, 10:00 AM (no heat). Reply YES 1012 or NO 1012.',
    );
  });

  test('a technician assignment keeps the facts and shortens the summary', () => {
    const text = renderSms(EVERY_MESSAGE.find((m) => m.kind === 'technician_assignment') as SmsMessage, 'en');
    expect(text).toMatch(
      /^New assignment: work order #104213, EMERGENCY priority\. Wed Nov 25, 2:00 PM at Maple Court, 2100 Spring Garden St/,
    );
    expect(text).toMatch(/\.\.\.$/);
    const short = renderSms(
      {
        kind: 'technician_assignment',
        number: 1042,
        when: WHEN,
        priority: 'high',
        summary: 'Kitchen sink leaking',
        address: '2100 Spring Garden St, unit 205',
      },
      'es',
    );
    expect(short).toBe(
      'Nueva asignación: orden #1042, prioridad ALTA. Wed Nov 25, 2:00 PM en 2100 Spring Garden St, unit 205. Kitchen sink leaking',
    );
  });

  test('opting out says no more messages will come and how to come back', () => {
    const en = renderSms({ kind: 'opted_out' }, 'en');
    expect(en).toContain('no more messages');
    expect(en).toContain('Reply START');
    const es = renderSms({ kind: 'opted_out' }, 'es');
    expect(es).toContain('no recibirá más mensajes');
    expect(es).toContain('START');
  });

  test('help names STOP, HELP and 911 for emergencies', () => {
    for (const language of LANGUAGES) {
      const text = renderSms({ kind: 'help' }, language);
      expect(text).toContain('STOP');
      expect(text).toContain('HELP');
      expect(text).toMatch(/gas, (fire|fuego)\): (call|llame al) 911/);
    }
  });

  test('Spanish texts speak to the tenant as usted', () => {
    const spanish = EVERY_MESSAGE.map((m) => renderSms(m, 'es')).join(' ');
    expect(spanish).toMatch(/Responda|envíenos|su solicitud/);
    expect(spanish).not.toMatch(/\b(tú|tu solicitud|responde|envíanos|tienes)\b/i);
  });

  test('on the way, reminders and acknowledgements', () => {
    expect(renderSms({ kind: 'on_the_way', number: 1042, technicianName: 'Ray Delgado', eta: '2:30 PM' }, 'en')).toBe(
      'Ray Delgado is on the way for work order #1042. Estimated arrival: 2:30 PM.',
    );
    expect(renderSms({ kind: 'on_the_way', number: 1042, technicianName: 'Ray Delgado', eta: '14:30' }, 'es')).toBe(
      'Ray Delgado va en camino para la orden #1042. Llegada estimada: 14:30.',
    );
    expect(renderSms({ kind: 'visit_reminder', number: 1042, when: WHEN, lead: 'day' }, 'en')).not.toBe(
      renderSms({ kind: 'visit_reminder', number: 1042, when: WHEN, lead: 'hour' }, 'en'),
    );
    expect(renderSms({ kind: 'confirmed_ack', number: 1042, when: WHEN }, 'en')).toContain(`${WHEN} is confirmed`);
    expect(renderSms({ kind: 'reschedule_ack', number: 1042 }, 'es')).toContain('otro horario');
  });
});

describe('formatVisitTime', () => {
  const at = new Date('2026-11-25T19:00:00Z');

  test('English and Spanish in the building time zone', () => {
    expect(formatVisitTime(at, NY, 'en')).toBe('Wed Nov 25, 2:00 PM');
    expect(formatVisitTime(at, NY, 'es')).toBe('mié 25 nov, 14:00');
    expect(formatVisitTime(at, 'America/Los_Angeles', 'en')).toBe('Wed Nov 25, 11:00 AM');
  });

  test('morning, noon, midnight and minutes', () => {
    expect(formatVisitTime(new Date('2026-11-25T14:05:00Z'), NY, 'en')).toBe('Wed Nov 25, 9:05 AM');
    expect(formatVisitTime(new Date('2026-11-25T14:05:00Z'), NY, 'es')).toBe('mié 25 nov, 09:05');
    expect(formatVisitTime(new Date('2026-11-25T17:00:00Z'), NY, 'en')).toBe('Wed Nov 25, 12:00 PM');
    expect(formatVisitTime(new Date('2026-11-26T05:00:00Z'), NY, 'en')).toBe('Thu Nov 26, 12:00 AM');
    expect(formatVisitTime(new Date('2026-11-26T05:00:00Z'), NY, 'es')).toBe('jue 26 nov, 00:00');
  });

  test('the local day, not the UTC one, on both sides of a DST change', () => {
    expect(formatVisitTime(new Date('2026-11-01T05:30:00Z'), NY, 'en')).toBe('Sun Nov 1, 1:30 AM');
    expect(formatVisitTime(new Date('2026-11-01T06:30:00Z'), NY, 'en')).toBe('Sun Nov 1, 1:30 AM');
    expect(formatVisitTime(new Date('2026-03-08T07:00:00Z'), NY, 'es')).toBe('dom 8 mar, 03:00');
  });

  test('only plain spaces and no trailing dots from the ICU data', () => {
    for (let month = 0; month < 12; month++) {
      const text = formatVisitTime(new Date(Date.UTC(2026, month, 15, 18)), NY, 'es');
      expect(text).toMatch(/^\p{Ll}{3} \d{1,2} \p{Ll}{3,4}, \d{2}:\d{2}$/u);
      expect(formatVisitTime(new Date(Date.UTC(2026, month, 15, 18)), NY, 'en')).toMatch(GSM_7);
    }
  });
});

describe('formatVisitDate', () => {
  test('the local calendar day', () => {
    expect(formatVisitDate(new Date('2026-11-25T03:30:00Z'), NY, 'en')).toBe('Tue Nov 24');
    expect(formatVisitDate(new Date('2026-11-25T03:30:00Z'), NY, 'es')).toBe('mar 24 nov');
  });
});
