/**
 * The benchmark's generated work orders: what tenants report (every trade, a few emergencies, English and Spanish),
 * small variations around each text, and the span of the bulk-inserted history.
 */
import type { SmsLanguage } from '../../../domain/sms/templates';

export const HISTORY_YEARS = 3;

/** What tenants report, for the history and the fresh orders of part 1: every trade, a few emergencies, both languages. */
export const PROBLEMS: ReadonlyArray<{ text: string; language: SmsLanguage }> = [
  ...[
    'The kitchen sink drain is clogged and backing up',
    'The kitchen sink is leaking under the cabinet',
    'Bathroom faucet keeps dripping all night',
    "Toilet won't flush, it keeps running",
    'Toilet is clogged and the pipe behind it is leaking',
    'The shower drain is clogged and water backs up into the tub',
    'No hot water since this morning',
    'Water heater is making a loud banging noise',
    'Water stain on the bathroom ceiling and it is dripping',
    'Burst pipe under the bathroom sink, water everywhere',
    'No heat in the apartment since last night',
    'The AC is blowing warm air',
    'The thermostat is not responding and the radiator is cold',
    'Radiator in the living room is banging and hissing',
    'The fridge stopped working, food is getting warm',
    'Dishwasher leaks water all over the floor',
    "Stove burner won't light",
    'The washer and dryer both stopped spinning',
    'The outlet in the bedroom sparks when I plug something in',
    'The outlet in the kitchen stopped working and the breaker keeps tripping',
    'Lights in the hallway keep flickering',
    'Smoke detector keeps chirping in the hallway',
    "Front door lock is broken, the key won't turn",
    'Locked out of my apartment, lost my keys',
    'Seeing roaches in the kitchen again',
    'Saw a mouse in the kitchen and droppings under the sink',
    "Bedroom window is cracked and won't close",
    'There is a hole in the bedroom wall behind the door',
    'I smell gas near the stove',
  ].map((text) => ({ text, language: 'en' as const })),
  ...[
    'Hay una fuga de agua debajo del fregadero',
    'El fregadero está tapado y la tubería gotea',
    'El inodoro está tapado y no baja el agua',
    'La ducha no calienta, solo sale agua fría',
    'No hay agua caliente desde ayer',
    'Hay una gotera en el techo del baño',
    'No hay calefacción desde anoche',
    'El termostato no responde y el radiador no calienta',
    'El aire acondicionado no enfría',
    'La nevera no enfría',
    'La estufa no prende',
    'La lavadora y la secadora no funcionan',
    'El enchufe de la cocina echa chispas',
    'Los enchufes de la sala no funcionan y el interruptor tampoco',
    'La luz del pasillo parpadea',
    'El detector de humo no para de sonar',
    'La cerradura de la puerta está rota',
    'Me quedé afuera, perdí las llaves',
    'Hay cucarachas en la cocina',
    'Hay ratones en la cocina',
    'La ventana del cuarto está rota y entra el frío',
    'Huele a gas en la cocina',
  ].map((text) => ({ text, language: 'es' as const })),
];
// Small variations around the same problems (8 × 8 per text), so trigram similarity compares near-duplicates.
export const PREFIXES: Record<SmsLanguage, string[]> = {
  en: ['', '', 'Hi, ', 'Hello. ', 'Good morning, ', 'Hi there! ', 'Sorry to bother you, ', 'Urgent: '],
  es: ['', '', 'Hola, ', 'Buenos días. ', 'Buenas tardes, ', 'Disculpe, ', 'Hola! ', 'Urgente: '],
};
export const SUFFIXES: Record<SmsLanguage, string[]> = {
  en: [
    '',
    '.',
    '. Please help.',
    '. It started this morning.',
    '. Someone is home all day.',
    '. Thanks',
    ' again.',
    '. Since yesterday.',
  ],
  es: [
    '',
    '.',
    '. Por favor ayúdenme.',
    '. Empezó esta mañana.',
    '. Hay alguien en casa todo el día.',
    '. Gracias',
    ' otra vez.',
    '. Desde ayer.',
  ],
};
