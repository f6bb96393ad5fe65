/**
 * Whether two descriptions name the same thing: they share a word once stop words, rooms and symptom words (leaking,
 * broken, not working...) are set aside, compared by English stem ("faucets" = "faucet", "dripping" = "drips"); and
 * when both name a room, a room in common (a bathroom sink is not the kitchen sink). Used to match an imported open
 * order to one already here, and to tell a repeat of a recent repair. Whole-text trigram similarity was tried first
 * and rejected: "toilet not working" scored 0.63 against "kitchen sink not working" and 0.47 against "the toilet
 * won't flush". Two descriptions in different languages rarely share a word: they are not the same thing here.
 */
import { newStemmer } from 'snowball-stemmers';
import { normalizeDescription } from './classification';

const english = newStemmer('english');

const STOP_WORDS = new Set(
  (
    'the a an and or but is are was were be been being it its this that these those there here my our your their his her ' +
    'in on at of to for with from by into onto under over out up down off about near next behind above below again still ' +
    'not no never very just also too so some any all each every lot lots bit since when after before while now today ' +
    'have has had having do does did doing can could will would should wont dont doesnt didnt isnt cant cannot ' +
    'keep keeps kept get gets got getting make makes making need needs needed please help thanks thank hi hello ' +
    'el la los las lo un una unos unas de del en con por para que se mi mis su sus y o no ya muy mucho mucha esta esto ' +
    'este estan es son hay tiene tengo al le les me nos otra otro vez unit apartment apt apto departamento ' +
    // Time, which two unrelated problems share ("for a week"): not a thing.
    'you guys day days week weeks night nights morning evening month months year years hour hours minute minutes time ' +
    'times yesterday tonight tomorrow last ago first second third dia dias semana semanas noche noches mes meses hora horas'
  ).split(' '),
);

/** What a description says is wrong, not what it is about. */
const SYMPTOM_WORDS = new Set(
  (
    'broken broke break working work works worked leak leaks leaking leaky leaked drip drips dripping dripped ' +
    'damaged damage issue issues problem problems repair repairs fix fixed replace replaced check inspect inspection ' +
    'stuck loose noisy noise loud stopped stop running runs constantly always slow bad old new small big little ' +
    'clog clogs clogged clogging blocked backed backing overflowing overflowed flooding flooded cracked flickering ' +
    'tripping tripped sparking smells smell funciona sirve roto rota rotos gotea fuga falla arreglar reparar tapado ' +
    'tapada atascado atascada'
  ).split(' '),
);

/** Where in the unit: two descriptions that each name a room must name one in common. */
const ROOMS = new Set(
  (
    'kitchen bathroom bath bedroom living dining room hallway hall closet laundry garage basement balcony patio ' +
    'master guest upstairs downstairs front back cocina bano recamara cuarto sala comedor pasillo'
  ).split(' '),
);

export interface DescriptionWords {
  things: Set<string>;
  rooms: Set<string>;
}

export function wordsOf(description: string): DescriptionWords {
  const things = new Set<string>();
  const rooms = new Set<string>();
  for (const word of normalizeDescription(description).split(' ')) {
    if (word.length < 3 || /^\d+$/.test(word) || STOP_WORDS.has(word)) continue;
    if (ROOMS.has(word)) rooms.add(word === 'bath' ? 'bathroom' : word);
    else if (!SYMPTOM_WORDS.has(word)) things.add(english.stem(word));
  }
  return { things, rooms };
}

/** The words (stems) both name; empty when they name nothing in common or rooms that differ. */
export function sharedThings(a: DescriptionWords, b: DescriptionWords): string[] {
  const roomsAgree = a.rooms.size === 0 || b.rooms.size === 0 || [...a.rooms].some((r) => b.rooms.has(r));
  return roomsAgree ? [...a.things].filter((w) => b.things.has(w)) : [];
}
