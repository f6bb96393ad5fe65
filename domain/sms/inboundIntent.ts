import { normalizeDescription } from '../classification';
import { mentionsTime } from './proposedTime';
import { asksAboutOrder, asksToCancel } from './tenantRequests';

/**
 * What a tenant's text means. A description of a problem must never be lost as an answer, so a message is an answer
 * or a reschedule only when it reads as one and names no fixture or symptom; everything else is a problem.
 */

export type InboundIntent =
  | { kind: 'opt_out' }
  | { kind: 'opt_in' }
  | { kind: 'help' }
  | { kind: 'answer'; answer: 'yes' | 'no'; workOrderNumber: number | null }
  | { kind: 'reschedule'; proposal: string; workOrderNumber: number | null }
  /** "when is someone coming", "status of #1045": `namesProblem` when it also names a fixture or symptom. */
  | { kind: 'status_question'; workOrderNumber: number | null; namesProblem: boolean }
  /** "cancel 1045", "ya no necesito el servicio": asked to confirm before anything is cancelled. */
  | { kind: 'cancel_order'; workOrderNumber: number | null }
  | { kind: 'problem'; text: string };

type Answer = 'yes' | 'no';

/**
 * Carrier (CTIA) keywords, the FCC's 2025 additions, the words Spanish-language programs use, and the plain requests
 * the FCC says must be honoured too. Whole message only: "cancel" is an opt-out, "cancel my 3pm visit" is not.
 */
const OPT_OUT_MESSAGES = new Set([
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'revoke',
  'optout',
  'opt out',
  'parar',
  'alto',
  'baja',
  'cancelar',
  'stop texting',
  'stop texting me',
  'stop messaging me',
  'stop sending me texts',
  'stop sending me messages',
  'remove me',
  'no more texts',
  'no mas mensajes',
  'no me envien mas mensajes',
  'dejen de enviarme mensajes',
]);
/** Twilio lifts its own block only on these; a Spanish word here would leave the number blocked at Twilio. */
const OPT_IN_WORDS = new Set(['start', 'unstop']);
const HELP_WORDS = new Set(['help', 'info', 'ayuda']);

const YES_LEADS = [
  'yes',
  'y',
  'yeah',
  'yea',
  'yep',
  'yup',
  'ok',
  'okay',
  'okey',
  'k',
  'kk',
  'sure',
  'confirm',
  'confirmed',
  'i confirm',
  'confirming',
  'correct',
  'absolutely',
  'definitely',
  'of course',
  'alright',
  'all right',
  'sounds good',
  'that works',
  'works for me',
  'perfect',
  'great',
  'si',
  'claro',
  'claro que si',
  'confirmo',
  'confirmado',
  'vale',
  'dale',
  'de acuerdo',
  'esta bien',
  'perfecto',
  'por supuesto',
  'correcto',
];
const NO_LEADS = [
  'no',
  'n',
  'nope',
  'nah',
  'negative',
  'decline',
  'i decline',
  'can t',
  'i can t',
  'cannot',
  'i cannot',
  'can not',
  'i can not',
  'won t be home',
  'i won t be home',
  'i won t be there',
  'not available',
  'i m not available',
  'i am not available',
  'that doesn t work',
  'doesn t work for me',
  'that won t work',
  'that time doesn t work',
  'no puedo',
  'no podemos',
  'no podre',
  'no estare',
  'no estaremos',
  'no voy a estar',
  'no me queda bien',
  'no me conviene',
  'no me sirve',
];
/** After a bare "no", these make it an answer ("no thanks", "no puedo"); anything else may be "no heat". */
const NO_CONTINUATIONS = new Set([
  'i',
  'im',
  'we',
  'thanks',
  'thank',
  'thx',
  'sorry',
  'can',
  'cannot',
  'can t',
  'won',
  'will',
  'that',
  'this',
  'not',
  'way',
  'one',
  'for',
  'sir',
  'maam',
  'please',
  'gracias',
  'lo',
  'puedo',
  'podemos',
  'podre',
  'estoy',
  'estare',
  'estaremos',
  'voy',
  'vamos',
  'ese',
  'esa',
  'este',
  'esta',
  'para',
  'hay',
  'tengo',
  'senor',
  'senora',
  'por',
]);
/** Words that say nothing beyond the answer: "yes that works for me, thanks", "sí, ahí estaré, gracias". */
const ANSWER_FILLER = new Set([
  'thanks',
  'thank',
  'you',
  'thx',
  'ty',
  'please',
  'pls',
  'plz',
  'that',
  'works',
  'work',
  'for',
  'me',
  'sounds',
  'good',
  'great',
  'perfect',
  'fine',
  'see',
  'then',
  'there',
  'i',
  'ill',
  'll',
  'will',
  'be',
  'home',
  'we',
  'the',
  'a',
  'it',
  'is',
  's',
  'appointment',
  'visit',
  'time',
  'ok',
  'okay',
  'sure',
  'confirmed',
  'confirm',
  'sir',
  'maam',
  'all',
  'right',
  'awesome',
  'cool',
  'so',
  'much',
  'sorry',
  'can',
  't',
  'cannot',
  'make',
  'won',
  'not',
  'available',
  'busy',
  'at',
  'm',
  'am',
  'gracias',
  'muchas',
  'por',
  'favor',
  'perfecto',
  'bien',
  'esta',
  'esa',
  'ese',
  'hora',
  'dia',
  'la',
  'el',
  'cita',
  'visita',
  'de',
  'acuerdo',
  'nos',
  'vemos',
  'ahi',
  'alli',
  'estare',
  'estaremos',
  'en',
  'casa',
  'parece',
  'si',
  'yes',
  'no',
  'lo',
  'siento',
  'puedo',
  'podemos',
  'estoy',
  'voy',
  'estar',
  'ocupado',
  'ocupada',
  'las',
  'para',
  'y',
]);
/** An answer may carry a few words of its own ("yes I'll leave the gate open"); more than this is a message. */
const MAX_ANSWER_EXTRA_WORDS = 5;
/** A time named in a longer text is more likely part of a story ("since Monday") than a proposal. */
const MAX_RESCHEDULE_WORDS = 15;
/** A question or a cancel is a few words; a longer text that contains one is more likely a story about a problem. */
const MAX_REQUEST_WORDS = 30;

/** Phrases that ask for another time by themselves. */
const RESCHEDULE_CUES = [
  'another time',
  'another day',
  'other time',
  'other day',
  'different time',
  'different day',
  'another date',
  'reschedule',
  're schedule',
  'can you come',
  'could you come',
  'can someone come',
  'can you guys come',
  'can we do',
  'could we do',
  'can we move',
  'move it',
  'move the appointment',
  'change the time',
  'not today',
  'not tomorrow',
  'not that day',
  'otro dia',
  'otra hora',
  'otro horario',
  'otra fecha',
  'otro momento',
  'reprogramar',
  'cambiar la cita',
  'cambiar la hora',
  'cambiar el dia',
  'puede venir',
  'pueden venir',
  'podria venir',
  'podrian venir',
  'puede ser',
  'hoy no',
  'manana no',
  'ese dia no',
];
/** A visit called off anywhere in a short message: the workflow treats it as a NO, the coordinator decides the rest. */
const DECLINE_PHRASES = [
  'cancel the appointment',
  'cancel my appointment',
  'cancel the visit',
  'cancel this appointment',
  'cancel it',
  'cancelar la cita',
  'cancele la cita',
  'cancela la cita',
  'cancelen la cita',
  'don t come',
  'do not come',
  'no vengan',
  'no venga',
];
/** After a yes, these turn a named time into a counter-proposal: "yes but friday at 10 is better". */
const COUNTER_PROPOSAL_WORDS = [
  'but',
  'instead',
  'better',
  'rather',
  'prefer',
  'pero',
  'mejor',
  'en vez',
  'en lugar',
  'prefiero',
];

/** Fixtures, rooms and symptoms: a message that names one is about a problem, whatever else it says. */
const PROBLEM_WORDS = [
  'leak',
  'leaks',
  'leaking',
  'leaked',
  'leaky',
  'drip',
  'drips',
  'dripping',
  'water',
  'wet',
  'flood',
  'flooded',
  'flooding',
  'mold',
  'mould',
  'mildew',
  'heat',
  'heater',
  'heating',
  'furnace',
  'boiler',
  'radiator',
  'ac',
  'a c',
  'air conditioner',
  'air conditioning',
  'thermostat',
  'too cold',
  'too hot',
  'freezing',
  'power',
  'electricity',
  'electric',
  'outlet',
  'outlets',
  'breaker',
  'light',
  'lights',
  'bulb',
  'sparks',
  'wire',
  'wires',
  'wiring',
  'toilet',
  'sink',
  'faucet',
  'shower',
  'tub',
  'bathtub',
  'drain',
  'clog',
  'clogged',
  'pipe',
  'pipes',
  'sewage',
  'smell',
  'smells',
  'odor',
  'gas',
  'smoke',
  'fire',
  'alarm',
  'detector',
  'fridge',
  'refrigerator',
  'freezer',
  'stove',
  'oven',
  'burner',
  'microwave',
  'dishwasher',
  'washer',
  'dryer',
  'disposal',
  'lock',
  'locks',
  'locked out',
  'window',
  'windows',
  'ceiling',
  'roof',
  'wall',
  'stairs',
  'elevator',
  'intercom',
  'buzzer',
  'bathroom',
  'kitchen',
  'roach',
  'roaches',
  'cockroach',
  'cockroaches',
  'bugs',
  'bedbugs',
  'bed bugs',
  'mice',
  'mouse',
  'rat',
  'rats',
  'pest',
  'pests',
  'ants',
  'termites',
  'broken',
  'broke',
  'cracked',
  'damage',
  'damaged',
  'hole',
  'noise',
  'noisy',
  'fan',
  'vent',
  'not working',
  'isn t working',
  'stopped working',
  'won t turn on',
  'won t flush',
  'out of order',
  'fuga',
  'gotea',
  'gotera',
  'goteando',
  'agua',
  'mojado',
  'inundado',
  'inundacion',
  'moho',
  'calefaccion',
  'calentador',
  'caldera',
  'radiador',
  'aire',
  'termostato',
  'luz',
  'electricidad',
  'enchufe',
  'enchufes',
  'chispas',
  'cables',
  'inodoro',
  'excusado',
  'lavabo',
  'lavamanos',
  'fregadero',
  'grifo',
  'ducha',
  'regadera',
  'banera',
  'tina',
  'desague',
  'tapado',
  'tapada',
  'atascado',
  'tuberia',
  'olor',
  'huele',
  'humo',
  'fuego',
  'incendio',
  'alarma',
  'nevera',
  'refrigerador',
  'congelador',
  'estufa',
  'horno',
  'microondas',
  'lavaplatos',
  'lavadora',
  'secadora',
  'cerradura',
  'ventana',
  'techo',
  'pared',
  'escalera',
  'elevador',
  'ascensor',
  'bano',
  'cocina',
  'cucaracha',
  'cucarachas',
  'chinches',
  'raton',
  'ratones',
  'rata',
  'ratas',
  'hormigas',
  'plaga',
  'roto',
  'rota',
  'descompuesto',
  'descompuesta',
  'danado',
  'ruido',
  'no funciona',
  'no sirve',
  'no prende',
  'no enciende',
  'no enfria',
  'no calienta',
  'dejo de funcionar',
  'se rompio',
  'se descompuso',
];

const THUMBS_UP = ['\u{1F44D}', '\u{1F44C}', '\u2705', '\u2714'];
const THUMBS_DOWN = ['\u{1F44E}', '\u274C'];

/**
 * iPhones send a reaction to an SMS as text that quotes the message reacted to ('Liked “Maintenance scheduled …”').
 * Read as a problem it would open a work order with our own text in it.
 */
const TAPBACK =
  /^(liked|loved|emphasi[sz]ed|disliked|laughed at|questioned|le gusto|le encanto|no le gusto|enfatizo|se rio de|cuestiono)\s+[“"«](.*)[”"»]$/s;
const POSITIVE_TAPBACKS = new Set(['liked', 'loved', 'emphasized', 'emphasised', 'le gusto', 'le encanto', 'enfatizo']);
const NEGATIVE_TAPBACKS = new Set(['disliked', 'no le gusto']);

/** Work order numbers are 4 to 7 digits; longer runs are phone numbers. */
const PREFIXED_ORDER_NUMBER =
  /(?:#|\b(?:work order|orden de trabajo|order|orden|wo|ticket|numero|number)\s*#?)\s*(\d{4,7})\b/gi;
/** Not money ($1200, 1,200), times (10:30), dates (11/27/2026) or phone pieces (555-0141). */
const BARE_ORDER_NUMBER = /(?<![\d$.,:/-])\b(\d{4,7})\b(?![.,:/-]\d|\s*(?:am|pm)\b)/gi;
const ORDER_REFERENCE_WORDS = /\b(?:work order|orden de trabajo|order|orden|wo|ticket|numero|number)?\s*\d{4,7}\b/g;

const COURTESY = new Set([
  'thanks',
  'thank you',
  'thank you so much',
  'thanks so much',
  'thx',
  'ty',
  'tysm',
  'gracias',
  'muchas gracias',
  'hi',
  'hello',
  'hey',
  'hola',
  'good morning',
  'good afternoon',
  'buenos dias',
  'buenas tardes',
  'buenas noches',
]);

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function containsPhrase(normalized: string, phrase: string): boolean {
  return ` ${normalized} `.includes(` ${phrase} `);
}

function containsAny(normalized: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => containsPhrase(normalized, p));
}

/** The work order a message names: '#1012', 'order 1012', 'orden 1012', or the one bare 4+ digit number in it. */
export function extractWorkOrderNumber(text: string): number | null {
  const prefixed = [...text.matchAll(PREFIXED_ORDER_NUMBER)];
  if (prefixed[0]?.[1]) return Number(prefixed[0][1]);
  const bare = new Set([...text.matchAll(BARE_ORDER_NUMBER)].map((m) => Number(m[1])));
  return bare.size === 1 ? ([...bare][0] ?? null) : null;
}

/** True when the text names a fixture, room or symptom: what makes a message a problem report, whatever else it says. */
export function namesProblem(text: string): boolean {
  return containsAny(normalizeDescription(text), PROBLEM_WORDS);
}

/** "thanks", "hola": nothing to act on. Not part of parseInboundIntent (which calls these problems) so routing can decide. */
export function isCourtesyOnly(body: string): boolean {
  return COURTESY.has(normalizeDescription(body));
}

function wholeMessageKeyword(normalized: string): InboundIntent | null {
  if (OPT_OUT_MESSAGES.has(normalized)) return { kind: 'opt_out' };
  if (OPT_IN_WORDS.has(normalized)) return { kind: 'opt_in' };
  if (HELP_WORDS.has(normalized)) return { kind: 'help' };
  return null;
}

function emojiAnswer(body: string): Answer | null {
  // Skin tones and the emoji presentation selector do not change the meaning.
  const bare = body.replace(/\p{Emoji_Modifier}|\uFE0F|\s/gu, '');
  if (!bare) return null;
  const only = (set: string[]) => [...bare].every((ch) => set.includes(ch));
  if (only(THUMBS_UP)) return 'yes';
  if (only(THUMBS_DOWN)) return 'no';
  return null;
}

function tapbackIntent(body: string): InboundIntent | null {
  const match = TAPBACK.exec(stripAccents(body).trim().toLowerCase());
  if (!match) return null;
  const reaction = match[1] ?? '';
  const workOrderNumber = extractWorkOrderNumber(match[2] ?? '');
  if (POSITIVE_TAPBACKS.has(reaction)) return { kind: 'answer', answer: 'yes', workOrderNumber };
  if (NEGATIVE_TAPBACKS.has(reaction)) return { kind: 'answer', answer: 'no', workOrderNumber };
  return { kind: 'help' };
}

/** "yesss", "siii", "okkk", "nooo". */
function collapseRepeats(word: string): string {
  return word.replace(/(\p{L})\1+/gu, '$1');
}

function startsWithPhrase(words: string[], phrase: string): boolean {
  const phraseWords = phrase.split(' ');
  if (phraseWords.length === 1) {
    const first = words[0] ?? '';
    // "y" is also Spanish "and", "k" and "n" are typos: single letters count only on their own.
    if (phrase.length === 1) return words.length === 1 && first === phrase;
    return first === phrase || collapseRepeats(first) === phrase;
  }
  return phraseWords.every((w, i) => w === words[i]);
}

/** The answer phrase the message starts with (the longest one) and how many words it takes. */
function leadingAnswer(words: string[]): { answer: Answer; length: number } | null {
  let best: { answer: Answer; length: number } | null = null;
  const leads: Array<[Answer, string[]]> = [
    ['yes', YES_LEADS],
    ['no', NO_LEADS],
  ];
  for (const [answer, phrases] of leads) {
    for (const phrase of phrases) {
      const length = phrase.split(' ').length;
      if (startsWithPhrase(words, phrase) && (!best || length > best.length)) best = { answer, length };
    }
  }
  return best;
}

/** A bare "no" answers only when set apart ("No, …") or followed by a word that continues an answer ("no thanks"). */
function isAnsweringNo(body: string, words: string[], leadLength: number): boolean {
  if (collapseRepeats(words[0] ?? '') !== 'no' || leadLength > 1 || words.length === 1) return true;
  if (/^\s*no+\s*[,.!;:-]/i.test(body)) return true;
  const next = words[1] ?? '';
  return NO_CONTINUATIONS.has(next) || NO_CONTINUATIONS.has(`${next} ${words[2] ?? ''}`);
}

/**
 * A question about an order or a request to cancel one (tenantRequests.ts), read before the problem words: "when is
 * someone coming to fix the sink" asks about the sink's order. A text that starts with a YES stays an answer ("yes,
 * when will he be here?" confirms the visit it answers; the confirmation tells the time).
 */
function tenantRequest(normalized: string, rest: string, workOrderNumber: number | null): InboundIntent | null {
  if (normalized.split(' ').length > MAX_REQUEST_WORDS) return null;
  if (asksToCancel(normalized)) return { kind: 'cancel_order', workOrderNumber };
  if (!asksAboutOrder(normalized)) return null;
  if (leadingAnswer(rest.split(' '))?.answer === 'yes') return null;
  return { kind: 'status_question', workOrderNumber, namesProblem: containsAny(rest, PROBLEM_WORDS) };
}

export function parseInboundIntent(body: string): InboundIntent {
  const text = body.trim();
  const normalized = normalizeDescription(text);
  const problem: InboundIntent = { kind: 'problem', text };

  const keyword = wholeMessageKeyword(normalized);
  if (keyword) return keyword;
  const emoji = emojiAnswer(text);
  if (emoji) return { kind: 'answer', answer: emoji, workOrderNumber: null };
  const tapback = tapbackIntent(text);
  if (tapback) return tapback;

  const workOrderNumber = extractWorkOrderNumber(text);
  const rest = normalized.replace(ORDER_REFERENCE_WORDS, ' ').replace(/\s+/g, ' ').trim();
  const request = tenantRequest(normalized, rest, workOrderNumber);
  if (request) return request;
  if (!rest || containsAny(rest, PROBLEM_WORDS)) return problem;
  const words = rest.split(' ');
  const reschedule: InboundIntent = { kind: 'reschedule', proposal: text, workOrderNumber };
  if (containsAny(rest, RESCHEDULE_CUES)) return reschedule;
  if (containsAny(rest, DECLINE_PHRASES) && words.length <= MAX_RESCHEDULE_WORDS)
    return { kind: 'answer', answer: 'no', workOrderNumber };

  const namesTime = mentionsTime(text);
  const lead = leadingAnswer(words);
  if (lead && (lead.answer === 'yes' || isAnsweringNo(text, words, lead.length))) {
    if (namesTime && (lead.answer === 'no' || containsAny(rest, COUNTER_PROPOSAL_WORDS))) return reschedule;
    const extra = words.slice(lead.length).filter((w) => !ANSWER_FILLER.has(w));
    if (extra.length <= MAX_ANSWER_EXTRA_WORDS) return { kind: 'answer', answer: lead.answer, workOrderNumber };
  }
  if (namesTime && words.length <= MAX_RESCHEDULE_WORDS) return reschedule;
  return problem;
}
