import { vocabulary } from './match';

/** The building's fabric and what falls or trips: ceilings, walls, floors, glass, railings, steps, ice, mould. */
export const STRUCTURE = vocabulary({
  en: ['ceiling', 'ceilings', 'wall', 'walls', 'floor', 'roof', 'beam', 'beams', 'balcony', 'deck', 'porch', 'foundation', 'joist', 'joists', 'stairs', 'staircase', 'drywall', 'plaster', 'sheetrock'],
  es: ['techo', 'pared', 'paredes', 'piso', 'suelo', 'balcon', 'viga', 'vigas', 'cimiento', 'cimientos', 'plafon', 'cielo raso', 'yeso', 'escalera', 'tablaroca'],
});
export const COLLAPSE = vocabulary({
  en: ['collapse', 'collapsed', 'collapsing', 'caving', 'caved', 'cave in', 'fell in', 'falling in', 'falling down', 'fell down', 'coming down', 'came down', 'about to fall', 'about to collapse', 'going to fall', 'gonna fall', 'going to collapse', 'giving way', 'gave way', 'fell', 'falling', 'falling apart', 'crumbling', 'fallen', 'pulling away', 'pulled away', 'pulled loose', 'just dropped', 'has dropped', 'dropped down', 'separating from', 'shifting', '=sinking', 'opened up', 'sloping'],
  es: ['se cayo', 'se cae', 'se esta cayendo', 'se va a caer', 'cayendo', 'derrumbo', 'derrumbe', 'derrumbando', 'colapso', 'colapsado', 'colapsando', 'se vino abajo', 'se hundio', 'hundiendo', 'a punto de caer', 'desplomo', 'se desplomo', 'desmoronando', 'despegando', 'se esta despegando', 'se esta separando', 'se hunde', 'se esta hundiendo'],
});
export const NOT_STRUCTURE = vocabulary({ en: ['countertop', 'counter', 'backsplash', 'cabinet', 'cabinets', 'paint', 'wallpaper', 'caulk', 'picture', 'shelf', 'towel', 'curtain', 'blinds', 'tile', 'tiles', 'mirror', 'hook', 'clock', 'tv', 'light', 'fixture', 'cover', 'vent cover', 'smoke detector', 'detector', 'fan', 'trim', 'baseboard', 'rod', 'rack', 'holder', 'bar', 'asleep', 'glass', 'nearly fell', 'almost fell', '=i =fell', '=she =fell', '=he =fell', 'tripped', 'slipped', 'downspout', 'siding', 'railing', 'handrail', 'hand rail', 'banister', 'rail', 'grab bar', 'gutter'], es: ['barandal', 'barandilla', 'pasamanos', 'baranda', 'pintura', 'cuadro', 'repisa', 'cortina', 'persiana', 'azulejo', 'espejo', 'foco', 'lampara', 'tapa', 'detector', 'zoclo', 'vidrio', 'cristal', 'casi me caigo', 'se tropezo', 'se resbalo', 'canaleta'] });
/** Pieces of a ceiling or a wall coming off now: about to collapse. */
export const DEBRIS = vocabulary({ en: ['plaster', 'chunks', 'chunk', 'pieces', 'drywall', 'debris', 'sheetrock'], es: ['yeso', 'pedazos', 'trozos', 'cachos', 'pedacitos', 'tablaroca'] });
export const DROPPING = vocabulary({
  en: ['dropping', 'drops', 'dropped', 'falling', 'falls', 'fell', 'coming down', 'came down', 'raining down', 'coming off', 'crumbling', 'flaking off'],
  es: ['cayendo', 'caen', 'cae', 'se cae', 'se caen', 'se cayo', 'se cayeron', 'se desprenden', 'desprendiendo', 'se esta cayendo', 'se estan cayendo'],
});
export const SAG = vocabulary({
  en: ['sag', 'sagging', 'sags', 'saggy', 'bulge', 'bulging', 'bulges', 'bowing', 'bowed', 'buckling', 'buckled', 'drooping', 'hanging down', 'dipping', 'bubbling', 'ballooning', 'soft', 'spongy', 'soft spot', 'giving'],
  es: ['abombado', 'abombada', 'pandeado', 'pandeada', 'hundido', 'hundida', 'colgando', 'inflado', 'inflada', 'bolsa', 'se esta bajando', 'vencido', 'vencida', 'blando', 'blanda', 'esponjoso', 'se va a hundir'],
});
export const CRACK = vocabulary({ en: ['crack', 'cracks', 'cracked', 'cracking'], es: ['grieta', 'grietas', '=cuarteado', '=cuarteada', 'rajado', 'rajada', 'rajadura', 'fisura', 'fisuras'] });
export const LOAD_BEARING = vocabulary({ en: ['ceiling', 'beam', 'beams', 'foundation', 'joist', 'balcony', 'load bearing'], es: ['techo', 'viga', 'vigas', 'cimiento', 'cimientos', 'balcon', 'plafon'] });
export const GROWING = vocabulary({ en: ['big', 'huge', 'large', 'wide', 'growing', 'getting bigger', 'getting worse', 'long', 'spreading', 'deep'], es: ['grande', 'enorme', 'crece', 'creciendo', 'mas grande', 'profunda', 'larga'] });
export const NOT_A_CRACK = vocabulary({ en: ['paint', 'cosmetic', 'hairline', 'been there', 'old crack'], es: ['pintura', 'cosmetico', 'de siempre'] });
export const SHARDS = vocabulary({
  en: ['shards', 'broken glass', 'glass everywhere', 'glass all over', 'shattered glass', 'glass on the floor', 'glass on the ground', 'glass in the', 'pieces of glass', 'bits of glass', 'glass pieces', 'glass shards'],
  es: ['pedazos de vidrio', 'vidrios rotos', 'vidrio roto', 'cristales rotos', 'cristal roto', 'vidrios por todas partes', 'vidrio en el piso', 'vidrios en el piso', 'vidrio en el suelo', 'vidrios en el suelo', 'cristal en el piso', 'cristales en el piso', 'pedazos de cristal', 'trozos de vidrio'],
});
export const FALLING_OBJECTS = vocabulary({ en: ['chimney', 'brick', 'bricks', 'roof tile', 'roofing sheet', 'sheet of roofing', 'sheet metal', 'metal sheet'], es: ['chimenea', 'ladrillo', 'ladrillos', 'teja', 'tejas', 'lamina', 'laminas'] });
/** Thin seals around a chimney or a vent: loose, they let water in, they fall on nobody. */
export const ROOF_SEALS = vocabulary({ en: ['flashing', 'sealant', 'caulk', 'chimney cap', 'boot'], es: ['sellador', 'tapajuntas', 'impermeabilizante'] });
/** Parts of a roof or a facade, which hurt someone only when they are coming off now. */
export const ROOF_PARTS = vocabulary({ en: ['roofing', 'roof', 'shingle', 'shingles', 'siding', 'gutter', 'gutters', 'flashing', 'fascia', 'soffit', 'facade', 'cornice', 'awning'], es: ['techo', 'tejado', 'teja', 'tejas', 'lamina', 'canaleta', 'canalon', 'fachada', 'cornisa', 'toldo'] });
export const COMING_OFF_NOW = vocabulary({
  en: ['pieces falling', 'pieces are falling', 'falling into', 'falling onto', 'falling on', 'fell on', 'fell onto', 'hanging over', 'about to fall', 'going to fall', 'gonna fall', 'could fall on', 'might fall on', 'came crashing'],
  es: ['caen pedazos', 'cayendo pedazos', 'se caen pedazos', 'se va a caer', 'a punto de caer', 'se cayo encima', 'cayendo en', 'cayendo sobre', 'colgando sobre'],
});
/** A sag that is full of water or already shedding: about to give way. */
export const ABOUT_TO_GIVE = vocabulary({
  en: ['about to fall', 'going to fall', 'gonna fall', 'about to collapse', 'going to collapse', 'gonna collapse', 'could fall', 'might fall', 'will fall', 'about to give', 'going to give', 'coming down', 'pieces falling', 'plaster falling', 'chunks falling', 'shedding', 'about to burst', 'going to burst', 'gonna burst', 'hear dripping', 'hear water', 'hear it dripping', 'full of water', 'filled with water', 'water inside', 'dripping inside', 'dripping into'],
  es: ['se va a caer', 'se va a venir abajo', 'a punto de caer', 'a punto de caerse', 'se puede caer', 'se va a reventar', 'a punto de reventar', 'caen pedazos', 'se caen pedazos', 'cayendo pedazos', 'se cae el yeso', 'lleno de agua', 'llena de agua', 'se oye gotear', 'se oye el agua', 'agua adentro'],
});
export const MAY_FALL = vocabulary({ en: ['loose', 'fell', 'falling', 'hanging', 'hangs', 'about to fall', 'going to fall', 'dangling', 'coming off', 'could fall', 'might fall', 'gonna fall'], es: ['suelto', 'suelta', 'sueltos', 'se cayo', 'cayendo', 'colgando', 'cuelga', 'cuelgan', 'se va a caer', 'flojo', 'floja', 'guindando', 'guinda', 'guindada', 'le puede caer', 'se puede caer'] });
/** A tree's parts over a walk, a drive, a door: a tree job, a danger only while it hangs. */
export const TREE_PARTS = vocabulary({ en: ['branch', 'branches', 'tree limb', 'limb', 'limbs'], es: ['rama', 'ramas', 'gajo'] });
export const OVER_PEOPLE = vocabulary({ en: ['over the', 'above the', 'where we', 'where people', 'where the kids', 'on someone', 'on somebody', 'on the car', 'on a car', 'hit someone', 'in the wind'], es: ['encima de', 'encima del', 'arriba de', 'arriba del', 'sobre el', 'sobre la', 'por donde', 'donde pasamos', 'a alguien', 'con el viento'] });
export const CRACKED_GLASS = vocabulary({ en: ['crack', 'cracks', 'cracked', 'cracking'], es: ['rajadura', 'rajado', 'rajada', 'grieta', 'estrellado', 'estrellada', '=cuarteado', '=cuarteada', 'fisura'] });
/** A chip or a hairline: glass that will not cut anyone (the guide's "tiny crack in a window corner"). */
export const SMALL_CRACK = vocabulary({ en: ['tiny', 'hairline', 'small crack', 'little crack', 'tiny crack', 'chip', 'chipped'], es: ['pequena', 'pequeno', 'chiquita', 'chiquito', 'rajadita', 'grietita'] });
/** Where a missing light means someone can fall. */
export const STAIR_PLACES = vocabulary({ en: ['stairwell', 'stairway', 'stairs', 'staircase', 'steps', 'hallway', 'corridor', 'landing'], es: ['escalera', 'escaleras', 'escalones', 'pasillo', 'pasillos'] });
export const DARK = vocabulary({ en: ['pitch black', 'pitch dark', 'completely dark', 'totally dark', 'so dark', 'really dark', 'very dark', 'can not see', 'in the dark'], es: ['a oscuras', 'oscuro', 'oscuras', 'muy oscuro', 'no se ve nada', 'no se ve'] });
export const GLASS = vocabulary({ en: ['glass', 'pane', 'panes', 'window', 'windows', 'windowpane', 'mirror', 'sliding door', 'shower door', 'glass door'], es: ['vidrio', 'vidrios', 'cristal', 'cristales', 'ventana', 'ventanas', 'espejo'] });
export const SHATTERED = vocabulary({
  en: ['broken', 'broke', 'shattered', 'shatter', 'smashed', 'cracked', '=crack', 'busted', 'break', 'everywhere', 'in pieces', 'to pieces', 'fell and broke', 'exploded'],
  es: ['roto', 'rota', 'rotos', 'rotas', 'quebrado', 'quebrada', 'quebro', 'se quebro', 'rompio', 'estrellado', 'estrellada', 'estallo', 'exploto', 'rajado', 'rajada', 'por todas partes', 'pedazos', 'se hizo pedazos', 'hecho pedazos', 'hecha pedazos', 'en pedazos', 'anicos', 'hecho anicos'],
});
/** Parts of a window that break without shards, and appliances' tempered glass: no broken glass about. */
export const WINDOW_PART = vocabulary({ en: ['blinds', 'latch', 'crank', 'handle', 'screen', 'track', 'lock', 'frame', 'seal', 'cord', 'lever', 'sill', 'balance', 'shade', 'curtain', 'oven', 'microwave', 'cooktop', 'stovetop'], es: ['persiana', 'mosquitero', 'manija', 'seguro', 'cerradura', 'riel', 'marco', 'cortina', 'horno', 'microondas'] });
export const RAILING = vocabulary({ en: ['railing', 'railings', 'handrail', 'handrails', 'hand rail', 'banister', 'bannister', 'guardrail', 'guard rail', 'rail', 'window guard', 'grab bar', 'rung', 'rungs', 'ladder', 'fire escape'], es: ['barandal', 'barandales', 'barandilla', 'pasamanos', 'baranda'] });
export const LOOSE = vocabulary({
  en: ['loose', 'wobbly', 'wobbles', 'wobbling', 'shaky', 'shakes', 'broken', 'broke', 'came off', 'fell off', 'came loose', 'coming loose', 'coming off', 'pulling out', 'pulled out', 'ripped out', 'missing', 'falling off', 'gave way', 'giving way', 'detached', 'rotten', 'rotting', 'unstable', 'moves', 'moving', 'cracked', 'collapsed', 'hole', 'crumbling', 'split', 'fell', 'came right off', 'off the wall', 'ripped off', 'pulled off', 'came out', 'wiggles', 'wiggle', 'rusted through'],
  es: ['suelto', 'suelta', 'sueltos', 'flojo', 'floja', 'flojos', 'roto', 'rota', 'rotos', 'se cayo', 'se zafo', 'zafado', 'se mueve', 'tambalea', 'falta', 'se desprendio', 'desprendido', 'podrido', 'podrida', 'inestable', 'quebrado', 'quebrada', 'hoyo', 'agujero', 'se salio', 'se zafo'],
});
export const STEPS = vocabulary({ en: ['step', 'steps', 'stair', 'stairs', 'stairway', 'staircase', 'stairwell', 'stoop', 'tread', 'treads'], es: ['escalon', 'escalones', 'escalera', 'escaleras', 'peldano', 'peldanos'] });
export const NOT_A_STEP = vocabulary({ en: ['light', 'lights', 'bulb', 'carpet cleaning', 'paint'], es: ['luz', 'foco', 'focos', 'pintura'] });
export const FALL_RISK = vocabulary({
  en: ['hole in the floor', 'soft spot', 'floor is rotten', 'floor gave way', 'rotten floor', 'floor is giving way', 'tripping hazard', 'trip hazard', 'someone could fall', 'someone will fall', 'someone is going to fall', 'almost fell', 'nearly fell', 'i tripped', 'tripped on', 'tripped over', 'slipped', 'slipped and fell', 'fell down the stairs', 'caught his foot', 'caught her foot', 'caught my foot', 'caught their foot', 'could get hurt', 'someone will get hurt', 'someone could get hurt'],
  es: ['hoyo en el piso', 'agujero en el piso', 'hueco en el piso', 'hueco en el suelo', 'hoyo en el suelo', 'piso podrido', 'alguien se puede caer', 'se puede caer alguien', 'casi me caigo', 'me cai', 'se tropezo', 'se tropieza', 'tropezo con', 'me tropece', 'alguien se va a lastimar', 'peligro'],
});
export const WINDOW_GUARD = vocabulary({ en: ['window guard', 'window guards', 'child guard'], es: ['proteccion de la ventana', 'reja de la ventana'] });
export const ROT = vocabulary({ en: ['rotted', 'rotten', 'rotting', 'rotted through', 'went through', 'foot went through', 'soft', 'spongy', 'hole'], es: ['podrido', 'podrida', 'podridas', 'se hundio', 'blando', 'blanda', 'hoyo', 'agujero'] });
export const WALKING_SURFACE = vocabulary({ en: ['deck', 'boards', 'board', 'floor', 'floorboard', 'stairs', 'steps', 'porch', 'balcony', 'walkway'], es: ['piso', 'tablas', 'escalon', 'escalones', 'balcon', 'porche', 'banqueta'] });
export const ICE = vocabulary({ en: ['ice', 'icy', 'iced over', 'slippery'], es: ['hielo', 'resbaloso', 'resbaladizo', 'resbalosa'] });
export const WALKWAY = vocabulary({ en: ['stairs', 'steps', 'walkway', 'sidewalk', 'entrance', 'path', 'driveway', 'parking lot', 'stoop', 'porch'], es: ['banqueta', 'acera', 'entrada', 'escaleras', 'escalones', 'estacionamiento', 'pasillo'] });
export const MOLD = vocabulary({ en: ['mold', 'mould', 'mildew', 'moldy', 'black mold'], es: ['moho', 'hongo', 'hongos', 'humedad'] });
