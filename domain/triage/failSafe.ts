import type { Finding } from './finding';
import { ELECTRICAL_FITTING } from './fittings';
import { findAll, has, near, vocabulary } from './match';
import { WATER_PRESENT } from './water';
import type { Word } from './words';

/**
 * Danger the concepts could not place: a danger word, a collapse word with no structure near it, water and a
 * light or an outlet in one sentence but not joined by the words a concept knows. Rather than a routine repair,
 * the text is taken as a hazard (high, safety) and a person reads it (classify.ts lowers the confidence).
 */
const DANGER = vocabulary({
  en: [
    'dangerous',
    'danger',
    'unsafe',
    'hazard',
    'hazardous',
    'injured',
    'injury',
    'bleeding',
    'emergency room',
    'not safe',
    'collapsed',
    'caved in',
    'cave in',
  ],
  es: [
    'peligro',
    'peligroso',
    'peligrosa',
    'herido',
    'herida',
    'sangre',
    'sangrando',
    'emergencias',
    'no es seguro',
    'se derrumbo',
    'se vino abajo',
    'se hundio',
  ],
});
/** A danger word about something else: "no danger", "the danger of mold" still counts; a fire hazard sticker does not. */
const NOT_DANGER = vocabulary({ en: ['hazard sticker', 'hazard lights', 'hazard sign'], es: [] });
const WATER_WITHIN_SENTENCE = 12;

export const UNPLACED_DANGER = 'a possible danger the rules could not place';

export function unplacedDanger(words: readonly Word[]): Finding[] {
  const danger = findAll(words, DANGER, { negated: false }).filter(
    (m) => !has(words.slice(m.start, m.end + 1), NOT_DANGER),
  );
  const water = near(
    words,
    findAll(words, WATER_PRESENT, { negated: false }),
    findAll(words, ELECTRICAL_FITTING, { negated: false }),
    WATER_WITHIN_SENTENCE,
  );
  const at = danger[0]?.start ?? water[0]?.[0].start;
  if (at === undefined) return [];
  return [
    {
      kind: 'hazard',
      label: UNPLACED_DANGER,
      priority: 'high',
      safety: true,
      raisable: false,
      trade: null,
      fallbackTrade: 'general',
      at,
    },
  ];
}
