import type { Finding } from './finding';
import { findAll, vocabulary } from './match';
import type { Word } from './words';

/** People in the text: someone trapped, someone vulnerable (a child, an elderly or sick person), someone sick from the home. */
export const TRAPPED = vocabulary({
  en: [
    '=trapped',
    '=locked =in',
    '=locked =inside',
    'stuck inside',
    'can not get out',
    'stuck in the elevator',
    'stuck in elevator',
    'stuck in an elevator',
    'stuck in the bathroom',
    'stuck in my room',
    'stuck in the room',
    'stuck between floors',
    'stopped between floors',
    'between floors',
    'someone inside the elevator',
    'someone in the elevator',
    'inside the elevator',
    'stuck inside the elevator',
    'stuck en el elevator',
    'stuck en el elevador',
    'people inside',
    'locked herself in',
    'locked himself in',
    'locked themselves in',
    'locked myself in',
  ],
  es: [
    'atrapado',
    'atrapada',
    'atrapados',
    'atrapadas',
    'encerrado',
    'encerrada',
    'encerrados',
    'encerradas',
    'se encerro',
    'no puedo salir',
    'no podemos salir',
    'no puede salir',
    'no pueden salir',
    'gente adentro',
    'personas adentro',
    'entre pisos',
    'alguien adentro del elevador',
    'alguien en el elevador',
    'alguien dentro del ascensor',
    'atorado en el elevador',
    'atorada en el elevador',
  ],
});
const PERSON = vocabulary({
  en: [
    '=i',
    '=we',
    'someone',
    'somebody',
    'people',
    'person',
    'mom',
    'dad',
    'mother',
    'father',
    '=son',
    'daughter',
    '=kid',
    '=kids',
    'child',
    'baby',
    'grandma',
    'grandpa',
    'neighbor',
    'wife',
    'husband',
  ],
  es: [
    'mi mama',
    'mi papa',
    'mama',
    'papa',
    'hijo',
    'hija',
    'nino',
    'nina',
    'bebe',
    'alguien',
    'gente',
    'abuela',
    'abuelo',
    'esposo',
    'esposa',
    'vecino',
    'vecina',
  ],
});
const STUCK = vocabulary({ en: ['stuck', '=locked =in'], es: ['atorado', 'atorada', 'atrapado', 'atrapada', 'stuck'] });
/** Locked in, not just stuck: a lock holds them. */
/** Locked in, not just stuck: a lock holds them. */
export const LOCKED_IN = vocabulary({
  en: [
    '=locked =in',
    'locked herself in',
    'locked himself in',
    'locked themselves in',
    'locked myself in',
    '=locked =inside',
  ],
  es: ['encerrado', 'encerrada', 'encerrados', 'encerradas', 'se encerro'],
});
const LINKING = new Set([
  'is',
  'are',
  'am',
  'm',
  're',
  'was',
  'were',
  'got',
  'get',
  'esta',
  'estan',
  'se',
  'quedo',
  'quedaron',
  'still',
  'now',
  'ya',
  'just',
]);
const OUTSIDE = new Set(['outside', 'out', 'afuera', 'fuera', 'on', 'at']);
export const VULNERABLE = vocabulary({
  en: [
    'baby',
    'babies',
    'newborn',
    'infant',
    'toddler',
    '=kid',
    '=kids',
    'children',
    'child',
    '=son',
    'daughter',
    'elderly',
    'senior',
    'seniors',
    'grandma',
    'grandmother',
    'grandpa',
    'grandfather',
    'old man',
    'old lady',
    'disabled',
    'disability',
    'wheelchair',
    'handicapped',
    'pregnant',
    'allergic',
    'asthma',
    'asthmatic',
    'sick',
    '=ill',
    'medical',
    'oxygen',
    'chemo',
    'dialysis',
    'bedridden',
    'walker',
    'years old',
    'year old',
    'month old',
    'months old',
    'week old',
    'weeks old',
    'yr old',
    'yo baby',
    'insulin',
    'medicine',
    'medication',
    'cpap',
    'ventilator',
    'nebulizer',
    'cancer',
    'surgery',
    'recovering',
  ],
  es: [
    'bebe',
    'bebes',
    'recien nacido',
    'nino',
    'ninos',
    'nina',
    'ninas',
    'hijo',
    'hijos',
    'hija',
    'hijas',
    'anciano',
    'anciana',
    'ancianos',
    'abuela',
    'abuelo',
    'abuelita',
    'abuelito',
    'discapacitado',
    'discapacitada',
    'silla de ruedas',
    'embarazada',
    'alergico',
    'alergica',
    'asma',
    'enfermo',
    'enferma',
    'personas mayores',
    'persona mayor',
    'oxigeno',
    'anos de edad',
    'insulina',
    'medicina',
    'medicamento',
    'mi mama de',
    'mi papa de',
    'meses de nacido',
    'meses de nacida',
    'mes de nacido',
    'mes de nacida',
    'semanas de nacido',
    'semanas de nacida',
    'meses de edad',
    'recien nacida',
    'operado',
    'operada',
    'cirugia',
    'cancer',
  ],
});
export const SICK = vocabulary({
  en: [
    'asthma',
    'asthmatic',
    'sick',
    'breathing',
    'respiratory',
    'coughing',
    'cough',
    'headaches',
    'headache',
    'allergies',
    'allergic',
    'making us sick',
    'health',
  ],
  es: [
    'asma',
    'asmatico',
    'asmatica',
    'enfermo',
    'enferma',
    'enfermos',
    'tos',
    'respirar',
    'alergia',
    'alergias',
    'salud',
  ],
});

const HURT = vocabulary({
  en: [
    'tripped',
    'slipped',
    'fell',
    'fell down',
    'nearly fell',
    'almost fell',
    'got hurt',
    'hurt herself',
    'hurt himself',
    'hurt myself',
    'hurt her',
    'hurt his',
    'twisted',
    'sprained',
    'cut herself',
    'cut himself',
    'cut myself',
    'got cut',
  ],
  es: [
    'se tropezo',
    'me tropece',
    'se resbalo',
    'me resbale',
    'se cayo',
    'me cai',
    'se lastimo',
    'me lastime',
    'se golpeo',
    'me golpee',
    'se corto',
    'me corte',
    'casi se cae',
    'casi me caigo',
  ],
});
const HURT_PERSON = vocabulary({
  en: [
    'roommate',
    'tenant',
    '=he',
    '=she',
    'my wife',
    'my husband',
    'my mom',
    'my dad',
    'my son',
    'my daughter',
    'my kid',
    'my friend',
    'my neighbor',
    'the mailman',
    'a neighbor',
    'a kid',
    'a child',
  ],
  es: ['companero', 'companera', 'roommate', 'el senor', 'la senora'],
});
/** Age in years, for "my dad is 82", "tiene 82 años", "82 yo". */
const AGE = /\b(\d{2,3}) (years?|yrs?|yo|anos?)\b/;
const ELDERLY_AGE = 65;

export function elderlyByAge(words: readonly Word[]): boolean {
  const age = AGE.exec(words.map((w) => w.form).join(' '));
  return age !== null && Number(age[1]) >= ELDERLY_AGE && Number(age[1]) < 120;
}

/** "my roommate tripped and hurt her ankle", "se resbaló": a person already hurt, or nearly, by the place. */
export function personHurt(words: readonly Word[]): Finding[] {
  const people = [...findAll(words, PERSON, { negated: false }), ...findAll(words, HURT_PERSON, { negated: false })];
  for (const hurt of findAll(words, HURT, { negated: false })) {
    // "me caí" names its person; "se cayó" may be a cabinet door.
    const myself = words.slice(hurt.start, hurt.end).some((w) => w.form === 'me');
    const person =
      myself ||
      people.some(
        (p) =>
          p.end <= hurt.start && hurt.start - p.end <= 2 && words[p.start]!.sentence === words[hurt.start]!.sentence,
      );
    if (person)
      return [
        {
          kind: 'hazard',
          label: 'someone hurt or nearly hurt',
          priority: 'high',
          safety: true,
          trade: null,
          fallbackTrade: 'general',
          at: hurt.start,
        },
      ];
  }
  return [];
}

/** "mi mom esta stuck", "I'm stuck in here": a person, then stuck, with only linking words between; not "stuck outside". */
export function personStuck(words: readonly Word[]): Finding[] {
  const people = findAll(words, PERSON, { negated: false });
  for (const stuck of findAll(words, STUCK, { negated: false })) {
    if (OUTSIDE.has(words[stuck.end]?.form ?? '')) continue;
    const person = people.find(
      (p) =>
        p.end <= stuck.start &&
        stuck.start - p.end <= 3 &&
        words.slice(p.end, stuck.start).every((w) => LINKING.has(w.form)),
    );
    if (person)
      return [
        {
          kind: 'hazard',
          label: 'someone trapped',
          priority: 'emergency',
          safety: true,
          trade: null,
          fallbackTrade: 'general',
          at: stuck.start,
        },
      ];
  }
  return [];
}
