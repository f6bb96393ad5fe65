import type { Priority, Skill } from '../priority';
import { WEATHER } from './climate';
import type { Finding } from './finding';
import { findAll, has, near, vocabulary, type Vocabulary } from './match';
import { MOLD } from './structure';
import {
  ABOVE,
  CEILING,
  CONTAINABLE,
  GETS_INSIDE,
  GROWING_STAIN,
  LEAK,
  LEAKING,
  OLD,
  OUTDOORS,
  OVERFLOW,
  STAIN,
  UNDER,
} from './water';
import { findModifiers } from './severity';
import type { Word } from './words';

/**
 * Ordinary problems and how bad each is by the labelling guide (docs/triage-labels.md): a dripping faucet is low,
 * a running toilet medium, water through the ceiling high; and the words that say something is wrong at all.
 */
interface ProblemRule {
  label: string;
  priority: Priority;
  cues: Vocabulary[];
  within?: number;
  unless?: Vocabulary;
  /** How near `unless` must be; default `within`. */
  unlessWithin?: number;
  water?: boolean;
  /** The trade the problem names whatever else the text mentions: an oven's light is the oven's. */
  trade?: Skill;
  /** Not lowered by minor words: a light out on the stairs is medium even by day. */
  firm?: boolean;
}

const FAUCET = vocabulary({
  en: ['faucet', 'faucets', '=tap', '=taps', 'shower head', 'showerhead', 'spout', 'spigot', 'shower'],
  es: ['grifo', 'llave', 'canilla', 'regadera', 'mezcladora', 'ducha', '=pluma', '=chorro'],
});
const DRIP = vocabulary({
  en: ['drip', 'drips', 'dripping', 'dripped', 'drippy', 'dribble', 'dribbles', 'dribbling'],
  es: ['gotea', 'gotear', 'goteando', 'goteo', 'tira agua'],
});
const FAUCET_LEAK = vocabulary({ en: ['leak', 'leaks', 'leaking', 'leaky'], es: ['fuga', 'se sale el agua'] });
const WONT_SHUT = vocabulary({
  en: [
    'will not shut off',
    'will not turn off',
    'can not turn off',
    'will not stop',
    'stream',
    'steady stream',
    'constantly running',
    'running constantly',
  ],
  es: ['no para de gotear', 'no se cierra', 'no cierra', 'chorrito', 'no deja de gotear'],
});
const LOCKED_OUT = vocabulary({
  en: [
    'locked out',
    'locked myself out',
    'lost my keys',
    'lost my key',
    'lockout',
    'can not get in',
    'can not get into',
    'stuck outside',
    'lost the keys',
    'key broke in the lock',
    'key broke off',
  ],
  es: [
    'me quede afuera',
    'me quede fuera',
    'nos quedamos afuera',
    'perdi las llaves',
    'perdi la llave',
    'perdi mis llaves',
    'no puedo entrar',
    'no podemos entrar',
    'se rompio la llave',
  ],
});
const MINOR_PLACES = vocabulary({
  en: [
    'mailbox',
    'extra key',
    'spare key',
    'copy of the key',
    'key made',
    'key copy',
    'storage unit',
    'storage locker',
    'bike room',
  ],
  es: ['buzon', 'copia de la llave', 'copy de la key', 'otra llave', 'bodega'],
});
/** Someone else can't get in: a buzzer or an intercom, not a lockout. */
const VISITORS = vocabulary({
  en: ['guests', 'guest', 'visitors', 'visitor', 'delivery', 'deliveries', 'friends', 'buzzer', 'intercom'],
  es: ['visitas', 'visita', 'invitados', 'repartidor', 'paquetes', 'interfon', 'portero electrico'],
});
const COSMETIC = vocabulary({
  en: [
    'paint',
    'painting',
    'peeling',
    'caulk',
    'caulking',
    'grout',
    'scuff',
    'scuffs',
    'scratch',
    'scratches',
    'chipped',
    'touch up',
    'nail hole',
    'blinds',
    'blind',
    'towel bar',
    'towel rack',
    'toilet paper holder',
    'curtain rod',
    'shower rod',
    'squeak',
    'squeaks',
    'squeaky',
    'squeaking',
    'creak',
    'creaks',
    'creaky',
    'creaking',
    'light bulb',
    'bulb',
    'bulbs',
    'outlet cover',
    'switch plate',
    'cover plate',
    'weather stripping',
    'weatherstripping',
    'door stop',
    'doorstop',
    'window screen',
    'torn screen',
    'screen is torn',
    'cosmetic',
    'wallpaper',
    'shelf',
    'hook',
    'cabinet door',
    'stain on the wall',
    'carpet stain',
    'doorknob',
    'door knob',
    'toilet seat',
    'vent cover',
    'grille',
    'clock',
    'timer',
    'fridge light',
    'oven light',
    'light inside',
    'peephole',
    'cover',
    'marks',
    'scratched',
    'stopper',
    'sink stopper',
    'drain stopper',
    'drain plug',
    'aerator',
    'coat hook',
    'medicine cabinet',
  ],
  es: [
    'pintura',
    'pintar',
    'pelando',
    'despintado',
    'rayado',
    'rayon',
    'persiana',
    'persianas',
    'toallero',
    'cortinero',
    'rechina',
    'rechinan',
    'chirria',
    'foco',
    'focos',
    'fundido',
    'bombilla',
    'mosquitero',
    'sellador',
    'silicon',
    'silicona',
    'boquilla',
    'repisa',
    'manija',
    'perilla',
    '=la =tapa',
    'tapadera',
    'tapon del lavabo',
    'reloj',
    'gancho',
    'mirilla',
    '=marcas',
    'rejilla',
    'cosmetico',
    'asiento del inodoro',
    'luz del refri',
  ],
});
/** Small hardware that comes off in the hand: a handle, a knob, a pull. */
const HARDWARE = vocabulary({
  en: ['handle', 'handles', 'knob', 'knobs', 'drawer pull', 'cabinet pull', '=pulls'],
  es: ['manija', 'manijas', 'perilla', 'perillas', 'jaladera', 'jaladeras', 'tirador', 'tiradores', 'agarradera'],
});
const CAME_OFF = vocabulary({
  en: [
    'loose',
    'fell off',
    'came off',
    'broke',
    'broken',
    'wobbly',
    'wobbles',
    'missing',
    'snapped',
    'cracked',
    'keeps falling off',
  ],
  es: ['se cayo', 'suelta', 'suelto', 'floja', 'flojo', 'rota', 'roto', 'se zafo', 'se rompio', 'falta'],
});
/** Handles that work something: the toilet's flushes it, the faucet's turns the water. */
const WORKING_HANDLES = vocabulary({
  en: ['toilet', 'faucet', 'shower', 'tap', 'flush', 'valve', 'window', 'front door', 'entry door'],
  es: ['inodoro', 'escusado', 'llave', 'regadera', 'ducha', 'ventana', 'puerta principal'],
});
/** Trim along a wall; the baseboard heater is not one. */
const TRIM = vocabulary({
  en: ['baseboard', 'baseboards', '=molding', '=moldings', '=moulding', 'trim', 'quarter round', 'door trim', 'casing'],
  es: ['zoclo', 'zoclos', 'rodapie', 'rodapies', 'moldura', 'molduras'],
});
const HEATING = vocabulary({
  en: ['heater', 'heaters', 'heat', 'heating'],
  es: ['calefaccion', 'calentador', 'calefactor'],
});
/** A window or door that will not open, close all the way, or sticks: medium by the guide. */
const OPENINGS = vocabulary({
  en: [
    'window',
    'windows',
    'door',
    'doors',
    'sliding door',
    'patio door',
    'screen door',
    'closet door',
    'cabinet',
    'drawer',
  ],
  es: ['ventana', 'ventanas', 'puerta', 'puertas', 'cajon', 'gabinete'],
});
const WONT_MOVE = vocabulary({
  en: [
    'will not open',
    'does not open',
    'can not open',
    'hard to open',
    'hard to close',
    'painted shut',
    'stuck shut',
    'stuck open',
    'sticks',
    'sticking',
    'stuck',
    'jammed',
    'will not close all the way',
    'does not close all the way',
    'not close all the way',
    'will not shut all the way',
    'does not close right',
    'does not close properly',
    'gap',
    'draft',
    'drafty',
    'cold air coming in',
    'air coming in',
  ],
  es: [
    'no abre',
    'no se abre',
    'no se puede abrir',
    'no puedo abrir',
    'cuesta abrir',
    'cuesta cerrar',
    'atascada',
    'atascado',
    'atorada',
    'atorado',
    'trabada',
    'trabado',
    'no cierra bien',
    'no cierra completa',
    'no cierra del todo',
    'entra aire',
    'entra el frio',
    'dificil de abrir',
    'dificil',
  ],
});
/** A light that belongs to an appliance: "the light in the oven", "el light del fridge". */
const LAMP = vocabulary({
  en: ['light', 'lights', 'bulb', 'light bulb', 'lamp'],
  es: ['luz', 'foco', 'focos', 'bombilla', 'bombillo'],
});
const LIT_APPLIANCES = vocabulary({
  en: [
    'oven',
    'fridge',
    'refrigerator',
    'freezer',
    'microwave',
    'range hood',
    'stove hood',
    'hood',
    'dryer',
    'washer',
    'dishwasher',
  ],
  es: ['horno', '=refri', 'refrigerador', 'nevera', 'congelador', 'microondas', 'campana', 'secadora', 'lavadora'],
});
/** A new bulb did not help: the switch or the fixture is at fault, not the bulb. */
const NEW_BULB = vocabulary({
  en: [
    'new bulb',
    'new bulbs',
    'bulbs are new',
    'bulb is new',
    'changed the bulb',
    'changed the bulbs',
    'replaced the bulb',
    'replaced the bulbs',
    'tried another bulb',
  ],
  es: ['cambie el foco', 'cambie los focos', 'foco nuevo', 'focos nuevos', 'ya cambie'],
});
const APPLIANCES = vocabulary({
  en: [
    'range hood',
    'hood',
    'stove',
    'burner',
    'oven',
    'dishwasher',
    'washer',
    'dryer',
    'microwave',
    'garbage disposal',
    'disposal',
  ],
  es: ['campana', 'estufa', 'hornilla', 'quemador', 'horno', 'lavaplatos', 'lavadora', 'secadora', 'microondas'],
});
const DEAD = vocabulary({
  en: [
    'dead',
    'not working',
    'stopped working',
    'will not turn on',
    'does not turn on',
    'will not start',
    'broken',
    'not light',
    'will not light',
  ],
  es: ['no prende', 'no enciende', 'no funciona', 'no sirve', 'se descompuso', 'no calienta'],
});
/** A part of an appliance whose failure is minor: its light, its clock. */
const APPLIANCE_TRIM = vocabulary({
  en: ['light', 'lights', 'bulb', 'clock', 'timer', 'display'],
  es: ['luz', 'foco', 'reloj', 'pantalla'],
});
/** The building's stairs (a hallway may be the unit's own, where a bulb out is low). */
const STAIRS = vocabulary({
  en: ['stairwell', 'stairway', 'stairs', 'staircase', 'stair'],
  es: ['escalera', 'escaleras', 'escalones'],
});
const LAMP_OUT = vocabulary({
  en: ['=out', 'dead', 'burnt out', 'burned out', 'not working', 'went out'],
  es: ['fundido', 'fundida', 'no prende', 'no sirve', 'se fundio'],
});
const ANYONE_CAN_ENTER = vocabulary({
  en: [
    'anyone can walk in',
    'anyone can get in',
    'anyone can come in',
    'anyone can drive',
    'anybody can walk in',
    'anybody can get in',
    'hanging open',
  ],
  es: ['cualquiera puede entrar', 'cualquiera se puede meter', 'cualquiera se mete'],
});
const LIGHT_ELSEWHERE = vocabulary({
  en: ['over', 'above', 'next to', 'behind', 'near', 'by the'],
  es: ['arriba', 'encima', 'junto', 'sobre', 'cerca'],
});
/** Neighbours or the street can see in. */
const NO_PRIVACY = vocabulary({
  en: [
    'can see in',
    'can see right in',
    'see right in',
    'see inside',
    'see into',
    'no privacy',
    'looking in',
    'can see everything',
  ],
  es: ['pueden ver', 'se ve todo', 'ven todo', 'ven para adentro', 'sin privacidad', 'no hay privacidad'],
});
/** Only cold water comes out: no hot water in other words. */
const ONLY = vocabulary({
  en: ['only', 'just', 'nothing but', 'always'],
  es: ['solo', 'nomas', 'puro', 'pura', 'unicamente', 'nada mas'],
});
const COLD_WATER = vocabulary({
  en: [
    'cold water',
    '=cold =only',
    'ice cold',
    'freezing water',
    'freezing cold',
    'only cold',
    'comes out cold',
    'runs cold',
  ],
  es: ['agua fria', 'fria', 'frio', 'agua helada', 'helada'],
});
const OFF_TRACK = vocabulary({
  en: ['off its track', 'off track', 'off the track', 'off the tracks'],
  es: ['se salio del riel', 'se sale del riel', 'fuera del riel'],
});
const SMALL_DOORS = vocabulary({
  en: ['closet', 'drawer', 'drawers', 'cabinet', 'cabinets', 'shower door', 'pantry'],
  es: ['closet', 'cajon', 'cajones', 'gabinete', 'alacena', 'armario'],
});
const UPKEEP = vocabulary({
  en: [
    'full of leaves',
    'clogged with leaves',
    'debris',
    'clean',
    'cleaning',
    'sweep',
    'dust',
    'dusty',
    'cobwebs',
    'spider webs',
    'webs',
    'moss',
    'filter',
  ],
  es: ['hojas', 'ojas', 'limpiar', 'limpieza', 'barrer', 'polvo', 'telarana', 'telaranas', 'musgo', 'filtro'],
});
const GUTTERS = vocabulary({ en: ['gutter', 'gutters', 'downspout'], es: ['canaleta', 'canaletas', 'canalon'] });
const LEAVES = vocabulary({
  en: ['leaves', 'debris', 'sticks', 'clogged'],
  es: ['hojas', 'ojas', 'basura', 'tapadas', 'tapada'],
});
const HOW_TO = vocabulary({
  en: ['show me how', 'how do i', 'how to use', 'how does', 'how it works', 'figure out how', 'explain', 'how to set'],
  es: ['como funciona', 'como se usa', 'me pueden explicar', 'como se pone', 'como usar'],
});
const FAN = vocabulary({
  en: ['fan', 'fans', 'exhaust fan', 'bathroom fan'],
  es: ['ventilador', 'extractor', 'abanico'],
});
const NOISE = vocabulary({
  en: [
    'loud',
    'noisy',
    'noise',
    'rattle',
    'rattles',
    'rattling',
    'humming',
    'squeaks',
    'squeaking',
    'wobbles',
    'wobbly',
    'wobble',
  ],
  es: ['ruido', 'ruidoso', 'ruidosa', 'suena', 'tiembla'],
});
const TOILET = vocabulary({ en: ['toilet'], es: ['inodoro', 'escusado', 'excusado', 'taza'] });
const RUNNING = vocabulary({
  en: [
    'running',
    'runs',
    'run',
    'keeps running',
    'will not stop running',
    'constantly running',
    'refilling',
    'hissing',
  ],
  es: ['corre', 'corriendo', 'sigue corriendo', 'no deja de correr', 'se sigue llenando'],
});
const DRAIN = vocabulary({
  en: ['drain', 'drains', 'sink', 'tub', 'bathtub', 'shower', 'toilet'],
  es: ['desague', 'drenaje', 'coladera', 'lavabo', 'fregadero', 'tina', 'regadera', 'ducha', 'inodoro', 'lavamanos'],
});
const SLOW = vocabulary({
  en: [
    'slow',
    'slowly',
    'draining slow',
    'drains slow',
    'drains slowly',
    'slow draining',
    'takes forever',
    'takes a long time',
    'takes ages',
    'sits there',
  ],
  es: [
    'lento',
    'lenta',
    'despacio',
    'tarda en bajar',
    'tarda mucho',
    'tarda mucho en bajar',
    'se tarda',
    'baja lento',
    'se tapa',
  ],
});
/** A yard or garden gate: not the building's door. */
const GATES = vocabulary({ en: ['gate', 'gates', 'fence'], es: ['reja', 'porton', 'cerca'] });
const DOOR_CLOSER = vocabulary({
  en: [
    'closer',
    'close on its own',
    'close by itself',
    'closes on its own',
    'propped open',
    'latch on its own',
    'leaving it open',
  ],
  es: ['no cierra sola', 'se queda abierta', 'cierrapuertas'],
});
const PESTS = vocabulary({
  en: [
    'roach',
    'roaches',
    'cockroach',
    'cockroaches',
    '=ant',
    '=ants',
    'spider',
    'spiders',
    'flies',
    '=fly',
    '=flys',
    'fruit fly',
    'fruit flies',
    'fruit flys',
    'drain flies',
    'drain fly',
    'mosquito',
    'mosquitos',
    'mosquitoes',
    'gnats',
    'gnat',
    'silverfish',
    'moths',
    'termite',
    'termites',
    'squirrel',
    'squirrels',
    'raccoon',
    'pigeons',
    'ladybugs',
    'bugs',
    'insects',
    'pests',
  ],
  es: [
    'cucaracha',
    'cucarachas',
    'hormiga',
    'hormigas',
    'arana',
    'aranas',
    'aranita',
    'moscas',
    'polillas',
    'termita',
    'termitas',
    'ardilla',
    'ardillas',
    'palomas',
    'mapache',
    'bichos',
    'insectos',
    'plaga',
    'mosca',
    'mosquita',
    'mosquitas',
    'mosquito',
    'mosquitos',
    'moscos',
    'zancudo',
    'zancudos',
    'jejenes',
  ],
});

const PROBLEMS: ProblemRule[] = [
  { label: 'dripping faucet', priority: 'low', cues: [FAUCET, DRIP], within: 8, unless: UNDER, unlessWithin: 4 },
  { label: 'faucet that will not shut off', priority: 'medium', cues: [FAUCET, WONT_SHUT], within: 10 },
  { label: 'leaking faucet', priority: 'medium', cues: [FAUCET, FAUCET_LEAK], within: 4, unless: UNDER },
  { label: 'cosmetic or minor fix', priority: 'low', cues: [COSMETIC], unless: NEW_BULB, unlessWithin: 12 },
  {
    label: 'loose or broken small hardware',
    priority: 'low',
    cues: [HARDWARE, CAME_OFF],
    unless: WORKING_HANDLES,
    within: 4,
  },
  { label: 'loose trim', priority: 'low', cues: [TRIM], unless: HEATING, within: 2 },
  {
    label: 'appliance not working',
    priority: 'medium',
    trade: 'appliance',
    cues: [APPLIANCES, DEAD],
    within: 3,
    unless: APPLIANCE_TRIM,
    unlessWithin: 2,
  },
  { label: 'mould', priority: 'medium', trade: 'general', cues: [MOLD] },
  {
    label: 'a light out on the stairs',
    priority: 'medium',
    trade: 'electrical',
    firm: true,
    cues: [STAIRS, LAMP, LAMP_OUT],
    within: 8,
  },
  { label: 'building open to anyone', priority: 'high', cues: [ANYONE_CAN_ENTER] },
  {
    label: 'light inside an appliance',
    priority: 'low',
    trade: 'appliance',
    cues: [LAMP, LIT_APPLIANCES],
    unless: LIGHT_ELSEWHERE,
    within: 3,
  },
  {
    label: 'window or door that sticks or will not open or close',
    priority: 'medium',
    cues: [OPENINGS, WONT_MOVE],
    within: 8,
  },
  { label: 'no privacy', priority: 'medium', cues: [NO_PRIVACY] },
  { label: 'small door or drawer off its track', priority: 'low', cues: [SMALL_DOORS, OFF_TRACK], within: 6 },
  { label: 'cleaning or upkeep', priority: 'low', cues: [UPKEEP] },
  { label: 'cleaning or upkeep', priority: 'low', cues: [GUTTERS, LEAVES], within: 5 },
  { label: 'a question on how something works', priority: 'low', cues: [HOW_TO] },
  { label: 'noisy fan', priority: 'low', cues: [FAN, NOISE], within: 6 },
  { label: 'running toilet', priority: 'medium', cues: [TOILET, RUNNING], within: 5 },
  { label: 'slow drain', priority: 'medium', cues: [DRAIN, SLOW], within: 6 },
  { label: 'pests', priority: 'medium', cues: [PESTS], unless: UPKEEP, within: 4 },
  {
    label: 'water leaking from above',
    priority: 'high',
    cues: [ABOVE, LEAKING],
    within: 6,
    water: true,
    unless: STAIN,
  },
  { label: 'stain that keeps growing', priority: 'high', cues: [STAIN, GROWING_STAIN], within: 10, water: true },
  { label: 'no hot water (only cold)', priority: 'high', trade: 'plumbing', cues: [ONLY, COLD_WATER], within: 3 },
  { label: 'water leak', priority: 'high', cues: [LEAK], water: true, unless: FAUCET, within: 8 },
  { label: 'overflowing fixture', priority: 'high', cues: [OVERFLOW], water: true },
  { label: 'stained ceiling', priority: 'high', cues: [STAIN, CEILING], within: 5 },
  {
    label: 'building door that does not close on its own',
    priority: 'high',
    cues: [DOOR_CLOSER],
    unless: GATES,
    within: 8,
  },
];

/** What is wrong with a thing, in general words; a text that names a thing but none of these is vague. */
export const SYMPTOMS = vocabulary({
  en: [
    'broken',
    'broke',
    'break',
    'breaking',
    'not working',
    'stopped working',
    'not work',
    'clogged',
    'clog',
    'leak',
    'leaking',
    'leaks',
    'drip',
    'dripping',
    'stuck',
    'jammed',
    'jam',
    'loose',
    'cracked',
    'crack',
    'noise',
    'noises',
    'noisy',
    'loud',
    'smell',
    'smells',
    'running',
    'runs',
    'slow',
    'slowly',
    'backed up',
    'backing up',
    'overflowing',
    'off track',
    'hanging',
    'fell',
    'came off',
    'missing',
    'tripping',
    'trips',
    'tripped',
    'flickering',
    'flicker',
    'out',
    'dead',
    'cold',
    'warm',
    'hot',
    'stopped',
    'sticks',
    'sticking',
    'squeak',
    'squeaks',
    'rattle',
    'rattles',
    'peeling',
    'hole',
    'damaged',
    'torn',
    'ripped',
    'bent',
    'will not',
    'can not',
    'does not',
    'do not',
    'no',
    'not',
    'keeps',
    'buzzing',
    'banging',
    'humming',
    'clicking',
    'wet',
    'damp',
    'stain',
    'stained',
    'blank',
    'error',
    'weak',
    'frozen',
    'froze',
    'blocked',
    'won',
    'falling',
    'fallen',
    'shaking',
    'sparks',
    'spark',
    'burnt',
    'bugs',
    'infestation',
    'nest',
    'droppings',
    'sagging',
    'stopped up',
    'mold',
    'rust',
    'rusted',
    'rusty',
    'faulty',
    'busted',
    'grinding',
    'vibrating',
  ],
  es: [
    'roto',
    'rota',
    'rotos',
    'no funciona',
    'no sirve',
    'tapado',
    'tapada',
    'tapo',
    'gotea',
    'goteando',
    'fuga',
    'atascado',
    'atorado',
    'suelto',
    'suelta',
    'flojo',
    'floja',
    'ruido',
    'huele',
    'olor',
    'lento',
    'lenta',
    'despacio',
    'desborda',
    'cayo',
    'falta',
    'se salio',
    'no',
    'parpadea',
    'rechina',
    'pelando',
    'hoyo',
    'agujero',
    'danado',
    'danada',
    'descompuesto',
    'descompuesta',
    'se rompio',
    'quemado',
    'mancha',
    'moho',
    'frio',
    'fria',
    'caliente',
    'oxidado',
    'sin',
    'mojado',
    'mojada',
    'chispas',
    'humo',
    'atrancado',
    'trabado',
    'trabada',
  ],
});

export function findProblems(words: readonly Word[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of PROBLEMS) {
    const [first, ...others] = rule.cues.map((v) => findAll(words, v, { negated: false }));
    const hit = (first ?? []).find(
      (m) =>
        others.every((o) => near(words, [m], o, rule.within ?? 0).length > 0) &&
        !(
          rule.unless && near(words, [m], findAll(words, rule.unless), rule.unlessWithin ?? rule.within ?? 4).length > 0
        ),
    );
    if (hit)
      findings.push({
        kind: 'problem',
        label: rule.label,
        priority: rule.priority,
        safety: false,
        trade: rule.trade ?? null,
        at: hit.start,
        ...(rule.water ? { water: true } : {}),
        ...(rule.firm ? { firm: true } : {}),
      });
  }
  const lockedOut = findAll(words, LOCKED_OUT, { negated: false })[0];
  if (lockedOut && !has(words, MINOR_PLACES) && !has(words, VISITORS))
    findings.push({
      kind: 'outage',
      label: 'locked out',
      priority: 'high',
      safety: false,
      trade: 'locksmith',
      at: lockedOut.start,
    });
  else if (has(words, MINOR_PLACES) && findings.length === 0)
    findings.push({
      kind: 'problem',
      label: 'a spare key or a small lock',
      priority: 'low',
      safety: false,
      trade: null,
      at: 0,
    });
  return findings.map((f) => placed(words, f));
}

/**
 * Where water comes from decides its trade and weight: rain or the roof is the roofer's; an appliance or an air
 * conditioner that leaks while it runs, or water that stays outdoors (a gutter, a puddle on the roof), is a medium
 * job unless it spreads or comes through a ceiling; a stain that has not changed is low.
 */
function spreadsInside(words: readonly Word[]): boolean {
  return findModifiers(words).spreading.length > 0;
}

function placed(words: readonly Word[], f: Finding): Finding {
  const sentence = words.filter((w) => w.sentence === words[f.at]!.sentence);
  if (f.label === 'stained ceiling') {
    const trade = has(words, WEATHER) ? 'roofing' : 'plumbing';
    return { ...f, trade, alsoTrade: 'general', ...(has(sentence, OLD) ? { priority: 'low' as const } : {}) };
  }
  if (!f.water) return f;
  const fromAbove = f.label === 'water leaking from above';
  const contained =
    !spreadsInside(words) &&
    !fromAbove &&
    (has(sentence, CONTAINABLE) || (has(sentence, OUTDOORS) && !has(sentence, GETS_INSIDE, { negated: false })));
  const trade = has(words, WEATHER) ? 'roofing' : f.trade;
  if (contained) return { ...f, trade, priority: 'medium', label: `${f.label} that stays contained or outdoors` };
  if (has(sentence, CONTAINABLE)) return { ...f, trade };
  if (fromAbove && trade !== 'roofing') return { ...f, trade: 'plumbing', alsoTrade: 'roofing' };
  return { ...f, trade };
}
