import { vocabulary } from './match';

/**
 * The hazard lexicon, by the sense a tenant notices it with: what they smell (gas, burning, fumes), see (fire,
 * smoke, sparks, scorch marks), hear (popping, crackling, buzzing) or feel (a shock, a fitting hot to the touch).
 * Tenants describe what they notice more often than they name the hazard; hazards.ts pairs these words with the
 * thing they are about.
 */

// Smell
export const GAS = vocabulary({ en: ['gas', 'propane', 'natural gas', 'rotten egg', 'rotten eggs'], es: ['gas', 'huevo podrido', 'huevos podridos'] });
/** Words that say a gas is escaping or noticed: "smells", "a leak", "hissing". */
export const SMELL = vocabulary({ en: ['smell', 'smelly', 'odor', 'odour', 'stink', 'stinks', 'stench', 'whiff', 'fumes', 'leak', 'leaking', 'leaks', 'hiss', 'hissing', 'escaping'], es: ['olor', 'huele', '=oler', 'oliendo', 'apesta', 'fuga', 'fugas', 'escape', 'escapando', 'sale', 'saliendo'] });
export const ODOR = vocabulary({ en: ['smell', 'smells', 'smelled', 'smelling', 'smelly', 'odor', 'odour', 'stink', 'stinks'], es: ['olor', 'huele', '=oler', 'oliendo', 'apesta'] });
export const BURNT = vocabulary({ en: ['burn', 'burnt', 'burned', 'burning', 'scorched', 'scorch', 'melting', 'melted', 'electrical', 'plastic'], es: ['quemado', 'quemada', 'quemando', 'chamuscado', 'plastico quemado'] });
/** Burning smells that are no hazard: food, dust on a heater's first run. */
export const COOKING = vocabulary({ en: ['food', 'cooking', 'toast', 'popcorn', 'burnt out', 'burned out', 'dust', 'dusty', 'first time', 'first run', 'first use'], es: ['comida', 'cocinando', 'polvo', 'primera vez'] });

// Sight
export const FIRE = vocabulary({ en: ['fire', 'flames', 'flame', 'on fire', 'caught fire', 'blaze', 'burning'], es: ['fuego', 'incendio', 'llamas', 'se quemo', 'se esta quemando', '=quemandose', 'prendio fuego', 'se prendio fuego'] });
export const NOT_FIRE = vocabulary({ en: ['burning hot', 'scalding', '=fired', 'heartburn', 'fire escape', 'no fire'], es: ['me quemo', 'quemo la mano'] });
export const SMOKE = vocabulary({ en: ['smoke', 'smoking', 'smoky', 'smokey'], es: ['humo', 'humea', 'humeando'] });
export const TOBACCO = vocabulary({ en: ['cigarette', 'cigarettes', 'cigar', 'weed', 'marijuana', 'vape', 'vaping', 'tobacco', '=smoker', '=smokers', '=smoking =in', '=smoking =outside', 'neighbor =smoking', 'neighbors =smoking', 'someone =smoking'], es: ['cigarro', 'cigarros', 'cigarrillo', 'marihuana', 'fumando', 'fuman', 'fuma', 'tabaco'] });
export const SPARKS = vocabulary({ en: ['spark', 'sparks', 'sparked', 'sparking', 'sparky', 'arcing', 'arced'], es: ['chispa', 'chispas', 'chispea', 'chispeando', 'chispazo', 'chispazos', 'chisporrotea'] });

// Sound
export const POP = vocabulary({ en: ['popping', 'popped', 'pops', 'bang', 'flash', 'flashed', 'buzzing loud', 'crackling', 'sizzling', 'sizzle'], es: ['trueno', 'tronido', 'chasquido', 'chisporroteo', 'tronando', 'trono', 'exploto'] });

// Touch and marks
export const HOT = vocabulary({ en: ['hot', 'warm', 'too hot', 'hot to the touch', 'melted', 'melting', 'scorched', 'black marks', 'scorch marks', 'buzzing', 'burn marks', 'blackened'], es: ['caliente', 'calienta', 'derretido', 'derretida', 'negro', 'negra', 'zumba', 'zumbido'] });
export const SHOCK = vocabulary({ en: ['shocked me', 'shocks me', 'got shocked', 'got a shock', 'zapped', 'electrocuted', 'electric shock', 'gave me a shock'], es: ['toque', 'toques', 'descarga', 'descargas', 'electrocuto', 'electrocutado', 'me dio corriente', 'da corriente'] });
