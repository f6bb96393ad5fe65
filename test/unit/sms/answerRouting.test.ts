import { answerAcknowledgement, chooseAnswerTarget, signalledAnswer } from '../../../domain/sms/answerRouting';
import { parseInboundIntent } from '../../../domain/sms/inboundIntent';

const confirming = { number: 1012, status: 'awaiting_confirmation' as const };
const noAccess = { number: 1015, status: 'waiting_access' as const };

describe('chooseAnswerTarget', () => {
  test('nothing waiting', () => {
    expect(chooseAnswerTarget([], null)).toEqual({ kind: 'nothing_waiting' });
    expect(chooseAnswerTarget([], 1012)).toEqual({ kind: 'nothing_waiting' });
  });

  test('the only order waiting takes an answer that names none, whichever wait it is in', () => {
    expect(chooseAnswerTarget([noAccess], null)).toEqual({ kind: 'order', order: noAccess });
    expect(chooseAnswerTarget([confirming], null)).toEqual({ kind: 'order', order: confirming });
  });

  test('a visit to confirm and a visit that could not get in: the tenant is asked which, unless the text names one', () => {
    expect(chooseAnswerTarget([confirming, noAccess], null)).toEqual({ kind: 'ask_which' });
    expect(chooseAnswerTarget([confirming, noAccess], 1015)).toEqual({ kind: 'order', order: noAccess });
    expect(chooseAnswerTarget([confirming, noAccess], 1012)).toEqual({ kind: 'order', order: confirming });
  });

  test('a number that is not waiting is not guessed at', () => {
    expect(chooseAnswerTarget([noAccess], 9999)).toEqual({ kind: 'ask_which' });
  });
});

describe('signalledAnswer', () => {
  test('to a waiting_access order a YES that names a time is that time', () => {
    expect(signalledAnswer('waiting_access', 'yes', true)).toBe('reschedule');
    expect(signalledAnswer('waiting_access', 'yes', false)).toBe('yes');
    expect(signalledAnswer('waiting_access', 'no', true)).toBe('no');
    expect(signalledAnswer('waiting_access', 'reschedule', false)).toBe('reschedule');
  });

  test('to a visit waiting for confirmation a YES confirms it, whatever else it says', () => {
    expect(signalledAnswer('awaiting_confirmation', 'yes', true)).toBe('yes');
  });
});

describe('answerAcknowledgement', () => {
  const times = { scheduledWhen: 'Wed Nov 25, 2:00 PM', proposedWhen: 'Thu Nov 26, 2:00 PM' };

  test('waiting for access: a time is repeated back, a YES promises a proposal, a NO is only acknowledged', () => {
    expect(answerAcknowledgement(noAccess, 'reschedule', times)).toEqual({
      kind: 'access_time_ack',
      number: 1015,
      when: 'Thu Nov 26, 2:00 PM',
    });
    expect(answerAcknowledgement(noAccess, 'reschedule', { ...times, proposedWhen: null })).toEqual({
      kind: 'access_time_ack',
      number: 1015,
      when: null,
    });
    expect(answerAcknowledgement(noAccess, 'yes', times)).toEqual({
      kind: 'access_time_ack',
      number: 1015,
      when: null,
    });
    expect(answerAcknowledgement(noAccess, 'no', times)).toEqual({ kind: 'access_reply_ack', number: 1015 });
  });

  test('waiting for confirmation: as before', () => {
    expect(answerAcknowledgement(confirming, 'yes', times)).toEqual({
      kind: 'confirmed_ack',
      number: 1012,
      when: 'Wed Nov 25, 2:00 PM',
    });
    expect(answerAcknowledgement(confirming, 'no', times)).toEqual({ kind: 'reschedule_ack', number: 1012 });
    expect(answerAcknowledgement(confirming, 'reschedule', times)).toEqual({ kind: 'reschedule_ack', number: 1012 });
  });
});

describe('what a tenant asked for a day and time sends back', () => {
  test.each([
    'tomorrow at 2pm',
    'anytime Friday',
    "I'm home all day friday",
    'You can come Monday morning',
    'Monday after 3',
    'mañana a las 2',
    'cualquier hora el viernes',
    'Estoy en casa el viernes todo el día',
    'Friday works',
  ])('%j is a time', (body) => {
    expect(parseInboundIntent(body).kind).toBe('reschedule');
  });

  test.each(['YES', 'ok friday', 'Sí'])('%j is a yes', (body) => {
    expect(parseInboundIntent(body)).toMatchObject({ kind: 'answer', answer: 'yes' });
  });

  test.each(['Come tomorrow, the leak is worse', 'The tech can come friday but now the toilet is clogged too'])(
    '%j is still a problem: never swallowed as an answer',
    (body) => {
      expect(parseInboundIntent(body).kind).toBe('problem');
    },
  );
});
