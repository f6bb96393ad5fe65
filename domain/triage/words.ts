import { newStemmer } from 'snowball-stemmers';

/**
 * A tenant's text as words: lower case, no accents, contractions spelled out ("won't" → "will not"), each word with
 * its English and Spanish Snowball stems (tenants mix the two), the sentence and clause it is in, and whether a
 * negation covers it ("no longer leaking", "ya no gotea", "the sparking stopped").
 */
export interface Word {
  /** The word as read, after spelling correction. */
  form: string;
  /** The word as typed (normalized), when a spelling correction changed it. */
  typed?: string;
  en: string;
  es: string;
  sentence: number;
  clause: number;
  negated: boolean;
}

export type Language = 'en' | 'es';

const stemmers = { en: newStemmer('english'), es: newStemmer('spanish') };
const stemCache = { en: new Map<string, string>(), es: new Map<string, string>() };

export function stemOf(form: string, language: Language): string {
  const cache = stemCache[language];
  let stem = cache.get(form);
  if (stem === undefined) {
    stem = stemmers[language].stem(form);
    cache.set(form, stem);
  }
  return stem;
}

/** Lower case, accents and ñ's tilde removed (tenants type both ways), curly apostrophes straightened. */
export function plainText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u00b4`]/g, "'");
}

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon'?t\b/g, 'will not'],
  [/\bcan'?t\b|\bcannot\b/g, 'can not'],
  [/\bain'?t\b/g, 'is not'],
  [/\b(do|does|did|is|are|was|were|could|would|should|have|has|had|need)n'?t\b/g, '$1 not'],
];

/** Sentences end at these; clauses also at the joining words below. */
const SENTENCE_END = /[.!?\n]+/;
const CLAUSE_END = /[,;:()]+/;
const CLAUSE_WORDS = new Set(['but', 'pero', 'although', 'though', 'aunque', 'however', 'sino', 'except', 'excepto']);
/** A negation reaches no further than these. */
const SCOPE_END = new Set([
  ...CLAUSE_WORDS,
  'and',
  'y',
  'e',
  'with',
  'con',
  'then',
  'luego',
  'now',
  'ahora',
  'because',
  'porque',
  'since',
  'desde',
  'while',
  'mientras',
  'when',
  'cuando',
  'so',
  'asi',
]);

const FORWARD_NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'none',
  'nobody',
  'nowhere',
  'without',
  'nunca',
  'ni',
  'sin',
  'nada',
  'tampoco',
  'stopped',
  'stoped',
  'quit',
  'dejo',
]);
/** Ends of a thing rather than a negation word: "stopped sparking", "dejó de gotear"; they do not make a cue carry its own negation. */
const ENDINGS = new Set(['stopped', 'stoped', 'quit', 'dejo']);

export function isNegator(word: Word): boolean {
  return FORWARD_NEGATORS.has(word.form) && !ENDINGS.has(word.form);
}

/** Text-speak and frequent misspellings, read as the word meant. */
const SHORTHAND: Record<string, string> = {
  thru: 'through',
  comming: 'coming',
  ur: 'your',
  u: 'you',
  r: 'are',
  n: 'and',
  tho: 'though',
  bc: 'because',
  cuz: 'because',
  pls: 'please',
  plz: 'please',
  ay: 'hay',
  aki: 'aqui',
  q: 'que',
  xq: 'porque',
  tmb: 'tambien',
  lite: 'light',
  lites: 'lights',
  apt: 'apartment',
  im: 'i m',
  ive: 'i have',
  theres: 'there is',
  thats: 'that is',
  stoped: 'stopped',
  stopt: 'stopped',
  quitted: 'quit',
  whats: 'what is',
  hes: 'he is',
  shes: 'she is',
  youre: 'you are',
  theyre: 'they are',
  doesnt: 'does not',
  dont: 'do not',
  didnt: 'did not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  wont: 'will not',
  cant: 'can not',
  couldnt: 'could not',
  wouldnt: 'would not',
  hasnt: 'has not',
  havent: 'have not',
};
/** Words after the thing they end: "the sparking stopped", "el goteo paró". */
const BACKWARD_NEGATORS = new Set(['stopped', 'stoped', 'quit', 'paro', 'detuvo', 'anymore']);
/** "no smoke or burning smell": a list after a negator stays under it ("or" does not end the scope). */
const FORWARD_SCOPE = 5;
/** Back to the subject: "the leak under the bathroom sink stopped". */
const BACKWARD_SCOPE = 6;
/** Words skipped when looking at what a negator applies to: "is not", "no se", "will not". */
const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'it',
  'will',
  'do',
  'does',
  'did',
  'can',
  'could',
  'would',
  'se',
  'le',
  'lo',
  'la',
  'me',
  'nos',
  'esta',
  'estan',
  'ya',
  'really',
  'even',
  'still',
  'at',
  'all',
]);
/**
 * A negator followed by one of these is not a negation of a hazard: a failure ("not working", "no prende", "won't
 * flush"), a doubt ("not sure"), an intensifier ("won't stop", "no para") or an urgency word ("no rush").
 */
const NOT_A_NEGATION = new Set([
  'sure',
  'certain',
  'idea',
  'know',
  'only',
  'just',
  'rush',
  'hurry',
  'urgent',
  'urge',
  'prisa',
  'apuro',
  'si',
  'que',
  'if',
  'stop',
  'stopping',
  'para',
  'deja',
  'detiene',
  'turn',
  'shut',
  'apaga',
  'apagar',
  'work',
  'working',
  'funciona',
  'funcionan',
  'sirve',
  'sirven',
  'prende',
  'prenden',
  'enciende',
  'encienden',
  'start',
  'close',
  'closing',
  'shut',
  'lock',
  'locking',
  'flush',
  'flushing',
  'drain',
  'draining',
  'light',
  'cooling',
  'cool',
  'heating',
  'heat',
  'cierra',
  'cierran',
  'abre',
  'enfria',
  'calienta',
  'baja',
  'jala',
  'drena',
  'open',
  'spin',
  'spinning',
  'centrifuga',
  'stay',
  'staying',
  'latch',
  'get',
  'getting',
  'come',
  'coming',
  'go',
  'going',
  'move',
  'turning',
  'respond',
  'responding',
  'responde',
  'blowing',
  'up',
  'de',
  'funcionar',
  'enfriar',
  'calentar',
  'between',
  'halfway',
  'midway',
]);

/** Emoji tenants send instead of the word ("🐀🐀 in the trash room"). */
const EMOJI: Array<[RegExp, string]> = [
  [/\u{1F400}|\u{1F401}|\u{1F42D}/gu, ' rat '],
  [/\u{1FAB3}/gu, ' roach '],
  [/\u{1F41C}/gu, ' ants '],
  [/\u{1F41D}/gu, ' bees '],
  [/\u{1F577}/gu, ' spider '],
  [/\u{1F99F}/gu, ' mosquito '],
  [/\u{1F525}/gu, ' fire '],
  [/\u{1F4A7}|\u{1F4A6}/gu, ' water '],
  [/\u{1F30A}/gu, ' flooding '],
  [/\u{1F976}/gu, ' freezing '],
  [/\u{1F975}/gu, ' so hot '],
  [/\u{1F6BD}/gu, ' toilet '],
];

/** Reads the words of a text; `correct` may replace a misspelled word by the word it was meant to be. */
export function readWords(text: string, correct: (form: string) => string | undefined = () => undefined): Word[] {
  let plain = plainText(text);
  for (const [pattern, word] of EMOJI) plain = plain.replace(pattern, word);
  for (const [pattern, replacement] of CONTRACTIONS) plain = plain.replace(pattern, replacement);
  const words: Word[] = [];
  let clause = 0;
  plain.split(SENTENCE_END).forEach((sentenceText, sentence) => {
    for (const clauseText of sentenceText.split(CLAUSE_END)) {
      for (const raw of clauseText.match(/[a-z0-9]+/g) ?? []) {
        for (const typed of (SHORTHAND[raw] ?? raw).split(' ')) {
          if (CLAUSE_WORDS.has(typed)) clause++;
          const form = correct(typed) ?? typed;
          words.push({
            form,
            ...(form !== typed ? { typed } : {}),
            en: stemOf(form, 'en'),
            es: stemOf(form, 'es'),
            sentence,
            clause,
            negated: false,
          });
        }
      }
      clause++;
    }
  });
  markNegations(words);
  return words;
}

function markNegations(words: Word[]): void {
  words.forEach((word, i) => {
    if (FORWARD_NEGATORS.has(word.form) && opensScope(words, i)) {
      for (let j = i + 1; j < words.length && j <= i + FORWARD_SCOPE; j++) {
        const next = words[j]!;
        if (next.clause !== word.clause || SCOPE_END.has(next.form)) break;
        next.negated = true;
      }
    }
    // "does not close by itself anymore": "anymore" only repeats a negation already made, it starts none.
    const repeatsNegation =
      word.form === 'anymore' &&
      words
        .slice(Math.max(0, i - BACKWARD_SCOPE), i)
        .some((w) => w.clause === word.clause && FORWARD_NEGATORS.has(w.form));
    if (
      BACKWARD_NEGATORS.has(word.form) &&
      !repeatsNegation &&
      opensScope(words, i) &&
      !(word.form === 'stopped' && words[i + 1]?.form === 'up')
    ) {
      for (let j = i - 1; j >= 0 && j >= i - BACKWARD_SCOPE; j--) {
        const previous = words[j]!;
        if (previous.clause !== word.clause || SCOPE_END.has(previous.form)) break;
        previous.negated = true;
      }
    }
  });
}

/** "no sé si es gas" (a doubt) and "no se apaga" (a failure) skip "se" like "is" in "is not working". */
function opensScope(words: readonly Word[], at: number): boolean {
  let j = at + 1;
  while (words[j] && AUXILIARIES.has(words[j]!.form)) j++;
  const next = words[j];
  return next !== undefined && !NOT_A_NEGATION.has(next.form);
}
