import type { Skill } from '../priority';
import { findAll, findTagged, has, vocabulary, type Match, type Vocabulary } from './match';
import type { Word } from './words';

/**
 * What a home cannot go without. A service named together with a failure ("the AC is not working", "no hot water",
 * "se fue la luz") is an outage: high priority by the labelling guide, more when it is also a hazard (no heat in
 * the cold, see hazards.ts). A negation of the service is its failure here ("no heat"), not the end of a hazard.
 */
export interface Service {
  label: string;
  trade: Skill;
  /** Names that may be followed or preceded by a failure: "fridge is not cooling", "no heat". */
  names: Vocabulary;
  /** Names that count only after a failure word: "sin luz" is a power cut, "la luz no funciona" one lamp. */
  namesAfterFailureOnly?: Vocabulary;
  /** Phrases that are the failure by themselves: "no water comes out", "no sale agua". */
  failurePhrases?: Vocabulary;
}

export interface Outage {
  service: Service;
  at: Match;
}

export const SERVICES = {
  heat: {
    label: 'no heat',
    trade: 'hvac',
    names: vocabulary({
      en: [
        'warm air',
        'hot air',
        'heat',
        'heating',
        'furnace',
        'boiler',
        'radiator',
        'radiators',
        'heater',
        'heaters',
        'heat pump',
        'baseboard heater',
      ],
      es: ['aire caliente', 'calefaccion', 'calefactor', 'calenton', 'caldera', 'radiador', 'radiadores'],
    }),
  },
  hotWater: {
    label: 'no hot water',
    trade: 'plumbing',
    names: vocabulary({
      en: ['hot water', 'water heater', 'hot water heater'],
      es: ['agua caliente', 'calentador de agua', 'calentador', 'boiler'],
    }),
  },
  water: {
    label: 'no water',
    trade: 'plumbing',
    names: vocabulary({}),
    namesAfterFailureOnly: vocabulary({ en: ['water', 'running water', 'water supply'], es: ['agua'] }),
    failurePhrases: vocabulary({
      en: [
        'no water coming out',
        'no water comes out',
        'no water coming from',
        'not a drop of water',
        'water is shut off',
        'water got shut off',
        'water was shut off',
        'water has been shut off',
        'water is cut off',
      ],
      es: [
        'no sale agua',
        'no sale nada de agua',
        'no cae agua',
        'no llega agua',
        'no llega el agua',
        'cortaron el agua',
        'nos cortaron el agua',
        'ni una gota',
      ],
    }),
  },
  power: {
    label: 'no power',
    trade: 'electrical',
    names: vocabulary({ en: ['power', 'electricity'], es: ['electricidad', 'corriente'] }),
    namesAfterFailureOnly: vocabulary({ es: ['luz'] }),
  },
  cooling: {
    label: 'no cooling',
    trade: 'hvac',
    names: vocabulary({
      en: [
        '=ac',
        '=a c',
        'air conditioner',
        'air conditioning',
        'central air',
        'window unit',
        'mini split',
        'minisplit',
        'ductless',
        'swamp cooler',
        'evaporative cooler',
        'air con',
        'aircon',
      ],
      es: ['aire acondicionado', 'minisplit', 'mini split', 'aire', 'clima'],
    }),
    namesAfterFailureOnly: vocabulary({ en: ['air', 'cold air'] }),
  },
  refrigeration: {
    label: 'fridge not cooling',
    trade: 'appliance',
    names: vocabulary({
      en: ['fridge', 'refrigerator', 'freezer'],
      es: ['nevera', 'refrigerador', 'refrigeradora', '=refri', 'congelador', 'heladera'],
    }),
  },
  gas: {
    label: 'no gas',
    trade: 'plumbing',
    names: vocabulary({}),
    namesAfterFailureOnly: vocabulary({ en: ['gas'], es: ['gas'] }),
  },
  elevator: {
    label: 'elevator out',
    trade: 'general',
    names: vocabulary({ en: ['elevator', 'elevators'], es: ['elevador', 'ascensor'] }),
  },
  toilet: {
    label: 'toilet out',
    trade: 'plumbing',
    names: vocabulary({
      en: ['toilet', 'commode'],
      es: [
        'servicio del bano',
        'servicio sanitario',
        'inodoro',
        'escusado',
        'excusado',
        'sanitario',
        'retrete',
        'poceta',
        'bano',
      ],
    }),
  },
} satisfies Record<string, Service>;

/** Failure words after a name, up to a few words later: "the fridge in the kitchen is not cooling". */
export const FAILURE_AFTER = vocabulary({
  en: [
    'not working',
    'stopped working',
    'quit working',
    'not work',
    'no longer works',
    'broken',
    'broke',
    'busted',
    'went out',
    'is out',
    'are out',
    'been out',
    'out again',
    'is off',
    'are off',
    'been off',
    'stone cold',
    'ice cold',
    'shut off',
    'cut off',
    'keeps shutting off',
    'keeps turning off',
    'died',
    'dead',
    'not cooling',
    'not cold',
    'not getting cold',
    'not heating',
    'not getting hot',
    'not hot',
    'not warm',
    'not coming on',
    'not come on',
    'not turn on',
    'not turning on',
    'not start',
    'not blowing',
    'blowing warm',
    'blowing hot',
    'blowing cold',
    'is warm',
    'is cold',
    'are cold',
    'stays cold',
    'gone',
    'failed',
    'stopped',
    'not running',
    'not responding',
    'not flush',
    'not flushing',
    'keeps tripping',
    'out of order',
    'down',
    'nothing comes out',
    'not coming out',
    '=out',
    'warm',
    '=hot',
    'room temp',
    'room temperature',
    'stopped cooling',
    'stopped heating',
    'keeps going out',
    'clogged',
    'clogged up',
    'stopped up',
    'backed up',
    'not flushing',
    '=quit',
    'quit on us',
    'quit cooling',
    'quit heating',
    'quit getting cold',
    'quit getting hot',
    'stopped getting cold',
    'stopped getting hot',
    'gave out',
    'gave up',
    'conked out',
    'crapped out',
    'pooped out',
    'is shot',
    'kaput',
    'on the fritz',
    'fried',
    'blew',
    'not cold anymore',
    'thawing',
    'defrosting',
    'melting',
    'food is spoiling',
    'food spoiled',
  ],
  es: [
    'no funciona',
    'no funcionan',
    'no sirve',
    'no sirven',
    'no prende',
    'no prenden',
    'no enciende',
    'no encienden',
    'no enfria',
    'no calienta',
    'no jala',
    'dejo de funcionar',
    'se ha ido',
    'se ha cortado',
    'se descompuso',
    'descompuesto',
    'descompuesta',
    'esta roto',
    'esta rota',
    'se rompio',
    'se =apago',
    'se fue',
    'se corto',
    'no da',
    'no sale',
    'sale fria',
    'sale frio',
    'dejo de enfriar',
    'dejo de calentar',
    'esta caliente',
    'tapado',
    'tapada',
    'se tapo',
    'atascado',
    'atascada',
    'atorado',
    'no baja',
    'no tiene',
    'no hay',
    'fuera de servicio',
    'no anda',
    'se murio',
    'murio',
    'se dano',
    'dejo de servir',
    'dejo de prender',
    'ya no sirve',
    'ya no funciona',
    'ya no prende',
    'ya no enfria',
    'ya no calienta',
    'no esta enfriando',
    'no esta calentando',
    'se descongela',
    'se descongelo',
    'descongelando',
    'se echa a perder',
    'se echo a perder',
  ],
});

/** Failure words just before a name: "no hot water", "sin luz", verb-first Spanish "no funciona el aire". */
export const FAILURE_BEFORE = vocabulary({
  en: [
    'no',
    'without',
    'lost',
    'lost our',
    'lost all',
    '=losing',
    'keep losing',
    'out of',
    'do not have',
    'does not have',
    'did not have',
    'have not had',
    'not have',
    'no more',
    'broken',
    'not getting',
    'not getting any',
    'no working',
  ],
  es: [
    'no',
    'sin',
    'no hay',
    'no tengo',
    'no tenemos',
    'no tiene',
    'no hay nada de',
    'se fue la',
    'se fue el',
    'se ha ido la',
    'se ha ido el',
    'se nos fue la',
    'se nos fue el',
    'se ha cortado la',
    'se ha cortado el',
    'se corto la',
    'se corto el',
    'nos cortaron la',
    'nos cortaron el',
    'no funciona el',
    'no funciona la',
    'no sirve el',
    'no sirve la',
    'no prende el',
    'no prende la',
    'no enfria el',
    'no enfria la',
    'no calienta el',
    'no calienta la',
    'no enciende el',
    'no enciende la',
    'dejo de funcionar el',
    'dejo de funcionar la',
    'se descompuso el',
    'se descompuso la',
    'se rompio el',
    'se rompio la',
    'no sale',
    'no jala el',
    'no jala la',
    'se tapo el',
    'se tapo la',
    'se =apago el',
    'se =apago la',
    'no sirve mi',
    'no funciona mi',
    'nada de',
    'no tenemos nada de',
    'no tengo nada de',
    'ni una gota de',
    'se murio el',
    'se murio la',
    'se dano el',
    'se dano la',
    'ya no sirve el',
    'ya no sirve la',
    'ya no funciona el',
    'ya no funciona la',
  ],
});

const WORDS_BETWEEN_NAME_AND_FAILURE = 4;
const WORDS_BETWEEN_FAILURE_AND_NAME = 1;
const BETWEEN = new Set([
  'the',
  'my',
  'our',
  'any',
  'hot',
  'running',
  'cold',
  'more',
  'el',
  'la',
  'mi',
  'nuestra',
  'nuestro',
  'de',
]);

/** Whether a failure word says this named thing failed: after it in the same clause, or just before it. */
export function failed(words: readonly Word[], at: Match, namesOnlyAfterFailure = false): boolean {
  const clause = words[at.start]!.clause;
  // "no hot water", "no running water": one word between, and only a word that belongs to the name's phrase.
  const before = findAll(words, FAILURE_BEFORE).some(
    (f) =>
      f.end <= at.start &&
      at.start - f.end <= WORDS_BETWEEN_FAILURE_AND_NAME &&
      words[f.start]!.clause === clause &&
      (f.end === at.start || BETWEEN.has(words[f.end]!.form)),
  );
  if (before || namesOnlyAfterFailure) return before;
  if (isPlace(words, at)) return false;
  return findAll(words, FAILURE_AFTER).some(
    (f) => f.start >= at.end && f.start - at.end <= WORDS_BETWEEN_NAME_AND_FAILURE && words[f.start]!.clause === clause,
  );
}

const ARTICLES = new Set([
  'the',
  'my',
  'our',
  'a',
  'an',
  'this',
  'el',
  'la',
  'los',
  'las',
  'mi',
  'mis',
  'su',
  'nuestro',
  'nuestra',
]);
const PLACE_WORDS = new Set([
  'next',
  'to',
  'by',
  'behind',
  'near',
  'under',
  'above',
  'below',
  'beside',
  'in',
  'inside',
  'on',
  'from',
  'of',
  'over',
  'around',
  'junto',
  'al',
  'lado',
  'cerca',
  'debajo',
  'detras',
  'en',
  'del',
  'de',
  'encima',
  'dentro',
]);

/** A name after "next to", "in", "debajo del" says where another thing is: "the outlet next to the water heater stopped working". */
function isPlace(words: readonly Word[], at: Match): boolean {
  let i = at.start - 1;
  while (i >= 0 && ARTICLES.has(words[i]!.form)) i--;
  return i >= 0 && PLACE_WORDS.has(words[i]!.form) && words[i]!.clause === words[at.start]!.clause && i > 0;
}

/** Names with a service word inside that are no outage: "water pressure", "water stain". */
const NOT_SERVICES = vocabulary({
  en: [
    'water pressure',
    'water stain',
    'water stains',
    'water damage',
    'water bill',
    'water spot',
    'water spots',
    'water leak',
    'water heater',
    'power outlet',
    'power strip',
    'power cord',
    'power button',
    'heat lamp',
    'gas smell',
    'gas leak',
    'gas odor',
    'gas smells',
    'water coming',
    'water anywhere',
    'water near',
    'toilet seat',
    'toilet lid',
    'toilet paper',
    'toilet paper holder',
  ],
  es: [
    'presion de agua',
    'presion del agua',
    'mancha de agua',
    'fuga de agua',
    'recibo de luz',
    'olor a gas',
    'entra agua',
    'entrando agua',
    'agua a la casa',
    'asiento del inodoro',
    'tapa del inodoro',
    'papel de bano',
  ],
});

const SERVICE_LIST = Object.values(SERVICES) as Service[];
/** Every service's names, and the names with a service word inside that are no outage (NOT_SERVICES). */
const SERVICE_NAMES = [
  ...SERVICE_LIST.flatMap((service) => [
    { vocabulary: service.names, tag: { service, afterOnly: false } },
    ...(service.namesAfterFailureOnly
      ? [{ vocabulary: service.namesAfterFailureOnly, tag: { service, afterOnly: true } }]
      : []),
  ]),
  { vocabulary: NOT_SERVICES, tag: null },
];

export function findOutages(words: readonly Word[]): Outage[] {
  const services = SERVICE_LIST;
  const outages: Outage[] = [];
  for (const service of services) {
    const phrase = service.failurePhrases && findAll(words, service.failurePhrases)[0];
    if (phrase) outages.push({ service, at: phrase });
  }
  for (const { tag, ...at } of findTagged(words, SERVICE_NAMES)) {
    if (tag && failed(words, at, tag.afterOnly) && !outages.some((o) => o.service === tag.service))
      outages.push({ service: tag.service, at });
  }
  return outages;
}

/** "it's our only bathroom", "solo tenemos un baño" */
const ONLY_ONE = vocabulary({
  en: ['only toilet', 'only bathroom', 'one bathroom', 'one toilet', 'only one'],
  es: ['unico bano', 'unico inodoro', 'solo un bano', 'solo tenemos un', 'solo hay un'],
});

export function onlyOne(words: readonly Word[]): boolean {
  return has(words, ONLY_ONE);
}
