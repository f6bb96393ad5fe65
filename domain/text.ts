import { z } from 'zod';

/**
 * The one text type of every boundary: JSON bodies, forms, query parameters, CSV cells, an SMS's body. Refused (or,
 * where nothing can be refused, replaced): U+0000, which Postgres text cannot hold; a UTF-16 surrogate without its
 * pair, which is not Unicode (UTF-8 cannot encode it, Postgres's JSON refuses it); and the other C0 control
 * characters but tab, line feed and carriage return, which nobody types and which become escapes in a terminal.
 */
/* eslint-disable no-control-regex -- finding control characters is the point */
const DISALLOWED =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/* eslint-enable no-control-regex */
const DISALLOWED_ALL = new RegExp(DISALLOWED.source, 'g');

const hex = (codeUnit: number) => `U+${codeUnit.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with the text, for a person (the first disallowed character and where it is); null when nothing. */
export function textProblem(value: string): string | null {
  const found = DISALLOWED.exec(value);
  if (!found) return null;
  const codeUnit = found[0].charCodeAt(0);
  const at = `at position ${found.index + 1}`;
  if (codeUnit === 0) return `contains U+0000 (NUL) ${at}: remove it`;
  if (codeUnit >= 0xd800) return `contains an unpaired surrogate (${hex(codeUnit)}) ${at}: not valid Unicode`;
  return `contains the control character ${hex(codeUnit)} ${at}: only tab and line breaks are allowed`;
}

export interface TextBounds {
  /** Length bounds of the trimmed text, in UTF-16 code units (zod's measure; never fewer than Postgres's characters). */
  min?: number;
  max: number;
  /** Trim surrounding whitespace before checking (the default); off where the text must match something exactly. */
  trim?: boolean;
}

/** The zod schema of a text from outside: trimmed, without disallowed characters, its length bounded. */
export function text({ min = 0, max, trim = true }: TextBounds): z.ZodString {
  return (trim ? z.string().trim() : z.string())
    .refine((value) => !DISALLOWED.test(value), {
      error: (issue) => textProblem(String(issue.input)) ?? 'not valid text',
    })
    .min(min)
    .max(max);
}

export interface RepairedText {
  text: string;
  /** How many disallowed characters became U+FFFD; 0 when the text was fine. */
  replaced: number;
  /** Each distinct character replaced, as U+XXXX. */
  characters: string[];
}

/**
 * For text that cannot be refused (a tenant's SMS): each disallowed character becomes U+FFFD (the replacement
 * character), everything else is kept as it was, and the caller learns what was replaced to note it.
 */
export function repairText(value: string): RepairedText {
  const characters = new Set<string>();
  let replaced = 0;
  const repaired = value.replace(DISALLOWED_ALL, (bad) => {
    replaced++;
    characters.add(hex(bad.charCodeAt(0)));
    return '\uFFFD';
  });
  return { text: repaired, replaced, characters: [...characters] };
}

/** The longest start of `value` within `max` code units that does not cut a surrogate pair in two. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(value[max - 1]!) ? max - 1 : max;
  return value.slice(0, end);
}
