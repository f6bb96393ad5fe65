import type { Finding } from './finding';
import { findAll, has, near, vocabulary } from './match';
import type { Word } from './words';

/** Doors, locks and windows that leave the home open, and break-ins. */
const DOOR = vocabulary({
  en: ['door', 'doors', 'front door', 'entry door', 'entrance', 'entrance door', 'main door', 'apartment door', 'back door', 'lobby door', 'building door', 'unit door', 'deadbolt', 'dead bolt', 'lock', 'locks', 'door lock', 'front gate'],
  es: ['puerta', 'puerta principal', 'puerta de entrada', 'entrada', 'cerradura', 'chapa', 'cerrojo', 'porton'],
});
const LOCK_BROKEN = vocabulary({ en: ['broken', 'broke', 'busted', 'not working', 'does not work', 'jammed open', 'missing'], es: ['rota', 'roto', 'se rompio', 'no sirve', 'no funciona', 'descompuesta', 'falta'] });
const LOCK_NOUNS = vocabulary({ en: ['lock', 'locks', 'deadbolt', 'dead bolt', 'door lock', 'latch'], es: ['cerradura', 'chapa', 'cerrojo', 'seguro'] });
const STILL_SECURE = vocabulary({ en: ['unless', 'still locks', 'still closes', 'still latches', 'but it locks', 'but locks', 'it locks', 'closer', 'on its own', 'by itself'], es: ['si cierra', 'cierra con seguro', 'pero cierra', 'todavia cierra'] });
export const LOCK_WORDS = vocabulary({ en: ['lock', 'locks', 'locking', 'deadbolt', 'dead bolt', 'key', 'keys', 'latch'], es: ['cerradura', 'chapa', 'cerrojo', 'llave', 'seguro', 'candado'] });
const SECURE_FAIL = vocabulary({
  en: ['will not lock', 'does not lock', 'can not lock', 'not locking', 'no lock', 'lock is broken', 'lock broke', 'lock broken', 'broken lock', 'lock does not work', 'lock is not working', 'lock will not', 'will not close', 'does not close', 'can not close', 'not closing', 'will not shut', 'does not shut', 'can not shut', 'kicked in', 'broken into', 'broke in', 'broke into', 'forced open', 'pried open', 'wide open', 'deadbolt is broken', 'deadbolt broke', 'deadbolt will not', 'will not latch', 'does not latch', 'not latching', 'can not secure', 'stays open', 'will not stay closed', 'unlocked'],
  es: ['no cierra', 'no se cierra', 'no puedo cerrar', 'no se puede cerrar', 'no cierra con llave', 'no tiene seguro', 'no asegura', 'no se asegura', 'cerradura rota', 'cerradura no sirve', 'cerradura no funciona', 'se rompio la cerradura', 'chapa rota', 'chapa no sirve', 'la forzaron', 'forzaron', 'patearon', 'no tranca', 'no traba', 'no pone el seguro', 'no tiene chapa', 'no tiene cerradura'],
});
const NOT_ENTRY = vocabulary({
  en: ['handle', 'knob', 'doorknob', 'hinge', 'hinges', 'frame', 'stopper', 'peephole', 'sweep', 'track', 'closer', 'squeak', 'squeaks', 'paint', 'bedroom', 'bathroom', 'closet', 'cabinet', 'shower', 'screen', 'oven', 'fridge', 'freezer', 'dishwasher', 'washer', 'dryer', 'microwave', 'garage', 'storm', 'pantry', 'laundry', 'kitchen', 'mailbox', 'car', 'window', 'windows', 'patio', 'balcony', 'bedrooms', 'sliding', 'interior', 'room', 'cupboard', 'privacy', 'closer', 'on its own', 'by itself', 'propped', 'back gate', 'side gate', 'yard gate', 'garden gate', 'pool gate', 'fence gate', 'yard', 'fence', 'shed', 'storage', 'storage unit', 'locker', 'bike room', 'mailbox', 'gate', 'gates', 'pool', 'dumpster', 'trash room'],
  es: ['manija', 'perilla', 'bisagra', 'bisagras', 'marco', 'cuarto', 'recamara', 'habitacion', 'bano', 'closet', 'armario', 'gabinete', 'horno', 'refrigerador', 'nevera', 'ducha', 'cocina', 'buzon', 'ventana', 'patio', 'balcon', 'alacena', 'carro', 'privacidad', 'sola', 'bodega', 'jardin', 'cerca', 'reja del patio', 'porton de atras', 'cochera', 'buzon', 'alberca', 'piscina', 'basura'],
});
export const BREAK_IN = vocabulary({ en: ['someone broke in', 'somebody broke in', 'they broke in', 'broken into', 'break in', 'broke into', 'burglary', 'burglar', 'intruder', 'robbed', 'kicked in', 'kicked the door', 'forced the door', 'forced open'], es: ['se metieron a robar', 'entraron a robar', 'nos robaron', 'robaron', 'forzaron', 'patearon la puerta', 'intruso', 'ladron', 'ladrones'] });
/** After a break-in, the home closes and locks again. */
export const SECURED_AGAIN = vocabulary({
  en: ['door closes', 'it closes', 'still closes', 'still locks', 'it locks', 'locks fine', 'lock works', 'locks work', 'bottom lock works', 'top lock works', 'other lock works', 'deadbolt works', 'only the bottom lock', 'only the top lock', 'boarded up', 'secured it'],
  es: ['si cierra', 'ya cierra', 'todavia cierra', 'cierra bien', 'la otra chapa sirve', 'la otra cerradura sirve', 'solo sirve la', 'ya la aseguramos', 'ya esta asegurada'],
});
export const WINDOW = vocabulary({ en: ['window', 'windows'], es: ['ventana', 'ventanas'] });
export const GROUND_LEVEL = vocabulary({ en: ['ground floor', 'first floor', '1st floor', 'street level', 'basement', 'anyone can', 'anyone could', 'someone could', 'somebody could', 'someone can', 'climb in', 'get in'], es: ['planta baja', 'primer piso', 'primer nivel', 'cualquiera puede', 'alguien puede', 'pueden entrar', 'se pueden meter'] });
export const WINDOW_SECURE_FAIL = vocabulary({ en: ['will not lock', 'does not lock', 'can not lock', 'lock is broken', 'lock broken', 'broken lock', 'latch is broken', 'latch broken', 'will not close', 'does not close', 'can not close', 'can not be closed', 'will not latch', 'does not latch', 'swings open', 'broken', 'broke', 'smashed', 'shattered'], es: ['no cierra', 'no se cierra', 'no se puede cerrar', 'no tiene seguro', 'seguro roto', 'seguro no sirve', 'no puedo cerrar', 'rompieron', 'rota', 'se rompio', 'quebraron'] });
/** The floor a home is on, said anywhere in the text. */
export const GROUND_FLOOR = vocabulary({ en: ['ground floor', 'first floor', '1st floor', 'street level', 'ground level', 'garden level', 'basement unit', 'basement apartment', 'to the patio', 'onto the patio', 'to the backyard', 'to the yard'], es: ['planta baja', 'primer piso', 'primer nivel', 'nivel de la calle', 'al patio', 'al jardin'] });
/** Openings to the outside, not inside doors. */
export const OUTSIDE_OPENING = vocabulary({ en: ['window', 'windows', 'patio door', 'sliding door', 'sliding glass door', 'slider', 'balcony door', 'back door'], es: ['ventana', 'ventanas', 'puerta del patio', 'puerta corrediza', 'puerta de vidrio', 'puerta de atras'] });
export const OPENING_LEFT_OPEN = vocabulary({
  en: ['stuck open', 'wide open', 'will not close', 'does not close', 'can not close', 'will not shut', 'will not lock', 'does not lock', 'can not lock', 'will not latch', 'come down', 'go down', 'latch broke', 'lock broke', 'smashed', 'shattered', 'broken', 'broke', 'came through', 'came thru', 'blowing in', 'blowing right in', 'kicked in'],
  es: ['no cierra', 'no se cierra', 'no se puede cerrar', 'no baja', 'no se baja', 'rota', 'rompieron', 'quebrada', 'quebraron', 'se quedo abierta', 'no tiene seguro', 'seguro roto'],
});
export const LOCK_CHANGE = vocabulary({ en: ['change the locks', 'locks changed', 'change my locks', 'rekey', 're key', 'new locks', 'change the lock'], es: ['cambiar la chapa', 'cambiar la cerradura', 'cambien la chapa', 'cambien la cerradura', 'cambiar las chapas', 'cambio de chapa'] });
export const THREAT = vocabulary({ en: ['following me', 'stalker', 'stalking', 'threatening', 'threatened', 'abusive', 'violent', 'restraining order', 'danger', 'scared', 'afraid', 'unsafe', 'harass'], es: ['me amenazo', 'amenaza', 'acosando', 'acoso', 'me sigue', 'peligro', 'miedo', 'violento', 'orden de restriccion'] });

/**
 * A door that cannot be closed or locked leaves the home open: an emergency for the entry door. A door named as an
 * inside one (bedroom, closet, oven) is not; a door or lock not named either way is taken as the entry. One that
 * still locks once shut is not open.
 */
export function doorFindings(words: readonly Word[], taken: readonly boolean[]): Finding[] {
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
