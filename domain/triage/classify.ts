import type { Classification } from '../classification';
import type { Skill } from '../priority';
import type { TriageContext } from '../triageContext';
import { rank, worst, type Finding } from './finding';
import { UNPLACED_DANGER, unplacedDanger } from './failSafe';
import { findHazards } from './hazards';
import { repeatsInUnit, similarOpenReports } from './history';
import { findAll, has, vocabulary } from './match';
import { findOutages } from './outages';
import { outageFindings } from './outageSeverity';
import { findProblems, SYMPTOMS } from './problems';
import { adjust, findModifiers } from './severity';
import { correctSpelling } from './spelling';
import { findMentions, STRONG, tradeNear, tradeScores, type Mention } from './trades';
import { readWords, type Word } from './words';

/**
 * The deterministic classifier used when no AI key is set. It reads the tenant's words (stems in English and
 * Spanish, negation, spelling), finds hazards, outages and ordinary problems, takes the worst, applies the
 * labelling guide's modifiers, and says what it went on. Confidence falls under the auto-assign threshold whenever
 * a person should read the text: no trade words, a vague or ambiguous text, conflicting cues, a hazard said to be over.
 */

/** Confidence levels; the defaults of the rules put auto-assign at 0.85 and review at 0.6. */
const CLEAR = 0.92;
const UNSURE = 0.8;
/** A thing named and nothing said about what is wrong with it: the review queue. */
const VAGUE = 0.82;
const NO_TRADE = 0.4;

const MINUTES: Record<Skill, number> = {
  plumbing: 90,
  electrical: 75,
  hvac: 90,
  appliance: 60,
  general: 60,
  locksmith: 45,
  pest: 60,
  roofing: 120,
};
const PARTS = vocabulary({
  en: [
    'broken',
    'replace',
    'replaced',
    'replacement',
    'cracked',
    'not working',
    'dead',
    'compressor',
    'motor',
    'part',
    'parts',
    'hinge',
    'busted',
    'burnt out',
  ],
  es: ['roto', 'rota', 'no funciona', 'reemplazar', 'cambiar', 'pieza', 'repuesto', 'motor', 'bisagra'],
});
const RECURRING = vocabulary({
  en: ['keeps', 'every time', 'constantly', 'always'],
  es: ['siempre', 'cada vez', 'sigue'],
});

/** `context`: what the records say about the unit and the building (a repeat of a recent repair, similar open orders). */
export function classifyHeuristically(description: string, context: TriageContext | null = null): Classification {
  const words = readWords(description, correctSpelling);
  const mentions = findMentions(words);
  const scores = tradeScores(mentions);
  const hazards = findHazards(words);
  // A minor fix counts only when it is about the thing the text is about ("the light over the mirror flickers" is not a mirror job).
  const problems = findProblems(words).filter(
    (f) => f.priority !== 'low' || !top0(scores) || tradeNear(words, mentions, f.at) === top0(scores),
  );
  const placed: Finding[] = [...hazards, ...outageFindings(words, findOutages(words)), ...problems];
  const findings = placed.some((f) => f.safety) ? placed : [...placed, ...unplacedDanger(words)];
  const modifiers = findModifiers(words);
  const symptom = has(words, SYMPTOMS) || findings.length > 0;

  const reasons: string[] = [];
  const doubts: string[] = [];
  const top = scores[0];
  if (top) reasons.push(`mentions ${top.cues.map((c) => `"${c}"`).join(', ')} (${top.trade})`);

  const main = worst(findings) ?? (top ? genericProblem(words, mentions) : undefined);
  const primary = main ? tradeOf(main, words, mentions, top?.trade) : (top?.trade ?? 'general');
  const second = main?.alsoTrade ?? scores.find((s) => s.trade !== primary && s.strong)?.trade;
  const skills: Skill[] = second && second !== primary ? [primary, second] : [primary];
  if (main)
    modifiers.repeat.push(
      ...repeatsInUnit(description, skills, context, (past) => classifyHeuristically(past).skillsRequired),
    );
  const adjusted = main ? adjust(main, modifiers) : { priority: 'medium' as const, notes: [] };
  const priority = adjusted.priority;
  const safety = findings.some((f) => f.safety && rank(f.priority) >= rank('high')) || priority === 'emergency';

  const hazardLabels = [...new Set(findings.filter((f) => f.safety).map((f) => f.label))];
  if (hazardLabels.length > 0) reasons.push(`safety concern: ${hazardLabels.join(', ')}`);
  const outages = findings.filter((f) => f.kind === 'outage').map((f) => f.label);
  if (outages.length > 0) reasons.push(`essential service out: ${outages.join(', ')}`);
  if (main && main.kind === 'problem' && main.label !== 'repair')
    reasons.push(`${priorityWord(main.priority)}: ${main.label}`);
  reasons.push(...adjusted.notes);
  const building = similarOpenReports(context);
  if (building) reasons.push(building);
  if (priority === 'emergency' && !findings.some((f) => f.priority === 'emergency'))
    reasons.push('an emergency is always a safety concern');

  // What should make a person look before anyone is sent.
  if (findings.some((f) => f.label === UNPLACED_DANGER))
    doubts.push('a danger word the rules could not place: a person should read it');
  const negated = negatedHazards(words, hazards);
  if (negated.length > 0)
    doubts.push(`mentions ${negated.join(', ')} as over or absent: not counted as a hazard, a person should confirm`);
  if (!top && findings.length === 0) doubts.push('no known trade words: needs a person to read it');
  else if (!top && !findings.some((f) => f.safety))
    doubts.push('names no thing a trade fixes: a person should read it');
  else if (!symptom) doubts.push(`names ${top ? `the ${top.trade} job` : 'a problem'} but not what is wrong`);
  const runnerUp = scores[1];
  if (top && runnerUp && runnerUp.strong && runnerUp.score === top.score && !main?.trade)
    doubts.push(`ambiguous between ${top.trade} and ${runnerUp.trade}`);
  if (top && top.score < STRONG && !main?.trade)
    doubts.push(`only words several trades share ("${top.cues.join('", "')}")`);
  const guessed = mentions.filter((m) => m.sense && !m.sense.fromContext && m.trade === primary);
  if (guessed.length > 0)
    doubts.push(
      `"${guessed[0]!.cue}" could mean more than one thing (read as ${guessed[0]!.sense!.label.split(': ')[1]})`,
    );
  const corrected = words.filter(
    (w) =>
      w.typed && mentions.some((m) => m.trade === primary && words.indexOf(w) >= m.start && words.indexOf(w) < m.end),
  );
  if (corrected.length > 0 && top && top.cues.every((c) => corrected.some((w) => w.form === c)))
    doubts.push(`read "${corrected[0]!.typed}" as "${corrected[0]!.form}"`);
  if (modifiers.minor.length > 0 && (modifiers.spreading.length > 0 || safety))
    doubts.push('says it is minor but also that it is serious');
  const trades = new Set(
    findings
      .filter((f) => !f.safety && rank(f.priority) >= rank('medium'))
      .map((f) => tradeOf(f, words, mentions, top?.trade)),
  );
  if (trades.size > 1) doubts.push(`several problems for different trades (${[...trades].join(', ')})`);

  let confidence =
    !top && findings.length === 0 ? NO_TRADE : doubts.length > 0 ? UNSURE - 0.05 * (doubts.length - 1) : CLEAR;
  if (!symptom && doubts.length === 1 && top) confidence = VAGUE;
  confidence = Math.max(0.3, confidence);
  reasons.push(...doubts);

  const warnings: Classification['warnings'] = [];
  if (safety) warnings.push('safety');
  if (modifiers.repeat.length > 0 || has(words, RECURRING)) warnings.push('multi_visit');
  const parts = findAll(words, PARTS).length > 0 || /\bwater heater\b/.test(words.map((w) => w.form).join(' '));
  if (parts) warnings.push('parts_likely');
  const estimatedMinutes = Math.round((MINUTES[primary] * (parts ? 1.25 : 1)) / 15) * 15;

  return {
    priority,
    skillsRequired: skills,
    estimatedMinutes,
    confidence: Math.round(confidence * 100) / 100,
    reasoning: reasons.join('; ') || 'general maintenance request',
    warnings,
    safety,
  };
}

function top0(scores: ReturnType<typeof tradeScores>): Skill | undefined {
  return scores[0]?.trade;
}

function priorityWord(p: Finding['priority']): string {
  return p === 'low' ? 'minor' : p;
}

/** A thing named with something wrong with it, none of the known problems: a repair in the next days. */
function genericProblem(words: readonly Word[], mentions: readonly Mention[]): Finding {
  const first = mentions.find((m) => m.trade) ?? mentions[0];
  return { kind: 'problem', label: 'repair', priority: 'medium', safety: false, trade: null, at: first?.start ?? 0 };
}

/** Where water comes from: a pipe, an appliance, the roof, an air conditioner; never the light fixture it reaches. */
const WATER_SOURCES: readonly Skill[] = ['plumbing', 'appliance', 'roofing', 'hvac'];

function tradeOf(
  finding: Finding,
  words: readonly Word[],
  mentions: readonly Mention[],
  topTrade: Skill | undefined,
): Skill {
  if (finding.trade) return finding.trade;
  // A hazard is about a thing, not a place: sparks "in the wall" are the wiring's (the fallback), not the wall's.
  const things = mentions.filter((m) => m.strength >= STRONG);
  if (finding.kind === 'hazard')
    return (
      tradeNear(words, things, finding.at, finding.water ? WATER_SOURCES : undefined) ??
      finding.fallbackTrade ??
      topTrade ??
      'general'
    );
  return topTrade ?? tradeNear(words, mentions, finding.at) ?? finding.fallbackTrade ?? 'general';
}

/** Hazards the text names only under a negation ("no longer sparking", "no hay humo"). */
function negatedHazards(words: readonly Word[], found: readonly Finding[]): string[] {
  // Nothing negated: the second pass would find exactly what the first found (the classifier's hottest path).
  if (!words.some((w) => w.negated)) return [];
  const unnegated = words.map((w) => ({ ...w, negated: false }));
  const labels = new Set(found.map((f) => f.label));
  return [
    ...new Set(
      findHazards(unnegated)
        .filter((f) => f.safety && !labels.has(f.label))
        .map((f) => f.label),
    ),
  ];
}
