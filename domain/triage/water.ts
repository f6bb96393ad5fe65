import { vocabulary } from './match';

/**
 * Water: present, leaking, active or spreading, backing up as sewage, and where it comes from (a pipe, the unit
 * above, an appliance that leaks only while it runs). Hazards, problems and the spreading modifier read these.
 */
export const WATER_PRESENT = vocabulary({
  en: ['water', 'wet', 'leak', 'leaking', 'leaks', 'drip', 'dripping', 'drips', 'pour', 'pouring', 'flood', 'flooding', 'soaked', 'puddle', 'spray', 'spraying', 'rain', 'raining'],
  es: ['agua', 'mojado', 'mojada', 'gotea', 'gotear', 'goteando', 'goteo', 'gotera', 'fuga', 'chorrea', 'chorreando', 'inundado', 'inundada', 'charco'],
});
/** A way water takes from one place to another: "out of the light", "through the ceiling around the fixture". */
export const THROUGH = vocabulary({ en: ['through', '=thru', '=threw', 'out of', 'around', 'into', 'from', 'behind', 'inside', 'down the', 'onto'], es: ['por', 'alrededor', 'dentro de', 'adentro de', 'sale de', 'saliendo de', 'cae de', 'cayendo de', 'entrando en', 'entrando a'] });
/** Water seen moving (not a stain, not a puddle). */
export const WATER_MOVING = vocabulary({
  en: ['water coming', 'water is coming', 'water running', 'rain coming', 'rain is coming', 'water pouring', 'water dripping', 'water leaking', 'water streaming', 'coming out', 'coming in', 'pouring', 'dripping', 'leaking', 'gushing', 'streaming', 'stream', 'trickling'],
  es: ['sale agua', 'saliendo agua', 'cae agua', 'cayendo agua', 'entra agua', 'entrando agua', 'entra lluvia', 'entrando lluvia', 'gotea', 'goteando', 'chorrea', 'chorreando', 'escurre', 'escurriendo', 'se mete el agua', 'filtrando'],
});
export const ACTIVE_WATER = vocabulary({
  en: ['flood', 'flooding', 'flooded', 'floods', 'burst', 'bursting', 'busted pipe', 'broken pipe', 'pipe broke', 'pouring', 'pours', 'poured', 'gushing', 'gushes', '=spraying', 'water spraying', 'spewing', '=rushing', 'water main break', 'water will not stop', 'will not stop leaking', 'can not turn off the water', 'can not shut off the water', 'can not shut the water off', 'can not turn the water off', 'water will not shut off', 'water will not turn off', 'coming in fast', 'running in the wall', 'running in my wall', 'running inside the wall', 'like a hose', 'like a fire hose', 'still rising', 'keeps rising', 'and rising', 'water is rising'],
  es: ['inundado', 'inundada', 'inundacion', 'inundando', 'inunda', 'inundo', 'reventado', 'reventada', 'revento', 'tubo roto', 'tuberia rota', 'a chorros', 'sale a chorros', 'chorros de agua', 'no para de salir agua', 'no para el agua', 'sale mucha agua', 'no se detiene el agua', 'como manguera', 'como una manguera', 'el agua sigue subiendo', 'sigue subiendo el agua'],
});
export const NOT_ACTIVE = vocabulary({ en: ['rain pouring', 'pouring rain', 'it poured', 'when i shower', 'when we shower', 'after a shower'], es: [] });
export const SEWAGE = vocabulary({ en: ['sewage', 'raw sewage', 'sewer water', 'sewer backup', 'human waste', 'sewer', 'toilet water', 'brown water', 'dirty water', 'black water', 'poop water', 'poopy water'], es: ['cloaca', 'cloacas', 'agua de la cloaca', 'aguas cloacales', 'aguas negras', 'agua negra', 'aguas residuales', 'agua sucia', 'aguas del drenaje', 'agua cafe'] });
export const PIPE = vocabulary({ en: ['pipe', 'pipes', 'water line', 'supply line', 'hose', 'hoses', 'washer hose', 'supply hose', 'fill hose'], es: ['tubo', 'tubos', 'tuberia', 'caneria', 'manguera', 'mangueras'] });
export const PIPE_BROKE = vocabulary({
  en: ['burst', 'broke', 'broken', 'busted', 'split', 'snapped', 'came off', 'popped off', 'blew off', 'came loose', 'came apart', 'came undone', 'disconnected', 'ruptured', 'blew out'],
  es: ['se rompio', 'rota', 'roto', 'reviento', 'revento', 'reventada', 'reventado', 'se zafo', 'se solto', 'se salio', 'se desconecto', 'se desprendio'],
});
export const BACKS_UP = vocabulary({
  en: ['backing up', 'backed up', 'back up', 'backs up', 'coming up', 'came up', 'comes up', 'overflowing', 'overflowed', 'everywhere', 'all over', 'on the floor', 'into', 'flooding', 'spilling', 'bubbling up', 'gurgling up', 'coming out', 'came out', 'pouring out', 'seeping up', 'oozing'],
  es: ['botando', 'bota', 'botan', 'se regresa', 'regresa', 'regresan', 'se sale', 'sale', 'salen', 'salio', 'salieron', 'saliendo', 'brota', 'brotan', 'brotando', 'sube', 'suben', 'subio', 'subiendo', 'desborda', 'desbordando', 'por todas partes', 'en el piso', 'inundando'],
});
export const BACKUP_INTO = vocabulary({
  en: ['backing up into', 'backed up into', 'backing up in', 'backed up in', 'coming up into', 'coming up in', 'coming up through', 'comes up in', 'came up in', 'came up into', 'coming out of the', 'bubbling up in', 'backs up into'],
  es: ['se regresa a', 'se regresa por', 'sale por', 'sube por', 'sale en'],
});
/** What makes water backing up into a tub sewage: the toilet or the sewer, not the tub's own drain. */
export const SEWER_SOURCE = vocabulary({ en: ['toilet', 'sewer', 'sewage', 'poop', 'brown', 'black', 'smells', 'smell', 'stinks'], es: ['inodoro', 'escusado', 'drenaje', 'caca', 'negra', 'cafe', 'huele', 'olor'] });
export const LOW_DRAIN = vocabulary({ en: ['tub', 'bathtub', 'shower', 'floor', 'basement', 'floor drain'], es: ['tina', 'banera', 'ducha', 'regadera', 'piso', 'coladera'] });
export const UNDER = vocabulary({ en: ['under', 'underneath', 'below', 'cabinet', 'floor', 'base of the toilet', 'pipe', 'pipes', 'wall', 'ceiling'], es: ['debajo', 'abajo', 'gabinete', 'mueble', 'piso', 'tubo', 'pared', 'techo'] });
export const ABOVE = vocabulary({ en: ['ceiling', 'roof', 'upstairs', 'unit above', 'apartment above', 'from above', 'neighbor above', 'light fixture', 'skylight'], es: ['techo', 'arriba', 'vecino de arriba', 'plafon', 'tragaluz'] });
export const LEAKING = vocabulary({ en: ['leak', 'leaks', 'leaking', 'leaky', 'drip', 'drips', 'dripping', 'dripped', 'water coming', 'coming through', 'water', 'wet'], es: ['gotera', 'goteras', 'gotea', 'goteando', 'fuga', 'agua', 'filtra', 'filtrando', 'filtracion', 'mojado', 'mojada'] });
export const LEAK = vocabulary({
  en: ['leak', 'leaks', 'leaking', 'leaky', 'leaked', 'drip', 'drips', 'dripping', 'dripped', 'water coming out', 'water on the floor', 'puddle', 'puddles', 'seeping', 'wet spot', 'wet patch', 'floor is wet', '=is =wet', '=are =wet', 'got wet', 'soaked', 'water coming in', 'water is coming in', 'water keeps coming in', 'water was coming in', 'water started coming in', 'rain is coming in', 'water comes in', 'water getting in', 'water gets in', 'rain coming in', 'rain gets in', 'water everywhere', 'getting wet', 'standing water', 'pooling'],
  es: ['fuga', 'fugas', 'gotea', 'goteando', 'gotera', 'charco', 'sale agua', 'se sale el agua', 'tira agua', 'filtra', 'filtracion', 'empapado', 'empapada', 'entra agua', 'entrando agua', 'entra lluvia', 'entrando lluvia', 'entra la lluvia', 'se mete la lluvia', 'cae agua', 'cayendo agua', 'mucha agua', 'agua por todas partes', 'se moja', 'esta mojado', 'esta mojada', 'se mojo', 'se mojaron', 'agua en el piso', 'agua en el suelo', 'hay agua', 'se mete el agua', 'se mete agua', 'se metio el agua', 'metiendo el agua', 'metiendo agua', 'se cuela el agua', 'se filtra', 'encharcado', 'encharcada'],
});
export const OVERFLOW = vocabulary({ en: ['overflowing', 'overflowed', 'overflow', 'overflows', 'spilling over', 'spilled over', 'over the edge', 'over the top', 'over the rim'], es: ['desborda', 'desbordando', 'desbordo', 'rebalsa', 'rebalso', 'se rebalso', 'se derrama', 'se derramo', 'derramando'] });
export const STAIN = vocabulary({ en: ['stain', 'stains', 'stained', 'water stain', 'water spot', 'water spots', 'brown spot', 'discolored', 'discoloration', 'water damage', 'damp', 'dampness', 'damp patch', 'damp spot', 'moisture', 'water mark'], es: ['mancha', 'manchas', 'manchado', 'manchada', 'humedad', 'mancha de humedad', 'salitre'] });
/** A stain or damp patch that is getting bigger: damage spreading slowly. */
export const GROWING_STAIN = vocabulary({ en: ['=bigger', '=larger', '=wider', 'getting bigger', 'growing', 'grows', 'bigger every day', 'bigger and bigger', 'keeps growing', 'keeps getting bigger', 'spreading', 'expanding'], es: ['mas grande', 'crece', 'creciendo', 'cada dia mas', 'cada vez mas grande', 'se extiende', 'se esta extendiendo', 'se agranda'] });
export const CEILING = vocabulary({ en: ['ceiling', 'ceilings'], es: ['techo', 'plafon'] });
export const OLD = vocabulary({ en: ['old stain', 'old water stain', 'been there', 'has not changed', 'not changed', 'has not grown', 'not grown', 'for years', 'same size', 'since i moved in', 'from last year'], es: ['de hace', 'siempre ha estado', 'no ha cambiado', 'mancha vieja', 'esta igual', 'no ha crecido', 'desde que me mude', 'desde hace anos'] });
export const SPREADING = vocabulary({
  en: ['everywhere', 'all over', 'spreading', 'getting worse', 'worse', 'into the unit below', 'unit below', 'downstairs', 'neighbor below', 'apartment below', 'below us', 'more and more', 'whole floor', 'whole bathroom', 'whole kitchen', 'will not stop', 'keeps coming', 'through the floor', 'getting bigger fast', 'spreading fast', 'running across', 'across the floor', 'into the hallway', 'leaking downstairs'],
  es: ['por todas partes', 'por todo', 'todo el piso', 'empeorando', 'cada vez mas', 'cada vez peor', 'al vecino', 'vecina de abajo', 'vecino de abajo', 'de abajo', 'se extiende', 'no para', 'todo el bano', 'toda la cocina', 'al pasillo'],
});
/** Places where water stays outdoors: a puddle on the roof or in the yard wets no home. */
export const OUTDOORS = vocabulary({
  en: ['on the roof', 'flat roof', 'rooftop', 'in the yard', 'backyard', 'front yard', 'the yard', 'patio', 'parking lot', 'parking', 'sidewalk', 'driveway', 'walkway', 'garden', 'lawn', 'outside the building', 'gutter', 'gutters', 'downspout', 'carport', 'my car'],
  es: ['en la azotea', 'en el techo de afuera', 'patio', 'jardin', 'estacionamiento', 'banqueta', 'acera', 'cochera', 'canaleta', 'canaletas', 'canalon', 'bajante'],
});
/** Water that gets into the home from outside. */
export const GETS_INSIDE = vocabulary({
  en: ['inside', 'into', 'coming in', 'comes in', 'getting in', 'gets in', 'leaking in', 'seeping in', 'ceiling', 'wall', 'walls', 'carpet', 'bedroom', 'living room', 'kitchen', 'basement', 'my apartment', 'my unit', 'the apartment', 'the unit'],
  es: ['adentro', 'entra', 'entrando', 'se mete', 'metiendo', 'se metio', 'a la casa', 'al departamento', 'al apartamento', 'techo', 'pared', 'alfombra', 'cuarto', 'recamara', 'sala', 'cocina', 'sotano'],
});
/** Things whose leak is contained or only happens while they run. */
export const CONTAINABLE = vocabulary({
  en: ['gutter', 'gutters', 'downspout', 'spigot', 'hose', 'sprinkler', 'dishwasher', 'washer', 'washing machine', 'fridge', 'refrigerator', 'freezer', 'ice maker', '=ac', '=a c', 'air conditioner', 'window unit', 'condensate', 'mini split'],
  es: ['canaleta', 'canaletas', 'bajante', 'manguera', 'lavaplatos', 'lavavajillas', 'lavadora', 'refrigerador', 'nevera', '=refri', 'congelador', 'maquina de hielo', 'aire acondicionado', 'aire', 'clima', 'minisplit'],
});
