import type { Skill } from '../priority';
import { findTagged, vocabulary, type Match, type Vocabulary } from './match';
import type { Word } from './words';

/**
 * The things tenants name, by the trade that fixes them: equipment and fixtures (strong evidence) and words that
 * several trades share or that only say where (weak). Longer names win over the words inside them: "water heater"
 * is plumbing, not water; "smoke detector" is electrical, not smoke; "toilet paper holder" is a handyman's.
 */
export const STRONG = 2;
export const WEAK = 1;

interface ThingGroup {
  trade: Skill | null;
  strength: number;
  names: Vocabulary;
}

/** A thing named in the text, with the trade it points to. */
export interface Mention extends Match {
  trade: Skill | null;
  strength: number;
  /** For a word with several meanings, the one the words around it chose, or that no word chose. */
  sense?: { label: string; fromContext: boolean };
}

const GROUPS: ThingGroup[] = [
  {
    trade: 'plumbing', strength: STRONG,
    names: vocabulary({
      en: ['toilet', 'commode', 'faucet', '=tap', '=taps', 'sink', 'pipe', 'plumbing', 'plumber', 'shower', 'tub', 'bathtub', 'water heater', 'hot water heater', 'hot water tank', 'hot water', 'sewer', 'sewage', 'clog', 'clogged', 'unclog', 'plunger', 'p trap', 'shutoff valve', 'shut off valve', 'valve', 'water pressure', 'running water', 'spigot', 'hose bib', 'water main', 'water line', 'bidet', 'urinal', 'gas line', 'gas pipe', 'gas meter', 'backed up', 'backing up', 'back up', 'stopped up', 'overflowing', 'overflow', 'overflowed'],
      es: ['inodoro', 'escusado', 'excusado', 'retrete', 'sanitario', 'poceta', '=wc', 'lavabo', 'lavamanos', 'fregadero', 'tarja', 'grifo', 'canilla', 'tuberia', 'tubo', 'tubos', 'caneria', 'desague', 'drenaje', 'coladera', 'ducha', 'regadera', 'tina', 'tinas', 'banera', 'calentador de agua', 'boiler de agua', 'agua caliente', 'tapado', 'tapada', 'tapo', 'atascado', 'atascada', 'atorado', 'atorada', 'destapar', 'plomero', 'plomeria', 'aguas negras', 'desborda', 'desbordando', 'desbordo', 'rebalsa', 'linea de gas', 'tuberia de gas'],
    }),
  },
  {
    trade: 'plumbing', strength: WEAK,
    names: vocabulary({
      en: ['leak', 'leaks', 'leaky', 'leaking', 'drip', 'drippy', 'drain', 'water', 'flood', 'flooding', 'flooded', 'puddle', 'wet', 'soaked'],
      es: ['fuga', 'fugas', 'gotea', 'gotear', 'goteando', 'goteo', 'gotera', 'goteras', 'agua', 'inundado', 'inundada', 'inundacion', 'charco', 'mojado', 'mojada'],
    }),
  },
  {
    trade: 'electrical', strength: STRONG,
    names: vocabulary({
      en: ['outlet', 'socket', 'receptacle', 'breaker', 'breakers', 'circuit', 'fuse', 'fuse box', 'breaker box', 'electrical panel', 'electric panel', 'wire', 'wiring', 'light switch', 'light fixture', 'ceiling light', 'light bulb', 'power', 'electricity', 'electrical', 'electrician', '=gfci', '=gfi', 'smoke detector', 'smoke detectors', 'smoke alarm', 'smoke alarms', 'fire alarm', 'co detector', 'co alarm', 'carbon monoxide detector', 'carbon monoxide alarm', 'carbon monoxide detectors', 'detector', 'doorbell', 'ceiling fan', 'exhaust fan', 'bathroom fan', 'vent fan', 'lights', 'buzzer', 'door buzzer', 'front door buzzer', 'intercom', 'entry buzzer'],
      es: ['enchufe', 'tomacorriente', 'interruptor', 'apagador', 'fusible', 'caja de fusibles', 'panel electrico', 'cable', 'cables', 'alambre', 'alambres', 'cableado', 'electricidad', 'electricista', 'corriente', 'lampara', 'foco', 'focos', 'bombilla', 'bombillo', 'detector de humo', 'alarma de humo', 'alarma de incendio', 'detector de monoxido', 'ventilador de techo', 'abanico de techo', 'timbre', 'luces', 'pastilla', 'pastillas', 'se bota la pastilla', 'interfon', 'interfono', 'portero electrico'],
    }),
  },
  {
    trade: 'electrical', strength: WEAK,
    names: vocabulary({ en: ['light', 'switch', 'fixture', 'panel', 'electric', '=plug', 'bulb', 'flicker', 'flickering'], es: ['luz', 'contacto', 'electrico', 'electrica', 'parpadea'] }),
  },
  {
    trade: 'hvac', strength: STRONG,
    names: vocabulary({
      en: ['heat', 'heating', 'furnace', 'boiler', 'radiator', 'radiators', 'baseboard heater', 'thermostat', '=ac', '=a c', '=acs', 'air conditioner', 'air conditioning', 'air conditioners', '=hvac', 'heat pump', 'mini split', 'central air', 'window unit', 'air handler'],
      es: ['calefaccion', 'calefactor', 'calenton', 'radiador', 'caldera', 'termostato', 'aire acondicionado', 'minisplit', 'bomba de calor', 'rejilla'],
    }),
  },
  {
    trade: 'hvac', strength: WEAK,
    names: vocabulary({ en: ['vent', 'vents', 'duct', 'ducts', 'air', 'cooling', 'warms up', 'warm up', 'warming up'], es: ['aire', 'ventilacion', 'ducto', 'ductos'] }),
  },
  {
    trade: 'appliance', strength: STRONG,
    names: vocabulary({
      en: ['fridge', 'refrigerator', 'freezer', 'ice maker', 'dishwasher', 'dish washer', 'stove', 'stovetop', 'cooktop', 'burner', 'burners', 'oven', 'microwave', 'washer', 'washing machine', 'dryer', 'garbage disposal', 'disposal', 'disposer', 'range hood', 'stove hood', 'appliance', 'ice machine', 'oven door', 'fridge door', 'refrigerator door', 'freezer door', 'dishwasher door', 'washer door', 'dryer door', 'microwave door', 'gas stove', 'gas range', 'gas oven', 'gas dryer', 'oven light', 'fridge light'],
      es: ['refrigerador', 'refrigeradora', '=refri', 'nevera', 'heladera', 'congelador', 'lavaplatos', 'lavavajillas', 'estufa', 'hornilla', 'hornillas', 'hornalla', 'quemador', 'horno', 'microondas', 'lavadora', 'secadora', 'triturador', 'trituradora', 'triturador de basura', 'maquina de hielo', 'electrodomestico', 'estufa de gas', 'puerta del horno', 'puerta del refrigerador', 'puerta de la nevera'],
    }),
  },
  { trade: 'appliance', strength: WEAK, names: vocabulary({ en: ['=range'], es: ['campana'] }) },
  {
    trade: 'general', strength: STRONG,
    names: vocabulary({
      en: ['cabinet door', 'closet door', 'blinds', 'window blinds', 'drywall', 'railing', 'handrail', 'hand rail', 'banister', 'bannister', 'guardrail', 'stair', 'stairs', 'staircase', 'stairway', 'stairwell', 'step', 'steps', 'hinge', 'doorknob', 'door knob', 'caulk', 'caulking', 'grout', 'towel bar', 'towel rack', 'toilet paper holder', 'shower rod', 'curtain rod', 'countertop', 'elevator', 'baseboard', 'fire escape', 'window guard', 'grab bar', 'peephole', 'deck', 'porch', 'trim', 'molding', 'fence', 'mailbox', 'weather stripping', 'weatherstripping', 'door frame', 'window screen', 'screen door', 'sliding door', 'patio door', 'drawer', 'shelf', 'shelves', 'paint', 'carpet', 'tile', 'tiles', 'glass', 'window pane', 'windowpane', 'floorboard', 'handyman', 'window', 'windows', 'door', 'doors', 'gate'],
      es: ['persiana', 'persianas', 'barandal', 'barandilla', 'pasamanos', 'baranda', 'escalera', 'escaleras', 'escalon', 'escalones', 'bisagra', 'bisagras', 'manija', 'perilla', 'picaporte', 'mosquitero', 'vidrio', 'cristal', 'pintura', 'elevador', 'ascensor', 'zoclo', 'mirilla', 'cajon', 'repisa', 'estante', 'alfombra', 'azulejo', 'azulejos', 'baldosa', 'loseta', 'puerta', 'puertas', 'ventana', 'ventanas', 'porton'],
    }),
  },
  {
    // Places and surfaces: they say where more than what.
    trade: 'general', strength: WEAK,
    names: vocabulary({ en: ['ceiling', 'wall', 'walls', 'floor', 'floors', 'balcony', 'closet', 'cabinet', 'cabinets', 'screen', 'mirror', 'mold', 'mould', 'mildew', 'moldy'], es: ['gabinete', 'gabinetes', 'alacena', 'closet', 'armario', 'pared', 'paredes', 'piso', 'pisos', 'suelo', 'balcon', 'espejo', 'moho', 'hongo', 'hongos'] }),
  },
  {
    trade: 'locksmith', strength: STRONG,
    names: vocabulary({
      en: ['lock', 'locks', 'deadbolt', 'dead bolt', 'key', 'keys', 'locked out', 'lockout', 'key fob', 'fob', 'rekey', 'keypad', 'lock box', 'locksmith', 'padlock', 'combo', 'combination', 'key card', 'keycard', 'mailbox key', 'spare key', 'extra key'],
      es: ['cerradura', 'cerraduras', 'cerrojo', 'chapa', 'chapas', 'candado', 'combinacion', 'me quede afuera', 'me quede fuera', 'nos quedamos afuera', 'cerrajero', 'llavin', 'pestillo', 'seguro de la puerta', 'el seguro de la puerta'],
    }),
  },
  {
    trade: 'pest', strength: STRONG,
    names: vocabulary({
      en: ['roach', 'roaches', 'cockroach', 'cockroaches', '=roachies', 'mouse', 'mice', '=rat', '=rats', 'rodent', 'rodents', 'bed bug', 'bed bugs', 'bedbug', 'bedbugs', '=ant', '=ants', 'termite', 'termites', 'wasp', 'wasps', 'hornet', 'hornets', 'yellow jacket', 'yellow jackets', 'bee', 'bees', 'beehive', 'hive', 'flea', 'fleas', 'fruit flies', 'gnats', 'pest', 'pests', 'exterminator', '=droppings', 'infestation', 'infested', 'squirrel', 'squirrels', 'raccoon', 'raccoons', 'possum', 'opossum', 'skunk', 'pigeons', '=bat', '=bats', 'silverfish', 'pest control', 'scorpion', 'spider', 'spiders', 'spider webs', 'cobwebs', 'ladybug', 'ladybugs', 'moths', 'flies', '=fly', '=flys', 'fruit flys', 'drain flies', 'drain fly', 'mosquito', 'mosquitos', 'mosquitoes', 'gnat', 'bugs', 'insects'],
      es: ['=cucas', 'cucaracha', 'cucarachas', 'raton', 'ratones', '=rata', '=ratas', 'roedor', 'roedores', 'chinche', 'chinches', 'hormiga', 'hormigas', 'termita', 'termitas', 'comejen', 'avispa', 'avispas', 'avispero', 'abeja', 'abejas', 'panal', 'pulga', 'pulgas', 'plaga', 'plagas', 'fumigar', 'fumigacion', 'fumiguen', 'exterminador', 'murcielago', 'ardilla', 'ardillas', 'palomas', 'alacran', 'alacranes', 'escorpion', 'arana', 'aranas', 'aranita', 'aranitas', 'telarana', 'telaranas', 'moscas', 'mosca', 'mosquita', 'mosquitas', 'mosquito', 'mosquitos', 'moscos', 'zancudo', 'zancudos', 'jejenes', 'polillas', 'mapache', 'zarigueya', 'insectos', 'bichos'],
    }),
  },
  {
    trade: 'roofing', strength: STRONG,
    names: vocabulary({ en: ['roof', 'rooftop', 'shingle', 'shingles', 'gutter', 'gutters', 'downspout', 'flashing', 'skylight', 'eaves', 'moss', 'roofer', 'roofing', 'chimney'], es: ['tejado', 'teja', 'tejas', 'azotea', '=rufo', '=rufa', '=rufe', 'canaleta', 'canaletas', 'canalon', 'bajante', 'tragaluz', 'musgo', 'chimenea'] }),
  },
];

/** A word with several meanings; the words around it choose, else the default. */
interface AmbiguousTerm {
  names: Vocabulary;
  senses: Array<{ label: string; trade: Skill | null; strength: number; context: Vocabulary }>;
  /** Index into senses. */
  fallback: number;
}

const CONTEXT_WINDOW = 6;

const AMBIGUOUS: AmbiguousTerm[] = [
  {
    // "llave del lavabo" is a faucet, "llave de la puerta" a key
    names: vocabulary({ es: ['llave'] }),
    senses: [
      { label: 'llave: a faucet', trade: 'plumbing', strength: STRONG, context: vocabulary({ es: ['lavabo', 'lavamanos', 'fregadero', 'tarja', 'bano', 'ducha', 'regadera', 'tina', 'agua', 'gotea', 'goteando', 'goteo', 'fuga', 'chorrea', 'caliente', 'fria', 'cocina', 'lavadero', 'manguera', 'abierta', 'tira', 'cerrar', 'paso', 'abajo', 'pluma'] }) },
      { label: 'llave: a key', trade: 'locksmith', strength: STRONG, context: vocabulary({ es: ['puerta', 'cerradura', 'chapa', 'perdi', 'perdio', 'perdimos', 'perder', 'olvide', 'afuera', 'fuera', 'entrar', 'copia', 'casa', 'apartamento', 'departamento', 'depa', 'buzon', 'candado', 'dentro', 'adentro'] }) },
    ],
    fallback: 1,
  },
  {
    // "heater": a water heater (plumbing) or the heating (hvac); "water heater" itself is a plumbing name
    names: vocabulary({ en: ['heater', 'heaters'] }),
    senses: [
      { label: 'heater: a water heater', trade: 'plumbing', strength: STRONG, context: vocabulary({ en: ['water', 'tank', 'gallon', 'shower', 'leak', 'leaking', 'puddle', 'closet', 'pilot'] }) },
      { label: 'heater: the heating', trade: 'hvac', strength: STRONG, context: vocabulary({ en: ['heat', 'warm', 'cold', 'room', 'bedroom', 'air', 'banging', 'space', 'baseboard', 'thermostat', 'radiator'] }) },
    ],
    fallback: 1,
  },
  {
    names: vocabulary({ es: ['calentador', 'boiler'] }),
    senses: [
      { label: 'calentador: a water heater', trade: 'plumbing', strength: STRONG, context: vocabulary({ es: ['agua', 'caliente', 'ducha', 'regadera', 'banar', 'gotea', 'fuga', 'tanque', 'piloto'] }) },
      { label: 'calentador: the heating', trade: 'hvac', strength: STRONG, context: vocabulary({ es: ['calefaccion', 'frio', 'cuarto', 'recamara', 'sala', 'aire', 'calienta', 'electrico'] }) },
    ],
    fallback: 0,
  },
  {
    names: vocabulary({ es: ['techo', 'techos'] }),
    senses: [
      { label: 'techo: the roof', trade: 'roofing', strength: STRONG, context: vocabulary({ es: ['lluvia', 'llueve', 'llover', 'lloviendo', 'llovio', 'tormenta', 'tejas', 'azotea', 'edificio', 'afuera', 'musgo', 'porche', 'viento', 'canaleta'] }) },
      { label: 'techo: a ceiling', trade: 'general', strength: WEAK, context: vocabulary({ es: ['cuarto', 'recamara', 'sala', 'cocina', 'bano', 'habitacion', 'vecino', 'arriba'] }) },
    ],
    fallback: 1,
  },
  {
    // "el baño está tapado": the toilet; "la luz del baño": a room
    names: vocabulary({ es: ['bano', 'banos'] }),
    senses: [
      { label: 'baño: the toilet', trade: 'plumbing', strength: STRONG, context: vocabulary({ es: ['tapado', 'tapada', 'tapo', 'desborda', 'desbordando', 'baja', 'jala', 'atascado', 'atorado', 'descarga', 'tanque'] }) },
      { label: 'baño: the bathroom', trade: null, strength: 0, context: vocabulary({}) },
    ],
    fallback: 1,
  },
  {
    names: vocabulary({ en: ['fan', 'fans'], es: ['ventilador', 'abanico'] }),
    senses: [
      { label: 'fan: of the heating or cooling', trade: 'hvac', strength: STRONG, context: vocabulary({ en: ['=ac', 'furnace', 'condenser', 'blower', 'heater', 'unit', 'air'], es: ['aire', 'clima', 'calefaccion'] }) },
      { label: 'fan: a ceiling or exhaust fan', trade: 'electrical', strength: STRONG, context: vocabulary({ en: ['ceiling', 'bathroom', 'exhaust', 'vent', 'bedroom', 'living'], es: ['techo', 'bano', 'cuarto', 'sala', 'recamara'] }) },
    ],
    fallback: 1,
  },
  {
    // Mexican Spanish "el clima" is the air conditioner; otherwise it is the weather
    names: vocabulary({ es: ['clima'] }),
    senses: [
      { label: 'clima: the air conditioner', trade: 'hvac', strength: STRONG, context: vocabulary({ es: ['enfria', 'funciona', 'sirve', 'prende', 'gotea', 'control', 'calor', 'ruido'] }) },
      { label: 'clima: the weather', trade: null, strength: 0, context: vocabulary({}) },
    ],
    fallback: 1,
  },
];

type Tag = { group: ThingGroup } | { term: AmbiguousTerm };

const ENTRIES: ReadonlyArray<{ vocabulary: Vocabulary; tag: Tag }> = [
  ...GROUPS.map((group) => ({ vocabulary: group.names, tag: { group } })),
  ...AMBIGUOUS.map((term) => ({ vocabulary: term.names, tag: { term } })),
];

export function findMentions(words: readonly Word[]): Mention[] {
  return findTagged(words, ENTRIES).map(({ tag, ...match }) => {
    if ('group' in tag) return { ...match, trade: tag.group.trade, strength: tag.group.strength };
    const { sense, fromContext } = senseOf(words, match, tag.term);
    return { ...match, trade: sense.trade, strength: sense.strength, sense: { label: sense.label, fromContext } };
  });
}

function senseOf(words: readonly Word[], at: Match, term: AmbiguousTerm) {
  const sentence = words[at.start]!.sentence;
  const around = words.filter((w, i) => w.sentence === sentence && i !== at.start && Math.abs(i - at.start) <= CONTEXT_WINDOW);
  const scores = term.senses.map((s) => findTagged(around, [{ vocabulary: s.context, tag: null }]).length);
  const best = Math.max(...scores);
  if (best === 0 || scores.filter((s) => s === best).length > 1) return { sense: term.senses[term.fallback]!, fromContext: false };
  return { sense: term.senses[scores.indexOf(best)]!, fromContext: true };
}

/**
 * Evidence per trade, strongest first. On a tie the trade whose own equipment is named first leads (the subject of
 * the text: "the breaker trips when I run the microwave"), then the order of SKILL_ORDER.
 */
export function tradeScores(mentions: readonly Mention[]): Array<{ trade: Skill; score: number; cues: string[]; strong: boolean }> {
  const byTrade = new Map<Skill, { score: number; cues: string[]; firstStrong: number }>();
  for (const m of mentions) {
    if (!m.trade || m.strength === 0) continue;
    const entry = byTrade.get(m.trade) ?? { score: 0, cues: [], firstStrong: Infinity };
    entry.score += m.strength;
    if (m.strength >= STRONG) entry.firstStrong = Math.min(entry.firstStrong, m.start);
    if (!entry.cues.includes(m.cue)) entry.cues.push(m.cue);
    byTrade.set(m.trade, entry);
  }
  return [...byTrade.entries()]
    .sort(([ta, a], [tb, b]) => b.score - a.score || a.firstStrong - b.firstStrong || SKILL_ORDER.indexOf(ta) - SKILL_ORDER.indexOf(tb))
    .map(([trade, e]) => ({ trade, score: e.score, cues: e.cues, strong: e.firstStrong < Infinity }));
}

/** On equal evidence the more specific trade leads: an appliance over the water it leaks, a roof over its leak. */
export const SKILL_ORDER: readonly Skill[] = ['appliance', 'roofing', 'pest', 'locksmith', 'hvac', 'electrical', 'plumbing', 'general'];

/** The trade of the thing named nearest to a word, preferring the same sentence and strong names. */
export function tradeNear(words: readonly Word[], mentions: readonly Mention[], at: number, among?: readonly Skill[]): Skill | null {
  const sentence = words[at]?.sentence;
  let best: { trade: Skill; cost: number } | null = null;
  for (const m of mentions) {
    if (!m.trade || m.strength === 0 || (among && !among.includes(m.trade))) continue;
    const distance = m.start > at ? m.start - at : Math.max(0, at - m.end + 1);
    const cost = distance + (words[m.start]!.sentence === sentence ? 0 : 20) + (m.strength === STRONG ? 0 : 8);
    if (!best || cost < best.cost) best = { trade: m.trade, cost };
  }
  return best?.trade ?? null;
}
