import type { Priority } from '../priority';
import { rank, shift, type Finding } from './finding';
import { findAll, has, near, vocabulary, type Match, type Vocabulary } from './match';
import type { Outage } from './outages';
import { SERVICES } from './outages';
import type { Word } from './words';
import { WEATHER } from './hazards';

/**
 * How bad an ordinary problem is (a dripping faucet is low, water through the ceiling high), and the guide's
 * modifiers: vulnerable people and spreading water raise, a repeat raises up to high, minor words lower but never a
 * hazard below high (docs/triage-labels.md).
 */
interface ProblemRule {
  label: string;
  priority: Priority;
  cues: Vocabulary[];
  within?: number;
  unless?: Vocabulary;
  water?: boolean;
}

const FAUCET = vocabulary({ en: ['faucet', 'faucets', '=tap', '=taps', 'shower head', 'showerhead', 'spout', 'spigot', 'shower'], es: ['grifo', 'llave', 'canilla', 'regadera', 'mezcladora', 'ducha'] });
const DRIP = vocabulary({ en: ['drip', 'drips', 'dripping', 'dripped', 'drippy'], es: ['gotea', 'gotear', 'goteando', 'goteo', 'tira agua'] });
const FAUCET_LEAK = vocabulary({ en: ['leak', 'leaks', 'leaking', 'leaky'], es: ['fuga', 'se sale el agua'] });
const WONT_SHUT = vocabulary({ en: ['will not shut off', 'will not turn off', 'can not turn off', 'will not stop', 'stream', 'steady stream', 'constantly running', 'running constantly'], es: ['no para de gotear', 'no se cierra', 'no cierra', 'chorrito', 'no deja de gotear'] });
const UNDER = vocabulary({ en: ['under', 'underneath', 'below', 'cabinet', 'floor', 'base of the toilet', 'pipe', 'pipes', 'wall', 'ceiling'], es: ['debajo', 'abajo', 'gabinete', 'mueble', 'piso', 'tubo', 'pared', 'techo'] });
const ABOVE = vocabulary({ en: ['ceiling', 'roof', 'upstairs', 'unit above', 'apartment above', 'from above', 'neighbor above', 'light fixture', 'skylight'], es: ['techo', 'arriba', 'vecino de arriba', 'plafon', 'tragaluz'] });
const LEAKING = vocabulary({ en: ['leak', 'leaks', 'leaking', 'leaky', 'drip', 'drips', 'dripping', 'dripped', 'water coming', 'coming through', 'water', 'wet'], es: ['gotera', 'goteras', 'gotea', 'goteando', 'fuga', 'agua', 'filtra', 'filtrando', 'filtracion', 'mojado', 'mojada'] });
const LEAK = vocabulary({
  en: ['leak', 'leaks', 'leaking', 'leaky', 'leaked', 'drip', 'drips', 'dripping', 'dripped', 'water coming out', 'water on the floor', 'puddle', 'puddles', 'seeping', 'wet spot', 'wet patch', 'floor is wet', '=is =wet', '=are =wet', 'got wet', 'soaked', 'water coming in', 'coming in', 'water everywhere', 'getting wet'],
  es: ['fuga', 'fugas', 'gotea', 'goteando', 'gotera', 'charco', 'sale agua', 'se sale el agua', 'tira agua', 'filtra', 'filtracion', 'empapado', 'empapada', 'entra agua', 'entrando agua', 'cae agua', 'cayendo agua', 'mucha agua', 'agua por todas partes', 'se moja', 'esta mojado', 'esta mojada'],
});
const OVERFLOW = vocabulary({ en: ['overflowing', 'overflowed', 'overflow', 'overflows', 'spilling over'], es: ['desborda', 'desbordando', 'desbordo', 'rebalsa', 'rebalso', 'se derrama', 'derramando'] });
const STAIN = vocabulary({ en: ['stain', 'stains', 'stained', 'water stain', 'water spot', 'water spots', 'brown spot', 'discolored', 'discoloration', 'water damage'], es: ['mancha', 'manchas', 'manchado', 'manchada', 'humedad'] });
const CEILING = vocabulary({ en: ['ceiling', 'ceilings'], es: ['techo', 'plafon'] });
const OLD = vocabulary({ en: ['old stain', 'been there', 'has not changed', 'not changed', 'for years', 'same size'], es: ['de hace', 'siempre ha estado', 'no ha cambiado'] });
const LOCKED_OUT = vocabulary({
  en: ['locked out', 'locked myself out', 'lost my keys', 'lost my key', 'lockout', 'can not get in', 'can not get into', 'stuck outside', 'lost the keys', 'key broke in the lock', 'key broke off'],
  es: ['me quede afuera', 'me quede fuera', 'nos quedamos afuera', 'perdi las llaves', 'perdi la llave', 'perdi mis llaves', 'no puedo entrar', 'no podemos entrar', 'se rompio la llave'],
});
const MINOR_PLACES = vocabulary({ en: ['mailbox', 'extra key', 'spare key', 'copy of the key', 'key made', 'key copy'], es: ['buzon', 'copia de la llave', 'copy de la key', 'otra llave'] });
const COSMETIC = vocabulary({
  en: ['paint', 'painting', 'peeling', 'caulk', 'caulking', 'grout', 'scuff', 'scuffs', 'scratch', 'scratches', 'chipped', 'touch up', 'nail hole', 'blinds', 'blind', 'towel bar', 'towel rack', 'toilet paper holder', 'curtain rod', 'shower rod', 'squeak', 'squeaks', 'squeaky', 'squeaking', 'creak', 'creaks', 'creaky', 'creaking', 'light bulb', 'bulb', 'bulbs', 'outlet cover', 'switch plate', 'cover plate', 'weather stripping', 'weatherstripping', 'door stop', 'doorstop', 'window screen', 'torn screen', 'screen is torn', 'loose baseboard', 'trim', 'cosmetic', 'wallpaper', 'shelf', 'hook', 'cabinet door', 'towel', 'stain on the wall', 'carpet stain', 'doorknob', 'door knob', 'toilet seat', 'vent cover', 'grille', 'clock', 'timer', 'fridge light', 'oven light', 'light inside', 'peephole', 'cover', 'marks', 'scratched'],
  es: ['pintura', 'pintar', 'pelando', 'despintado', 'rayado', 'rayon', 'persiana', 'persianas', 'toallero', 'cortinero', 'rechina', 'rechinan', 'chirria', 'foco', 'focos', 'fundido', 'bombilla', 'mosquitero', 'zoclo', 'sellador', 'silicon', 'silicona', 'boquilla', 'repisa', 'manija', 'perilla', 'tapa', 'reloj', 'mirilla', '=marcas', 'rejilla', 'cosmetico', 'asiento del inodoro', 'luz del refri'],
});
const OFF_TRACK = vocabulary({ en: ['off its track', 'off track', 'off the track', 'off the tracks'], es: ['se salio del riel', 'se sale del riel', 'fuera del riel'] });
const SMALL_DOORS = vocabulary({ en: ['closet', 'drawer', 'drawers', 'cabinet', 'cabinets', 'shower door', 'pantry'], es: ['closet', 'cajon', 'cajones', 'gabinete', 'alacena', 'armario'] });
const UPKEEP = vocabulary({ en: ['full of leaves', 'clogged with leaves', 'debris', 'clean', 'cleaning', 'sweep', 'dust', 'dusty', 'cobwebs', 'spider webs', 'webs', 'moss', 'filter'], es: ['hojas', 'ojas', 'limpiar', 'limpieza', 'barrer', 'polvo', 'telarana', 'telaranas', 'musgo', 'filtro'] });
const GUTTERS = vocabulary({ en: ['gutter', 'gutters', 'downspout'], es: ['canaleta', 'canaletas', 'canalon'] });
const LEAVES = vocabulary({ en: ['leaves', 'debris', 'sticks', 'clogged'], es: ['hojas', 'ojas', 'basura', 'tapadas', 'tapada'] });
const HOW_TO = vocabulary({ en: ['show me how', 'how do i', 'how to use', 'how does', 'how it works', 'figure out how', 'explain', 'how to set'], es: ['como funciona', 'como se usa', 'me pueden explicar', 'como se pone', 'como usar'] });
const FAN = vocabulary({ en: ['fan', 'fans', 'exhaust fan', 'bathroom fan'], es: ['ventilador', 'extractor', 'abanico'] });
const NOISE = vocabulary({ en: ['loud', 'noisy', 'noise', 'rattle', 'rattles', 'rattling', 'humming', 'squeaks', 'squeaking', 'wobbles', 'wobbly', 'wobble'], es: ['ruido', 'ruidoso', 'ruidosa', 'suena', 'tiembla'] });
const TOILET = vocabulary({ en: ['toilet'], es: ['inodoro', 'escusado', 'excusado', 'taza'] });
const RUNNING = vocabulary({ en: ['running', 'runs', 'run', 'keeps running', 'will not stop running', 'constantly running', 'refilling', 'hissing'], es: ['corre', 'corriendo', 'sigue corriendo', 'no deja de correr', 'se sigue llenando'] });
const DRAIN = vocabulary({ en: ['drain', 'drains', 'sink', 'tub', 'bathtub', 'shower', 'toilet'], es: ['desague', 'drenaje', 'coladera', 'lavabo', 'fregadero', 'tina', 'regadera', 'ducha', 'inodoro', 'lavamanos'] });
const SLOW = vocabulary({ en: ['slow', 'slowly', 'draining slow', 'drains slow', 'drains slowly', 'slow draining'], es: ['lento', 'lenta', 'despacio', 'tarda en bajar', 'baja lento'] });
const DOOR_CLOSER = vocabulary({ en: ['closer', 'close on its own', 'close by itself', 'closes on its own', 'propped open', 'latch on its own', 'leaving it open'], es: ['no cierra sola', 'se queda abierta', 'cierrapuertas'] });
const PESTS = vocabulary({
  en: ['roach', 'roaches', 'cockroach', 'cockroaches', '=ant', '=ants', 'spider', 'spiders', 'flies', 'gnats', 'gnat', 'silverfish', 'moths', 'termite', 'termites', 'squirrel', 'squirrels', 'raccoon', 'pigeons', 'ladybugs', 'bugs', 'insects', 'pests'],
  es: ['cucaracha', 'cucarachas', 'hormiga', 'hormigas', 'arana', 'aranas', 'aranita', 'moscas', 'polillas', 'termita', 'termitas', 'ardilla', 'ardillas', 'palomas', 'mapache', 'bichos', 'insectos', 'plaga'],
});

const PROBLEMS: ProblemRule[] = [
  { label: 'dripping faucet', priority: 'low', cues: [FAUCET, DRIP], within: 4, unless: UNDER },
  { label: 'faucet that will not shut off', priority: 'medium', cues: [FAUCET, WONT_SHUT], within: 10 },
  { label: 'leaking faucet', priority: 'medium', cues: [FAUCET, FAUCET_LEAK], within: 4, unless: UNDER },
  { label: 'cosmetic or minor fix', priority: 'low', cues: [COSMETIC] },
  { label: 'small door or drawer off its track', priority: 'low', cues: [SMALL_DOORS, OFF_TRACK], within: 6 },
  { label: 'cleaning or upkeep', priority: 'low', cues: [UPKEEP] },
  { label: 'cleaning or upkeep', priority: 'low', cues: [GUTTERS, LEAVES], within: 5 },
  { label: 'a question on how something works', priority: 'low', cues: [HOW_TO] },
  { label: 'noisy fan', priority: 'low', cues: [FAN, NOISE], within: 6 },
  { label: 'running toilet', priority: 'medium', cues: [TOILET, RUNNING], within: 5 },
  { label: 'slow drain', priority: 'medium', cues: [DRAIN, SLOW], within: 6 },
  { label: 'pests', priority: 'medium', cues: [PESTS], unless: UPKEEP, within: 4 },
  { label: 'water leaking from above', priority: 'high', cues: [ABOVE, LEAKING], within: 6, water: true },
  { label: 'water leak', priority: 'high', cues: [LEAK], water: true, unless: FAUCET, within: 8 },
  { label: 'overflowing fixture', priority: 'high', cues: [OVERFLOW], water: true },
  { label: 'stained ceiling', priority: 'high', cues: [STAIN, CEILING], within: 5 },
  { label: 'building door that does not close on its own', priority: 'high', cues: [DOOR_CLOSER] },
];

/** What is wrong with a thing, in general words; a text that names a thing but none of these is vague. */
export const SYMPTOMS = vocabulary({
  en: [
    'broken', 'broke', 'break', 'breaking', 'not working', 'stopped working', 'not work', 'clogged', 'clog', 'leak', 'leaking', 'leaks', 'drip', 'dripping', 'stuck', 'jammed', 'jam',
    'loose', 'cracked', 'crack', 'noise', 'noises', 'noisy', 'loud', 'smell', 'smells', 'running', 'runs', 'slow', 'slowly', 'backed up', 'backing up', 'overflowing',
    'off track', 'hanging', 'fell', 'came off', 'missing', 'tripping', 'trips', 'tripped', 'flickering', 'flicker', 'out', 'dead', 'cold', 'warm', 'hot', 'stopped', 'sticks', 'sticking',
    'squeak', 'squeaks', 'rattle', 'rattles', 'peeling', 'hole', 'damaged', 'torn', 'ripped', 'bent', 'will not', 'can not', 'does not', 'do not', 'no', 'not', 'keeps', 'buzzing',
    'banging', 'humming', 'clicking', 'wet', 'damp', 'stain', 'stained', 'blank', 'error', 'weak', 'frozen', 'froze', 'blocked', 'won', 'falling', 'fallen', 'shaking', 'sparks', 'spark',
    'burnt', 'bugs', 'infestation', 'nest', 'droppings', 'sagging', 'stopped up', 'mold', 'rust', 'rusted', 'rusty', 'faulty', 'busted', 'grinding', 'vibrating',
  ],
  es: [
    'roto', 'rota', 'rotos', 'no funciona', 'no sirve', 'tapado', 'tapada', 'tapo', 'gotea', 'goteando', 'fuga', 'atascado', 'atorado', 'suelto', 'suelta', 'flojo', 'floja', 'ruido', 'huele', 'olor',
    'lento', 'lenta', 'despacio', 'desborda', 'cayo', 'falta', 'se salio', 'no', 'parpadea', 'rechina', 'pelando', 'hoyo', 'agujero', 'danado', 'danada', 'descompuesto', 'descompuesta',
    'se rompio', 'quemado', 'mancha', 'moho', 'frio', 'fria', 'caliente', 'oxidado', 'sin', 'mojado', 'mojada', 'chispas', 'humo', 'atrancado', 'trabado', 'trabada',
  ],
});

export function findProblems(words: readonly Word[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of PROBLEMS) {
    const [first, ...others] = rule.cues.map((v) => findAll(words, v, { negated: false }));
    const hit = (first ?? []).find(
      (m) =>
        others.every((o) => near(words, [m], o, rule.within ?? 0).length > 0) &&
        !(rule.unless && near(words, [m], findAll(words, rule.unless), rule.within ?? 4).length > 0),
    );
    if (hit) findings.push({ kind: 'problem', label: rule.label, priority: rule.priority, safety: false, trade: null, at: hit.start, ...(rule.water ? { water: true } : {}) });
  }
  const lockedOut = findAll(words, LOCKED_OUT, { negated: false })[0];
  if (lockedOut && !has(words, MINOR_PLACES)) findings.push({ kind: 'outage', label: 'locked out', priority: 'high', safety: false, trade: 'locksmith', at: lockedOut.start });
  else if (has(words, MINOR_PLACES) && findings.length === 0) findings.push({ kind: 'problem', label: 'a spare key or a small lock', priority: 'low', safety: false, trade: null, at: 0 });
  return findings.map((f) => placed(words, f));
}

/**
 * Where water comes from decides its trade and weight: rain or the roof is the roofer's; an appliance or an air
 * conditioner that leaks while it runs is a medium job of its own trade; a stain that has not changed is low.
 */
function placed(words: readonly Word[], f: Finding): Finding {
  const sentence = words.filter((w) => w.sentence === words[f.at]!.sentence);
  if (f.label === 'stained ceiling') {
    if (has(sentence, OLD)) return { ...f, priority: 'low' };
    return { ...f, trade: has(words, WEATHER) ? 'roofing' : 'plumbing', alsoTrade: 'general' };
  }
  if (!f.water) return f;
  if (has(words, WEATHER)) return { ...f, trade: 'roofing' };
  if (has(sentence, CONTAINABLE)) return { ...f, priority: 'medium', label: `${f.label} from an appliance` };
  if (f.label === 'water leaking from above') return { ...f, trade: 'plumbing', alsoTrade: 'roofing' };
  return f;
}

/** Things whose leak is contained or only happens while they run. */
const CONTAINABLE = vocabulary({
  en: ['gutter', 'gutters', 'downspout', 'spigot', 'hose', 'sprinkler', 'dishwasher', 'washer', 'washing machine', 'fridge', 'refrigerator', 'freezer', 'ice maker', '=ac', '=a c', 'air conditioner', 'window unit', 'condensate', 'mini split'],
  es: ['canaleta', 'canaletas', 'bajante', 'manguera', 'lavaplatos', 'lavavajillas', 'lavadora', 'refrigerador', 'nevera', '=refri', 'congelador', 'maquina de hielo', 'aire acondicionado', 'aire', 'clima', 'minisplit'],
});

/** An outage is high; the only toilet is high and another toilet medium; no heat in the cold is a hazard. */
export function outageFindings(words: readonly Word[], outages: readonly Outage[]): Finding[] {
  return outages.flatMap(({ service, at }): Finding[] => {
    const base: Finding = { kind: 'outage', label: service.label, priority: 'high', safety: false, trade: service.trade, at: at.start };
    const clause = words.filter((w) => w.clause === words[at.start]!.clause);
    if (service === SERVICES.toilet) return [has(words, ANOTHER_TOILET) ? { ...base, kind: 'problem', priority: 'medium' } : base];
    if (service === SERVICES.heat) {
      if (isCold(words)) return [{ ...base, kind: 'hazard', label: 'no heat in freezing weather', priority: 'emergency', safety: true }];
      if (has(words, UNEVEN)) return [{ ...base, kind: 'problem', label: 'weak or uneven heat', priority: 'medium' }];
    }
    if (service === SERVICES.cooling && !isHot(words)) return [{ ...base, kind: 'outage', label: 'no cooling (no heat wave said)', priority: 'medium' }];
    if (service === SERVICES.hotWater && has(words, UNEVEN)) return [{ ...base, kind: 'problem', label: 'weak hot water', priority: 'medium' }];
    // "two outlets have no power" is the outlets' problem, not an outage.
    if (service === SERVICES.power && has(clause, FITTINGS)) return [];
    // No water at all: no flushing, no washing (a smell "but no water comes up" is about a drain).
    if (service === SERVICES.water) return has(words.filter((w) => w.sentence === words[at.start]!.sentence), ODOR_WORDS) ? [] : [{ ...base, safety: !has(clause, ROOMS) }];
    return [base];
  });
}

const ROOMS = vocabulary({ en: ['kitchen', 'bathroom', 'sink', 'shower'], es: ['cocina', 'bano', 'lavabo', 'fregadero', 'ducha'] });
const ODOR_WORDS = vocabulary({ en: ['smell', 'smells', 'odor'], es: ['huele', 'olor'] });
const ANOTHER_TOILET = vocabulary({ en: ['other bathroom', 'other toilet', 'second bathroom', '2nd bathroom', 'another bathroom', 'two bathrooms', 'other one', 'master bathroom', 'half bath'], es: ['otro bano', 'el otro bano', 'segundo bano', 'dos banos'] });
const UNEVEN = vocabulary({
  en: ['one room', 'in the bedroom', 'bedroom', 'back bedroom', 'one of the', 'lukewarm', 'luke warm', 'takes forever', 'not that hot', 'not very warm', 'not warm enough', 'weak', 'uneven', 'sometimes', 'only works', 'runs out', 'not hot enough', 'few degrees', 'rest of the', 'the one on the wall'],
  es: ['cuarto', 'recamara', 'tibia', 'tibio', 'no calienta mucho', 'a veces', 'se acaba', 'no sale muy caliente', 'el resto de'],
});
const FITTINGS = vocabulary({ en: ['outlet', 'outlets', 'socket', 'switch', 'light', 'lights', 'fixture', 'plug'], es: ['enchufe', 'enchufes', 'contacto', 'contactos', 'apagador', 'lampara', 'foco'] });
const HOT_WEATHER = vocabulary({
  en: ['heat wave', 'heatwave', 'so hot', 'very hot', 'really hot', 'too hot', 'extremely hot', 'super hot', 'burning up', 'sweltering', 'hot in here', 'boiling', 'hot out', 'it is hot', 'summer'],
  es: ['ola de calor', 'mucho calor', 'hace calor', 'calor insoportable', 'que calor', 'tanto calor', 'un calor', 'verano'],
});

const COLD = vocabulary({
  en: ['freezing', 'frozen', 'below zero', 'below freezing', 'snow', 'snowing', 'winter', 'very cold', 'so cold', 'really cold', 'extremely cold', 'super cold', 'too cold', 'ice cold', 'cold outside', 'cold out', 'cold in here', 'frigid', 'arctic', 'we are cold', 'shivering', 'ice cold inside'],
  es: ['congelando', 'congelado', 'congelados', 'helando', 'helada', 'mucho frio', 'hace frio', 'que frio', 'bajo cero', 'nieve', 'nevando', 'invierno', 'muy frio', 'tanto frio', 'un frio', 'frio tremendo', 'temblando', 'tiritando', 'helados'],
});
const DEGREES = /\b(\d{1,3})\s*(degrees?|grados?|deg|f)\b/;
const COLD_INDOORS_F = 60;

function isCold(words: readonly Word[]): boolean {
  if (has(words, COLD, { negated: false })) return true;
  const temperature = DEGREES.exec(words.map((w) => w.form).join(' '));
  return temperature !== null && Number(temperature[1]) <= COLD_INDOORS_F;
}

/** 85 °F and up, or 30 to 50 when it says "grados" (Celsius). */
function isHot(words: readonly Word[]): boolean {
  if (has(words, HOT_WEATHER, { negated: false })) return true;
  const text = words.map((w) => w.form).join(' ');
  if (/\b(9\d|1[01]\d)\b/.test(text) && !/\b(9\d|1[01]\d) (year|yr|ano)/.test(text)) return true;
  const temperature = DEGREES.exec(text);
  if (!temperature) return false;
  const value = Number(temperature[1]);
  return value >= 85 || (/^grado/.test(temperature[2] ?? '') && value >= 30 && value <= 50);
}

const VULNERABLE = vocabulary({
  en: ['baby', 'babies', 'newborn', 'infant', 'toddler', '=kid', '=kids', 'children', 'child', '=son', 'daughter', 'elderly', 'senior', 'seniors', 'grandma', 'grandmother', 'grandpa', 'grandfather', 'old man', 'old lady', 'disabled', 'disability', 'wheelchair', 'handicapped', 'pregnant', 'allergic', 'asthma', 'asthmatic', 'sick', '=ill', 'medical', 'oxygen', 'chemo', 'dialysis', 'bedridden', 'walker', 'years old', 'year old', 'insulin', 'medicine', 'medication'],
  es: ['bebe', 'bebes', 'recien nacido', 'nino', 'ninos', 'nina', 'ninas', 'hijo', 'hijos', 'hija', 'hijas', 'anciano', 'anciana', 'ancianos', 'abuela', 'abuelo', 'abuelita', 'abuelito', 'discapacitado', 'discapacitada', 'silla de ruedas', 'embarazada', 'alergico', 'alergica', 'asma', 'enfermo', 'enferma', 'personas mayores', 'persona mayor', 'oxigeno', 'anos de edad', 'insulina', 'medicina', 'medicamento', 'mi mama de', 'mi papa de'],
});
const SPREADING = vocabulary({
  en: ['everywhere', 'all over', 'spreading', 'getting worse', 'worse', 'into the unit below', 'unit below', 'downstairs', 'neighbor below', 'apartment below', 'below us', 'more and more', 'whole floor', 'whole bathroom', 'whole kitchen', 'will not stop', 'keeps coming', 'through the floor', 'getting bigger fast', 'spreading fast', 'running across', 'across the floor', 'into the hallway', 'leaking downstairs'],
  es: ['por todas partes', 'por todo', 'todo el piso', 'empeorando', 'cada vez mas', 'cada vez peor', 'al vecino', 'vecina de abajo', 'vecino de abajo', 'de abajo', 'se extiende', 'no para', 'todo el bano', 'toda la cocina', 'al pasillo'],
});
const REPEAT = vocabulary({
  en: ['again', 'third time', 'second time', '3rd time', '2nd time', 'another time', 'same problem', 'same issue', 'same leak', 'same one', 'you fixed', 'you guys fixed', 'was fixed', 'were fixed', 'got fixed', 'fixed before', 'fixed last', 'came =back', '=is =back', '=back again', 'keeps coming =back', 'keeps happening', 'happened before', 'still not fixed', 'never got fixed', 'never fixed', 'still broken', 'reported before', 'already reported', 'reported this', '=times =now', '=times =this'],
  es: ['otra vez', 'otra ves', 'de nuevo', 'nuevamente', 'volvio', 'volvio a', 'ya lo arreglaron', 'lo arreglaron', 'tercera vez', 'segunda vez', 'sigue igual', 'mismo problema', 'ya habia reportado', 'ya reporte', 'todavia no lo arreglan', 'nunca lo arreglaron', 'ya vinieron'],
});
const MINOR = vocabulary({
  en: ['a little', 'a bit', 'slightly', 'slight', 'small', 'tiny', 'minor', 'cosmetic', 'when you get a chance', 'whenever you get a chance', 'whenever you can', 'when you can', 'when you have a chance', 'no rush', 'nothing urgent', 'nothing serious', 'not serious', 'works fine', 'still works', 'works ok', 'is it ok', 'is that normal', 'is this normal', 'occasional', 'no hurry', 'not urgent', 'not an emergency', 'no emergency', 'not a big deal', 'no big deal', 'at your convenience', 'low priority', 'next time', 'not in a hurry', 'when you have time', 'whenever convenient', 'hairline', 'not a priority', 'not super urgent'],
  es: ['un poco', 'poquito', 'pequeno', 'pequena', 'chiquito', 'chiquita', 'leve', 'cuando puedan', 'cuando tengan tiempo', 'sin prisa', 'no es urgente', 'no urge', 'no hay prisa', 'no hay apuro', 'cuando se pueda', 'cuando pueda', 'cuando tengan chance', 'no es emergencia', 'sin apuro', 'no urgente', 'nada urgente', 'no ay prisa', 'no prisa', 'nada grave', 'funciona bien', 'sirve bien', 'es normal', 'cosmetico', 'solo cosmetico'],
});

export interface Modifiers {
  vulnerable: Match[];
  spreading: Match[];
  repeat: Match[];
  minor: Match[];
}

export function findModifiers(words: readonly Word[]): Modifiers {
  return {
    vulnerable: findAll(words, VULNERABLE, { negated: false }),
    spreading: findAll(words, SPREADING, { negated: false }),
    repeat: findAll(words, REPEAT, { negated: false }),
    minor: [...findAll(words, MINOR), ...closingWhenever(words)],
  };
}

/** "…is bent, whenever": at the end of a sentence it means no rush; "whenever I run the microwave" does not. */
function closingWhenever(words: readonly Word[]): Match[] {
  return words.flatMap((w, i) => (w.form === 'whenever' && words[i + 1]?.sentence !== w.sentence ? [{ start: i, end: i + 1, cue: 'whenever' }] : []));
}

export interface Adjusted {
  priority: Priority;
  /** What moved it, for the reasoning: 'raised: a repeat ("again")'. */
  notes: string[];
}

const quote = (matches: readonly Match[]) => matches.map((m) => `"${m.cue}"`).join(', ');

/** The guide's modifiers applied to the worst finding. */
export function adjust(worst: Finding, modifiers: Modifiers): Adjusted {
  let priority = worst.priority;
  const notes: string[] = [];
  const hazardFloor: Priority = worst.firm ? worst.priority : worst.safety ? 'high' : 'low';
  if (modifiers.minor.length > 0) {
    const lowered = shift(priority, -1, hazardFloor);
    if (lowered !== priority) notes.push(`lowered: minor (${quote(modifiers.minor)})`);
    else if (worst.safety) notes.push(`said to be minor (${quote(modifiers.minor)}), but a hazard stays at least high`);
    priority = lowered;
  }
  if (modifiers.vulnerable.length > 0 && (worst.kind === 'hazard' || worst.kind === 'outage') && worst.raisable !== false) {
    const raised = shift(priority, 1);
    if (raised !== priority) notes.push(`raised: a vulnerable person (${quote(modifiers.vulnerable)})`);
    priority = raised;
  }
  if (modifiers.spreading.length > 0 && worst.water) {
    const raised = shift(priority, 1);
    if (raised !== priority) notes.push(`raised: spreading water (${quote(modifiers.spreading)})`);
    priority = raised;
  }
  if (modifiers.repeat.length > 0) {
    const raised = rank(priority) < rank('high') ? shift(priority, 1) : priority;
    notes.push(raised !== priority ? `raised: a repeat (${quote(modifiers.repeat)})` : `a repeat (${quote(modifiers.repeat)})`);
    priority = raised;
  }
  return { priority, notes };
}
