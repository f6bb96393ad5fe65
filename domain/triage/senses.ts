import { vocabulary } from './match';

/**
 * The hazard lexicon, by the sense a tenant notices it with: what they smell (gas, burning, fumes), see (fire,
 * smoke, sparks, scorch marks), hear (popping, crackling, buzzing) or feel (a shock, a fitting hot to the touch).
 * Tenants describe what they notice more often than they name the hazard; hazards.ts pairs these words with the
 * thing they are about.
 */

// Smell
export const GAS = vocabulary({
  en: ['gas', 'propane', 'natural gas', 'rotten egg', 'rotten eggs'],
  es: ['gas', 'huevo podrido', 'huevos podridos'],
});
/** Words that say a gas is escaping or noticed: "smells", "a leak", "hissing". */
export const SMELL = vocabulary({
  en: [
    'smell',
    'smelly',
    'odor',
    'odour',
    'stink',
    'stinks',
    'stench',
    'whiff',
    'fumes',
    'leak',
    'leaking',
    'leaks',
    'hiss',
    'hissing',
    'escaping',
  ],
  es: ['olor', 'huele', '=oler', 'oliendo', 'apesta', 'fuga', 'fugas', 'escape', 'escapando', 'sale', 'saliendo'],
});
export const ODOR = vocabulary({
  en: ['smell', 'smells', 'smelled', 'smelling', 'smelly', 'odor', 'odour', 'stink', 'stinks'],
  es: ['olor', 'huele', '=oler', 'oliendo', 'apesta'],
});
export const BURNT = vocabulary({
  en: ['burn', 'burnt', 'burned', 'burning', 'scorched', 'scorch', 'melting', 'melted', 'electrical', 'plastic'],
  es: ['quemado', 'quemada', 'quemando', 'chamuscado', 'plastico quemado'],
});
/** Burning smells that are no hazard: food, dust on a heater's first run. */
/** Carbon monoxide is smelled by nobody: tenants tell it by how they feel near something that burns fuel. */
export const CO_SYMPTOMS = vocabulary({
  en: [
    'headache',
    'headaches',
    'head is pounding',
    'head hurts',
    'pounding head',
    'dizzy',
    'dizziness',
    'lightheaded',
    'light headed',
    'nausea',
    'nauseous',
    'nauseated',
    'throwing up',
    'vomiting',
    'threw up',
    'passed out',
    'fainted',
    'drowsy',
    'confused',
  ],
  es: [
    'dolor de cabeza',
    'me duele la cabeza',
    'nos duele la cabeza',
    'le duele la cabeza',
    'mareado',
    'mareada',
    'mareados',
    'mareo',
    'mareos',
    'nauseas',
    'vomitando',
    'vomito',
    'vomitos',
    'se desmayo',
    'desmayo',
    'somnoliento',
  ],
});
export const COMBUSTION = vocabulary({
  en: [
    'furnace',
    'boiler',
    'heater',
    'water heater',
    'space heater',
    'gas heater',
    'fireplace',
    'generator',
    'exhaust',
    'fumes',
    'flue',
    'chimney',
    'gas stove',
    'gas oven',
    'pilot light',
  ],
  es: [
    'calentador',
    'caldera',
    'boiler',
    'calefactor',
    'calenton',
    'chimenea',
    'generador',
    'estufa de gas',
    'gases',
    'humos',
    'escape',
    'piloto',
  ],
});
/** Inside a wall or a ceiling: where wiring runs unseen. */
export const IN_WALL = vocabulary({
  en: ['in the wall', 'inside the wall', 'behind the wall', 'in the ceiling', 'inside the ceiling', 'in my wall'],
  es: ['en la pared', 'dentro de la pared', 'detras de la pared', 'en el techo', 'dentro del techo'],
});
export const COOKING = vocabulary({
  en: [
    'food',
    'cooking',
    'toast',
    'popcorn',
    'burnt out',
    'burned out',
    'dust',
    'dusty',
    'first time',
    'first run',
    'first use',
    'burning hot',
    'burning sensation',
    'eyes burning',
    'burning eyes',
    'heartburn',
  ],
  es: ['comida', 'cocinando', 'polvo', 'primera vez'],
});

// Sight
export const FIRE = vocabulary({
  en: ['fire', 'flames', 'flame', 'on fire', 'caught fire', 'caught on fire', 'blaze', 'went up in flames'],
  es: [
    'fuego',
    'incendio',
    'llamas',
    'se quemo',
    'se esta quemando',
    '=quemandose',
    'prendio fuego',
    'se prendio fuego',
  ],
});
export const NOT_FIRE = vocabulary({
  en: [
    'burning hot',
    'scalding',
    '=fired',
    'heartburn',
    'fire escape',
    'no fire',
    'burning sensation',
    'eyes burning',
    'burning eyes',
  ],
  es: ['me quemo', 'quemo la mano', 'me arden'],
});
/** "something is burning", unless it is toast, food or a heater's dust. */
export const BURNING = vocabulary({ en: ['=burning', 'is burning'] });
/** Smells tenants give to overheating wiring: melting plastic smells of fish, a hot smell, an electrical smell. */
export const ELECTRIC_ODOR = vocabulary({
  en: [
    'fishy smell',
    'smells fishy',
    'smell like fish',
    'smells like fish',
    'hot smell',
    'smells hot',
    'electrical smell',
    'smells electrical',
    'electric smell',
    'plastic smell',
    'smells like plastic',
    'melting plastic',
    'ozone smell',
  ],
  es: [
    'huele a pescado',
    'olor a pescado',
    'huele a plastico',
    'olor a plastico',
    'huele a caliente',
    'olor a caliente',
    'olor electrico',
  ],
});
export const SMOKE = vocabulary({ en: ['smoke', 'smoking', 'smoky', 'smokey'], es: ['humo', 'humea', 'humeando'] });
export const TOBACCO = vocabulary({
  en: [
    'cigarette',
    'cigarettes',
    'cigar',
    'weed',
    'marijuana',
    'vape',
    'vaping',
    'tobacco',
    '=smoker',
    '=smokers',
    '=smoking =in',
    '=smoking =outside',
    'neighbor =smoking',
    'neighbors =smoking',
    'someone =smoking',
  ],
  es: ['cigarro', 'cigarros', 'cigarrillo', 'marihuana', 'fumando', 'fuman', 'fuma', 'tabaco'],
});
export const SPARKS = vocabulary({
  en: ['spark', 'sparks', 'sparked', 'sparking', 'sparky', 'arcing', 'arced', 'arc'],
  es: [
    'chispa',
    'chispas',
    'chispea',
    'chispeo',
    'chispeando',
    'chispazo',
    'chispazos',
    'chisporrotea',
    'saca chispas',
    'echa chispas',
    'hizo chispa',
  ],
});
/** A spark that happened once and left nothing: the guide's medium, not a hazard, when both are said. */
export const ONCE = vocabulary({
  en: ['once', 'one time', 'just once', 'a single time'],
  es: ['una vez', 'una sola vez', 'solo una vez'],
});
export const FINE_SINCE = vocabulary({
  en: [
    'fine now',
    'seems fine',
    'seems ok',
    'ok now',
    'works fine',
    'no smell',
    'no marks',
    'no mark',
    'no burn',
    'nothing since',
    'not since',
    'never again',
    'has not happened again',
  ],
  es: [
    'ya esta bien',
    'parece bien',
    'funciona bien',
    'no huele',
    'ni huele',
    'sin olor',
    'sin marcas',
    'no quedo marca',
    'no dejo marca',
    'no ha vuelto',
    'no volvio a pasar',
  ],
});

// Sound
export const POP = vocabulary({
  en: [
    'popping',
    'popped',
    'pops',
    'bang',
    'flash',
    'flashed',
    'flashing',
    'buzzing loud',
    'crackling',
    'crackle',
    'crackles',
    'sizzling',
    'sizzle',
    'sizzles',
    'glow',
    'glowing',
    'orange glow',
    'red glow',
    'exploded',
    'blew up',
    'boom',
  ],
  es: [
    'trueno',
    'tronido',
    'truena',
    'chasquido',
    'chisporroteo',
    'tronando',
    'trono',
    'exploto',
    'explosion',
    'chasquea',
    'chasqueando',
    'crepita',
    'brilla',
    'brillo naranja',
    'resplandor',
  ],
});

// Touch and marks
export const HOT = vocabulary({
  en: [
    'hot',
    'warm',
    'too hot',
    'hot to the touch',
    'melted',
    'melting',
    'scorched',
    'black marks',
    'scorch marks',
    'buzzing',
    'burn marks',
    'blackened',
  ],
  es: ['caliente', 'calienta', 'derretido', 'derretida', 'negro', 'negra', 'zumba', 'zumbido'],
});
export const SHOCK = vocabulary({
  en: [
    'tingle',
    'tingles',
    'tingling',
    'shocked me',
    'shocks me',
    'got shocked',
    'got a shock',
    'zapped',
    'electrocuted',
    'electric shock',
    'gave me a shock',
  ],
  es: ['toque', 'toques', 'descarga', 'descargas', 'electrocuto', 'electrocutado', 'me dio corriente', 'da corriente'],
});
