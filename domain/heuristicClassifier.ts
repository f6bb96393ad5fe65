import type { Classification } from './classification';
import { normalizeDescription } from './classification';
import type { Priority, Skill } from './priority';

/**
 * The deterministic classifier used when no AI key is set: phrases in English and Spanish, matched as whole
 * words on the normalized text (lower case, no accents, "won't" → "won t"). Every decision names the words
 * that made it, so a coordinator can see why. Safety phrases always make the order an emergency.
 */

interface SkillCue {
  skill: Skill;
  minutes: number;
  /** Words that name the trade's own equipment or symptoms. */
  strong: string[];
  /** Words several trades share (a leak may be a roof, a pipe or a dishwasher) or that only say where. */
  weak: string[];
}

const STRONG = 2;
const WEAK = 1;

/** In tie-break order: on equal evidence the trade listed first leads (a leaking dishwasher is an appliance job). */
const SKILL_CUES: SkillCue[] = [
  {
    skill: 'appliance', minutes: 60,
    strong: ['fridge', 'refrigerator', 'freezer', 'dishwasher', 'stove', 'burner', 'oven', 'range', 'microwave', 'washer', 'dryer', 'washing machine', 'refrigerador', 'nevera', 'congelador', 'lavaplatos', 'lavavajillas', 'estufa', 'hornilla', 'horno', 'microondas', 'lavadora', 'secadora'],
    weak: [],
  },
  {
    skill: 'roofing', minutes: 120,
    strong: ['roof', 'shingle', 'shingles', 'gutter', 'gutters', 'tejado', 'tejas', 'azotea', 'canaleta'],
    weak: [],
  },
  {
    skill: 'pest', minutes: 60,
    strong: ['roach', 'roaches', 'cockroach', 'cockroaches', 'mice', 'mouse', 'rats', 'rat', 'bed bugs', 'bedbugs', 'ants', 'pest', 'pests', 'termites', 'wasps', 'cucaracha', 'cucarachas', 'ratones', 'raton', 'ratas', 'rata', 'chinches', 'hormigas', 'plaga'],
    weak: ['droppings', 'bites'],
  },
  {
    skill: 'locksmith', minutes: 45,
    strong: ['lock', 'locks', 'locked out', 'key', 'keys', 'key fob', 'deadbolt', 'door won t lock', 'cerradura', 'cerrojo', 'llave', 'llaves', 'me quede afuera', 'no cierra la puerta'],
    weak: [],
  },
  {
    skill: 'hvac', minutes: 90,
    strong: ['heat', 'heating', 'no heat', 'furnace', 'boiler', 'radiator', 'radiators', 'baseboard heater', 'air conditioning', 'air conditioner', 'ac', 'a c', 'thermostat', 'too cold', 'too hot', 'calefaccion', 'sin calefaccion', 'aire acondicionado', 'termostato', 'radiador', 'caldera', 'hace frio', 'hace calor'],
    // "heater" is weak so that "water heater" (plumbing, strong) wins.
    weak: ['heater', 'vent', 'vents', 'frio'],
  },
  {
    skill: 'electrical', minutes: 75,
    strong: ['outlet', 'outlets', 'breaker', 'breaker tripped', 'sparks', 'sparking', 'light switch', 'power', 'no power', 'power out', 'electricity', 'lights flicker', 'flickering', 'exposed wire', 'exposed wires', 'wiring', 'electrical', 'burning smell', 'gfci', 'light fixture', 'enchufe', 'enchufes', 'chispas', 'sin luz', 'electricidad', 'sin electricidad', 'cables expuestos', 'interruptor', 'apagon'],
    weak: ['light', 'lights', 'luz'],
  },
  {
    skill: 'plumbing', minutes: 90,
    strong: ['clog', 'clogged', 'toilet', 'faucet', 'pipe', 'pipes', 'water heater', 'hot water', 'no hot water', 'sewage', 'running water', 'garbage disposal', 'overflowing', 'desbordando', 'se desborda', 'se tapo', 'backed up', 'backing up', 'tuberia', 'inodoro', 'tapado', 'tapada', 'atascado', 'agua caliente', 'calentador de agua', 'fuga de agua'],
    weak: ['leak', 'leaks', 'leaking', 'drip', 'drips', 'dripping', 'drain', 'sink', 'shower', 'tub', 'bathtub', 'flood', 'flooding', 'ceiling water', 'water stain', 'fuga', 'gotea', 'gotera', 'goteando', 'lavabo', 'fregadero', 'desague', 'ducha', 'regadera', 'banera', 'tina', 'inundacion', 'inundado'],
  },
  {
    skill: 'general', minutes: 60,
    strong: ['smoke detector', 'smoke alarm', 'detector de humo', 'alarma de humo'],
    weak: ['door', 'doors', 'window', 'windows', 'cabinet', 'cabinets', 'drywall', 'wall', 'hole in wall', 'hole in the wall', 'doorknob', 'hinge', 'paint', 'floor', 'tile', 'blinds', 'closet', 'railing', 'stairs', 'puerta', 'ventana', 'gabinete', 'pared', 'pintura', 'piso', 'baldosa', 'escalera'],
  },
];

interface SafetyCue {
  phrase: string;
  /** Skill the hazard needs, when the phrase itself says it. */
  skill?: Skill;
  /** Skill for a hazard that does not say its trade (smoke), used only when no trade word says more. */
  fallbackSkill?: Skill;
  label: string;
}

const SAFETY_CUES: SafetyCue[] = [
  { phrase: 'gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'smell gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'olor a gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'huele a gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'smoke', fallbackSkill: 'electrical', label: 'smoke' },
  { phrase: 'humo', fallbackSkill: 'electrical', label: 'smoke' },
  { phrase: 'fire', fallbackSkill: 'electrical', label: 'fire' },
  { phrase: 'fuego', fallbackSkill: 'electrical', label: 'fire' },
  { phrase: 'incendio', fallbackSkill: 'electrical', label: 'fire' },
  { phrase: 'sparks', skill: 'electrical', label: 'sparks' },
  { phrase: 'sparking', skill: 'electrical', label: 'sparks' },
  { phrase: 'chispas', skill: 'electrical', label: 'sparks' },
  { phrase: 'exposed wire', skill: 'electrical', label: 'exposed wires' },
  { phrase: 'exposed wires', skill: 'electrical', label: 'exposed wires' },
  { phrase: 'cables expuestos', skill: 'electrical', label: 'exposed wires' },
  { phrase: 'burning smell', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'smells like burning', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'smell of burning', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'something burning', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'burnt smell', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'olor a quemado', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'huele a quemado', fallbackSkill: 'electrical', label: 'burning smell' },
  { phrase: 'carbon monoxide', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'co alarm', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'co detector', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'monoxido', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'flooding', skill: 'plumbing', label: 'flooding' },
  { phrase: 'flooded', skill: 'plumbing', label: 'flooding' },
  { phrase: 'flood', skill: 'plumbing', label: 'flooding' },
  { phrase: 'inundacion', skill: 'plumbing', label: 'flooding' },
  { phrase: 'inundado', skill: 'plumbing', label: 'flooding' },
  { phrase: 'burst pipe', skill: 'plumbing', label: 'burst pipe' },
  { phrase: 'burst pipes', skill: 'plumbing', label: 'burst pipe' },
  { phrase: 'pipe burst', skill: 'plumbing', label: 'burst pipe' },
  { phrase: 'pipes burst', skill: 'plumbing', label: 'burst pipe' },
  { phrase: 'tubo roto', skill: 'plumbing', label: 'burst pipe' },
  { phrase: 'tuberia rota', skill: 'plumbing', label: 'burst pipe' },
  { phrase: 'sewage', skill: 'plumbing', label: 'sewage' },
  { phrase: 'aguas negras', skill: 'plumbing', label: 'sewage' },
  { phrase: 'no heat', skill: 'hvac', label: 'no heat' },
  { phrase: 'sin calefaccion', skill: 'hvac', label: 'no heat' },
  { phrase: 'front door won t lock', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'front door lock is broken', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'broken lock', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'cerradura rota', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'no cierra con llave', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'ceiling collapsed', skill: 'general', label: 'structural collapse' },
  { phrase: 'ceiling is falling', skill: 'general', label: 'structural collapse' },
  { phrase: 'techo se cayo', skill: 'general', label: 'structural collapse' },
  { phrase: 'se cayo el techo', skill: 'general', label: 'structural collapse' },
];

/**
 * Things whose names contain a hazard word but are not a hazard by themselves: a chirping smoke detector or a
 * gas stove that will not light. They are blanked out before the safety check, so "the gas stove smells like
 * gas" is still an emergency and "my gas stove burner won't light" is not.
 */
const HARMLESS_NAMES = ['smoke detector', 'smoke detectors', 'smoke alarm', 'fire alarm', 'fire escape', 'fire extinguisher', 'fireplace', 'gas stove', 'gas range', 'gas oven', 'gas dryer', 'gas bill', 'gas meter reading', 'detector de humo', 'alarma de humo', 'alarma de incendio', 'estufa de gas'];

/**
 * What a home cannot go without. One of these named together with a failure ("the AC is not working", "no hot
 * water", "se rompió la cerradura") makes the order high priority, or an emergency when losing it is a hazard.
 */
interface EssentialService {
  label: string;
  /** Names that may be followed by a failure: "fridge is not cooling". */
  names: string[];
  /** Names that count only after a failure word: "sin luz" is a power cut, "la luz no funciona" one lamp. */
  namesAfterFailureOnly?: string[];
  hazard?: Omit<SafetyCue, 'phrase'>;
}

const ESSENTIAL_SERVICES: EssentialService[] = [
  { label: 'heat', names: ['heat', 'heating', 'furnace', 'boiler', 'radiator', 'radiators', 'calefaccion', 'caldera', 'radiador'], hazard: { skill: 'hvac', label: 'no heat' } },
  { label: 'hot water', names: ['hot water', 'water heater', 'agua caliente', 'calentador de agua'] },
  { label: 'cooling', names: ['ac', 'a c', 'air conditioning', 'air conditioner', 'aire acondicionado'], namesAfterFailureOnly: ['air', 'aire'] },
  { label: 'refrigeration', names: ['fridge', 'refrigerator', 'freezer', 'refrigerador', 'nevera', 'congelador'] },
  { label: 'water', names: [], namesAfterFailureOnly: ['water', 'agua'] },
  { label: 'power', names: ['power', 'electricity', 'electricidad'], namesAfterFailureOnly: ['luz'] },
  { label: 'toilet', names: ['toilet', 'inodoro'] },
  { label: 'entry lock', names: ['lock', 'deadbolt', 'cerradura', 'cerrojo'], hazard: { skill: 'locksmith', label: 'entry door does not lock' } },
];

/** Failure phrases that follow the service's name, up to a few words later: "the fridge in the kitchen is not cooling". */
const FAILURE_AFTER = ['not working', 'isn t working', 'is not working', 'stopped working', 'doesn t work', 'does not work', 'don t work', 'won t work', 'won t turn on', 'won t flush', 'not cooling', 'isn t cooling', 'stopped cooling', 'not getting cold', 'blowing warm', 'blowing hot', 'broken', 'broke', 'is out', 'went out', 'is off', 'died', 'is dead', 'no funciona', 'no sirve', 'no enfria', 'no prende', 'no enciende', 'dejo de funcionar', 'se descompuso', 'esta roto', 'esta rota', 'se rompio'];
/** Failure phrases that come just before the name: "no hot water", "sin luz", Spanish verb-first "no funciona el aire". */
const FAILURE_BEFORE = ['no', 'sin', 'no hay', 'no tengo', 'no tenemos', 'without', 'lost', 'broken', 'se rompio', 'se dano', 'no funciona', 'no sirve', 'no prende', 'no enfria', 'se descompuso', 'dejo de funcionar'];
const WORDS_BETWEEN_NAME_AND_FAILURE = 4;
const WORDS_BETWEEN_FAILURE_AND_NAME = 1;

/** Water reaching electrical fittings is a shock and fire hazard whatever the source of the water. */
const WATER_WORDS = ['leak', 'leaks', 'leaking', 'dripping', 'drips', 'pouring', 'wet', 'soaked', 'gotea', 'goteando', 'gotera', 'mojado', 'mojada', 'sale agua', 'cae agua', 'entra agua'];
const ELECTRICAL_FITTINGS = ['light fixture', 'outlet', 'outlets', 'electrical panel', 'breaker box', 'enchufe', 'enchufes', 'lampara', 'panel electrico'];
const WATER_NEAR_ELECTRICAL: Omit<SafetyCue, 'phrase'> = { skill: 'electrical', label: 'water near electrical fittings' };

const HIGH_CUES = ['no hot water', 'sin agua caliente', 'toilet won t flush', 'only toilet', 'no power', 'sin luz', 'sin electricidad', 'fridge not cooling', 'refrigerator not cooling', 'nevera no enfria', 'no ac', 'no air', 'locked out', 'me quede afuera', 'water everywhere', 'overflowing', 'desbordando', 'se desborda', 'ceiling leak', 'leak in my ceiling', 'leaking from ceiling', 'gotera en el techo', 'mice', 'mouse', 'rats', 'rat', 'ratones', 'raton', 'ratas', 'bed bugs', 'bedbugs', 'chinches', 'smoke detector', 'smoke alarm', 'detector de humo', 'alarma de humo'];
/** Water coming through from above spreads damage to the unit and the one below. */
const ABOVE = ['ceiling', 'roof', 'techo'];
const LEAKING = ['leak', 'leaks', 'leaking', 'drip', 'dripping', 'gotea', 'gotera', 'goteando'];
const LOW_CUES = ['cosmetic', 'when you get a chance', 'whenever you get a chance', 'whenever you can', 'no rush', 'not urgent', 'paint', 'scuff', 'scuffs', 'blinds', 'cabinet door', 'squeak', 'squeaks', 'squeaky', 'sin prisa', 'no es urgente', 'cuando puedan', 'pintura'];
const MULTI_VISIT_CUES = ['again', 'still', 'third time', 'keeps', 'every time', 'otra vez', 'todavia', 'sigue', 'de nuevo'];
const PARTS_CUES = ['broken', 'replace', 'cracked', 'not working', 'dead', 'roto', 'rota', 'no funciona', 'reemplazar', 'water heater', 'compressor', 'motor'];

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase.trim()} `);
}

/** Word positions [start, end) where the phrase occurs. */
function phraseSpans(words: readonly string[], phrase: string): Array<[number, number]> {
  const target = phrase.split(' ');
  const spans: Array<[number, number]> = [];
  for (let i = 0; i + target.length <= words.length; i++) {
    if (target.every((w, j) => words[i + j] === w)) spans.push([i, i + target.length]);
  }
  return spans;
}

function failingServices(words: readonly string[]): EssentialService[] {
  const after = FAILURE_AFTER.flatMap((f) => phraseSpans(words, f));
  const before = FAILURE_BEFORE.flatMap((f) => phraseSpans(words, f));
  const allNames = ESSENTIAL_SERVICES.flatMap((s) => [...s.names, ...(s.namesAfterFailureOnly ?? [])].flatMap((n) => phraseSpans(words, n)));
  // "water" inside "no hot water" is the hot water, not a second outage.
  const spansOf = (name: string) =>
    phraseSpans(words, name).filter(([start, end]) => !allNames.some(([s, e]) => s <= start && end <= e && e - s > end - start));
  const failedBefore = (start: number) => before.some(([, end]) => end <= start && start - end <= WORDS_BETWEEN_FAILURE_AND_NAME);
  const failedAfter = (end: number) => after.some(([start]) => start >= end && start - end <= WORDS_BETWEEN_NAME_AND_FAILURE);
  return ESSENTIAL_SERVICES.filter(
    (service) =>
      service.names.some((name) => spansOf(name).some(([start, end]) => failedBefore(start) || failedAfter(end))) ||
      (service.namesAfterFailureOnly ?? []).some((name) => spansOf(name).some(([start]) => failedBefore(start))),
  );
}

function withoutHarmlessNames(text: string): string {
  // Names are lower-case words and spaces only (normalized), so they are safe inside a RegExp.
  return HARMLESS_NAMES.reduce((t, name) => t.replace(new RegExp(`(^| )${name}(?= |$)`, 'g'), '$1_'), text);
}

export function classifyHeuristically(description: string): Classification {
  const text = normalizeDescription(description);
  const words = text.split(' ');
  const reasons: string[] = [];

  const brokenServices = failingServices(words);
  const hazardText = withoutHarmlessNames(text);
  const safetyHits: Array<Omit<SafetyCue, 'phrase'>> = [
    ...SAFETY_CUES.filter((cue) => containsPhrase(hazardText, cue.phrase)),
    ...brokenServices.flatMap((s) => (s.hazard ? [s.hazard] : [])),
    ...(WATER_WORDS.some((p) => containsPhrase(text, p)) && ELECTRICAL_FITTINGS.some((p) => containsPhrase(text, p)) ? [WATER_NEAR_ELECTRICAL] : []),
  ];

  const skillScores = SKILL_CUES.map((cue) => {
    const strong = cue.strong.filter((p) => containsPhrase(text, p));
    const weak = cue.weak.filter((p) => containsPhrase(text, p));
    return { cue, hits: [...strong, ...weak], score: strong.length * STRONG + weak.length * WEAK };
  })
    .filter((s) => s.hits.length > 0)
    .sort((a, b) => b.score - a.score); // stable: equal scores keep SKILL_CUES order

  const skills: Skill[] = [];
  for (const hit of safetyHits) if (hit.skill && !skills.includes(hit.skill)) skills.push(hit.skill);
  for (const s of skillScores) if (!skills.includes(s.cue.skill)) skills.push(s.cue.skill);
  for (const hit of safetyHits) if (hit.fallbackSkill && !skills.includes(hit.fallbackSkill)) skills.push(hit.fallbackSkill);
  const primary = skills[0] ?? 'general';
  if (skills.length === 0) skills.push('general');
  const top = skillScores[0];
  if (top) reasons.push(`mentions ${top.hits.map((h) => `"${h}"`).join(', ')} (${top.cue.skill})`);

  const safety = safetyHits.length > 0;
  const leakFromAbove = ABOVE.some((p) => containsPhrase(text, p)) && LEAKING.some((p) => containsPhrase(text, p));
  let priority: Priority = 'medium';
  if (safety) {
    priority = 'emergency';
    reasons.push(`safety concern: ${[...new Set(safetyHits.map((h) => h.label))].join(', ')}`);
  } else if (brokenServices.length > 0) {
    priority = 'high';
    reasons.push(`essential service out: ${brokenServices.map((s) => s.label).join(', ')}`);
  } else if (leakFromAbove) {
    priority = 'high';
    reasons.push('water coming through from above spreads damage');
  } else if (HIGH_CUES.some((p) => containsPhrase(text, p))) {
    priority = 'high';
    reasons.push('affects an essential service or the health of the home');
  } else if (LOW_CUES.some((p) => containsPhrase(text, p))) {
    priority = 'low';
    reasons.push('cosmetic or not urgent');
  }

  const warnings: Classification['warnings'] = [];
  if (safety) warnings.push('safety');
  if (MULTI_VISIT_CUES.some((p) => containsPhrase(text, p))) {
    warnings.push('multi_visit');
    reasons.push('a recurring problem may need more than one visit');
  }
  if (PARTS_CUES.some((p) => containsPhrase(text, p))) warnings.push('parts_likely');

  // Confidence grows with clear, single-trade evidence and falls with ambiguity or no evidence at all.
  let confidence: number;
  if (!top && !safety) {
    confidence = 0.4;
    reasons.push('no known trade words: needs a person to read it');
  } else {
    const evidence = (top?.hits.length ?? 0) + safetyHits.length;
    confidence = Math.min(0.95, 0.72 + 0.09 * Math.min(evidence, 3));
    const runnerUp = skillScores[1];
    if (top && runnerUp && runnerUp.score === top.score) {
      confidence -= 0.15;
      reasons.push(`ambiguous between ${top.cue.skill} and ${runnerUp.cue.skill}`);
    }
  }

  const baseMinutes = SKILL_CUES.find((c) => c.skill === primary)?.minutes ?? 60;
  const estimatedMinutes = Math.round((baseMinutes * (warnings.includes('parts_likely') ? 1.25 : 1)) / 15) * 15;

  return {
    priority,
    skillsRequired: skills.slice(0, 2),
    estimatedMinutes,
    confidence: Math.round(confidence * 100) / 100,
    reasoning: reasons.join('; ') || 'general maintenance request',
    warnings,
    safety,
  };
}
