import { SMS_LANGUAGES, type SmsLanguage } from './templates';

/**
 * The language a tenant's text is written in, when the text can tell: "hay una fuga de agua en la cocina" is Spanish
 * whatever the tenant's record says. Most texts can't: "YES", "si", "ok gracias", "no puedo" read to a detector as
 * Portuguese, Tagalog or Polish as readily as English or Spanish, so a text of fewer than MIN_WORDS words, or one the
 * detector is not sure of, says nothing and the conversation keeps the language it had. The detector itself (eld) is
 * loaded by the API (api/sms/languageDetector.ts); this is the rule it is read by.
 */

/** Fewer words than this and the text keeps the language the conversation had (tenants' one- and two-word answers). */
export const MIN_WORDS = 3;
/** How far the best language's score (0..1) must lead every other SMS language's: Spanglish that leans neither way says nothing. */
export const MIN_LEAD = 0.1;

/** What a detector read in a text: its best language among SMS_LANGUAGES ('' for none), whether it trusts it, each language's score 0..1. */
export interface LanguageReading {
  language: string;
  reliable: boolean;
  scores: Readonly<Record<string, number>>;
}

/**
 * The words a language shows in, joined by spaces; null when there are too few to tell. Tokens with a numeral ("3B",
 * "1042", "3pm") are names and numbers in any language and are left out, as are punctuation, emoji and U+FFFD (what a
 * NUL or a lone surrogate became at the webhook). Accents are kept: "baño" is Spanish, and so is "bano".
 */
export function wordsToRead(text: string): string | null {
  const words =
    text
      .normalize('NFC')
      .replace(/[\p{L}\p{M}\p{N}]*\p{N}[\p{L}\p{M}\p{N}]*/gu, ' ')
      .match(/\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*/gu) ?? [];
  return words.length >= MIN_WORDS ? words.join(' ') : null;
}

/** The reading's language when the detector trusts it and it leads every other SMS language by MIN_LEAD; else null. */
export function languageOfReading(reading: LanguageReading): SmsLanguage | null {
  const language = SMS_LANGUAGES.find((l) => l === reading.language);
  if (!language || !reading.reliable) return null;
  const score = reading.scores[language] ?? 0;
  const leads = SMS_LANGUAGES.every((other) => other === language || score - (reading.scores[other] ?? 0) >= MIN_LEAD);
  return leads ? language : null;
}
