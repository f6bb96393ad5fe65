/**
 * What the intake benchmark's tenants text (intake.ts): new problems in English and Spanish, each with an ending
 * that varies it, and HELP (baseline A).
 */
import { parseInboundIntent } from '../../domain/sms/inboundIntent';
import type { SmsLanguage } from '../../domain/sms/templates';

const EN_PROBLEMS = [
  'The kitchen sink is leaking under the cabinet',
  'No heat in the apartment since last night',
  "Toilet won't flush, it keeps running",
  'Water stain on the bathroom ceiling and it is dripping',
  'The fridge stopped working, food is getting warm',
  'Smoke detector keeps chirping in the hallway',
  'The outlet in the bedroom sparks when I plug something in',
  'Shower drain is clogged, water backs up into the tub',
  "Front door lock is broken, the key won't turn",
  'Seeing roaches in the kitchen again',
  'Dishwasher leaks water all over the floor',
  "Bedroom window is cracked and won't close",
  'The AC is blowing warm air',
  "Stove burner won't light",
  'Water heater is making a loud banging noise',
  'I smell gas near the stove',
];
const ES_PROBLEMS = [
  'Hay una fuga de agua debajo del fregadero',
  'No hay calefacción desde anoche',
  'El inodoro está tapado y no baja el agua',
  'La nevera no enfría',
  'Hay una gotera en el techo del baño',
  'El enchufe de la cocina echa chispas',
  'La ducha no calienta, solo sale agua fría',
  'Hay cucarachas en la cocina',
  'La cerradura de la puerta está rota',
  'La estufa no prende',
  'La ventana del cuarto está rota y entra el frío',
  'Huele a gas en la cocina',
];
const EN_DETAILS = ['', ' Please help.', ' It started this morning.', ' Someone is home all day.', ' Thanks'];
const ES_DETAILS = [
  '',
  ' Por favor ayúdenme.',
  ' Empezó esta mañana.',
  ' Hay alguien en casa todo el día.',
  ' Gracias',
];

export const HELP = { en: 'HELP', es: 'AYUDA' } as const;

/** The i-th new problem in `language`: the problems in turn, then again with the next ending. */
export function problemText(i: number, language: SmsLanguage): string {
  const problems = language === 'es' ? ES_PROBLEMS : EN_PROBLEMS;
  const details = language === 'es' ? ES_DETAILS : EN_DETAILS;
  return `${problems[i % problems.length]!}.${details[Math.floor(i / problems.length) % details.length]!}`;
}

/** A text that the router would read as an answer or a reschedule would measure another path: refuse to run. */
export function checkProblemTexts(): void {
  for (const language of ['en', 'es'] as const) {
    for (let i = 0; i < EN_PROBLEMS.length * EN_DETAILS.length; i++) {
      const text = problemText(i, language);
      if (parseInboundIntent(text).kind !== 'problem')
        throw new Error(`benchmark text is not read as a problem: "${text}"`);
    }
  }
}
