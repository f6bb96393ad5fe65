import type { SmsMessage } from './templates';

/**
 * Which waiting order a tenant's YES / NO / time answers, and what we text back. Two waits take answers by text: a
 * visit proposed to the tenant (awaiting_confirmation) and a visit that failed because nobody could let the
 * technician in (waiting_access), where the tenant is asked for a day and time.
 */

export const ANSWERABLE_STATUSES = ['awaiting_confirmation', 'waiting_access'] as const;
/**
 * 'scheduled': a visit booked without asking the tenant (an emergency, an urgent order), which they were told about
 * and have not answered yet: a YES is noted, a NO or another time goes to a coordinator; the visit stays booked.
 */
export type AnswerableStatus = (typeof ANSWERABLE_STATUSES)[number] | 'scheduled';

/** The event that says a scheduled visit was booked without asking; the tenant's answer to it is one of these. */
export const TOLD_NOT_ASKED_EVENT = 'scheduled_without_confirmation';
export const TOLD_VISIT_ANSWER_EVENTS = ['tenant_confirmed', 'tenant_objected', 'assigned'] as const;

export type TenantAnswer = 'yes' | 'no' | 'reschedule';

export type AnswerTarget<T> = { kind: 'nothing_waiting' } | { kind: 'ask_which' } | { kind: 'order'; order: T };

/** The order the message names; else the only one waiting; else the tenant is asked which (also when the number named is not waiting). */
export function chooseAnswerTarget<T extends { number: number }>(
  waiting: readonly T[],
  named: number | null,
): AnswerTarget<T> {
  if (waiting.length === 0) return { kind: 'nothing_waiting' };
  const order =
    named !== null ? waiting.find((o) => o.number === named) : waiting.length === 1 ? waiting[0] : undefined;
  return order ? { kind: 'order', order } : { kind: 'ask_which' };
}

/** With no visit on the table, a YES that names a time ("ok friday") to a waiting_access order means "come then". */
export function signalledAnswer(
  status: AnswerableStatus,
  answer: TenantAnswer,
  namesReadableTime: boolean,
): TenantAnswer {
  return status === 'waiting_access' && answer === 'yes' && namesReadableTime ? 'reschedule' : answer;
}

/**
 * `scheduledWhen`: the proposed visit a YES confirms; `proposedWhen`: the time the tenant's text named, when readable.
 * To a waiting_access order a YES or a time means "come then": the workflow proposes a visit and asks to confirm it.
 * A NO there is passed on and acknowledged without promising anything; the workflow decides what it means.
 */
export function answerAcknowledgement(
  order: { number: number; status: AnswerableStatus },
  answer: TenantAnswer,
  times: { scheduledWhen: string | null; proposedWhen: string | null },
): SmsMessage {
  const { number } = order;
  if (order.status === 'scheduled') {
    return answer === 'yes'
      ? { kind: 'confirmed_ack', number, when: times.scheduledWhen ?? '' }
      : { kind: 'visit_objection_ack', number, when: times.scheduledWhen };
  }
  if (order.status === 'waiting_access') {
    if (answer === 'no') return { kind: 'access_reply_ack', number };
    return { kind: 'access_time_ack', number, when: answer === 'reschedule' ? times.proposedWhen : null };
  }
  return answer === 'yes'
    ? { kind: 'confirmed_ack', number, when: times.scheduledWhen ?? '' }
    : { kind: 'reschedule_ack', number };
}
