/** Keeping a text within the SMS length: free text (summaries, notes, reasons) is shortened, never the facts. */

/** Two GSM-7 segments. */
export const SMS_MAX_LENGTH = 320;

const ELLIPSIS = '...';

/** How far back a cut may move to end on a whole word. */
const WORD_BREAK_REACH = 12;

export function truncate(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  if (max <= ELLIPSIS.length) return '';
  const cut = clean.slice(0, max - ELLIPSIS.length);
  const lastSpace = cut.lastIndexOf(' ');
  const atWord = lastSpace >= cut.length - WORD_BREAK_REACH && lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
  return `${atWord.replace(/[\s,;:.-]+$/, '')}${ELLIPSIS}`;
}

/** Renders with the free-text part as long as the limit allows. */
export function fitting(render: (freeText: string) => string, freeText: string): string {
  return render(truncate(freeText, SMS_MAX_LENGTH - render('').length));
}

/** Free text ended as a sentence, so the template's next sentence can follow it: "left dust" -> "left dust.". */
export function asSentence(text: string): string {
  const clean = text.trim().replace(/[\s,;:]+$/, '');
  return /[.!?]$/.test(clean) ? clean : `${clean}.`;
}
