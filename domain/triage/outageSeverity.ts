import { isCold, isHot } from './climate';
import type { Finding } from './finding';
import { has, vocabulary } from './match';
import { SERVICES, type Outage } from './outages';
import type { Word } from './words';

/** An outage is high; the only toilet is high and another toilet medium; no heat in the cold is a hazard. */
export function outageFindings(words: readonly Word[], outages: readonly Outage[]): Finding[] {
  return outages.flatMap(({ service, at }): Finding[] => {
    const base: Finding = {
      kind: 'outage',
      label: service.label,
      priority: 'high',
      safety: false,
      trade: service.trade,
      at: at.start,
    };
    const clause = words.filter((w) => w.clause === words[at.start]!.clause);
    if (service === SERVICES.toilet)
      return [has(words, ANOTHER_TOILET) ? { ...base, kind: 'problem', priority: 'medium' } : base];
    if (service === SERVICES.heat) {
      // One cold room ("the bedroom is always freezing, the rest is fine") is uneven heat, whatever the word for cold.
      if (has(words, UNEVEN)) return [{ ...base, kind: 'problem', label: 'weak or uneven heat', priority: 'medium' }];
      if (isCold(words))
        return [{ ...base, kind: 'hazard', label: 'no heat in freezing weather', priority: 'emergency', safety: true }];
    }
    if (service === SERVICES.cooling && !isHot(words))
      return [{ ...base, kind: 'outage', label: 'no cooling (no heat wave said)', priority: 'medium' }];
    if (service === SERVICES.hotWater && has(words, UNEVEN))
      return [{ ...base, kind: 'problem', label: 'weak hot water', priority: 'medium' }];
    // "two outlets have no power" is the outlets' problem, not an outage.
    if (service === SERVICES.power && has(clause, FITTINGS) && !has(words, PART_OF_HOME)) return [];
    // No water at all: no flushing, no washing (a smell "but no water comes up" is about a drain).
    if (service === SERVICES.water)
      return has(
        words.filter((w) => w.sentence === words[at.start]!.sentence),
        ODOR_WORDS,
      )
        ? []
        : [{ ...base, safety: !has(clause, ROOMS) }];
    return [base];
  });
}

/** "half the apartment has no power": part of the home, not one outlet. */
const PART_OF_HOME = vocabulary({
  en: ['half the', 'half of the', 'part of the', 'side of the', 'every room', 'all the rooms'],
  es: ['mitad de', 'medio departamento', 'parte de la casa', 'parte del departamento', 'todos los cuartos'],
});
const ROOMS = vocabulary({
  en: ['kitchen', 'bathroom', 'sink', 'shower'],
  es: ['cocina', 'bano', 'lavabo', 'fregadero', 'ducha'],
});
const ODOR_WORDS = vocabulary({ en: ['smell', 'smells', 'odor'], es: ['huele', 'olor'] });
const ANOTHER_TOILET = vocabulary({
  en: [
    'other bathroom',
    'other toilet',
    'second bathroom',
    '2nd bathroom',
    'another bathroom',
    'two bathrooms',
    'other one',
    'master bathroom',
    'half bath',
  ],
  es: ['otro bano', 'el otro bano', 'segundo bano', 'dos banos'],
});
const UNEVEN = vocabulary({
  en: [
    'one room',
    'in the bedroom',
    'bedroom',
    'back bedroom',
    'one of the',
    'lukewarm',
    'luke warm',
    'takes forever',
    'not that hot',
    'not very warm',
    'not warm enough',
    'weak',
    'uneven',
    'sometimes',
    'only works',
    'runs out',
    'not hot enough',
    'few degrees',
    'rest of the',
    'the one on the wall',
    'barely',
    'compared to',
    'never warms up',
    'does not warm up',
  ],
  es: [
    'cuarto',
    'recamara',
    'tibia',
    'tibio',
    'no calienta mucho',
    'a veces',
    'se acaba',
    'no sale muy caliente',
    'el resto de',
    'apenas',
    'casi no calienta',
  ],
});
const FITTINGS = vocabulary({
  en: ['outlet', 'outlets', 'socket', 'switch', 'light', 'lights', 'fixture', 'plug'],
  es: ['enchufe', 'enchufes', 'contacto', 'contactos', 'apagador', 'lampara', 'foco'],
});
