import type { Finding } from './finding';
import { findAll, has, near, vocabulary } from './match';
import { failed } from './outages';
import type { Word } from './words';

/** Smoke and carbon monoxide detectors: sounding, dead or missing, or only nagging. */
export const CO_DETECTOR = vocabulary({
  en: ['co detector', 'co alarm', 'carbon monoxide detector', 'carbon monoxide detectors', 'carbon monoxide alarm'],
  es: ['detector de monoxido', 'alarma de monoxido'],
});
const ANY_DETECTOR = vocabulary({
  en: [
    'smoke detector',
    'smoke detectors',
    'smoke alarm',
    'smoke alarms',
    'fire alarm',
    'detector',
    'detectors',
    'co detector',
    'co alarm',
    'carbon monoxide detector',
    'carbon monoxide alarm',
  ],
  es: ['detector de humo', 'alarma de humo', 'alarma de incendio', 'detector', 'detectores', 'detector de monoxido'],
});
export const SOUNDING = vocabulary({
  en: [
    'going off',
    'went off',
    'goes off',
    'keeps going off',
    'sounding',
    'alarm is sounding',
    'alarming',
    'screaming',
    'blaring',
  ],
  es: ['sonando', 'se activo', 'suena la alarma', 'esta sonando', 'no para de sonar'],
});
const DETECTOR_DEAD = vocabulary({
  en: [
    'missing',
    'dead',
    'not working',
    'broken',
    'fell',
    'hanging',
    'removed',
    'taken down',
    'no detector',
    'does not work',
    'disconnected',
    'gone',
    'took it down',
    'took it',
    'took the',
    'no smoke detector',
    'not there',
    'no longer there',
    'ripped out',
    'ripped off',
    'pulled off',
    'pulled down',
    'unplugged',
    'no battery',
    'painted over',
  ],
  es: [
    'falta',
    'no tiene',
    'no funciona',
    'no sirve',
    'se cayo',
    'colgando',
    'no hay',
    'quitaron',
    'quito',
    'lo quito',
    'lo quitaron',
    'no esta',
    'ya no esta',
    'no estan',
    'se lo llevaron',
    'desaparecio',
    'arrancaron',
    'desconectado',
    'desconectaron',
    'no hay detector',
    'sin detector',
  ],
});
const DETECTOR_NAGGING = vocabulary({
  en: [
    'chirp',
    'chirping',
    'chirps',
    'beep',
    'beeping',
    'beeps',
    'battery',
    'batteries',
    'going off',
    'goes off',
    'went off',
    'keeps going off',
    'false alarm',
    'for no reason',
  ],
  es: [
    'pita',
    'pitar',
    'pite',
    'pitando',
    'pitido',
    'pitidos',
    'chilla',
    'chillando',
    'bateria',
    'pila',
    'pilas',
    'suena',
    'sonar',
    'sonando',
    'chirping',
    'se activa',
    'sin razon',
  ],
});

/** A cause that should set a detector off: it did its job. */
const SET_OFF_BY = vocabulary({
  en: [
    'toast',
    'cooking',
    'burnt my',
    'burned my',
    'burnt some',
    'burned some',
    'steam',
    'shower',
    'popcorn',
    'frying',
  ],
  es: ['cocinando', 'pan tostado', 'se me quemo', 'vapor', 'friendo'],
});

/**
 * A smoke or CO detector: missing, removed or dead is a safety problem; chirping or going off with no smoke is high
 * but not safety (it still works). Either way the electrician's.
 */
export function detectorFindings(words: readonly Word[]): Finding[] {
  for (const detector of findAll(words, ANY_DETECTOR)) {
    const dead = failed(words, detector) || near(words, [detector], findAll(words, DETECTOR_DEAD), 5).length > 0;
    const nagging = near(words, [detector], findAll(words, DETECTOR_NAGGING), 6).length > 0;
    if (dead)
      return [
        {
          kind: 'hazard',
          label: 'smoke or CO detector missing or dead',
          priority: 'high',
          safety: true,
          trade: 'electrical',
          at: detector.start,
        },
      ];
    if (nagging && has(words, SET_OFF_BY))
      return [
        {
          kind: 'problem',
          label: 'detector set off by cooking or steam: it works',
          priority: 'low',
          safety: false,
          trade: 'electrical',
          at: detector.start,
        },
      ];
    if (nagging)
      return [
        {
          kind: 'problem',
          label: 'detector chirping or going off',
          priority: 'high',
          safety: false,
          trade: 'electrical',
          at: detector.start,
        },
      ];
  }
  return [];
}
