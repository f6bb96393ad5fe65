import type { Priority } from '../priority';
import { rank, shift, type Finding } from './finding';
import { findAll, has, near, vocabulary, type Match, type Vocabulary } from './match';
import type { Outage } from './outages';
import { SERVICES, onlyOne } from './outages';
import type { Word } from './words';

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

const FAUCET = vocabulary({ en: ['faucet', 'faucets', '=tap', '=taps', 'shower head', 'showerhead', 'spout', 'spigot'], es: ['grifo', 'llave', 'canilla', 'regadera', 'mezcladora'] });
const DRIP = vocabulary({ en: ['drip', 'drips', 'dripping', 'dripped', 'drippy', 'leak', 'leaks', 'leaking', 'leaky'], es: ['gotea', 'gotear', 'goteando', 'goteo', 'fuga', 'tira agua'] });
const UNDER = vocabulary({ en: ['under', 'underneath', 'below', 'cabinet', 'floor', 'base', 'pipe', 'pipes', 'wall'], es: ['debajo', 'abajo', 'gabinete', 'mueble', 'piso', 'tubo', 'pared'] });
/** A faucet's own drip, not a leak under it: "the faucet leaks", "el grifo gotea". */
const FAUCET_ITSELF = vocabulary({ en: ['faucet', 'faucets', '=tap', 'shower head', 'showerhead', 'spout'], es: ['grifo', 'llave', 'canilla', 'mezcladora'] });
const ABOVE = vocabulary({ en: ['ceiling', 'roof', 'upstairs', 'unit above', 'apartment above', 'from above', 'neighbor above', 'light fixture'], es: ['techo', 'arriba', 'vecino de arriba', 'plafon'] });
const LEAKING = vocabulary({ en: ['leak', 'leaks', 'leaking', 'leaky', 'drip', 'drips', 'dripping', 'water coming', 'coming through', 'water'], es: ['gotera', 'goteras', 'gotea', 'goteando', 'fuga', 'agua', 'filtra', 'filtrando', 'filtracion'] });
const LEAK = vocabulary({ en: ['leak', 'leaks', 'leaking', 'leaky', 'leaked', 'water coming out', 'water on the floor', 'puddle', 'puddles', 'seeping'], es: ['fuga', 'fugas', 'gotea', 'goteando', 'gotera', 'charco', 'sale agua', 'se sale el agua', 'tira agua', 'filtra', 'filtracion'] });
const OVERFLOW = vocabulary({ en: ['overflowing', 'overflowed', 'overflow', 'overflows', 'spilling over'], es: ['desborda', 'desbordando', 'desbordo', 'rebalsa', 'rebalso', 'se derrama', 'derramando'] });
const STAIN = vocabulary({ en: ['stain', 'stains', 'stained', 'water stain', 'water spot', 'water spots', 'brown spot', 'discolored', 'discoloration', 'water damage'], es: ['mancha', 'manchas', 'manchado', 'manchada', 'humedad'] });
const CEILING = vocabulary({ en: ['ceiling', 'ceilings'], es: ['techo', 'plafon'] });
const LOCKED_OUT = vocabulary({ en: ['locked out', 'locked myself out', 'lost my keys', 'lost my key', 'lockout', 'can not get in', 'lost the keys'], es: ['me quede afuera', 'me quede fuera', 'nos quedamos afuera', 'perdi las llaves', 'perdi la llave', 'perdi mis llaves', 'no puedo entrar', 'no podemos entrar'] });
const COSMETIC = vocabulary({
  en: ['paint', 'painting', 'peeling', 'caulk', 'caulking', 'grout', 'scuff', 'scuffs', 'scratch', 'scratches', 'chipped', 'touch up', 'nail hole', 'blinds', 'towel bar', 'towel rack', 'toilet paper holder', 'curtain rod', 'shower rod', 'squeak', 'squeaks', 'squeaky', 'squeaking', 'creak', 'creaks', 'creaky', 'creaking', 'light bulb', 'bulb', 'bulbs', 'outlet cover', 'switch plate', 'cover plate', 'weather stripping', 'weatherstripping', 'door stop', 'doorstop', 'window screen', 'torn screen', 'screen is torn', 'screen door', 'baseboard', 'trim', 'off its track', 'off track', 'off the track', 'cosmetic', 'wallpaper', 'shelf', 'hook', 'mirror', 'drawer', 'drawers', 'cabinet door', 'towel', 'stain on the wall', 'carpet stain'],
  es: ['pintura', 'pintar', 'pelando', 'despintado', 'rayado', 'rayon', 'persiana', 'persianas', 'toallero', 'cortinero', 'rechina', 'rechinan', 'chirria', 'foco', 'focos', 'fundido', 'bombilla', 'mosquitero', 'zoclo', 'sellador', 'silicon', 'silicona', 'boquilla', 'se salio del riel', 'riel', 'repisa', 'cajon', 'cajones', 'manija', 'perilla', 'espejo', 'tapa del enchufe'],
});
const FAN = vocabulary({ en: ['fan', 'fans', 'exhaust fan', 'bathroom fan'], es: ['ventilador', 'extractor'] });
const NOISE = vocabulary({ en: ['loud', 'noisy', 'noise', 'rattle', 'rattles', 'rattling', 'humming', 'buzzing', 'squeaks', 'squeaking'], es: ['ruido', 'ruidoso', 'ruidosa', 'suena'] });
const TOILET = vocabulary({ en: ['toilet', 'toliet'], es: ['inodoro', 'escusado', 'excusado', 'taza'] });
const RUNNING = vocabulary({ en: ['running', 'runs', 'run', 'keeps running', 'will not stop running', 'constantly running', 'refilling', 'hissing'], es: ['corre', 'corriendo', 'sigue corriendo', 'no deja de correr', 'se sigue llenando'] });
const SLOW_DRAIN = vocabulary({ en: ['slow', 'slowly', 'draining slow', 'drains slow', 'drains slowly', 'slow drain', 'slow draining'], es: ['lento', 'lenta', 'despacio', 'tarda'] });

const PROBLEMS: ProblemRule[] = [
  { label: 'dripping faucet', priority: 'low', cues: [FAUCET, DRIP], within: 4, unless: UNDER },
  { label: 'cosmetic or minor fix', priority: 'low', cues: [COSMETIC] },
  { label: 'noisy fan', priority: 'low', cues: [FAN, NOISE], within: 4 },
  { label: 'running toilet', priority: 'medium', cues: [TOILET, RUNNING], within: 5 },
  { label: 'slow drain', priority: 'medium', cues: [SLOW_DRAIN] },
  { label: 'water leaking from above', priority: 'high', cues: [ABOVE, LEAKING], within: 6, water: true },
  { label: 'water leak', priority: 'high', cues: [LEAK], water: true, unless: FAUCET_ITSELF },
  { label: 'overflowing fixture', priority: 'high', cues: [OVERFLOW], water: true },
  { label: 'stained ceiling', priority: 'high', cues: [STAIN, CEILING], within: 5 },
  { label: 'locked out', priority: 'high', cues: [LOCKED_OUT] },
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
  return findings;
}

/** An outage is high; the only toilet is high and another toilet medium; no heat in the cold is a hazard. */
export function outageFindings(words: readonly Word[], outages: readonly Outage[]): Finding[] {
  return outages.map(({ service, at }) => {
    const base: Finding = { kind: 'outage', label: service.label, priority: 'high', safety: false, trade: service.trade, at: at.start };
    if (service === SERVICES.toilet && !onlyOne(words)) return { ...base, kind: 'problem', priority: 'medium' };
    if (service === SERVICES.heat && isCold(words)) return { ...base, kind: 'hazard', label: 'no heat in freezing weather', priority: 'emergency', safety: true };
    return base;
  });
}

const COLD = vocabulary({
  en: ['freezing', 'frozen', 'below zero', 'below freezing', 'snow', 'snowing', 'winter', 'very cold', 'so cold', 'really cold', 'extremely cold', 'super cold', 'too cold', 'ice cold', 'cold outside', 'cold out', 'cold in here', 'frigid', 'arctic', 'we are cold'],
  es: ['congelando', 'congelado', 'congelados', 'helando', 'helada', 'mucho frio', 'hace frio', 'que frio', 'bajo cero', 'nieve', 'nevando', 'invierno', 'muy frio', 'tanto frio'],
});
const DEGREES = /\b(\d{1,3})\s*(?:degrees?|grados?|deg|f)\b/;
const COLD_INDOORS_F = 60;

function isCold(words: readonly Word[]): boolean {
  if (has(words, COLD)) return true;
  const temperature = DEGREES.exec(words.map((w) => w.form).join(' '));
  return temperature !== null && Number(temperature[1]) <= COLD_INDOORS_F;
}

const VULNERABLE = vocabulary({
  en: ['baby', 'babies', 'newborn', 'infant', 'toddler', '=kid', '=kids', 'children', 'child', '=son', 'daughter', 'elderly', 'senior', 'seniors', 'grandma', 'grandmother', 'grandpa', 'grandfather', 'old man', 'old lady', 'disabled', 'disability', 'wheelchair', 'handicapped', 'pregnant', 'allergic', 'asthma', 'asthmatic', 'sick', '=ill', 'medical', 'oxygen', 'chemo', 'dialysis', 'bedridden', 'walker', 'cane', 'years old', 'year old'],
  es: ['bebe', 'bebes', 'recien nacido', 'nino', 'ninos', 'nina', 'ninas', 'hijo', 'hijos', 'hija', 'hijas', 'anciano', 'anciana', 'ancianos', 'abuela', 'abuelo', 'abuelita', 'abuelito', 'discapacitado', 'discapacitada', 'silla de ruedas', 'embarazada', 'alergico', 'alergica', 'asma', 'enfermo', 'enferma', 'personas mayores', 'persona mayor', 'oxigeno', 'anos de edad'],
});
const SPREADING = vocabulary({
  en: ['everywhere', 'all over', 'spreading', 'getting worse', 'worse', 'into the unit below', 'unit below', 'downstairs', 'neighbor below', 'apartment below', 'below us', 'soaking', 'soaked', 'ruining', 'ruined', 'getting bigger', 'more and more', 'whole floor', 'whole bathroom', 'whole kitchen', 'will not stop', 'keeps coming', 'through the floor'],
  es: ['por todas partes', 'por todo', 'todo el piso', 'empeorando', 'cada vez mas', 'cada vez peor', 'al vecino', 'de abajo', 'se extiende', 'mas grande', 'mojando todo', 'todo mojado', 'no para', 'todo el bano', 'toda la cocina'],
});
const REPEAT = vocabulary({
  en: ['again', 'third time', 'second time', '3rd time', '2nd time', 'another time', 'same problem', 'same issue', 'same leak', 'same one', 'you fixed', 'you guys fixed', 'was fixed', 'were fixed', 'got fixed', 'fixed before', 'fixed last', 'came =back', '=is =back', '=back again', 'keeps coming =back', 'keeps happening', 'happened before', 'still not fixed', 'never got fixed', 'never fixed', 'still broken', 'reported before', 'already reported', 'reported this', 'times now', 'times this'],
  es: ['otra vez', 'otra ves', 'de nuevo', 'nuevamente', 'volvio', 'volvio a', 'ya lo arreglaron', 'lo arreglaron', 'tercera vez', 'segunda vez', 'sigue igual', 'mismo problema', 'ya habia reportado', 'ya reporte', 'todavia no lo arreglan', 'nunca lo arreglaron', 'ya vinieron'],
});
const MINOR = vocabulary({
  en: ['a little', 'a bit', 'slightly', 'small', 'tiny', 'minor', 'cosmetic', 'when you get a chance', 'whenever you get a chance', 'whenever you can', 'when you can', 'whenever', 'no rush', 'no hurry', 'not urgent', 'not an emergency', 'no emergency', 'not a big deal', 'no big deal', 'at your convenience', 'low priority', 'next time', 'not in a hurry', 'when you have time', 'whenever convenient', 'hairline', 'barely', 'not a priority', 'not super urgent'],
  es: ['un poco', 'poquito', 'pequeno', 'pequena', 'chiquito', 'chiquita', 'leve', 'cuando puedan', 'cuando tengan tiempo', 'sin prisa', 'no es urgente', 'no urge', 'no hay prisa', 'no hay apuro', 'cuando se pueda', 'cuando pueda', 'cuando tengan chance', 'no es emergencia', 'sin apuro'],
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
    minor: findAll(words, MINOR),
  };
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
  const hazardFloor: Priority = worst.safety ? 'high' : 'low';
  if (modifiers.minor.length > 0) {
    const lowered = shift(priority, -1, hazardFloor);
    if (lowered !== priority) notes.push(`lowered: minor (${quote(modifiers.minor)})`);
    else if (worst.safety) notes.push(`said to be minor (${quote(modifiers.minor)}), but a hazard stays at least high`);
    priority = lowered;
  }
  if (modifiers.vulnerable.length > 0 && (worst.kind === 'hazard' || worst.kind === 'outage')) {
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
