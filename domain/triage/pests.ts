import { vocabulary } from './match';

/** Pests that sting, bite, carry disease or threaten people (the others are ordinary problems, see problems.ts). */
export const STINGERS = vocabulary({ en: ['wasp', 'wasps', 'hornet', 'hornets', 'yellow jacket', 'yellow jackets', 'yellowjacket', 'bee', 'bees', 'beehive', 'hive', 'wasp nest', 'bee nest'], es: ['avispa', 'avispas', 'avispero', 'abeja', 'abejas', 'panal', 'panal de abejas'] });
export const ALLERGY_OR_STING = vocabulary({
  en: ['allergic', 'allergy', 'allergies', 'epipen', 'epi pen', 'anaphylactic', 'anaphylaxis', 'stung', 'sting', 'stings', 'stinging', 'got stung', 'swelling up', 'swollen'],
  es: ['alergico', 'alergica', 'alergicos', 'alergia', 'alergias', 'me pico', 'nos pico', 'le pico', 'la pico', 'lo pico', 'les pico', 'pico a', 'picaron', 'me picaron', 'le picaron', 'nos picaron', 'picadura', 'picaduras', 'picando', 'piquete', 'piquetes', 'hinchado', 'hinchada'],
});
export const VENOMOUS = vocabulary({ en: ['scorpion', 'scorpions', 'black widow', 'brown recluse'], es: ['alacran', 'alacranes', 'escorpion', 'escorpiones', 'viuda negra'] });
export const NEAR_DOORS = vocabulary({
  en: ['door', 'doors', 'window', 'windows', 'entrance', 'front steps', 'steps', 'porch', 'getting in', 'coming in', 'got in', 'got inside', 'getting inside', 'coming inside', 'inside the house', 'inside the apartment', 'inside the unit', 'in the house', 'in the apartment', 'in my room', 'in the bedroom', 'in the kitchen', 'balcony', 'doorway', 'patio', 'walkway'],
  es: ['puerta', 'ventana', 'ventanas', 'entrada', 'adentro de la casa', 'dentro de la casa', 'en la casa', 'en el departamento', 'en el cuarto', 'en la cocina', 'balcon', 'porche', 'se meten', 'se metieron', 'entran', 'entrando'],
});
/** In the rooms people live in, not at a door or a window. */
export const INSIDE_HOME = vocabulary({
  en: ['got inside', 'getting inside', 'coming inside', 'got in', 'inside the house', 'inside the apartment', 'inside the unit', 'in the house', 'in the apartment', 'in my room', 'in the bedroom', 'in the room', 'all over the', 'flying around the'],
  es: ['se metieron', 'se meten', 'adentro', 'dentro de la casa', 'dentro del cuarto', 'en la casa', 'en el cuarto', 'en la recamara', 'por todo el cuarto', 'por toda la casa'],
});
/** "lejos de la puerta", "nowhere near the door": the nest is somewhere nobody walks past. */
export const FAR_FROM_PEOPLE = vocabulary({ en: ['far from', 'away from', 'nowhere near', 'not near', 'not close to', 'far away', 'back of the yard', 'far corner'], es: ['lejos de', 'lejos', 'no esta cerca', 'al fondo del'] });
export const BITES = vocabulary({ en: ['got bit', 'getting bit', 'bit by', 'bitten', 'bites', 'biting', 'bug bites', 'itchy bumps', 'red dots', 'welts'], es: ['me pican', 'nos pican', 'ronchas', 'picaduras', 'mordidas'] });
export const FLEAS = vocabulary({ en: ['flea', 'fleas'], es: ['pulga', 'pulgas'] });
export const WILD_ANIMALS = vocabulary({ en: ['raccoon', 'raccoons', 'possum', 'opossum', 'skunk'], es: ['mapache', 'zarigueya', 'tlacuache', 'zorrillo'] });
export const AGGRESSIVE = vocabulary({ en: ['hissing', 'hiss', 'hisses', 'aggressive', 'attack', 'attacked', 'at people', 'charged', 'in the apartment', 'in the unit', 'inside'], es: ['agresivo', 'ataco', 'adentro', 'en la casa', 'en el departamento'] });
export const BED_BUGS = vocabulary({ en: ['bed bug', 'bed bugs', 'bedbug', 'bedbugs'], es: ['chinche', 'chinches', 'chinches de cama'] });
export const RODENTS = vocabulary({ en: ['mouse', 'mice', '=rat', '=rats', 'rodent', 'rodents', '=droppings', 'mouse poop', 'rat poop'], es: ['raton', 'ratones', '=rata', '=ratas', 'roedor', 'roedores'] });
export const BATS = vocabulary({ en: ['=bat', '=bats'], es: ['murcielago', 'murcielagos'] });
