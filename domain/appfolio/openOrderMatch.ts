/**
 * An open AppFolio order that is already an open order here (a tenant texted about the same faucet before the import)
 * is matched to it instead of opening a second one. The rule, all three:
 *   1. the same unit, and the order here is open and not yet linked to another AppFolio order;
 *   2. the two descriptions name the same thing: they share a word once stop words, rooms and symptom words
 *      (leaking, broken, not working...) are set aside, compared by English stem ("faucets" = "faucet",
 *      "dripping" = "drips"); and when both name a room, a room in common (a bathroom sink is not the kitchen sink);
 *   3. the same trade: the skills the heuristic classifier reads in the imported description meet the skills of the
 *      order here (its classification, or the heuristic reading of its description before it is classified).
 * Whole-text trigram similarity was tried first and rejected: "toilet not working" scored 0.63 against "kitchen sink
 * not working" and 0.47 against "the toilet won't flush". The heuristic's trade alone can't tell a faucet from a
 * toilet. Two descriptions in different languages rarely share a word: such a pair is reported, not matched.
 */
import { newStemmer } from 'snowball-stemmers';
import { normalizeDescription } from '../classification';
import type { Skill } from '../priority';

const english = newStemmer('english');

const STOP_WORDS = new Set(
  (
    'the a an and or but is are was were be been being it its this that these those there here my our your their his her ' +
    'in on at of to for with from by into onto under over out up down off about near next behind above below again still ' +
    'not no never very just also too so some any all each every lot lots bit since when after before while now today ' +
    'have has had having do does did doing can could will would should wont dont doesnt didnt isnt cant cannot ' +
    'keep keeps kept get gets got getting make makes making need needs needed please help thanks thank hi hello ' +
    'el la los las lo un una unos unas de del en con por para que se mi mis su sus y o no ya muy mucho mucha esta esto ' +
    'este estan es son hay tiene tengo al le les me nos otra otro vez unit apartment apt apto departamento'
  ).split(' '),
);

/** What a description says is wrong, not what it is about. */
const SYMPTOM_WORDS = new Set(
  (
    'broken broke break working work works worked leak leaks leaking leaky leaked drip drips dripping dripped ' +
    'damaged damage issue issues problem problems repair repairs fix fixed replace replaced check inspect inspection ' +
    'stuck loose noisy noise loud stopped stop running runs constantly always slow bad old new small big little ' +
    'funciona sirve roto rota rotos gotea fuga falla arreglar reparar'
  ).split(' '),
);

/** Where in the unit: two descriptions that each name a room must name one in common. */
const ROOMS = new Set(
  (
    'kitchen bathroom bath bedroom living dining room hallway hall closet laundry garage basement balcony patio ' +
    'master guest upstairs downstairs front back cocina bano recamara cuarto sala comedor pasillo'
  ).split(' '),
);

export interface DescriptionWords {
  things: Set<string>;
  rooms: Set<string>;
}

export function wordsOf(description: string): DescriptionWords {
  const things = new Set<string>();
  const rooms = new Set<string>();
  for (const word of normalizeDescription(description).split(' ')) {
    if (word.length < 3 || /^\d+$/.test(word) || STOP_WORDS.has(word)) continue;
    if (ROOMS.has(word)) rooms.add(word === 'bath' ? 'bathroom' : word);
    else if (!SYMPTOM_WORDS.has(word)) things.add(english.stem(word));
  }
  return { things, rooms };
}

export interface OpenOrderCandidate {
  number: number;
  description: string;
  /** The order's skills: its classification's, or the heuristic's reading of its description. */
  skills: readonly Skill[];
}

export interface OpenOrderMatch {
  number: number;
  /** The words (stems) both descriptions name. */
  sharedWords: string[];
  sharedSkills: Skill[];
}

export interface MatchResult {
  match: OpenOrderMatch | null;
  /** Open orders of the same unit and trade that did not name the same thing: reported, not matched. */
  sameTradeOnly: number[];
}

/** The candidate (open orders of the same unit, not linked elsewhere) naming the most words in common; the oldest on a tie. */
export function matchOpenOrder(description: string, skills: readonly Skill[], candidates: readonly OpenOrderCandidate[]): MatchResult {
  const mine = wordsOf(description);
  let best: OpenOrderMatch | null = null;
  const sameTradeOnly: number[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.number - b.number)) {
    const sharedSkills = skills.filter((s) => candidate.skills.includes(s));
    if (sharedSkills.length === 0) continue;
    const theirs = wordsOf(candidate.description);
    const roomsAgree = mine.rooms.size === 0 || theirs.rooms.size === 0 || [...mine.rooms].some((r) => theirs.rooms.has(r));
    const sharedWords = [...mine.things].filter((w) => theirs.things.has(w));
    if (!roomsAgree || sharedWords.length === 0) {
      sameTradeOnly.push(candidate.number);
      continue;
    }
    if (!best || sharedWords.length > best.sharedWords.length) best = { number: candidate.number, sharedWords, sharedSkills };
  }
  return { match: best, sameTradeOnly };
}

/** The match in words, for the import's answer and the order's event. */
export function describeMatch(match: OpenOrderMatch): string {
  const quoted = (words: string[]) => words.map((w) => `"${w}"`).join(', ');
  return `same unit, open, both name ${quoted(match.sharedWords)}, both ${match.sharedSkills.join(' and ')}`;
}
