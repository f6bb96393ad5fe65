import type { Priority, Skill } from '../priority';
import { WEATHER } from './climate';
import { CO_DETECTOR, detectorFindings, SOUNDING } from './detectors';
import type { Finding } from './finding';
import {
  ABOUT_TO_FALL,
  APPLIANCE_HEAT,
  ELECTRICAL_FITTING,
  EXPOSED,
  FIXTURE,
  LIVE_WIRES,
  NOT_HOT_FITTING,
  STAYS_ON,
  WIRES_SHOWING,
} from './fittings';
import { findAll, has, near, vocabulary, type Match, type Vocabulary } from './match';
import { LOCKED_IN, personHurt, personStuck, SICK, TRAPPED, VULNERABLE } from './people';
import {
  AGGRESSIVE,
  ALLERGY_OR_STING,
  BATS,
  BED_BUGS,
  BITES,
  FAR_FROM_PEOPLE,
  FLEAS,
  INSIDE_HOME,
  NEAR_DOORS,
  RODENTS,
  STINGERS,
  VENOMOUS,
  WILD_ANIMALS,
} from './pests';
import {
  BREAK_IN,
  doorFindings,
  SECURED_AGAIN,
  GROUND_FLOOR,
  GROUND_LEVEL,
  OPENING_LEFT_OPEN,
  OUTSIDE_OPENING,
  LOCK_CHANGE,
  LOCK_WORDS,
  THREAT,
  WINDOW,
  WINDOW_SECURE_FAIL,
} from './security';
import {
  BURNING,
  BURNT,
  CO_SYMPTOMS,
  COMBUSTION,
  COOKING,
  ELECTRIC_ODOR,
  FINE_SINCE,
  FIRE,
  GAS,
  HOT,
  IN_WALL,
  NOT_FIRE,
  ODOR,
  ONCE,
  POP,
  SHOCK,
  SMELL,
  SMOKE,
  SPARKS,
  TOBACCO,
} from './senses';
import {
  ABOUT_TO_GIVE,
  COLLAPSE,
  CRACKED_GLASS,
  DARK,
  DEBRIS,
  DROPPING,
  SMALL_CRACK,
  STAIR_PLACES,
  COMING_OFF_NOW,
  OVER_PEOPLE,
  TREE_PARTS,
  CRACK,
  FALL_RISK,
  FALLING_OBJECTS,
  GLASS,
  GROWING,
  ICE,
  LOAD_BEARING,
  LOOSE,
  MAY_FALL,
  MOLD,
  NOT_A_CRACK,
  NOT_A_STEP,
  NOT_STRUCTURE,
  RAILING,
  ROOF_PARTS,
  ROOF_SEALS,
  ROT,
  SAG,
  SHARDS,
  SHATTERED,
  STEPS,
  STRUCTURE,
  WALKING_SURFACE,
  WALKWAY,
  WINDOW_GUARD,
  WINDOW_PART,
} from './structure';
import {
  ACTIVE_WATER,
  BACKS_UP,
  BACKUP_INTO,
  LOW_DRAIN,
  NOT_ACTIVE,
  PIPE,
  PIPE_BROKE,
  SEWAGE,
  SEWER_SOURCE,
  THROUGH,
  WATER_MOVING,
  WATER_PRESENT,
} from './water';
import type { Word } from './words';

/**
 * Hazards as concepts, whatever the trade: each is a few vocabularies that must all appear, un-negated, a few
 * words apart in one sentence ("outlet" … "sparked"; "railing" … "loose"). Every hazard is a safety concern and at
 * least high priority; emergency only for active danger (docs/triage-labels.md).
 */
interface Concept {
  label: string;
  priority: Priority;
  /** Default true: a hazard. False for a problem the guide ranks high without a safety risk. */
  safety?: boolean;
  /** The trade the hazard names; null: the trade of the thing it is about (smoke from the oven is the oven's). */
  trade: Skill | null;
  fallbackTrade?: Skill;
  alsoTrade?: Skill;
  /** Each must match; the second and later within `within` words of the first, in its sentence unless `anywhere`. */
  cues: Vocabulary[];
  within?: number;
  anywhere?: boolean;
  /** Must appear somewhere in the text: the floor the home is on is said once, in any sentence. */
  somewhere?: Vocabulary;
  /** Words in the same sentence that make it something else: cigarette smoke, a burnt-out bulb. */
  unless?: Vocabulary;
  /** Words that together make it something else: "sparked once" and "fine since". */
  unlessAll?: Vocabulary[];
  water?: boolean;
  /** Matches inside the harmless names too (a CO detector going off is the carbon monoxide, not the device). */
  inNames?: boolean;
  /** Never lowered by "a little" or "no rush": a faint gas smell is an emergency. */
  firm?: boolean;
  /** Not raised by a vulnerable person: pests never are, nor a hazard a vulnerable person makes (an allergy, asthma). */
  raisable?: false;
  /** The trade when the words of a sentence say rain or wind did it: a collapsed ceiling in a storm is the roof's. */
  weatherTrade?: Skill;
  /** The trade when water is named in the sentence: a ceiling bulging with water is a leak's, not a handyman's. */
  leakTrade?: Skill;
  kind?: Finding['kind'];
}

/** Names with a hazard word inside that are not the hazard: a smoke detector, a gas stove, a fire escape. */
const HARMLESS_NAMES = vocabulary({
  en: [
    'smoke detector',
    'smoke detectors',
    'smoke alarm',
    'smoke alarms',
    'fire alarm',
    'fire alarms',
    'fire escape',
    'fire escapes',
    'fire stairs',
    'garden hose',
    'hose bib',
    'fire extinguisher',
    'fire exit',
    'fire door',
    'fire department',
    'gas stove',
    'gas range',
    'gas oven',
    'gas dryer',
    'gas bill',
    'gas company',
    'gas station',
    'gas grill',
    'gas fireplace',
    'water heater',
    'hot water heater',
    'hot water',
    'co detector',
    'co alarm',
    'carbon monoxide detector',
    'carbon monoxide detectors',
    'carbon monoxide alarm',
    'light bulb',
    'burnt out',
    'burned out',
    'burnt out bulb',
  ],
  es: [
    'detector de humo',
    'alarma de humo',
    'alarma de incendio',
    'estufa de gas',
    'recibo de gas',
    'calentador de agua',
    'agua caliente',
    'salida de incendio',
    'detector de monoxido',
    'extintor',
    'foco fundido',
    'escalera de incendio',
    'escalera de incendios',
    'escaleras de incendio',
    'salida de incendios',
    'puerta de incendios',
    'alarma de incendios',
    'manguera del jardin',
  ],
});
const GAS_APPLIANCE_LEAK = vocabulary({
  en: ['gas stove', 'gas range', 'gas oven', 'gas dryer', 'gas line', 'gas pipe', 'gas meter'],
  es: ['estufa de gas', 'linea de gas', 'tuberia de gas'],
});
/** A pool's gate is what keeps a small child out of the water. */
const POOL_GATE = vocabulary({
  en: ['pool gate', 'gate to the pool', 'pool fence gate', 'pool fence'],
  es: [
    'puerta de la alberca',
    'puerta de la piscina',
    'reja de la alberca',
    'reja de la piscina',
    'porton de la piscina',
    'porton de la alberca',
  ],
});
const GATE_OPEN = vocabulary({
  en: [
    'latch broke',
    'latch is broken',
    'broken latch',
    'swings open',
    'stays open',
    'will not close',
    'does not close',
    'will not latch',
    'does not latch',
    'can not close',
    'broke',
    'broken',
  ],
  es: ['no cierra', 'no se cierra', 'se queda abierta', 'rota', 'roto', 'no tiene seguro', 'seguro roto'],
});
/** What people stand on outside the rooms: one that drops or pulls away from the house is collapsing, boards and all. */
const PLATFORMS = vocabulary({
  en: ['deck', 'balcony', 'porch', 'stairs', 'staircase', 'landing', 'fire escape'],
  es: ['balcon', 'terraza', 'porche', 'escalera', 'escaleras', 'descanso'],
});
const GAVE_WAY = vocabulary({
  en: [
    'just dropped',
    'dropped about',
    'pulled away',
    'pulling away',
    'gave way',
    'giving way',
    'collapsed',
    'collapsing',
    'caved',
    'came down',
  ],
  es: ['se vino abajo', 'se desplomo', 'se hundio', 'se derrumbo', 'se cayo'],
});
const CO = vocabulary({ en: ['carbon monoxide', 'monoxide'], es: ['monoxido', 'monoxido de carbono'] });

const CONCEPTS: Concept[] = [
  { label: 'gas smell or leak', priority: 'emergency', firm: true, trade: 'plumbing', cues: [GAS, SMELL], within: 6 },
  {
    label: 'gas smell or leak',
    priority: 'emergency',
    firm: true,
    trade: 'plumbing',
    cues: [GAS_APPLIANCE_LEAK, SMELL],
    within: 6,
  },
  { label: 'carbon monoxide', priority: 'emergency', firm: true, trade: 'hvac', alsoTrade: 'plumbing', cues: [CO] },
  {
    label: 'carbon monoxide symptoms near a fuel-burning appliance',
    priority: 'emergency',
    firm: true,
    trade: 'hvac',
    alsoTrade: 'plumbing',
    cues: [CO_SYMPTOMS, COMBUSTION],
    anywhere: true,
  },
  {
    label: 'carbon monoxide alarm',
    priority: 'emergency',
    firm: true,
    trade: 'hvac',
    alsoTrade: 'plumbing',
    cues: [CO_DETECTOR, SOUNDING],
    within: 4,
    inNames: true,
  },
  {
    label: 'fire',
    priority: 'emergency',
    firm: true,
    trade: null,
    fallbackTrade: 'electrical',
    cues: [FIRE],
    unless: NOT_FIRE,
  },
  {
    label: 'smoke',
    priority: 'emergency',
    firm: true,
    trade: null,
    fallbackTrade: 'electrical',
    cues: [SMOKE],
    unless: TOBACCO,
  },
  {
    label: 'fire',
    priority: 'emergency',
    firm: true,
    trade: null,
    fallbackTrade: 'electrical',
    cues: [BURNING],
    unless: COOKING,
  },
  {
    label: 'burning smell',
    priority: 'emergency',
    firm: true,
    trade: null,
    fallbackTrade: 'electrical',
    cues: [BURNT, ODOR],
    within: 4,
    unless: COOKING,
  },
  {
    label: 'burning smell',
    priority: 'emergency',
    firm: true,
    trade: 'electrical',
    cues: [ELECTRIC_ODOR, ELECTRICAL_FITTING],
    anywhere: true,
  },
  {
    label: 'sparks',
    priority: 'emergency',
    firm: true,
    trade: null,
    fallbackTrade: 'electrical',
    cues: [SPARKS],
    unlessAll: [ONCE, FINE_SINCE],
  },
  {
    label: 'a single spark, nothing since',
    priority: 'medium',
    safety: false,
    firm: true,
    trade: null,
    fallbackTrade: 'electrical',
    cues: [SPARKS, ONCE, FINE_SINCE],
    anywhere: true,
    kind: 'problem',
  },
  {
    label: 'electrical fitting popping or flashing',
    priority: 'emergency',
    firm: true,
    trade: 'electrical',
    cues: [POP, ELECTRICAL_FITTING],
    within: 6,
  },
  {
    label: 'crackling inside a wall',
    priority: 'emergency',
    firm: true,
    trade: 'electrical',
    cues: [POP, IN_WALL],
    within: 4,
  },
  {
    label: 'hot, buzzing or scorched electrical fitting',
    priority: 'high',
    trade: 'electrical',
    cues: [ELECTRICAL_FITTING, HOT],
    within: 8,
    unless: NOT_HOT_FITTING,
  },
  { label: 'fixture about to fall', priority: 'high', trade: 'electrical', cues: [FIXTURE, ABOUT_TO_FALL], within: 8 },
  { label: 'electric shock', priority: 'emergency', trade: 'electrical', cues: [SHOCK] },
  {
    label: 'water meeting electricity',
    priority: 'emergency',
    firm: true,
    trade: 'plumbing',
    alsoTrade: 'electrical',
    weatherTrade: 'roofing',
    cues: [WATER_PRESENT, ELECTRICAL_FITTING],
    within: 4,
    water: true,
  },
  // "water coming out of the bathroom light", "rain coming in through the ceiling around the light": a path between them.
  {
    label: 'water meeting electricity',
    priority: 'emergency',
    firm: true,
    trade: 'plumbing',
    alsoTrade: 'electrical',
    weatherTrade: 'roofing',
    cues: [ELECTRICAL_FITTING, THROUGH, WATER_MOVING],
    within: 10,
    water: true,
  },
  {
    label: 'water meeting electricity',
    priority: 'emergency',
    firm: true,
    trade: 'plumbing',
    alsoTrade: 'electrical',
    weatherTrade: 'roofing',
    cues: [WATER_MOVING, THROUGH, ELECTRICAL_FITTING],
    within: 8,
    water: true,
  },
  {
    label: 'active flooding',
    priority: 'emergency',
    trade: null,
    fallbackTrade: 'plumbing',
    cues: [ACTIVE_WATER],
    unless: NOT_ACTIVE,
    water: true,
  },
  { label: 'burst pipe', priority: 'emergency', trade: 'plumbing', cues: [PIPE, PIPE_BROKE], within: 3, water: true },
  {
    label: 'sewage backing up',
    priority: 'emergency',
    firm: true,
    trade: 'plumbing',
    cues: [SEWAGE, BACKS_UP],
    within: 6,
    water: true,
  },
  {
    label: 'sewage backing up',
    priority: 'emergency',
    firm: true,
    trade: 'plumbing',
    cues: [BACKUP_INTO, LOW_DRAIN, SEWER_SOURCE],
    within: 8,
    water: true,
  },
  {
    label: 'sewer smell',
    priority: 'medium',
    safety: false,
    trade: 'plumbing',
    cues: [SEWAGE, ODOR],
    within: 4,
    kind: 'problem',
  },
  { label: 'someone trapped', priority: 'emergency', trade: null, fallbackTrade: 'general', cues: [TRAPPED] },
  {
    label: 'structure collapsing',
    priority: 'emergency',
    trade: null,
    fallbackTrade: 'general',
    weatherTrade: 'roofing',
    leakTrade: 'plumbing',
    cues: [STRUCTURE, COLLAPSE],
    within: 4,
    unless: NOT_STRUCTURE,
  },
  {
    label: 'sagging structure about to give way',
    priority: 'emergency',
    trade: null,
    fallbackTrade: 'general',
    weatherTrade: 'roofing',
    leakTrade: 'plumbing',
    cues: [STRUCTURE, SAG, ABOUT_TO_GIVE],
    within: 14,
    unless: NOT_STRUCTURE,
  },
  {
    label: 'structure shedding pieces',
    priority: 'emergency',
    trade: null,
    fallbackTrade: 'general',
    weatherTrade: 'roofing',
    leakTrade: 'plumbing',
    cues: [STRUCTURE, DEBRIS, DROPPING],
    within: 10,
    unless: NOT_STRUCTURE,
  },
  {
    label: 'sagging or soft structure',
    priority: 'high',
    trade: null,
    fallbackTrade: 'general',
    weatherTrade: 'roofing',
    leakTrade: 'plumbing',
    cues: [STRUCTURE, SAG],
    within: 8,
    unless: NOT_STRUCTURE,
  },
  {
    label: 'cracked structure',
    priority: 'high',
    trade: 'general',
    cues: [LOAD_BEARING, CRACK],
    within: 5,
    unless: NOT_A_CRACK,
  },
  {
    label: 'cracked structure',
    priority: 'high',
    trade: 'general',
    cues: [STRUCTURE, CRACK, GROWING],
    within: 5,
    unless: NOT_A_CRACK,
  },
  {
    label: 'something that may fall on people',
    priority: 'high',
    trade: 'roofing',
    cues: [FALLING_OBJECTS, MAY_FALL],
    within: 8,
    unless: ROOF_SEALS,
  },
  {
    label: 'something that may fall on people',
    priority: 'high',
    trade: 'roofing',
    cues: [ROOF_PARTS, COMING_OFF_NOW],
    within: 10,
  },
  { label: 'structure collapsing', priority: 'emergency', trade: 'general', cues: [PLATFORMS, GAVE_WAY], within: 6 },
  {
    label: 'a branch that may fall on people',
    priority: 'high',
    trade: 'general',
    cues: [TREE_PARTS, MAY_FALL, OVER_PEOPLE],
    within: 12,
  },
  {
    label: 'pool gate that does not close',
    priority: 'high',
    raisable: false,
    trade: 'general',
    cues: [POOL_GATE, GATE_OPEN],
    within: 8,
  },
  {
    label: 'broken glass',
    priority: 'high',
    trade: 'general',
    cues: [GLASS, SHATTERED],
    within: 6,
    unless: WINDOW_PART,
    unlessAll: [SMALL_CRACK],
  },
  {
    label: 'cracked glass',
    priority: 'high',
    trade: 'general',
    cues: [GLASS, CRACKED_GLASS],
    within: 10,
    unless: WINDOW_PART,
    unlessAll: [SMALL_CRACK],
  },
  { label: 'broken glass', priority: 'high', trade: 'general', cues: [SHARDS] },
  {
    label: 'break-in',
    priority: 'emergency',
    trade: 'locksmith',
    alsoTrade: 'general',
    cues: [BREAK_IN],
    unlessAll: [SECURED_AGAIN],
  },
  {
    label: 'break-in, the door secured again',
    priority: 'high',
    safety: false,
    trade: 'locksmith',
    alsoTrade: 'general',
    cues: [BREAK_IN, SECURED_AGAIN],
    anywhere: true,
    kind: 'problem',
  },
  {
    label: 'ground-floor window that cannot be secured',
    priority: 'emergency',
    trade: 'general',
    alsoTrade: 'locksmith',
    cues: [WINDOW, WINDOW_SECURE_FAIL, GROUND_LEVEL],
    within: 12,
  },
  {
    label: 'ground-floor window or door that cannot be secured',
    priority: 'emergency',
    trade: 'general',
    alsoTrade: 'locksmith',
    cues: [OUTSIDE_OPENING, OPENING_LEFT_OPEN],
    within: 8,
    somewhere: GROUND_FLOOR,
  },
  { label: 'dark stairway', priority: 'high', trade: 'electrical', cues: [STAIR_PLACES, DARK], within: 12 },
  {
    label: 'loose or broken railing',
    priority: 'high',
    trade: 'general',
    cues: [RAILING, LOOSE],
    within: 8,
    unless: WINDOW_GUARD,
  },
  {
    label: 'loose window guard',
    priority: 'high',
    raisable: false,
    trade: 'general',
    cues: [WINDOW_GUARD, LOOSE],
    within: 5,
  },
  { label: 'broken step', priority: 'high', trade: 'general', cues: [STEPS, LOOSE], within: 6, unless: NOT_A_STEP },
  { label: 'rotten floor or deck', priority: 'high', trade: 'general', cues: [ROT, WALKING_SURFACE], within: 5 },
  { label: 'fall risk', priority: 'high', trade: 'general', cues: [FALL_RISK] },
  {
    label: 'ice on a walkway',
    priority: 'high',
    trade: 'general',
    weatherTrade: 'roofing',
    cues: [ICE, WALKWAY],
    within: 5,
  },
  {
    label: 'stinging insects with an allergy or a sting',
    priority: 'high',
    raisable: false,
    trade: 'pest',
    cues: [STINGERS, ALLERGY_OR_STING],
    anywhere: true,
  },
  {
    label: 'stinging insects inside with a vulnerable person',
    priority: 'high',
    raisable: false,
    trade: 'pest',
    cues: [STINGERS, INSIDE_HOME, VULNERABLE],
    anywhere: true,
  },
  {
    label: 'stinging insects by a door',
    priority: 'high',
    safety: false,
    raisable: false,
    trade: 'pest',
    cues: [STINGERS, NEAR_DOORS],
    within: 20,
    unless: FAR_FROM_PEOPLE,
    kind: 'problem',
  },
  {
    label: 'stinging insects',
    priority: 'medium',
    safety: false,
    raisable: false,
    trade: 'pest',
    cues: [STINGERS],
    kind: 'problem',
  },
  { label: 'venomous pests', priority: 'high', raisable: false, trade: 'pest', cues: [VENOMOUS] },
  { label: 'bed bugs', priority: 'high', raisable: false, trade: 'pest', cues: [BED_BUGS] },
  { label: 'bites in bed', priority: 'high', raisable: false, trade: 'pest', cues: [BITES] },
  { label: 'fleas', priority: 'high', raisable: false, trade: 'pest', cues: [FLEAS] },
  { label: 'rodents', priority: 'high', raisable: false, trade: 'pest', cues: [RODENTS] },
  { label: 'bats in the home', priority: 'high', raisable: false, trade: 'pest', cues: [BATS] },
  {
    label: 'wild animal threatening people',
    priority: 'high',
    raisable: false,
    trade: 'pest',
    cues: [WILD_ANIMALS, AGGRESSIVE],
    within: 10,
  },
  {
    label: 'mould with someone sick',
    priority: 'high',
    raisable: false,
    trade: 'general',
    cues: [MOLD, SICK],
    anywhere: true,
  },
  { label: 'exposed wires', priority: 'high', trade: 'electrical', cues: [EXPOSED, LIVE_WIRES], within: 3 },
  { label: 'exposed wires', priority: 'high', trade: 'electrical', cues: [WIRES_SHOWING] },
  {
    label: 'locks to change for a threat',
    priority: 'high',
    trade: 'locksmith',
    cues: [LOCK_CHANGE, THREAT],
    anywhere: true,
  },
  {
    label: 'stove that will not turn off',
    priority: 'high',
    trade: 'appliance',
    cues: [APPLIANCE_HEAT, STAYS_ON],
    within: 5,
  },
];

export function findHazards(words: readonly Word[]): Finding[] {
  const taken = takenBy(words, HARMLESS_NAMES);
  const findings: Finding[] = [];
  for (const concept of CONCEPTS) {
    for (const at of conceptMatches(words, concept, taken)) {
      findings.push({
        kind: concept.kind ?? 'hazard',
        label: concept.label,
        priority: concept.priority,
        safety: concept.safety ?? true,
        trade: concept.trade,
        ...(concept.fallbackTrade ? { fallbackTrade: concept.fallbackTrade } : {}),
        ...(concept.alsoTrade ? { alsoTrade: concept.alsoTrade } : {}),
        at: at.start,
        ...(concept.water ? { water: true } : {}),
        ...(concept.firm ? { firm: true } : {}),
        ...(concept.raisable === false ? { raisable: false } : {}),
        ...(concept.leakTrade &&
        has(
          words.filter((w) => w.sentence === words[at.start]!.sentence),
          WATER_PRESENT,
          { negated: false },
        )
          ? { trade: concept.leakTrade }
          : {}),
        ...(concept.weatherTrade &&
        has(
          words.filter((w) => w.sentence === words[at.start]!.sentence),
          WEATHER,
        )
          ? { trade: concept.weatherTrade }
          : {}),
      });
    }
  }
  findings.push(...detectorFindings(words), ...doorFindings(words, taken), ...personStuck(words), ...personHurt(words));
  // Someone behind a lock is the locksmith's; in an elevator or a room, the handyman's.
  const lock = has(words, LOCK_WORDS) || has(words, LOCKED_IN);
  return findings.map((f) => (f.label === 'someone trapped' && lock ? { ...f, trade: 'locksmith' as const } : f));
}

function takenBy(words: readonly Word[], names: Vocabulary): boolean[] {
  const taken = new Array<boolean>(words.length).fill(false);
  for (const m of findAll(words, names, { inOneClause: true })) for (let i = m.start; i < m.end; i++) taken[i] = true;
  return taken;
}

/** The first cue's matches that have every other cue near them; one per sentence. */
function conceptMatches(words: readonly Word[], concept: Concept, taken: readonly boolean[]): Match[] {
  const find = (v: Vocabulary) => findAll(words, v, { ...(concept.inNames ? {} : { taken }), negated: false });
  const [firstCues, ...otherCues] = concept.cues;
  const first = firstCues ? find(firstCues) : [];
  // Most concepts' first cue is not in the text: then their other cues need not be looked for.
  const others = first.length > 0 ? otherCues.map(find) : [];
  const sentences = new Set<number>();
  return first.filter((m) => {
    const sentence = words[m.start]!.sentence;
    if (sentences.has(sentence)) return false;
    if (
      !others.every((matches) =>
        concept.anywhere ? matches.length > 0 : near(words, [m], matches, concept.within ?? 0).length > 0,
      )
    )
      return false;
    if (
      concept.unless &&
      has(
        words.filter((w) => w.sentence === sentence),
        concept.unless,
      )
    )
      return false;
    if (concept.unlessAll && concept.unlessAll.every((v) => has(words, v))) return false;
    if (concept.somewhere && !has(words, concept.somewhere, { negated: false })) return false;
    sentences.add(sentence);
    return true;
  });
}
