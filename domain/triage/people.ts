import type { Finding } from './finding';
import { findAll, vocabulary } from './match';
import type { Word } from './words';

/** People in the text: someone trapped, someone vulnerable (a child, an elderly or sick person), someone sick from the home. */
export const TRAPPED = vocabulary({
  en: ['=trapped', 'locked in', 'locked inside', 'stuck inside', 'can not get out', 'stuck in the elevator', 'stuck in elevator', 'stuck in an elevator', 'stuck in the bathroom', 'stuck in my room', 'stuck in the room', 'stuck between floors', 'stopped between floors', 'between floors', 'someone inside the elevator', 'someone in the elevator', 'inside the elevator', 'stuck inside the elevator', 'stuck en el elevator', 'stuck en el elevador', 'people inside', 'locked herself in', 'locked himself in', 'locked themselves in', 'locked myself in'],
  es: ['atrapado', 'atrapada', 'atrapados', 'atrapadas', 'encerrado', 'encerrada', 'encerrados', 'encerradas', 'se encerro', 'no puedo salir', 'no podemos salir', 'no puede salir', 'no pueden salir', 'gente adentro', 'personas adentro', 'entre pisos', 'alguien adentro del elevador', 'alguien en el elevador', 'alguien dentro del ascensor', 'atorado en el elevador', 'atorada en el elevador'],
});
const PERSON = vocabulary({ en: ['=i', '=we', 'someone', 'somebody', 'people', 'person', 'mom', 'dad', 'mother', 'father', '=son', 'daughter', '=kid', '=kids', 'child', 'baby', 'grandma', 'grandpa', 'neighbor', 'wife', 'husband'], es: ['mi mama', 'mi papa', 'mama', 'papa', 'hijo', 'hija', 'nino', 'nina', 'bebe', 'alguien', 'gente', 'abuela', 'abuelo', 'esposo', 'esposa', 'vecino', 'vecina'] });
const STUCK = vocabulary({ en: ['stuck', 'locked in'], es: ['atorado', 'atorada', 'atrapado', 'atrapada', 'stuck'] });
/** Locked in, not just stuck: a lock holds them. */
/** Locked in, not just stuck: a lock holds them. */
export const LOCKED_IN = vocabulary({ en: ['locked in', 'locked herself in', 'locked himself in', 'locked themselves in', 'locked myself in', 'locked inside'], es: ['encerrado', 'encerrada', 'encerrados', 'encerradas', 'se encerro'] });
const LINKING = new Set(['is', 'are', 'am', 'm', 're', 'was', 'were', 'got', 'get', 'esta', 'estan', 'se', 'quedo', 'quedaron', 'still', 'now', 'ya', 'just']);
const OUTSIDE = new Set(['outside', 'out', 'afuera', 'fuera', 'on', 'at']);
export const VULNERABLE = vocabulary({
  en: ['baby', 'babies', 'newborn', 'infant', 'toddler', '=kid', '=kids', 'children', 'child', '=son', 'daughter', 'elderly', 'senior', 'seniors', 'grandma', 'grandmother', 'grandpa', 'grandfather', 'old man', 'old lady', 'disabled', 'disability', 'wheelchair', 'handicapped', 'pregnant', 'allergic', 'asthma', 'asthmatic', 'sick', '=ill', 'medical', 'oxygen', 'chemo', 'dialysis', 'bedridden', 'walker', 'years old', 'year old', 'month old', 'months old', 'week old', 'weeks old', 'yr old', 'yo baby', 'insulin', 'medicine', 'medication', 'cpap', 'ventilator', 'nebulizer', 'cancer', 'surgery', 'recovering'],
  es: ['bebe', 'bebes', 'recien nacido', 'nino', 'ninos', 'nina', 'ninas', 'hijo', 'hijos', 'hija', 'hijas', 'anciano', 'anciana', 'ancianos', 'abuela', 'abuelo', 'abuelita', 'abuelito', 'discapacitado', 'discapacitada', 'silla de ruedas', 'embarazada', 'alergico', 'alergica', 'asma', 'enfermo', 'enferma', 'personas mayores', 'persona mayor', 'oxigeno', 'anos de edad', 'insulina', 'medicina', 'medicamento', 'mi mama de', 'mi papa de', 'meses de nacido', 'meses de nacida', 'mes de nacido', 'mes de nacida', 'semanas de nacido', 'semanas de nacida', 'meses de edad', 'recien nacida', 'operado', 'operada', 'cirugia', 'cancer'],
});
export const SICK = vocabulary({
  en: ['asthma', 'asthmatic', 'sick', 'breathing', 'respiratory', 'coughing', 'cough', 'headaches', 'headache', 'allergies', 'allergic', 'making us sick', 'health'],
  es: ['asma', 'asmatico', 'asmatica', 'enfermo', 'enferma', 'enfermos', 'tos', 'respirar', 'alergia', 'alergias', 'salud'],
});

/** "mi mom esta stuck", "I'm stuck in here": a person, then stuck, with only linking words between; not "stuck outside". */
export function personStuck(words: readonly Word[]): Finding[] {
  const people = findAll(words, PERSON, { negated: false });
  for (const stuck of findAll(words, STUCK, { negated: false })) {
    if (OUTSIDE.has(words[stuck.end]?.form ?? '')) continue;
    const person = people.find((p) => p.end <= stuck.start && stuck.start - p.end <= 3 && words.slice(p.end, stuck.start).every((w) => LINKING.has(w.form)));
    if (person) return [{ kind: 'hazard', label: 'someone trapped', priority: 'emergency', safety: true, trade: null, fallbackTrade: 'general', at: stuck.start }];
  }
  return [];
}
