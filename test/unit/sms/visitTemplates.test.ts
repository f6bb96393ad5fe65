import { renderSms, SMS_MAX_LENGTH, type SmsLanguage, type SmsMessage } from '../../../domain/sms/templates';
import type { VisitSmsMessage } from '../../../domain/sms/visitTemplates';

const LANGUAGES: SmsLanguage[] = ['en', 'es'];
const LONG_TEXT =
  'Grout in the shower surround was not sealed, the tub caulk is still tacky and peeling at the corner, the old trap was left under the sink, the cabinet floor is wet, and the tenant says the drain gurgles again after two minutes of running water; please bring the 1-1/2 inch slip nut and a new washer';
const GSM_7 = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n]*$/;

/** One of every visit kind, free text at its longest. */
const EVERY_VISIT_MESSAGE: VisitSmsMessage[] = [
  { kind: 'parts_ordered', number: 104_213, eta: 'Wed Nov 25' },
  { kind: 'access_request', number: 104_213, attempt: 1 },
  { kind: 'access_request', number: 104_213, attempt: 2 },
  { kind: 'access_request', number: 104_213, attempt: 23 },
  { kind: 'access_escalation', number: 104_213, step: 'case_worker' },
  { kind: 'access_escalation', number: 104_213, step: 'legal' },
  { kind: 'access_escalation', number: 104_213, step: 'eviction_notice' },
  {
    kind: 'photos_incomplete',
    number: 104_213,
    issues: [LONG_TEXT, 'no cleanup photo', 'after photo taken 2.4 km from the building.'],
  },
  { kind: 'photos_incomplete', number: 104_213, issues: [] },
  { kind: 'review_rejected', number: 104_213, notes: LONG_TEXT },
  { kind: 'review_rejected', number: 104_213, notes: '   ' },
  { kind: 'survey_request', number: 104_213 },
  { kind: 'cancelled_tenant', number: 104_213 },
  { kind: 'cancelled_technician', number: 104_213, reason: LONG_TEXT },
  { kind: 'access_time_ack', number: 104_213, when: 'Wed Nov 25, 12:00 PM' },
  { kind: 'access_time_ack', number: 104_213, when: null },
  { kind: 'access_reply_ack', number: 104_213 },
  { kind: 'survey_thanks', number: 104_213, rating: 5 },
  { kind: 'survey_already_answered', number: 104_213 },
];

const en = (message: SmsMessage) => renderSms(message, 'en');
const es = (message: SmsMessage) => renderSms(message, 'es');

describe.each(LANGUAGES)('visit texts in %s', (language) => {
  test.each(EVERY_VISIT_MESSAGE.map((m, i) => [`${m.kind} ${i}`, m] as const))(
    '%s fits and names the order',
    (_name, message) => {
      const text = renderSms(message, language);
      expect(text.length).toBeGreaterThan(20);
      expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
      expect(text).toContain(`#${message.number}`);
      expect(text).not.toMatch(/undefined|null|NaN|\[object|\.\.\.\.|\.\.? \.|: \.| {2}/);
      expect(text).toBe(text.trim());
    },
  );
});

test('English visit texts are plain GSM-7', () => {
  for (const message of EVERY_VISIT_MESSAGE) expect(en(message)).toMatch(GSM_7);
});

test('Spanish visit texts speak to the tenant as usted', () => {
  const spanish = EVERY_VISIT_MESSAGE.map(es).join(' ');
  expect(spanish).not.toMatch(/\b(tú|responde|envíanos|tienes|puedes)\b/i);
});

test('parts ordered: when we expect to be back, and that we will text to confirm', () => {
  expect(en({ kind: 'parts_ordered', number: 1042, eta: 'Wed Nov 25' })).toBe(
    "Parts for work order #1042 have been ordered. We expect to be back around Wed Nov 25; we'll text you to confirm a time.",
  );
  expect(es({ kind: 'parts_ordered', number: 1042, eta: 'mié 25 nov' })).toContain('alrededor del mié 25 nov');
});

test('access request asks for a day and time, and says when it is not the first time', () => {
  const first = en({ kind: 'access_request', number: 1042, attempt: 1 });
  expect(first).toBe(
    `Our technician couldn't get into your unit for work order #1042. Please reply with a day and time when we can get in (e.g. "tomorrow 2pm").`,
  );
  expect(en({ kind: 'access_request', number: 1042, attempt: 2 })).toMatch(
    /^This is the second time our technician couldn't get in/,
  );
  expect(en({ kind: 'access_request', number: 1042, attempt: 3 })).toContain('the third time');
  expect(en({ kind: 'access_request', number: 1042, attempt: 11 })).toContain('the 11th time');
  expect(en({ kind: 'access_request', number: 1042, attempt: 22 })).toContain('the 22nd time');
  expect(es({ kind: 'access_request', number: 1042, attempt: 1 })).toMatch(
    /^Nuestro técnico no pudo entrar.*responda con un día y una hora/,
  );
  expect(es({ kind: 'access_request', number: 1042, attempt: 2 })).toMatch(/^Es la segunda vez/);
  expect(es({ kind: 'access_request', number: 1042, attempt: 7 })).toMatch(/^Es la 7\.ª vez/);
});

test('each escalation step says what happens next and still invites a time', () => {
  const steps = ['case_worker', 'legal', 'eviction_notice'] as const;
  const texts = steps.map((step) => en({ kind: 'access_escalation', number: 1042, step }));
  expect(texts[0]).toContain('A case worker will contact you to arrange access');
  expect(texts[1]).toContain("referred to our legal team under your lease's access provisions");
  expect(texts[2]).toContain('A formal notice to provide access is being issued as your lease allows');
  for (const text of texts) expect(text).toContain('reply with a day and time when we can get in');
  expect(texts.join(' ')).not.toMatch(/evict/i);
  for (const step of steps)
    expect(es({ kind: 'access_escalation', number: 1042, step })).toMatch(/(responda|responder) con un día y una hora/);
});

test('photos not accepted: the issues, then the request to upload again', () => {
  expect(
    en({
      kind: 'photos_incomplete',
      number: 1042,
      issues: ['no cleanup photo', 'after photo 2.4 km from the building.'],
    }),
  ).toBe(
    'The photos for work order #1042 were not accepted: no cleanup photo; after photo 2.4 km from the building. Please upload them again.',
  );
  const long = en({ kind: 'photos_incomplete', number: 1042, issues: [LONG_TEXT] });
  expect(long).toMatch(/\.\.\. Please upload them again\.$/);
  expect(es({ kind: 'photos_incomplete', number: 1042, issues: ['falta la foto de limpieza'] })).toBe(
    'Las fotos de la orden #1042 no fueron aceptadas: falta la foto de limpieza. Por favor súbalas de nuevo.',
  );
});

test('review rejected: the notes, shortened when long, and the next step', () => {
  expect(en({ kind: 'review_rejected', number: 1042, notes: 'Caulk is peeling at the corner' })).toBe(
    'The coordinator sent work order #1042 back: Caulk is peeling at the corner. Check in when you return.',
  );
  expect(en({ kind: 'review_rejected', number: 1042, notes: 'Redo it!' })).toBe(
    'The coordinator sent work order #1042 back: Redo it! Check in when you return.',
  );
  expect(en({ kind: 'review_rejected', number: 1042, notes: LONG_TEXT })).toMatch(
    /^The coordinator sent work order #1042 back: Grout in the shower .*\.\.\. Check in when you return\.$/,
  );
});

test('survey request shows how to answer', () => {
  expect(en({ kind: 'survey_request', number: 1042 })).toBe(
    'Work order #1042 is complete. How did we do? Reply 1-5 (5 = great) and any comment, e.g. "5 quick and clean".',
  );
  expect(es({ kind: 'survey_request', number: 1042 })).toContain('Responda del 1 al 5');
});

test('cancellation: the tenant is not told the internal reason, the technician is', () => {
  const reason = 'duplicate of #1040, tenant moved out';
  expect(en({ kind: 'cancelled_tenant', number: 1042 })).toBe(
    'Work order #1042 has been cancelled. If you still need help, text us.',
  );
  expect(en({ kind: 'cancelled_technician', number: 1042, reason })).toBe(
    'Work order #1042 is cancelled: duplicate of #1040, tenant moved out. It is off your schedule.',
  );
  expect(es({ kind: 'cancelled_technician', number: 1042, reason })).toBe(
    'La orden #1042 está cancelada: duplicate of #1040, tenant moved out. Ya no está en su agenda.',
  );
});

test('answers to a waiting-for-access order and to a survey', () => {
  expect(en({ kind: 'access_time_ack', number: 1042, when: 'Wed Nov 25, 2:00 PM' })).toBe(
    "Thanks! We'll propose a visit around Wed Nov 25, 2:00 PM for work order #1042 and text you to confirm.",
  );
  expect(en({ kind: 'access_time_ack', number: 1042, when: null })).toBe(
    "Thanks! We'll propose a new visit time for work order #1042 and text you to confirm.",
  );
  expect(en({ kind: 'survey_thanks', number: 1042, rating: 4 })).toContain('#1042 4/5');
  expect(es({ kind: 'survey_thanks', number: 1042, rating: 4 })).toContain('con 4/5');
  expect(en({ kind: 'survey_already_answered', number: 1042 })).toContain(
    'We already have your rating for work order #1042',
  );
});
