import { normalizeDescription } from '../classification';
import { classifyHeuristically } from '../heuristicClassifier';
import type { Skill } from '../priority';
import { namesProblem } from './inboundIntent';

/**
 * Whether a tenant's text (one that is no answer, question or cancel) describes something to repair. One that does
 * not ("who is this", "my rent is late", "can I paint my bedroom") goes to a coordinator, not into a work order.
 *
 * Fails open: a text with a fixture or symptom word, or anything the classifier reads as a trade's job or a hazard,
 * is a problem; but asking leave to do something ("can I paint…") is not, whatever the classifier makes of the verb.
 */

export type ProblemReading = { problem: true } | { problem: false; reason: string };

/** What a text about no repair is about, for the coordinator reading the hold. */
const OTHER_TOPICS: ReadonlyArray<[RegExp, string]> = [
  [
    /\b(?:rent|lease|renew|renewal|deposit|late fee|balance|invoice|bill|payment|pay|paid|ledger|renta|alquiler|contrato|deposito|pago|pagar|pague|recibo)\b/,
    'about rent, the lease or a payment',
  ],
  [
    /\b(?:parking|permit|garage spot|estacionamiento|parqueo|package|packages|mail|paquete|paquetes|correo)\b/,
    'about parking, packages or mail',
  ],
  [/\b(?:neighbor|neighbors|neighbour|neighbours|vecino|vecinos|vecina|vecinas)\b/, 'about a neighbor'],
  [
    /\b(?:who is this|who s this|whos this|who are you|wrong number|quien es|quien habla|numero equivocado)\b/,
    'asks who is texting',
  ],
  [/\b(?:move out|moving out|move in|moving in|mudanza|mudarme|me mudo)\b/, 'about moving in or out'],
];

/** Asking leave to change the home ("can I paint my bedroom", "¿puedo tener un perro?"), not reporting a fault. */
const PERMISSION =
  /^(?:hi |hello |hey |hola )?(?:(?:can|may|could) (?:i|we)(?: please)?|am i allowed to|are we allowed to|is it ok(?:ay)? (?:to|if (?:i|we))|do (?:i|we) need permission to) (?:paint|repaint|hang|put up|put|install|mount|drill|nail|have|keep|get a (?:pet|dog|cat|roommate)|remodel|decorate|wallpaper|plant|build|add|remove|move|change the (?:color|colour|paint)|sublet|smoke|grill|bbq)\b|^(?:hola )?(?:puedo|podemos|se puede|me permiten|nos permiten) (?:pintar|colgar|poner|instalar|tener|perforar|clavar|cambiar el color|decorar|plantar|construir|fumar|subarrendar)\b/;

/** The classifier's own words when it found no thing a trade fixes (domain/triage/classify.ts). */
const NO_TRADE_WORDS = /no known trade words/;
/** …and when it found something wrong but no thing a trade fixes ("how do I…"). */
const NO_TRADE_THING = /names no thing a trade fixes/;

type TradeReading = { trades: Skill[]; weak: boolean } | null;

function readTrades(text: string): TradeReading {
  const classified = classifyHeuristically(text);
  if (classified.safety) return { trades: classified.skillsRequired, weak: false };
  if (NO_TRADE_WORDS.test(classified.reasoning)) return null;
  return { trades: classified.skillsRequired, weak: NO_TRADE_THING.test(classified.reasoning) };
}

/** The trades the classifier reads in a text; null when it found no thing a trade fixes and no hazard. */
export function tradesIn(text: string): Skill[] | null {
  return readTrades(text)?.trades ?? null;
}

export function readProblem(text: string): ProblemReading {
  const normalized = normalizeDescription(text);
  const fault = namesProblem(text);
  if (!fault && PERMISSION.test(normalized))
    return { problem: false, reason: 'not a repair: asks permission to do something in the home' };
  if (fault) return { problem: true };
  const trades = readTrades(text);
  const topic = OTHER_TOPICS.find(([pattern]) => pattern.test(normalized));
  // A topic decides only when the classifier found no thing a trade fixes: "the downspout by the parking lot rattles" is a repair.
  if (trades && !(trades.weak && topic)) return { problem: true };
  return {
    problem: false,
    reason: topic ? `not a repair: ${topic[1]}` : 'names no maintenance problem (no fixture, symptom or trade in it)',
  };
}

/**
 * A question about an order that also tells a problem ("how long till someone can come? I'm locked out") is about the
 * tenant's open orders unless it names a trade none of them needs: then it is a new problem and opens its own order.
 */
export function questionIsNewProblem(text: string, openOrderSkills: ReadonlyArray<readonly string[]>): boolean {
  const trades = tradesIn(text);
  if (trades === null) return false;
  return !openOrderSkills.some((skills) => skills.some((skill) => trades.includes(skill as Skill)));
}
