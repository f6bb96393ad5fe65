import type { PoolClient } from 'pg';
import { SURVEY_ANSWER_DAYS, type SurveyAnswer } from '../../domain/sms/surveyAnswer';
import { renderSms, type SmsLanguage } from '../../domain/sms/templates';
import { appendEvent } from '../../db/queries/events';
import { orderLanguageSql, smsLanguageOr } from '../../db/queries/orderLanguage';
import type { InboundOutcome, ReadSms } from './inboundSms';

interface RecentSurvey {
  number: number;
  answered: boolean;
  /** The language the tenant wrote the surveyed order's texts in, when a text told us. */
  language: string | null;
}

/**
 * A rating from a tenant with a survey requested in the last SURVEY_ANSWER_DAYS: the newest open one records it,
 * with an event, in the caller's transaction (the one that stores the inbound message, so a redelivered MessageSid
 * changes nothing). Null when the tenant has no such survey: the message is routed as usual.
 *
 * A rating when every recent survey is answered does not overwrite the first: a tenant who sends "5" twice, or
 * "4" then "5", meant one rating, and the first is what they gave when asked. They are told we have it, rather than
 * getting the HELP text or a work order opened from "5 great job".
 */
export async function answerSurvey(
  client: PoolClient,
  sms: ReadSms,
  tenant: { id: number; language: SmsLanguage },
  answer: SurveyAnswer,
): Promise<InboundOutcome | null> {
  // Locked, so two different messages with ratings at once answer it once; the second sees it answered.
  const { rows } = await client.query<RecentSurvey>(
    `SELECT s.work_order_number::int AS number, s.answered_at IS NOT NULL AS answered, ${orderLanguageSql('w')} AS language
       FROM surveys s JOIN work_orders w ON w.number = s.work_order_number
      WHERE s.tenant_id = $1 AND s.requested_at > now() - make_interval(days => $2)
      ORDER BY s.answered_at IS NULL DESC, s.requested_at DESC, s.work_order_number DESC LIMIT 1 FOR UPDATE OF s`,
    [tenant.id, SURVEY_ANSWER_DAYS],
  );
  const survey = rows[0];
  if (!survey) return null;
  const language = sms.language ?? smsLanguageOr(survey.language, tenant.language);
  if (survey.answered)
    return {
      reply: renderSms({ kind: 'survey_already_answered', number: survey.number }, language),
      workOrderNumber: survey.number,
    };

  await client.query(
    `UPDATE surveys SET rating = $2, comment = $3, message_sid = $4, answered_at = now() WHERE work_order_number = $1 AND answered_at IS NULL`,
    [survey.number, answer.rating, answer.comment, sms.messageSid],
  );
  await appendEvent(client, {
    number: survey.number,
    type: 'survey_answered',
    actor: { type: 'tenant', id: String(tenant.id) },
    source: 'sms',
    payload: { rating: answer.rating, comment: answer.comment },
    idempotencyKey: `sms/${sms.messageSid}/survey_answered`,
    onDuplicateKey: 'skip',
  });
  return {
    reply: renderSms({ kind: 'survey_thanks', number: survey.number, rating: answer.rating }, language),
    workOrderNumber: survey.number,
  };
}
