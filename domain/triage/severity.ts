import { rank, shift, type Finding } from './finding';
import { findAll, vocabulary, type Match } from './match';
import { elderlyByAge, VULNERABLE } from './people';
import type { Priority } from '../priority';
import { findMentions } from './trades';
import { OUTDOORS, SPREADING } from './water';
import type { Word } from './words';

/**
 * The guide's modifiers (docs/triage-labels.md): vulnerable people and spreading water raise, a repeat raises up to
 * high, minor words lower but never a hazard below high.
 */
const REPEAT = vocabulary({
  en: [
    'again',
    'third time',
    'second time',
    '3rd time',
    '2nd time',
    'another time',
    'same problem',
    'same issue',
    'same leak',
    'same one',
    'you fixed',
    'you guys fixed',
    'was fixed',
    'were fixed',
    'got fixed',
    'fixed before',
    'fixed last',
    'came =back',
    '=is =back',
    '=back again',
    'keeps coming =back',
    'keeps happening',
    'happened before',
    'still not fixed',
    'never got fixed',
    'never fixed',
    'still broken',
    'reported before',
    'already reported',
    'reported this',
    '=times =now',
    '=times =this',
  ],
  es: [
    'otra vez',
    'otra ves',
    'de nuevo',
    'nuevamente',
    'volvio',
    'volvio a',
    'ya lo arreglaron',
    'lo arreglaron',
    'tercera vez',
    'segunda vez',
    'sigue igual',
    'mismo problema',
    'ya habia reportado',
    'ya reporte',
    'todavia no lo arreglan',
    'nunca lo arreglaron',
    'ya vinieron',
  ],
});
/** "the AC is working again", "ya sirve otra vez": fixed, not a repeat. */
const RESOLVED = vocabulary({
  en: [
    'working again',
    'works again',
    'running again',
    'fine again',
    'normal again',
    'back on',
    'came back on',
    'is back on',
    'back to normal',
  ],
  es: [
    'sirve otra vez',
    'funciona otra vez',
    'prende otra vez',
    'sirve de nuevo',
    'funciona de nuevo',
    'prende de nuevo',
    'ya sirve',
    'ya funciona',
    'ya prende',
    'volvio la',
  ],
});
/** Few and far between: "unas hormigas de vez en cuando, pocas", but not "pocos días". */
const FEW = vocabulary({
  en: ['occasionally', 'every now and then', 'once in a while', 'every so often'],
  es: ['pocas', 'pocos', 'de vez en cuando'],
});
const SPAN_OF_TIME = new Set([
  'days',
  'day',
  'weeks',
  'week',
  'hours',
  'hour',
  'minutes',
  'min',
  'months',
  'times',
  'nights',
  'dias',
  'semanas',
  'horas',
  'meses',
  'veces',
]);
const MINOR = vocabulary({
  en: [
    'just fyi',
    '=fyi',
    'but whatever',
    'annoying but',
    'just annoying',
    'whenever you have',
    'when they are around',
    'when someone is around',
    'if you get a chance',
    'a little',
    'a bit',
    'slightly',
    'slight',
    'small',
    'tiny',
    'minor',
    'cosmetic',
    'when you get a chance',
    'whenever you get a chance',
    'whenever you can',
    'when you can',
    'when you have a chance',
    'no rush',
    'nothing urgent',
    'nothing serious',
    'not serious',
    'is it ok',
    'is it normal',
    'normal for',
    'is that normal',
    'is this normal',
    'occasional',
    'no hurry',
    'not urgent',
    'not a big deal',
    'no big deal',
    'at your convenience',
    'low priority',
    'next time',
    'not in a hurry',
    'when you have time',
    'whenever convenient',
    'hairline',
    'not a priority',
    'not super urgent',
    'slow to',
    'preventive',
    'preventative',
    'prevention',
    'routine',
    'just in case',
    'in the spring',
    'in the fall',
    'before summer',
    'before winter',
    'next month',
    'next week',
    'at some point',
    'eventually',
    'someday',
    'a bit loose',
    'a little loose',
    'kind of loose',
    'slightly loose',
    'loose but',
  ],
  es: [
    'un poco',
    'poquito',
    'pequeno',
    'pequena',
    'chiquito',
    'chiquita',
    'leve',
    'cuando puedan',
    'cuando tengan tiempo',
    'sin prisa',
    'no es urgente',
    'no urge',
    'no hay prisa',
    'no hay apuro',
    'cuando se pueda',
    'cuando pueda',
    'cuando tengan chance',
    'sin apuro',
    'no urgente',
    'nada urgente',
    'no ay prisa',
    'no prisa',
    'nada grave',
    'es normal',
    'cosmetico',
    'solo cosmetico',
    'preventivo',
    'preventiva',
    'de rutina',
    'por si acaso',
    'en primavera',
    'el proximo mes',
    'la proxima semana',
    'algun dia',
    'un poco flojo',
    'un poco floja',
    'todavia cierra con llave',
  ],
});

/**
 * "but it still works", "pero sí enfría": minor only when it is about the thing that is wrong. "The light on it still
 * works", "the stovetop works fine" name another thing, which says nothing of how bad the problem is.
 */
const WORKS_ANYWAY = vocabulary({
  en: [
    'works fine',
    'still works',
    'works ok',
    'works okay',
    'works just fine',
    'still runs',
    'still cools',
    'still cold',
    'still heats',
    'still get cold',
    'still gets cold',
    'but it works',
    'but works',
  ],
  es: [
    'funciona bien',
    'sirve bien',
    'si funciona',
    'si sirve',
    'si enfria',
    'si calienta',
    'todavia funciona',
    'todavia sirve',
    'aun funciona',
    'aun sirve',
    'sigue funcionando',
    'pero enfria',
    'pero funciona',
  ],
});

export interface Modifiers {
  vulnerable: Match[];
  spreading: Match[];
  repeat: Match[];
  minor: Match[];
}

export function findModifiers(words: readonly Word[]): Modifiers {
  return {
    vulnerable: [
      ...findAll(words, VULNERABLE, { negated: false }),
      ...(elderlyByAge(words) ? [{ start: 0, end: 0, cue: 'an elderly age' }] : []),
    ],
    spreading: findAll(words, SPREADING, { negated: false }).filter((m) => !outdoorsAfter(words, m)),
    repeat: repeats(words),
    minor: [...findAll(words, MINOR), ...closingWhenever(words), ...worksAnyway(words), ...fewAndFarBetween(words)],
  };
}

/** "splashes all over the balcony": water spreading where nobody lives does not raise. */
function outdoorsAfter(words: readonly Word[], m: Match): boolean {
  return (
    findAll(words.slice(m.end, m.end + 3), OUTDOORS).length > 0 ||
    findAll(words.slice(m.end, m.end + 3), BALCONY).length > 0
  );
}

const BALCONY = vocabulary({ en: ['balcony', 'porch', 'deck', 'carport'], es: ['balcon', 'terraza', 'porche'] });

function worksAnyway(words: readonly Word[]): Match[] {
  const things = findMentions(words).filter((m) => m.trade && m.strength > 0);
  return findAll(words, WORKS_ANYWAY).filter(
    (m) => !things.some((t) => words[t.start]!.clause === words[m.start]!.clause && t.end <= m.start),
  );
}

/** A repeat, unless the words say it works again; "no sirve otra vez" is a repeat. */
function repeats(words: readonly Word[]): Match[] {
  const resolved = findAll(words, RESOLVED).filter(
    (m) => !['no', 'not', 'never', 'nunca'].includes(words[m.start - 1]?.form ?? ''),
  );
  return findAll(words, REPEAT, { negated: false }).filter(
    (r) => !resolved.some((m) => r.start < m.end && m.start < r.end),
  );
}

function fewAndFarBetween(words: readonly Word[]): Match[] {
  return findAll(words, FEW).filter((m) => !words.slice(m.end, m.end + 2).some((w) => SPAN_OF_TIME.has(w.form)));
}

/** "…is bent, whenever": at the end of a sentence it means no rush; "whenever I run the microwave" does not. */
function closingWhenever(words: readonly Word[]): Match[] {
  return words.flatMap((w, i) =>
    w.form === 'whenever' && words[i + 1]?.sentence !== w.sentence ? [{ start: i, end: i + 1, cue: 'whenever' }] : [],
  );
}

export interface Adjusted {
  priority: Priority;
  /** What moved it, for the reasoning: 'raised: a repeat ("again")'. */
  notes: string[];
}

const quote = (matches: readonly Match[]) => matches.map((m) => `"${m.cue}"`).join(', ');

/** The guide's modifiers applied to the worst finding. */
export function adjust(worst: Finding, modifiers: Modifiers): Adjusted {
  let priority = worst.priority;
  const notes: string[] = [];
  const hazardFloor: Priority = worst.firm ? worst.priority : worst.safety ? 'high' : 'low';
  if (modifiers.minor.length > 0) {
    const lowered = shift(priority, -1, hazardFloor);
    if (lowered !== priority) notes.push(`lowered: minor (${quote(modifiers.minor)})`);
    else if (worst.safety) notes.push(`said to be minor (${quote(modifiers.minor)}), but a hazard stays at least high`);
    priority = lowered;
  }
  if (
    modifiers.vulnerable.length > 0 &&
    (worst.kind === 'hazard' || worst.kind === 'outage') &&
    worst.raisable !== false
  ) {
    const raised = shift(priority, 1);
    if (raised !== priority) notes.push(`raised: a vulnerable person (${quote(modifiers.vulnerable)})`);
    priority = raised;
  }
  if (modifiers.spreading.length > 0 && worst.water) {
    const raised = shift(priority, 1);
    if (raised !== priority) notes.push(`raised: spreading water (${quote(modifiers.spreading)})`);
    priority = raised;
  }
  if (modifiers.repeat.length > 0) {
    const raised = rank(priority) < rank('high') ? shift(priority, 1) : priority;
    notes.push(
      raised !== priority ? `raised: a repeat (${quote(modifiers.repeat)})` : `a repeat (${quote(modifiers.repeat)})`,
    );
    priority = raised;
  }
  return { priority, notes };
}
