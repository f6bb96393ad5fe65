import { vocabulary } from './match';

/** Pests that sting, bite, carry disease or threaten people (the others are ordinary problems, see problems.ts). */
export const STINGERS = vocabulary({ en: ['wasp', 'wasps', 'hornet', 'hornets', 'yellow jacket', 'yellow jackets', 'yellowjacket', 'bee', 'bees', 'beehive', 'hive', 'wasp nest', 'bee nest'], es: ['avispa', 'avispas', 'avispero', 'abeja', 'abejas', 'panal', 'panal de abejas'] });
export const ALLERGY_OR_STING = vocabulary({
  en: ['allergic', 'allergy', 'allergies', 'epipen', 'epi pen', 'anaphylactic', 'stung', 'sting', 'stings', 'stinging', 'got stung'],
  es: ['alergico', 'alergica', 'alergicos', 'alergia', 'alergias', 'me pico', 'nos pico', 'pico a', 'picaron', 'picadura', 'picaduras', 'picando'],
});
export const VENOMOUS = vocabulary({ en: ['scorpion', 'scorpions', 'black widow', 'brown recluse'], es: ['alacran', 'alacranes', 'escorpion', 'escorpiones', 'viuda negra'] });
export const NEAR_DOORS = vocabulary({ en: ['door', 'doors', 'window', 'windows', 'entrance', 'front steps', 'steps', 'porch', 'inside', 'getting in', 'coming in', 'balcony', 'doorway', 'patio'], es: ['puerta', 'ventana', 'ventanas', 'entrada', 'adentro', 'balcon', 'porche', 'se meten'] });
export const BITES = vocabulary({ en: ['got bit', 'getting bit', 'bit by', 'bitten', 'bites', 'biting', 'bug bites', 'itchy bumps', 'red dots', 'welts'], es: ['me pican', 'nos pican', 'ronchas', 'picaduras', 'mordidas'] });
export const FLEAS = vocabulary({ en: ['flea', 'fleas'], es: ['pulga', 'pulgas'] });
export const WILD_ANIMALS = vocabulary({ en: ['raccoon', 'raccoons', 'possum', 'opossum', 'skunk'], es: ['mapache', 'zarigueya', 'tlacuache', 'zorrillo'] });
export const AGGRESSIVE = vocabulary({ en: ['hissing', 'hiss', 'hisses', 'aggressive', 'attack', 'attacked', 'at people', 'charged', 'in the apartment', 'in the unit', 'inside'], es: ['agresivo', 'ataco', 'adentro', 'en la casa', 'en el departamento'] });
export const BED_BUGS = vocabulary({ en: ['bed bug', 'bed bugs', 'bedbug', 'bedbugs'], es: ['chinche', 'chinches', 'chinches de cama'] });
export const RODENTS = vocabulary({ en: ['mouse', 'mice', '=rat', '=rats', 'rodent', 'rodents', '=droppings', 'mouse poop', 'rat poop'], es: ['raton', 'ratones', '=rata', '=ratas', 'roedor', 'roedores'] });
export const BATS = vocabulary({ en: ['=bat', '=bats'], es: ['murcielago', 'murcielagos'] });
