import { isCourtesyOnly, parseInboundIntent, type InboundIntent } from './inboundIntent';
import { readProblem, tradesIn } from './problemText';

/**
 * What a tenant's text asks of us, as the SMS webhook routes it (api/sms/inboundSms.ts), without the database: the
 * intent, and for a text that is none of the known ones whether it opens a work order or goes to a coordinator.
 * (A survey rating is read by the webhook before these, only when a survey waits.)
 */
export type TenantTextReading =
  | Exclude<InboundIntent, { kind: 'problem' }>
  /** "thanks", "hola": nothing to do. */
  | { kind: 'courtesy' }
  /** A bare number or emoji: the tenant is sent HELP. */
  | { kind: 'no_words' }
  | { kind: 'problem'; text: string }
  /** Neither a problem nor a known intent: held for a coordinator with the reason. */
  | { kind: 'for_coordinator'; text: string; reason: string };

export function readTenantText(body: string): TenantTextReading {
  const intent = parseInboundIntent(body);
  // A time in a text about a thing a trade fixes is part of its story: "bricks are loose, one fell this morning".
  if (intent.kind === 'reschedule' && tradesIn(intent.proposal) !== null)
    return { kind: 'problem', text: intent.proposal };
  if (intent.kind !== 'problem') return intent;
  if (isCourtesyOnly(body)) return { kind: 'courtesy' };
  if (!/\p{L}{2,}/u.test(body)) return { kind: 'no_words' };
  const reading = readProblem(intent.text);
  return reading.problem ? intent : { kind: 'for_coordinator', text: intent.text, reason: reading.reason };
}
