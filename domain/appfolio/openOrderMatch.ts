/**
 * An open AppFolio order that is already an open order here (a tenant texted about the same faucet before the import)
 * is matched to it instead of opening a second one. The rule, all three:
 *   1. the same unit, and the order here is open and not yet linked to another AppFolio order;
 *   2. the two descriptions name the same thing (domain/sameThing.ts: a word in common past stop, room and symptom
 *      words, and no rooms that differ);
 *   3. the same trade: the skills the heuristic classifier reads in the imported description meet the skills of the
 *      order here (its classification, or the heuristic reading of its description before it is classified).
 * The heuristic's trade alone can't tell a faucet from a toilet.
 */
import type { Skill } from '../priority';
import { sharedThings, wordsOf } from '../sameThing';

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
export function matchOpenOrder(
  description: string,
  skills: readonly Skill[],
  candidates: readonly OpenOrderCandidate[],
): MatchResult {
  const mine = wordsOf(description);
  let best: OpenOrderMatch | null = null;
  const sameTradeOnly: number[] = [];
  for (const candidate of [...candidates].sort((a, b) => a.number - b.number)) {
    const sharedSkills = skills.filter((s) => candidate.skills.includes(s));
    if (sharedSkills.length === 0) continue;
    const sharedWords = sharedThings(mine, wordsOf(candidate.description));
    if (sharedWords.length === 0) {
      sameTradeOnly.push(candidate.number);
      continue;
    }
    if (!best || sharedWords.length > best.sharedWords.length)
      best = { number: candidate.number, sharedWords, sharedSkills };
  }
  return { match: best, sameTradeOnly };
}

/** The match in words, for the import's answer and the order's event. */
export function describeMatch(match: OpenOrderMatch): string {
  const quoted = (words: string[]) => words.map((w) => `"${w}"`).join(', ');
  return `same unit, open, both name ${quoted(match.sharedWords)}, both ${match.sharedSkills.join(' and ')}`;
}
