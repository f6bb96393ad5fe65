import type { Classification } from './classification';
import { normalizeDescription } from './classification';
import type { Priority, Skill } from './priority';

/**
 * The deterministic classifier used when no AI key is set: phrases in English and Spanish, matched on the
 * normalized text. Safety phrases always make the order an emergency with a safety concern.
 */

interface SkillCue {
  skill: Skill;
  phrases: string[];
  minutes: number;
}

const SKILL_CUES: SkillCue[] = [
  { skill: 'plumbing', minutes: 90, phrases: ['leak', 'leaking', 'drip', 'dripping', 'clog', 'clogged', 'toilet', 'sink', 'faucet', 'drain', 'pipe', 'water heater', 'no hot water', 'shower', 'tub', 'bathtub', 'sewage', 'flood', 'flooding', 'running water', 'garbage disposal', 'fuga', 'gotea', 'gotera', 'tuberia', 'inodoro', 'lavabo', 'fregadero', 'desague', 'tapado', 'atascado', 'agua caliente', 'ducha', 'inundacion', 'inundado', 'ceiling water', 'water stain'] },
  { skill: 'electrical', minutes: 75, phrases: ['outlet', 'breaker', 'sparks', 'sparking', 'light switch', 'no power', 'power out', 'lights flicker', 'flickering', 'exposed wire', 'exposed wires', 'wiring', 'electrical', 'burning smell', 'gfci', 'enchufe', 'chispas', 'sin luz', 'sin electricidad', 'cables expuestos', 'interruptor', 'apagon', 'breaker tripped', 'light fixture', 'luz'] },
  { skill: 'hvac', minutes: 90, phrases: ['heat', 'heating', 'no heat', 'furnace', 'boiler', 'radiator', 'air conditioning', 'air conditioner', 'ac ', 'a c', 'thermostat', 'vent', 'too cold', 'too hot', 'calefaccion', 'sin calefaccion', 'aire acondicionado', 'termostato', 'radiador', 'caldera', 'hace frio', 'hace calor'] },
  { skill: 'appliance', minutes: 60, phrases: ['fridge', 'refrigerator', 'freezer', 'dishwasher', 'stove', 'oven', 'range', 'microwave', 'washer', 'dryer', 'washing machine', 'refrigerador', 'nevera', 'lavaplatos', 'lavavajillas', 'estufa', 'horno', 'microondas', 'lavadora', 'secadora'] },
  { skill: 'locksmith', minutes: 45, phrases: ['lock', 'locked out', 'key', 'deadbolt', 'door won t lock', 'cerradura', 'llave', 'no cierra la puerta'] },
  { skill: 'pest', minutes: 60, phrases: ['roach', 'roaches', 'cockroach', 'mice', 'mouse', 'rats', 'rat', 'bed bugs', 'bedbugs', 'ants', 'pest', 'cucaracha', 'cucarachas', 'ratones', 'raton', 'ratas', 'chinches', 'hormigas'] },
  { skill: 'roofing', minutes: 120, phrases: ['roof', 'shingle', 'gutter', 'techo', 'canaleta'] },
  { skill: 'general', minutes: 60, phrases: ['door', 'window', 'cabinet', 'drywall', 'hole in wall', 'paint', 'floor', 'tile', 'blinds', 'closet', 'railing', 'stairs', 'puerta', 'ventana', 'gabinete', 'pared', 'pintura', 'piso', 'baldosa', 'escalera'] },
];

interface SafetyCue {
  phrase: string;
  /** Skill the hazard needs, when the phrase itself says it. */
  skill?: Skill;
  label: string;
}

const SAFETY_CUES: SafetyCue[] = [
  { phrase: 'gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'smell gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'olor a gas', skill: 'plumbing', label: 'gas smell or leak' },
  { phrase: 'smoke', skill: 'electrical', label: 'smoke' },
  { phrase: 'humo', skill: 'electrical', label: 'smoke' },
  { phrase: 'fire', skill: 'electrical', label: 'fire' },
  { phrase: 'fuego', skill: 'electrical', label: 'fire' },
  { phrase: 'incendio', skill: 'electrical', label: 'fire' },
  { phrase: 'sparks', skill: 'electrical', label: 'sparks' },
  { phrase: 'sparking', skill: 'electrical', label: 'sparks' },
  { phrase: 'chispas', skill: 'electrical', label: 'sparks' },
  { phrase: 'exposed wire', skill: 'electrical', label: 'exposed wires' },
  { phrase: 'exposed wires', skill: 'electrical', label: 'exposed wires' },
  { phrase: 'cables expuestos', skill: 'electrical', label: 'exposed wires' },
  { phrase: 'burning smell', skill: 'electrical', label: 'burning smell' },
  { phrase: 'olor a quemado', skill: 'electrical', label: 'burning smell' },
  { phrase: 'carbon monoxide', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'co alarm', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'co detector', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'monoxido', skill: 'hvac', label: 'carbon monoxide alarm' },
  { phrase: 'flooding', skill: 'plumbing', label: 'flooding' },
  { phrase: 'flooded', skill: 'plumbing', label: 'flooding' },
  { phrase: 'flood', skill: 'plumbing', label: 'flooding' },
  { phrase: 'inundacion', skill: 'plumbing', label: 'flooding' },
  { phrase: 'inundado', skill: 'plumbing', label: 'flooding' },
  { phrase: 'sewage', skill: 'plumbing', label: 'sewage' },
  { phrase: 'aguas negras', skill: 'plumbing', label: 'sewage' },
  { phrase: 'no heat', skill: 'hvac', label: 'no heat' },
  { phrase: 'sin calefaccion', skill: 'hvac', label: 'no heat' },
  { phrase: 'front door won t lock', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'front door lock is broken', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'broken lock', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'cerradura rota', skill: 'locksmith', label: 'entry door does not lock' },
  { phrase: 'ceiling collapsed', skill: 'general', label: 'structural collapse' },
  { phrase: 'ceiling is falling', skill: 'general', label: 'structural collapse' },
  { phrase: 'techo se cayo', skill: 'general', label: 'structural collapse' },
];

const HIGH_CUES = ['no hot water', 'sin agua caliente', 'toilet won t flush', 'only toilet', 'no power', 'sin luz', 'sin electricidad', 'fridge not cooling', 'refrigerator not cooling', 'nevera no enfria', 'no ac', 'no air', 'locked out', 'water everywhere', 'ceiling leak', 'leak in my ceiling', 'leaking from ceiling', 'gotera en el techo', 'mice', 'rats', 'ratas', 'bed bugs', 'chinches'];
const LOW_CUES = ['cosmetic', 'when you get a chance', 'no rush', 'not urgent', 'paint', 'scuff', 'blinds', 'cabinet door', 'squeak', 'squeaky', 'sin prisa', 'no es urgente', 'cuando puedan', 'pintura'];
const MULTI_VISIT_CUES = ['again', 'still', 'third time', 'keeps', 'every time', 'otra vez', 'todavia', 'sigue', 'de nuevo'];
const PARTS_CUES = ['broken', 'replace', 'cracked', 'not working', 'dead', 'roto', 'rota', 'no funciona', 'reemplazar', 'water heater', 'compressor', 'motor'];

function containsPhrase(text: string, phrase: string): boolean {
  return ` ${text} `.includes(` ${phrase.trim()} `);
}

export function classifyHeuristically(description: string): Classification {
  const text = normalizeDescription(description);
  const reasons: string[] = [];

  const safetyHits = SAFETY_CUES.filter((cue) => containsPhrase(text, cue.phrase));
  const skillScores = SKILL_CUES.map((cue) => ({ cue, hits: cue.phrases.filter((p) => containsPhrase(text, p)) }))
    .filter((s) => s.hits.length > 0)
    .sort((a, b) => b.hits.length - a.hits.length);

  const skills: Skill[] = [];
  for (const hit of safetyHits) if (hit.skill && !skills.includes(hit.skill)) skills.push(hit.skill);
  for (const s of skillScores) if (!skills.includes(s.cue.skill)) skills.push(s.cue.skill);
  const primary = skills[0] ?? 'general';
  if (skills.length === 0) skills.push('general');
  const top = skillScores[0];
  if (top) reasons.push(`mentions ${top.hits.map((h) => `"${h.trim()}"`).join(', ')} (${top.cue.skill})`);

  const safety = safetyHits.length > 0;
  let priority: Priority = 'medium';
  if (safety) {
    priority = 'emergency';
    reasons.push(`safety concern: ${[...new Set(safetyHits.map((h) => h.label))].join(', ')}`);
  } else if (HIGH_CUES.some((p) => containsPhrase(text, p))) {
    priority = 'high';
    reasons.push('affects an essential service');
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
    if (skillScores.length > 1 && skillScores[1]!.hits.length === top?.hits.length) {
      confidence -= 0.15;
      reasons.push(`ambiguous between ${skillScores[0]!.cue.skill} and ${skillScores[1]!.cue.skill}`);
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
