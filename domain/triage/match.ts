import { isNegator, stemOf, type Language, type Word } from './words';

/**
 * Cue words and phrases in English and Spanish. A word matches any form with the same Snowball stem in the cue's
 * language ("spark" matches "sparks", "sparked", "sparking"; "gotera" matches "goteras"). Words whose stem is shorter
 * than 4 letters match only themselves and their plurals ("rat": "rats", not "rate"; "pared": not "para"), and a
 * leading "=" asks for the exact form ("=co").
 */
export interface Vocabulary {
  en?: readonly string[];
  es?: readonly string[];
}

export interface Match {
  start: number;
  /** exclusive */
  end: number;
  /** The cue as written in the vocabulary. */
  cue: string;
}

export interface MatchOptions {
  /** Words a longer name has already taken ("smoke" in "smoke detector"). */
  taken?: readonly boolean[];
  /** Whether negated words may match: hazards skip them, failures ("no hot water") need them. Default: yes. */
  negated?: boolean;
  /** Each match inside one clause: "the ceiling light, bulb popped" names no light bulb. */
  inOneClause?: boolean;
}

type WordTest = (word: Word) => boolean;
interface CompiledWord {
  test: WordTest;
  /** What a word that passes the test has (any one of): `f:` its form, `en:`/`es:` its stem in that language. */
  keys: string[];
}
interface CompiledCue {
  cue: string;
  words: WordTest[];
  /** The first word's keys: a cue can match only where a word has one of them. */
  firstKeys: string[];
}
/** Several vocabularies' cues, longest first, and which of them can start on a word with a given key. */
interface CueSet<T> {
  cues: Array<CompiledCue & { tag: T }>;
  byFirstKey: Map<string, number[]>;
}

const MIN_STEM = 4;
const FILLERS = new Set([
  'right',
  'completely',
  'totally',
  'fully',
  'partly',
  'partially',
  'really',
  'literally',
  'completamente',
  'totalmente',
]);
const compiled = new WeakMap<Vocabulary, CompiledCue[]>();
/** Every cue word form, for the spelling correction. */
const knownForms = new Set<string>();
const knownStems = { en: new Set<string>(), es: new Set<string>() };

function compileWord(raw: string, language: Language): CompiledWord {
  if (raw.startsWith('=')) {
    const form = raw.slice(1);
    knownForms.add(form);
    return { test: (w) => w.form === form, keys: [`f:${form}`] };
  }
  knownForms.add(raw);
  const stem = stemOf(raw, language);
  if (stem.length < MIN_STEM) {
    const forms = new Set([raw, `${raw}s`, `${raw}es`]);
    return { test: (w) => forms.has(w.form), keys: [...forms].map((f) => `f:${f}`) };
  }
  knownStems[language].add(stem);
  // A word that is its own stem in the other language's spelling ("tech" for "techo") is not this cue.
  return {
    test: (w) => w[language] === stem && (w.form === raw || w.form.length > stem.length || language === 'en'),
    keys: [`${language}:${stem}`],
  };
}

function compile(vocabulary: Vocabulary): CompiledCue[] {
  let cues = compiled.get(vocabulary);
  if (!cues) {
    cues = (['en', 'es'] as const).flatMap((language) =>
      (vocabulary[language] ?? []).map((cue) => {
        const words = cue.split(' ').map((w) => compileWord(w, language));
        return { cue, words: words.map((w) => w.test), firstKeys: words[0]!.keys };
      }),
    );
    // Longest first, so "water heater" is read before "water".
    cues.sort((a, b) => b.words.length - a.words.length);
    compiled.set(vocabulary, cues);
  }
  return cues;
}

/** Declares a vocabulary: compiled once, and its words become known to the spelling correction. */
export function vocabulary(v: Vocabulary): Vocabulary {
  compile(v);
  return v;
}

const singleEntries = new WeakMap<Vocabulary, ReadonlyArray<{ vocabulary: Vocabulary; tag: null }>>();

/** Non-overlapping matches of the vocabulary, longest cue first. */
export function findAll(words: readonly Word[], v: Vocabulary, options: MatchOptions = {}): Match[] {
  let entries = singleEntries.get(v);
  if (!entries) {
    entries = [{ vocabulary: v, tag: null }];
    singleEntries.set(v, entries);
  }
  return findTagged(words, entries, options);
}

const cueSets = new WeakMap<object, CueSet<unknown>>();

/** The entries' cues in the order they are tried, kept for an entries array that is used again. */
function cueSetOf<T>(entries: ReadonlyArray<{ vocabulary: Vocabulary; tag: T }>): CueSet<T> {
  const known = cueSets.get(entries) as CueSet<T> | undefined;
  if (known) return known;
  const cues = entries
    .flatMap(({ vocabulary: v, tag }) => compile(v).map((c) => ({ ...c, tag })))
    .sort((a, b) => b.words.length - a.words.length);
  const byFirstKey = new Map<string, number[]>();
  cues.forEach((cue, index) => {
    for (const key of cue.firstKeys) {
      const list = byFirstKey.get(key);
      if (list) list.push(index);
      else byFirstKey.set(key, [index]);
    }
  });
  const set = { cues, byFirstKey };
  cueSets.set(entries, set);
  return set;
}

const wordKeys = new WeakMap<readonly Word[], Set<string>>();

/** Every key the text's words have (CompiledWord.keys), kept for the words array: one text is searched many times. */
function keysOf(words: readonly Word[]): Set<string> {
  let keys = wordKeys.get(words);
  if (!keys) {
    keys = new Set(words.flatMap((w) => [`f:${w.form}`, `en:${w.en}`, `es:${w.es}`]));
    wordKeys.set(words, keys);
  }
  return keys;
}

/** The cues whose first word some word of the text can be, in the order they are tried. */
function candidateCues<T>(words: readonly Word[], set: CueSet<T>): Array<CompiledCue & { tag: T }> {
  const keys = keysOf(words);
  if (set.cues.length <= keys.size) {
    const found: Array<CompiledCue & { tag: T }> = [];
    for (const cue of set.cues) if (cue.firstKeys.some((key) => keys.has(key))) found.push(cue);
    return found;
  }
  const indexes: number[] = [];
  for (const key of keys) for (const index of set.byFirstKey.get(key) ?? []) indexes.push(index);
  return [...new Set(indexes)].sort((a, b) => a - b).map((index) => set.cues[index]!);
}

/**
 * Non-overlapping matches of several vocabularies at once, each match carrying its vocabulary's tag; the longest
 * cue wins wherever it comes from ("smoke detector" over "smoke", "toilet paper holder" over "toilet"). Only the cues
 * whose first word is in the text are tried: most texts name a handful of the thousands of cues.
 */
export function findTagged<T>(
  words: readonly Word[],
  entries: ReadonlyArray<{ vocabulary: Vocabulary; tag: T }>,
  options: MatchOptions = {},
): Array<Match & { tag: T }> {
  const candidates = candidateCues(words, cueSetOf(entries));
  if (candidates.length === 0) return [];
  const used = new Array<boolean>(words.length).fill(false);
  const matches: Array<Match & { tag: T }> = [];
  for (const { cue, words: tests, tag } of candidates) {
    for (let i = 0; i + tests.length <= words.length; i++) {
      let at = i;
      let fits = true;
      for (let j = 0; j < tests.length && fits; j++, at++) {
        // "pulled right out", "is completely dead": an intensifier inside a phrase does not break it.
        while (j > 0 && words[at] && FILLERS.has(words[at]!.form) && !tests[j]!(words[at]!)) at++;
        const word = words[at];
        // A cue that carries its own negation ("no puedo entrar", "can not get in") matches the words it negates.
        const negationAllowed =
          !word || options.negated !== false || !word.negated || words.slice(i, at).some(isNegator);
        const sameClause = !options.inOneClause || word?.clause === words[i]!.clause;
        fits =
          word !== undefined && sameClause && !used[at] && !options.taken?.[at] && negationAllowed && tests[j]!(word);
      }
      if (!fits) continue;
      for (let k = i; k < at; k++) used[k] = true;
      matches.push({ start: i, end: at, cue, tag });
    }
  }
  return matches.sort((a, b) => a.start - b.start);
}

export function has(words: readonly Word[], v: Vocabulary, options: MatchOptions = {}): boolean {
  return findAll(words, v, options).length > 0;
}

/** Words between two matches (0 when adjacent or overlapping). */
export function gap(a: Match, b: Match): number {
  return Math.max(0, b.start - a.end, a.start - b.end);
}

/** Pairs of matches of `a` and `b` at most `within` words apart and in the same sentence. */
export function near(
  words: readonly Word[],
  a: readonly Match[],
  b: readonly Match[],
  within: number,
): Array<[Match, Match]> {
  return a.flatMap((x) =>
    b
      .filter((y) => gap(x, y) <= within && words[x.start]!.sentence === words[y.start]!.sentence)
      .map((y): [Match, Match] => [x, y]),
  );
}

export function isKnownWord(form: string): boolean {
  return knownForms.has(form) || knownStems.en.has(stemOf(form, 'en')) || knownStems.es.has(stemOf(form, 'es'));
}

export function cueForms(): ReadonlySet<string> {
  return knownForms;
}
