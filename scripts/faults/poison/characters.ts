/** The characters Postgres refuses (U+0000, unpaired surrogates, C0 controls), as the poison drill sends them. */
import { textProblem } from '../../../domain/text';

/** What the issue found freezing orders or answering 500, and their neighbours. */
export const POISON = [
  '\u0000',
  '\ud800',
  '\udfff',
  'a\u0000b\ud83d',
  '\u0007\u001b[31m',
  '\udc00\ud800',
  `${'\u0000'.repeat(3)}tail`,
];

export const poisonFor = (index: number) => POISON[index % POISON.length]!;

/**
 * Whether the webhook receives refused characters from this text: a form (Twilio's, and URLSearchParams here) carries
 * UTF-8, which has no lone surrogates, so those arrive as U+FFFD already; NUL and control characters arrive as sent.
 */
export const arrivesRefused = (poison: string) =>
  textProblem(new URLSearchParams({ Body: poison }).get('Body')!) !== null;
