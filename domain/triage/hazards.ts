import type { Priority, Skill } from '../priority';
import type { Finding } from './finding';
import { findAll, has, near, vocabulary, type Match, type Vocabulary } from './match';
import { failed } from './outages';
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
  /** Words in the same sentence that make it something else: cigarette smoke, a burnt-out bulb. */
  unless?: Vocabulary;
  water?: boolean;
  /** Matches inside the harmless names too (a CO detector going off is the carbon monoxide, not the device). */
  inNames?: boolean;
  /** Never lowered by "a little" or "no rush": a faint gas smell is an emergency. */
  firm?: boolean;
  /** Not raised by a vulnerable person: pests never are, nor a hazard a vulnerable person makes (an allergy, asthma). */
  raisable?: false;
  /** The trade when the words of a sentence say rain or wind did it: a collapsed ceiling in a storm is the roof's. */
  weatherTrade?: Skill;
  kind?: Finding['kind'];
}

/** Names with a hazard word inside that are not the hazard: a smoke detector, a gas stove, a fire escape. */
/** Rain, storms and wind: water or damage from outside. */
export const WEATHER = vocabulary({ en: ['rain', 'raining', 'rains', 'rained', 'storm', 'storms', 'wind', 'top floor', 'skylight', 'snow melting', 'hail', 'roof'], es: ['lluvia', 'llueve', 'llover', 'lloviendo', 'llovio', 'tormenta', 'viento', 'ultimo piso', 'granizo', 'azotea', 'tejado', 'encharcando'] });

const HARMLESS_NAMES = vocabulary({
  en: ['smoke detector', 'smoke detectors', 'smoke alarm', 'smoke alarms', 'fire alarm', 'fire alarms', 'fire escape', 'fire extinguisher', 'fire exit', 'fire door', 'fire department', 'gas stove', 'gas range', 'gas oven', 'gas dryer', 'gas bill', 'gas company', 'gas station', 'gas grill', 'gas fireplace', 'water heater', 'hot water heater', 'hot water', 'co detector', 'co alarm', 'carbon monoxide detector', 'carbon monoxide detectors', 'carbon monoxide alarm', 'light bulb', 'burnt out', 'burned out', 'burnt out bulb'],
  es: ['detector de humo', 'alarma de humo', 'alarma de incendio', 'estufa de gas', 'recibo de gas', 'calentador de agua', 'agua caliente', 'salida de incendio', 'detector de monoxido', 'extintor', 'foco fundido'],
});

const GAS = vocabulary({ en: ['gas', 'propane', 'natural gas', 'rotten egg', 'rotten eggs'], es: ['gas', 'huevo podrido', 'huevos podridos'] });
const SMELL = vocabulary({ en: ['smell', 'smelly', 'odor', 'odour', 'stink', 'stinks', 'stench', 'whiff', 'fumes', 'leak', 'leaking', 'leaks', 'hiss', 'hissing', 'escaping'], es: ['olor', 'huele', '=oler', 'oliendo', 'apesta', 'fuga', 'fugas', 'escape', 'escapando', 'sale', 'saliendo'] });
const GAS_APPLIANCE_LEAK = vocabulary({ en: ['gas stove', 'gas range', 'gas oven', 'gas dryer', 'gas line', 'gas pipe', 'gas meter'], es: ['estufa de gas', 'linea de gas', 'tuberia de gas'] });
const CO = vocabulary({ en: ['carbon monoxide', 'monoxide'], es: ['monoxido', 'monoxido de carbono'] });
const CO_DETECTOR = vocabulary({ en: ['co detector', 'co alarm', 'carbon monoxide detector', 'carbon monoxide detectors', 'carbon monoxide alarm'], es: ['detector de monoxido', 'alarma de monoxido'] });
const ANY_DETECTOR = vocabulary({ en: ['smoke detector', 'smoke detectors', 'smoke alarm', 'smoke alarms', 'fire alarm', 'detector', 'detectors', 'co detector', 'co alarm', 'carbon monoxide detector', 'carbon monoxide alarm'], es: ['detector de humo', 'alarma de humo', 'alarma de incendio', 'detector', 'detectores', 'detector de monoxido'] });
const SOUNDING = vocabulary({ en: ['going off', 'went off', 'goes off', 'keeps going off', 'sounding', 'alarm is sounding', 'alarming', 'screaming', 'blaring'], es: ['sonando', 'se activo', 'suena la alarma', 'esta sonando', 'no para de sonar'] });
const DETECTOR_DEAD = vocabulary({
  en: ['missing', 'dead', 'not working', 'broken', 'fell', 'hanging', 'removed', 'taken down', 'no detector', 'does not work', 'disconnected', 'gone', 'took it down', 'no smoke detector'],
  es: ['falta', 'no tiene', 'no funciona', 'no sirve', 'se cayo', 'colgando', 'no hay', 'quitaron', 'no hay detector'],
});
const DETECTOR_NAGGING = vocabulary({
  en: ['chirp', 'chirping', 'chirps', 'beep', 'beeping', 'beeps', 'battery', 'batteries', 'going off', 'goes off', 'went off', 'keeps going off', 'false alarm', 'for no reason'],
  es: ['pita', 'pitando', 'pitido', 'bateria', 'pila', 'pilas', 'suena', 'sonando', 'chirping', 'se activa', 'sin razon'],
});
const FIRE = vocabulary({ en: ['fire', 'flames', 'flame', 'on fire', 'caught fire', 'blaze', 'burning'], es: ['fuego', 'incendio', 'llamas', 'se quemo', 'se esta quemando', '=quemandose', 'prendio fuego', 'se prendio fuego'] });
const NOT_FIRE = vocabulary({ en: ['burning hot', 'scalding', '=fired', 'heartburn', 'fire escape', 'no fire'], es: ['me quemo', 'quemo la mano'] });
const SMOKE = vocabulary({ en: ['smoke', 'smoking', 'smoky', 'smokey'], es: ['humo', 'humea', 'humeando'] });
const TOBACCO = vocabulary({ en: ['cigarette', 'cigarettes', 'cigar', 'weed', 'marijuana', 'vape', 'vaping', 'tobacco', '=smoker', '=smokers', '=smoking =in', '=smoking =outside', 'neighbor =smoking', 'neighbors =smoking', 'someone =smoking'], es: ['cigarro', 'cigarros', 'cigarrillo', 'marihuana', 'fumando', 'fuman', 'fuma', 'tabaco'] });
const BURNT = vocabulary({ en: ['burn', 'burnt', 'burned', 'burning', 'scorched', 'scorch', 'melting', 'melted', 'electrical', 'plastic'], es: ['quemado', 'quemada', 'quemando', 'chamuscado', 'plastico quemado'] });
const ODOR = vocabulary({ en: ['smell', 'smells', 'smelled', 'smelling', 'smelly', 'odor', 'odour', 'stink', 'stinks'], es: ['olor', 'huele', '=oler', 'oliendo', 'apesta'] });
const COOKING = vocabulary({ en: ['food', 'cooking', 'toast', 'popcorn', 'burnt out', 'burned out', 'dust', 'dusty', 'first time', 'first run', 'first use'], es: ['comida', 'cocinando', 'polvo', 'primera vez'] });
const SPARKS = vocabulary({ en: ['spark', 'sparks', 'sparked', 'sparking', 'sparky', 'arcing', 'arced'], es: ['chispa', 'chispas', 'chispea', 'chispeando', 'chispazo', 'chispazos', 'chisporrotea'] });
const ELECTRICAL_FITTING = vocabulary({
  en: ['outlet', 'outlets', 'socket', 'receptacle', 'light fixture', 'ceiling light', 'light', 'lights', 'lamp', 'electrical panel', 'panel', 'breaker', 'breaker box', 'fuse box', 'switch', 'light switch', 'wire', 'wires', 'wiring', 'fixture', 'exhaust fan', 'ceiling fan', 'bathroom fan', 'plug', 'cord', 'extension cord', 'junction box', 'smoke detector'],
  es: ['enchufe', 'enchufes', 'tomacorriente', 'contacto', 'lampara', 'foco', 'focos', 'luz', 'luces', 'apagador', 'interruptor', 'panel', 'breaker', 'cables', 'cable', 'alambres', 'caja de fusibles', 'ventilador de techo'],
});
const POP = vocabulary({ en: ['popping', 'popped', 'pops', 'bang', 'flash', 'flashed', 'buzzing loud', 'crackling', 'sizzling', 'sizzle'], es: ['trueno', 'tronido', 'chasquido', 'chisporroteo', 'tronando', 'trono', 'exploto'] });
const HOT = vocabulary({ en: ['hot', 'warm', 'too hot', 'hot to the touch', 'melted', 'melting', 'scorched', 'black marks', 'scorch marks', 'buzzing', 'burn marks', 'blackened'], es: ['caliente', 'calienta', 'derretido', 'derretida', 'negro', 'negra', 'zumba', 'zumbido'] });
const NOT_HOT_FITTING = vocabulary({ en: ['dimmer', 'hot water', 'hot water heater'], es: ['agua caliente'] });
const FIXTURE = vocabulary({ en: ['ceiling fan', 'fan', 'light fixture', 'fixture', 'lamp', 'chandelier', 'ceiling light'], es: ['abanico', 'ventilador', 'lampara', 'candil'] });
const ABOUT_TO_FALL = vocabulary({ en: ['going to fall', 'about to fall', 'fall off', 'falling', 'hanging by', 'hanging from the wires', 'coming down', 'wobbles so bad', 'gonna fall'], es: ['se va a caer', 'se esta cayendo', 'colgando', 'como que se va a caer', 'a punto de caer'] });
const WIRES_SHOWING = vocabulary({ en: ['can see the wires', 'see the wires', 'wires showing', 'wires are showing', 'no cover plate', 'cover plate missing', 'missing cover plate', 'no faceplate'], es: ['se ven los cables', 'se ven los alambres', 'sin tapa', 'no tiene tapa'] });
const SHOCK = vocabulary({ en: ['shocked me', 'shocks me', 'got shocked', 'got a shock', 'zapped', 'electrocuted', 'electric shock', 'gave me a shock'], es: ['toque', 'toques', 'descarga', 'descargas', 'electrocuto', 'electrocutado', 'me dio corriente', 'da corriente'] });
const WATER_PRESENT = vocabulary({
  en: ['water', 'wet', 'leak', 'leaking', 'leaks', 'drip', 'dripping', 'drips', 'pour', 'pouring', 'flood', 'flooding', 'soaked', 'puddle', 'spray', 'spraying', 'rain', 'raining'],
  es: ['agua', 'mojado', 'mojada', 'gotea', 'gotear', 'goteando', 'goteo', 'gotera', 'fuga', 'chorrea', 'chorreando', 'inundado', 'inundada', 'charco'],
});
const ACTIVE_WATER = vocabulary({
  en: ['flood', 'flooding', 'flooded', 'floods', 'burst', 'bursting', 'busted pipe', 'broken pipe', 'pipe broke', 'pouring', 'pours', 'poured', 'gushing', 'gushes', '=spraying', 'water spraying', 'spewing', '=rushing', 'water main break', 'water will not stop', 'will not stop leaking', 'can not turn off the water', 'can not shut off the water', 'can not shut the water off', 'can not turn the water off', 'water will not shut off', 'water will not turn off', 'coming in fast', 'running in the wall', 'running in my wall', 'running inside the wall'],
  es: ['inundado', 'inundada', 'inundacion', 'inundando', 'inunda', 'inundo', 'reventado', 'reventada', 'revento', 'tubo roto', 'tuberia rota', 'chorros', 'a chorros', 'no para de salir agua', 'no para el agua', 'sale mucha agua', 'no se detiene el agua'],
});
const NOT_ACTIVE = vocabulary({ en: ['rain pouring', 'pouring rain', 'it poured', 'when i shower', 'when we shower', 'after a shower'], es: [] });
const SEWAGE = vocabulary({ en: ['sewage', 'raw sewage', 'sewer water', 'sewer backup', 'human waste', 'sewer', 'toilet water', 'brown water', 'dirty water', 'black water', 'poop water', 'poopy water'], es: ['aguas negras', 'agua negra', 'aguas residuales', 'agua sucia', 'aguas del drenaje', 'agua cafe'] });
const PIPE = vocabulary({ en: ['pipe', 'pipes', 'water line', 'supply line', 'hose'], es: ['tubo', 'tubos', 'tuberia', 'caneria', 'manguera'] });
const PIPE_BROKE = vocabulary({ en: ['burst', 'broke', 'broken', 'busted', 'split', 'snapped', 'came off'], es: ['se rompio', 'rota', 'roto', 'reviento', 'revento', 'reventada', 'reventado', 'se zafo'] });
const BACKS_UP = vocabulary({
  en: ['backing up', 'backed up', 'back up', 'backs up', 'coming up', 'came up', 'comes up', 'overflowing', 'overflowed', 'everywhere', 'all over', 'on the floor', 'into', 'flooding', 'spilling', 'bubbling up', 'gurgling up'],
  es: ['se regresa', 'regresa', 'se sale', 'sale', 'saliendo', 'sube', 'subiendo', 'desborda', 'desbordando', 'por todas partes', 'en el piso', 'inundando'],
});
const BACKUP_INTO = vocabulary({
  en: ['backing up into', 'backed up into', 'backing up in', 'backed up in', 'coming up into', 'coming up in', 'coming up through', 'comes up in', 'came up in', 'came up into', 'coming out of the', 'bubbling up in', 'backs up into'],
  es: ['se regresa a', 'se regresa por', 'sale por', 'sube por', 'sale en'],
});
/** What makes water backing up into a tub sewage: the toilet or the sewer, not the tub's own drain. */
const SEWER_SOURCE = vocabulary({ en: ['toilet', 'sewer', 'sewage', 'poop', 'brown', 'black', 'smells', 'smell', 'stinks'], es: ['inodoro', 'escusado', 'drenaje', 'caca', 'negra', 'cafe', 'huele', 'olor'] });
const LOW_DRAIN = vocabulary({ en: ['tub', 'bathtub', 'shower', 'floor', 'basement', 'floor drain'], es: ['tina', 'banera', 'ducha', 'regadera', 'piso', 'coladera'] });
const TRAPPED = vocabulary({
  en: ['=trapped', 'locked in', 'locked inside', 'stuck inside', 'can not get out', 'stuck in the elevator', 'stuck in elevator', 'stuck in an elevator', 'stuck in the bathroom', 'stuck in my room', 'stuck in the room', 'stuck between floors', 'stuck inside the elevator', 'stuck en el elevator', 'stuck en el elevador', 'people inside', 'locked herself in', 'locked himself in', 'locked themselves in', 'locked myself in'],
  es: ['atrapado', 'atrapada', 'atrapados', 'atrapadas', 'encerrado', 'encerrada', 'encerrados', 'encerradas', 'se encerro', 'no puedo salir', 'no podemos salir', 'no puede salir', 'no pueden salir', 'gente adentro', 'personas adentro', 'atorado en el elevador', 'atorada en el elevador'],
});
const PERSON = vocabulary({ en: ['=i', '=we', 'someone', 'somebody', 'people', 'person', 'mom', 'dad', 'mother', 'father', '=son', 'daughter', '=kid', '=kids', 'child', 'baby', 'grandma', 'grandpa', 'neighbor', 'wife', 'husband'], es: ['mi mama', 'mi papa', 'mama', 'papa', 'hijo', 'hija', 'nino', 'nina', 'bebe', 'alguien', 'gente', 'abuela', 'abuelo', 'esposo', 'esposa', 'vecino', 'vecina'] });
const STUCK = vocabulary({ en: ['stuck', 'locked in'], es: ['atorado', 'atorada', 'atrapado', 'atrapada', 'stuck'] });
const STRUCTURE = vocabulary({
  en: ['ceiling', 'ceilings', 'wall', 'walls', 'floor', 'roof', 'beam', 'beams', 'balcony', 'deck', 'porch', 'foundation', 'joist', 'joists', 'stairs', 'staircase', 'drywall', 'plaster', 'sheetrock'],
  es: ['techo', 'pared', 'paredes', 'piso', 'suelo', 'balcon', 'viga', 'vigas', 'cimiento', 'cimientos', 'plafon', 'cielo raso', 'yeso', 'escalera', 'tablaroca'],
});
const COLLAPSE = vocabulary({
  en: ['collapse', 'collapsed', 'collapsing', 'caving', 'caved', 'cave in', 'fell in', 'falling in', 'falling down', 'fell down', 'coming down', 'came down', 'about to fall', 'about to collapse', 'going to fall', 'gonna fall', 'going to collapse', 'giving way', 'gave way', 'fell', 'falling', 'falling apart', 'crumbling', 'fallen', 'pulling away', 'separating from', 'shifting', '=sinking', 'opened up', 'sloping'],
  es: ['se cayo', 'se cae', 'se esta cayendo', 'se va a caer', 'cayendo', 'derrumbo', 'derrumbe', 'derrumbando', 'colapso', 'colapsado', 'colapsando', 'se vino abajo', 'se hundio', 'hundiendo', 'a punto de caer', 'desplomo', 'se desplomo', 'desmoronando', 'despegando', 'se esta despegando', 'se esta separando', 'se hunde', 'se esta hundiendo'],
});
const NOT_STRUCTURE = vocabulary({ en: ['countertop', 'counter', 'backsplash', 'cabinet', 'cabinets', 'paint', 'wallpaper', 'caulk', 'picture', 'shelf', 'towel', 'curtain', 'blinds', 'tile', 'tiles', 'mirror', 'hook', 'clock', 'tv', 'light', 'fixture', 'cover', 'vent cover', 'smoke detector', 'detector', 'fan', 'trim', 'baseboard', 'rod', 'rack', 'holder', 'bar', 'asleep'], es: ['pintura', 'cuadro', 'repisa', 'cortina', 'persiana', 'azulejo', 'espejo', 'foco', 'lampara', 'tapa', 'detector', 'zoclo'] });
const SAG = vocabulary({
  en: ['sag', 'sagging', 'sags', 'saggy', 'bulge', 'bulging', 'bulges', 'bowing', 'bowed', 'buckling', 'buckled', 'drooping', 'hanging down', 'dipping', 'bubbling', 'ballooning', 'soft', 'spongy', 'soft spot', 'giving'],
  es: ['abombado', 'abombada', 'pandeado', 'pandeada', 'hundido', 'hundida', 'colgando', 'inflado', 'inflada', 'bolsa', 'se esta bajando', 'vencido', 'vencida', 'blando', 'blanda', 'esponjoso', 'se va a hundir'],
});
const CRACK = vocabulary({ en: ['crack', 'cracks', 'cracked', 'cracking'], es: ['grieta', 'grietas', 'cuarteado', 'cuarteada', 'rajado', 'rajada', 'rajadura', 'fisura', 'fisuras'] });
const LOAD_BEARING = vocabulary({ en: ['ceiling', 'beam', 'beams', 'foundation', 'joist', 'balcony', 'load bearing'], es: ['techo', 'viga', 'vigas', 'cimiento', 'cimientos', 'balcon', 'plafon'] });
const GROWING = vocabulary({ en: ['big', 'huge', 'large', 'wide', 'growing', 'getting bigger', 'getting worse', 'long', 'spreading', 'deep'], es: ['grande', 'enorme', 'crece', 'creciendo', 'mas grande', 'profunda', 'larga'] });
const NOT_A_CRACK = vocabulary({ en: ['paint', 'cosmetic', 'hairline', 'been there', 'old crack'], es: ['pintura', 'cosmetico', 'de siempre'] });
const SHARDS = vocabulary({ en: ['shards', 'broken glass', 'glass everywhere', 'glass all over', 'shattered glass'], es: ['pedazos de vidrio', 'vidrios rotos', 'vidrio roto', 'cristales rotos', 'vidrios por todas partes'] });
const FALLING_OBJECTS = vocabulary({ en: ['chimney', 'brick', 'bricks', 'roof tile', 'roofing sheet', 'sheet metal', 'flashing'], es: ['chimenea', 'ladrillo', 'ladrillos', 'teja', 'tejas', 'lamina'] });
const MAY_FALL = vocabulary({ en: ['loose', 'fell', 'falling', 'hanging', 'about to fall', 'going to fall', 'dangling', 'coming off'], es: ['suelto', 'suelta', 'sueltos', 'se cayo', 'cayendo', 'colgando', 'se va a caer', 'flojo', 'floja'] });
const GLASS = vocabulary({ en: ['glass', 'pane', 'panes', 'window', 'windows', 'windowpane', 'mirror', 'sliding door', 'shower door', 'glass door'], es: ['vidrio', 'vidrios', 'cristal', 'cristales', 'ventana', 'ventanas', 'espejo'] });
const SHATTERED = vocabulary({
  en: ['broken', 'broke', 'shattered', 'shatter', 'smashed', 'cracked', '=crack', 'busted', 'break', 'everywhere'],
  es: ['roto', 'rota', 'rotos', 'rotas', 'quebrado', 'quebrada', 'quebro', 'rompio', 'estrellado', 'estrellada', 'estallo', 'rajado', 'rajada', 'por todas partes'],
});
const WINDOW_PART = vocabulary({ en: ['blinds', 'latch', 'crank', 'handle', 'screen', 'track', 'lock', 'frame', 'seal', 'cord', 'lever', 'sill', 'balance', 'shade', 'curtain'], es: ['persiana', 'mosquitero', 'manija', 'seguro', 'cerradura', 'riel', 'marco', 'cortina'] });
const DOOR = vocabulary({
  en: ['door', 'doors', 'front door', 'entry door', 'entrance', 'entrance door', 'main door', 'apartment door', 'back door', 'lobby door', 'building door', 'unit door', 'deadbolt', 'dead bolt', 'lock', 'locks', 'door lock', 'front gate'],
  es: ['puerta', 'puerta principal', 'puerta de entrada', 'entrada', 'cerradura', 'chapa', 'cerrojo', 'porton'],
});
const LOCK_BROKEN = vocabulary({ en: ['broken', 'broke', 'busted', 'not working', 'does not work', 'jammed open', 'missing'], es: ['rota', 'roto', 'se rompio', 'no sirve', 'no funciona', 'descompuesta', 'falta'] });
const LOCK_NOUNS = vocabulary({ en: ['lock', 'locks', 'deadbolt', 'dead bolt', 'door lock', 'latch'], es: ['cerradura', 'chapa', 'cerrojo', 'seguro'] });
const STILL_SECURE = vocabulary({ en: ['unless', 'still locks', 'still closes', 'still latches', 'but it locks', 'but locks', 'it locks', 'closer', 'on its own', 'by itself'], es: ['si cierra', 'cierra con seguro', 'pero cierra', 'todavia cierra'] });
const LOCK_WORDS = vocabulary({ en: ['lock', 'locks', 'locking', 'deadbolt', 'dead bolt', 'key', 'keys', 'latch'], es: ['cerradura', 'chapa', 'cerrojo', 'llave', 'seguro', 'candado'] });
const SECURE_FAIL = vocabulary({
  en: ['will not lock', 'does not lock', 'can not lock', 'not locking', 'no lock', 'lock is broken', 'lock broke', 'lock broken', 'broken lock', 'lock does not work', 'lock is not working', 'lock will not', 'will not close', 'does not close', 'can not close', 'not closing', 'will not shut', 'does not shut', 'can not shut', 'kicked in', 'broken into', 'broke in', 'broke into', 'forced open', 'pried open', 'wide open', 'deadbolt is broken', 'deadbolt broke', 'deadbolt will not', 'will not latch', 'does not latch', 'not latching', 'can not secure', 'stays open', 'will not stay closed', 'unlocked'],
  es: ['no cierra', 'no se cierra', 'no puedo cerrar', 'no se puede cerrar', 'no cierra con llave', 'no tiene seguro', 'no asegura', 'no se asegura', 'cerradura rota', 'cerradura no sirve', 'cerradura no funciona', 'se rompio la cerradura', 'chapa rota', 'chapa no sirve', 'la forzaron', 'forzaron', 'patearon', 'no tranca', 'no traba', 'no pone el seguro', 'no tiene chapa', 'no tiene cerradura'],
});
const NOT_ENTRY = vocabulary({
  en: ['handle', 'knob', 'doorknob', 'hinge', 'hinges', 'frame', 'stopper', 'peephole', 'sweep', 'track', 'closer', 'squeak', 'squeaks', 'paint', 'bedroom', 'bathroom', 'closet', 'cabinet', 'shower', 'screen', 'oven', 'fridge', 'freezer', 'dishwasher', 'washer', 'dryer', 'microwave', 'garage', 'storm', 'pantry', 'laundry', 'kitchen', 'mailbox', 'car', 'window', 'windows', 'patio', 'balcony', 'bedrooms', 'sliding', 'interior', 'room', 'cupboard', 'privacy', 'closer', 'on its own', 'by itself', 'propped'],
  es: ['manija', 'perilla', 'bisagra', 'bisagras', 'marco', 'cuarto', 'recamara', 'habitacion', 'bano', 'closet', 'armario', 'gabinete', 'horno', 'refrigerador', 'nevera', 'ducha', 'cocina', 'buzon', 'ventana', 'patio', 'balcon', 'alacena', 'carro', 'privacidad', 'sola'],
});
const BREAK_IN = vocabulary({ en: ['someone broke in', 'somebody broke in', 'they broke in', 'broken into', 'break in', 'broke into', 'burglary', 'burglar', 'intruder', 'robbed', 'kicked in', 'kicked the door', 'forced the door', 'forced open'], es: ['se metieron a robar', 'entraron a robar', 'nos robaron', 'robaron', 'forzaron', 'patearon la puerta', 'intruso', 'ladron', 'ladrones'] });
const WINDOW = vocabulary({ en: ['window', 'windows'], es: ['ventana', 'ventanas'] });
const GROUND_LEVEL = vocabulary({ en: ['ground floor', 'first floor', '1st floor', 'street level', 'basement', 'anyone can', 'anyone could', 'someone could', 'somebody could', 'someone can', 'climb in', 'get in'], es: ['planta baja', 'primer piso', 'primer nivel', 'cualquiera puede', 'alguien puede', 'pueden entrar', 'se pueden meter'] });
const WINDOW_SECURE_FAIL = vocabulary({ en: ['will not lock', 'does not lock', 'can not lock', 'lock is broken', 'lock broken', 'broken lock', 'latch is broken', 'latch broken', 'will not close', 'does not close', 'can not close', 'can not be closed', 'will not latch', 'does not latch', 'swings open', 'broken', 'broke', 'smashed', 'shattered'], es: ['no cierra', 'no se cierra', 'no se puede cerrar', 'no tiene seguro', 'seguro roto', 'seguro no sirve', 'no puedo cerrar', 'rompieron', 'rota', 'se rompio', 'quebraron'] });
const RAILING = vocabulary({ en: ['railing', 'railings', 'handrail', 'handrails', 'hand rail', 'banister', 'bannister', 'guardrail', 'guard rail', 'rail', 'window guard', 'grab bar', 'rung', 'rungs', 'ladder', 'fire escape'], es: ['barandal', 'barandales', 'barandilla', 'pasamanos', 'baranda'] });
const LOOSE = vocabulary({
  en: ['loose', 'wobbly', 'wobbles', 'wobbling', 'shaky', 'shakes', 'broken', 'broke', 'came off', 'fell off', 'came loose', 'coming loose', 'coming off', 'pulling out', 'pulled out', 'ripped out', 'missing', 'falling off', 'gave way', 'giving way', 'detached', 'rotten', 'rotting', 'unstable', 'moves', 'moving', 'cracked', 'collapsed', 'hole', 'crumbling', 'split', 'fell', 'came right off', 'off the wall', 'ripped off', 'pulled off', 'came out', 'wiggles', 'wiggle', 'rusted through'],
  es: ['suelto', 'suelta', 'sueltos', 'flojo', 'floja', 'flojos', 'roto', 'rota', 'rotos', 'se cayo', 'se zafo', 'zafado', 'se mueve', 'tambalea', 'falta', 'se desprendio', 'desprendido', 'podrido', 'podrida', 'inestable', 'quebrado', 'quebrada', 'hoyo', 'agujero', 'se salio', 'se zafo'],
});
const STEPS = vocabulary({ en: ['step', 'steps', 'stair', 'stairs', 'stairway', 'staircase', 'stairwell', 'stoop', 'tread', 'treads'], es: ['escalon', 'escalones', 'escalera', 'escaleras', 'peldano', 'peldanos'] });
const NOT_A_STEP = vocabulary({ en: ['light', 'lights', 'bulb', 'carpet cleaning', 'paint'], es: ['luz', 'foco', 'focos', 'pintura'] });
const FALL_RISK = vocabulary({
  en: ['hole in the floor', 'soft spot', 'floor is rotten', 'floor gave way', 'rotten floor', 'floor is giving way', 'tripping hazard', 'trip hazard', 'someone could fall', 'someone will fall', 'someone is going to fall', 'almost fell', 'nearly fell', 'i tripped', 'tripped on', 'tripped over', 'slipped', 'slipped and fell', 'fell down the stairs', 'could get hurt', 'someone will get hurt', 'someone could get hurt'],
  es: ['hoyo en el piso', 'agujero en el piso', 'piso podrido', 'alguien se puede caer', 'se puede caer alguien', 'casi me caigo', 'me cai', 'se tropezo', 'me tropece', 'alguien se va a lastimar', 'peligro'],
});
const WINDOW_GUARD = vocabulary({ en: ['window guard', 'window guards', 'child guard'], es: ['proteccion de la ventana', 'reja de la ventana'] });
const ROT = vocabulary({ en: ['rotted', 'rotten', 'rotting', 'rotted through', 'went through', 'foot went through', 'soft', 'spongy', 'hole'], es: ['podrido', 'podrida', 'podridas', 'se hundio', 'blando', 'blanda', 'hoyo', 'agujero'] });
const WALKING_SURFACE = vocabulary({ en: ['deck', 'boards', 'board', 'floor', 'floorboard', 'stairs', 'steps', 'porch', 'balcony', 'walkway'], es: ['piso', 'tablas', 'escalon', 'escalones', 'balcon', 'porche', 'banqueta'] });
const ICE = vocabulary({ en: ['ice', 'icy', 'iced over', 'slippery'], es: ['hielo', 'resbaloso', 'resbaladizo', 'resbalosa'] });
const WALKWAY = vocabulary({ en: ['stairs', 'steps', 'walkway', 'sidewalk', 'entrance', 'path', 'driveway', 'parking lot', 'stoop', 'porch'], es: ['banqueta', 'acera', 'entrada', 'escaleras', 'escalones', 'estacionamiento', 'pasillo'] });
const STINGERS = vocabulary({ en: ['wasp', 'wasps', 'hornet', 'hornets', 'yellow jacket', 'yellow jackets', 'yellowjacket', 'bee', 'bees', 'beehive', 'hive', 'wasp nest', 'bee nest'], es: ['avispa', 'avispas', 'avispero', 'abeja', 'abejas', 'panal', 'panal de abejas'] });
const ALLERGY_OR_STING = vocabulary({
  en: ['allergic', 'allergy', 'allergies', 'epipen', 'epi pen', 'anaphylactic', 'stung', 'sting', 'stings', 'stinging', 'got stung'],
  es: ['alergico', 'alergica', 'alergicos', 'alergia', 'alergias', 'me pico', 'nos pico', 'pico a', 'picaron', 'picadura', 'picaduras', 'picando'],
});
const VENOMOUS = vocabulary({ en: ['scorpion', 'scorpions', 'black widow', 'brown recluse'], es: ['alacran', 'alacranes', 'escorpion', 'escorpiones', 'viuda negra'] });
const NEAR_DOORS = vocabulary({ en: ['door', 'doors', 'window', 'windows', 'entrance', 'front steps', 'steps', 'porch', 'inside', 'getting in', 'coming in', 'balcony', 'doorway', 'patio'], es: ['puerta', 'ventana', 'ventanas', 'entrada', 'adentro', 'balcon', 'porche', 'se meten'] });
const BITES = vocabulary({ en: ['got bit', 'getting bit', 'bit by', 'bitten', 'bites', 'biting', 'bug bites', 'itchy bumps', 'red dots', 'welts'], es: ['me pican', 'nos pican', 'ronchas', 'picaduras', 'mordidas'] });
const FLEAS = vocabulary({ en: ['flea', 'fleas'], es: ['pulga', 'pulgas'] });
const WILD_ANIMALS = vocabulary({ en: ['raccoon', 'raccoons', 'possum', 'opossum', 'skunk'], es: ['mapache', 'zarigueya', 'tlacuache', 'zorrillo'] });
const AGGRESSIVE = vocabulary({ en: ['hissing', 'hiss', 'hisses', 'aggressive', 'attack', 'attacked', 'at people', 'charged', 'in the apartment', 'in the unit', 'inside'], es: ['agresivo', 'ataco', 'adentro', 'en la casa', 'en el departamento'] });
const LOCK_CHANGE = vocabulary({ en: ['change the locks', 'locks changed', 'change my locks', 'rekey', 're key', 'new locks', 'change the lock'], es: ['cambiar la chapa', 'cambiar la cerradura', 'cambien la chapa', 'cambien la cerradura', 'cambiar las chapas', 'cambio de chapa'] });
const THREAT = vocabulary({ en: ['following me', 'stalker', 'stalking', 'threatening', 'threatened', 'abusive', 'violent', 'restraining order', 'danger', 'scared', 'afraid', 'unsafe', 'harass'], es: ['me amenazo', 'amenaza', 'acosando', 'acoso', 'me sigue', 'peligro', 'miedo', 'violento', 'orden de restriccion'] });
const BED_BUGS = vocabulary({ en: ['bed bug', 'bed bugs', 'bedbug', 'bedbugs'], es: ['chinche', 'chinches', 'chinches de cama'] });
const RODENTS = vocabulary({ en: ['mouse', 'mice', '=rat', '=rats', 'rodent', 'rodents', '=droppings', 'mouse poop', 'rat poop'], es: ['raton', 'ratones', '=rata', '=ratas', 'roedor', 'roedores'] });
const BATS = vocabulary({ en: ['=bat', '=bats'], es: ['murcielago', 'murcielagos'] });
const MOLD = vocabulary({ en: ['mold', 'mould', 'mildew', 'moldy', 'black mold'], es: ['moho', 'hongo', 'hongos', 'humedad'] });
const SICK = vocabulary({
  en: ['asthma', 'asthmatic', 'sick', 'breathing', 'respiratory', 'coughing', 'cough', 'headaches', 'headache', 'allergies', 'allergic', 'making us sick', 'health'],
  es: ['asma', 'asmatico', 'asmatica', 'enfermo', 'enferma', 'enfermos', 'tos', 'respirar', 'alergia', 'alergias', 'salud'],
});
const EXPOSED = vocabulary({
  en: ['exposed', 'bare', 'hanging', 'dangling', 'loose', 'sticking out', 'frayed', 'uncovered', 'no cover', 'open', 'hanging out', 'pulled out', 'coming out of the wall', 'out of the wall', 'cover missing', 'missing cover'],
  es: ['expuesto', 'expuestos', 'expuesta', 'pelado', 'pelados', 'suelto', 'sueltos', 'colgando', 'al aire', 'al descubierto', 'sin tapa', 'salidos'],
});
const LIVE_WIRES = vocabulary({ en: ['wire', 'wires', 'wiring', 'junction box', 'electrical box', 'panel cover', 'live wire', 'live wires'], es: ['cable', 'cables', 'alambre', 'alambres', 'cableado'] });
const APPLIANCE_HEAT = vocabulary({ en: ['stove', 'burner', 'burners', 'oven', 'range', 'cooktop', 'stovetop'], es: ['estufa', 'hornilla', 'hornillas', 'horno', 'quemador'] });
const STAYS_ON = vocabulary({ en: ['will not turn off', 'can not turn off', 'will not shut off', 'can not shut off', 'stays on', 'stuck on', 'keeps running', 'does not turn off', 'turns on by itself', 'on by itself'], es: ['no se apaga', 'no apaga', 'se queda prendido', 'se queda prendida', 'se queda encendido', 'se queda encendida', 'se prende solo', 'se prende sola'] });

const CONCEPTS: Concept[] = [
  { label: 'gas smell or leak', priority: 'emergency', firm: true, trade: 'plumbing', cues: [GAS, SMELL], within: 6 },
  { label: 'gas smell or leak', priority: 'emergency', firm: true, trade: 'plumbing', cues: [GAS_APPLIANCE_LEAK, SMELL], within: 6 },
  { label: 'carbon monoxide', priority: 'emergency', firm: true, trade: 'hvac', alsoTrade: 'plumbing', cues: [CO] },
  { label: 'carbon monoxide alarm', priority: 'emergency', firm: true, trade: 'hvac', alsoTrade: 'plumbing', cues: [CO_DETECTOR, SOUNDING], within: 4, inNames: true },
  { label: 'fire', priority: 'emergency', firm: true, trade: null, fallbackTrade: 'electrical', cues: [FIRE], unless: NOT_FIRE },
  { label: 'smoke', priority: 'emergency', firm: true, trade: null, fallbackTrade: 'electrical', cues: [SMOKE], unless: TOBACCO },
  { label: 'burning smell', priority: 'emergency', firm: true, trade: null, fallbackTrade: 'electrical', cues: [BURNT, ODOR], within: 4, unless: COOKING },
  { label: 'sparks', priority: 'emergency', firm: true, trade: null, fallbackTrade: 'electrical', cues: [SPARKS] },
  { label: 'electrical fitting popping or flashing', priority: 'emergency', trade: 'electrical', cues: [POP, ELECTRICAL_FITTING], within: 4 },
  { label: 'hot, buzzing or scorched electrical fitting', priority: 'high', trade: 'electrical', cues: [ELECTRICAL_FITTING, HOT], within: 8, unless: NOT_HOT_FITTING },
  { label: 'fixture about to fall', priority: 'high', trade: 'electrical', cues: [FIXTURE, ABOUT_TO_FALL], within: 8 },
  { label: 'electric shock', priority: 'emergency', trade: 'electrical', cues: [SHOCK] },
  { label: 'water meeting electricity', priority: 'emergency', trade: 'plumbing', alsoTrade: 'electrical', weatherTrade: 'roofing', cues: [WATER_PRESENT, ELECTRICAL_FITTING], within: 4, water: true },
  { label: 'active flooding', priority: 'emergency', trade: null, fallbackTrade: 'plumbing', cues: [ACTIVE_WATER], unless: NOT_ACTIVE, water: true },
  { label: 'burst pipe', priority: 'emergency', trade: 'plumbing', cues: [PIPE, PIPE_BROKE], within: 3, water: true },
  { label: 'sewage backing up', priority: 'emergency', trade: 'plumbing', cues: [SEWAGE, BACKS_UP], within: 6, water: true },
  { label: 'sewage backing up', priority: 'emergency', trade: 'plumbing', cues: [BACKUP_INTO, LOW_DRAIN, SEWER_SOURCE], within: 8, water: true },
  { label: 'sewer smell', priority: 'medium', safety: false, trade: 'plumbing', cues: [SEWAGE, ODOR], within: 4, kind: 'problem' },
  { label: 'someone trapped', priority: 'emergency', trade: null, fallbackTrade: 'general', cues: [TRAPPED] },
  { label: 'structure collapsing', priority: 'emergency', trade: null, fallbackTrade: 'general', weatherTrade: 'roofing', cues: [STRUCTURE, COLLAPSE], within: 4, unless: NOT_STRUCTURE },
  { label: 'sagging or soft structure', priority: 'high', trade: null, fallbackTrade: 'general', weatherTrade: 'roofing', cues: [STRUCTURE, SAG], within: 5 },
  { label: 'cracked structure', priority: 'high', trade: 'general', cues: [LOAD_BEARING, CRACK], within: 5, unless: NOT_A_CRACK },
  { label: 'cracked structure', priority: 'high', trade: 'general', cues: [STRUCTURE, CRACK, GROWING], within: 5, unless: NOT_A_CRACK },
  { label: 'something that may fall on people', priority: 'high', trade: 'roofing', cues: [FALLING_OBJECTS, MAY_FALL], within: 5 },
  { label: 'broken glass', priority: 'high', trade: 'general', cues: [GLASS, SHATTERED], within: 6, unless: WINDOW_PART },
  { label: 'broken glass', priority: 'high', trade: 'general', cues: [SHARDS] },
  { label: 'break-in', priority: 'emergency', trade: 'locksmith', alsoTrade: 'general', cues: [BREAK_IN] },
  { label: 'ground-floor window that cannot be secured', priority: 'emergency', trade: 'general', alsoTrade: 'locksmith', cues: [WINDOW, WINDOW_SECURE_FAIL, GROUND_LEVEL], within: 12 },
  { label: 'loose or broken railing', priority: 'high', trade: 'general', cues: [RAILING, LOOSE], within: 8, unless: WINDOW_GUARD },
  { label: 'loose window guard', priority: 'high', raisable: false, trade: 'general', cues: [WINDOW_GUARD, LOOSE], within: 5 },
  { label: 'broken step', priority: 'high', trade: 'general', cues: [STEPS, LOOSE], within: 6, unless: NOT_A_STEP },
  { label: 'rotten floor or deck', priority: 'high', trade: 'general', cues: [ROT, WALKING_SURFACE], within: 5 },
  { label: 'fall risk', priority: 'high', trade: 'general', cues: [FALL_RISK] },
  { label: 'ice on a walkway', priority: 'high', trade: 'general', cues: [ICE, WALKWAY], within: 5 },
  { label: 'stinging insects with an allergy or a sting', priority: 'high', raisable: false, trade: 'pest', cues: [STINGERS, ALLERGY_OR_STING], anywhere: true },
  { label: 'stinging insects by a door', priority: 'high', safety: false, raisable: false, trade: 'pest', cues: [STINGERS, NEAR_DOORS], within: 20, kind: 'problem' },
  { label: 'stinging insects', priority: 'medium', safety: false, raisable: false, trade: 'pest', cues: [STINGERS], kind: 'problem' },
  { label: 'venomous pests', priority: 'high', raisable: false, trade: 'pest', cues: [VENOMOUS] },
  { label: 'bed bugs', priority: 'high', raisable: false, trade: 'pest', cues: [BED_BUGS] },
  { label: 'bites in bed', priority: 'high', raisable: false, trade: 'pest', cues: [BITES] },
  { label: 'fleas', priority: 'high', raisable: false, trade: 'pest', cues: [FLEAS] },
  { label: 'rodents', priority: 'high', raisable: false, trade: 'pest', cues: [RODENTS] },
  { label: 'bats in the home', priority: 'high', raisable: false, trade: 'pest', cues: [BATS] },
  { label: 'wild animal threatening people', priority: 'high', raisable: false, trade: 'pest', cues: [WILD_ANIMALS, AGGRESSIVE], within: 10 },
  { label: 'mould with someone sick', priority: 'high', raisable: false, trade: 'general', cues: [MOLD, SICK], anywhere: true },
  { label: 'exposed wires', priority: 'high', trade: 'electrical', cues: [EXPOSED, LIVE_WIRES], within: 3 },
  { label: 'exposed wires', priority: 'high', trade: 'electrical', cues: [WIRES_SHOWING] },
  { label: 'locks to change for a threat', priority: 'high', trade: 'locksmith', cues: [LOCK_CHANGE, THREAT], anywhere: true },
  { label: 'stove that will not turn off', priority: 'high', trade: 'appliance', cues: [APPLIANCE_HEAT, STAYS_ON], within: 5 },
];

export function findHazards(words: readonly Word[]): Finding[] {
  const taken = takenBy(words, HARMLESS_NAMES);
  const findings: Finding[] = [];
  for (const concept of CONCEPTS) {
    for (const at of conceptMatches(words, concept, taken)) {
      findings.push({
        kind: concept.kind ?? 'hazard', label: concept.label, priority: concept.priority, safety: concept.safety ?? true, trade: concept.trade,
        ...(concept.fallbackTrade ? { fallbackTrade: concept.fallbackTrade } : {}), ...(concept.alsoTrade ? { alsoTrade: concept.alsoTrade } : {}),
        at: at.start, ...(concept.water ? { water: true } : {}), ...(concept.firm ? { firm: true } : {}), ...(concept.raisable === false ? { raisable: false } : {}),
        ...(concept.weatherTrade && has(words.filter((w) => w.sentence === words[at.start]!.sentence), WEATHER) ? { trade: concept.weatherTrade } : {}),
      });
    }
  }
  findings.push(...detectorFindings(words), ...doorFindings(words, taken), ...personStuck(words));
  // Someone behind a lock is the locksmith's; in an elevator or a room, the handyman's.
  const lock = has(words, LOCK_WORDS) || has(words, LOCKED_IN);
  return findings.map((f) => (f.label === 'someone trapped' && lock ? { ...f, trade: 'locksmith' as const } : f));
}

function takenBy(words: readonly Word[], names: Vocabulary): boolean[] {
  const taken = new Array<boolean>(words.length).fill(false);
  for (const m of findAll(words, names)) for (let i = m.start; i < m.end; i++) taken[i] = true;
  return taken;
}

/** The first cue's matches that have every other cue near them; one per sentence. */
function conceptMatches(words: readonly Word[], concept: Concept, taken: readonly boolean[]): Match[] {
  const [first, ...others] = concept.cues.map((v) => findAll(words, v, { ...(concept.inNames ? {} : { taken }), negated: false }));
  const sentences = new Set<number>();
  return (first ?? []).filter((m) => {
    const sentence = words[m.start]!.sentence;
    if (sentences.has(sentence)) return false;
    if (!others.every((matches) => (concept.anywhere ? matches.length > 0 : near(words, [m], matches, concept.within ?? 0).length > 0))) return false;
    if (concept.unless && has(words.filter((w) => w.sentence === sentence), concept.unless)) return false;
    sentences.add(sentence);
    return true;
  });
}

/** Locked in, not just stuck: a lock holds them. */
const LOCKED_IN = vocabulary({ en: ['locked in', 'locked herself in', 'locked himself in', 'locked themselves in', 'locked myself in', 'locked inside'], es: ['encerrado', 'encerrada', 'encerrados', 'encerradas', 'se encerro'] });
const LINKING = new Set(['is', 'are', 'am', 'm', 're', 'was', 'were', 'got', 'get', 'esta', 'estan', 'se', 'quedo', 'quedaron', 'still', 'now', 'ya', 'just']);
const OUTSIDE = new Set(['outside', 'out', 'afuera', 'fuera', 'on', 'at']);

/** "mi mom esta stuck", "I'm stuck in here": a person, then stuck, with only linking words between; not "stuck outside". */
function personStuck(words: readonly Word[]): Finding[] {
  const people = findAll(words, PERSON, { negated: false });
  for (const stuck of findAll(words, STUCK, { negated: false })) {
    if (OUTSIDE.has(words[stuck.end]?.form ?? '')) continue;
    const person = people.find((p) => p.end <= stuck.start && stuck.start - p.end <= 3 && words.slice(p.end, stuck.start).every((w) => LINKING.has(w.form)));
    if (person) return [{ kind: 'hazard', label: 'someone trapped', priority: 'emergency', safety: true, trade: null, fallbackTrade: 'general', at: stuck.start }];
  }
  return [];
}

/**
 * A smoke or CO detector: missing, removed or dead is a safety problem; chirping or going off with no smoke is high
 * but not safety (it still works). Either way the electrician's.
 */
function detectorFindings(words: readonly Word[]): Finding[] {
  for (const detector of findAll(words, ANY_DETECTOR)) {
    const dead = failed(words, detector) || near(words, [detector], findAll(words, DETECTOR_DEAD), 5).length > 0;
    const nagging = near(words, [detector], findAll(words, DETECTOR_NAGGING), 6).length > 0;
    if (dead) return [{ kind: 'hazard', label: 'smoke or CO detector missing or dead', priority: 'high', safety: true, trade: 'electrical', at: detector.start }];
    if (nagging) return [{ kind: 'problem', label: 'detector chirping or going off', priority: 'high', safety: false, trade: 'electrical', at: detector.start }];
  }
  return [];
}

/**
 * A door that cannot be closed or locked leaves the home open: an emergency for the entry door. A door named as an
 * inside one (bedroom, closet, oven) is not; a door or lock not named either way is taken as the entry. One that
 * still locks once shut is not open.
 */
function doorFindings(words: readonly Word[], taken: readonly boolean[]): Finding[] {
  const lockNouns = findAll(words, LOCK_NOUNS, { taken });
  const fails = [...findAll(words, SECURE_FAIL, { taken }), ...near(words, lockNouns, findAll(words, LOCK_BROKEN), 5).filter(([lock, broken]) => broken.start > lock.start).map(([lock]) => lock)];
  for (const door of findAll(words, DOOR, { taken })) {
    const sentence = words[door.start]!.sentence;
    if (near(words, [door], fails, 4).length === 0) continue;
    const clauseStart = words.findIndex((w) => w.clause === words[door.start]!.clause);
    const before = words.slice(Math.min(clauseStart, Math.max(0, door.start - 4)), door.end + 4).filter((w) => w.sentence === sentence);
    const inSentence = words.filter((w) => w.sentence === sentence);
    if (has(before, NOT_ENTRY) || has(inSentence, STILL_SECURE)) continue;
    const lock = has(inSentence, LOCK_WORDS);
    return [{ kind: 'hazard', label: 'entry door that cannot be closed or locked', priority: 'emergency', safety: true, trade: lock ? 'locksmith' : 'general', alsoTrade: lock ? 'general' : 'locksmith', at: door.start }];
  }
  return [];
}
