import { isKnownWord } from './match';
import { NOT_TYPOS } from './notTypos';

/**
 * Tenants misspell ("toliet", "leeking", "refrigirator"). A word of 5 letters or more that is no cue word of its own
 * and not a real word close to one (NOT_TYPOS: "flooring" is not "flooding", "night" not "light") is read as the word
 * below one edit away (a letter added, dropped, changed, or two swapped), two edits for words of 9 letters or more,
 * never changing the first letter. When two are equally close, the word is left as typed.
 */
const MIN_LENGTH = 5;
const LONG_WORD = 9;

/** The words whose misspelling would hide a job or a hazard: things and symptoms tenants name most. */
export const SPELLING_TARGETS: readonly string[] = [
  'toilet',
  'faucet',
  'plumbing',
  'plumber',
  'shower',
  'bathtub',
  'clogged',
  'heater',
  'furnace',
  'radiator',
  'thermostat',
  'conditioner',
  'conditioning',
  'refrigerator',
  'freezer',
  'dishwasher',
  'microwave',
  'washer',
  'dryer',
  'disposal',
  'garbage',
  'outlet',
  'outlets',
  'breaker',
  'electrical',
  'electricity',
  'electrician',
  'sparking',
  'sparks',
  'burning',
  'smoke',
  'smoking',
  'flooding',
  'flooded',
  'leaking',
  'leaks',
  'dripping',
  'ceiling',
  'sewage',
  'sewer',
  'cockroach',
  'cockroaches',
  'roaches',
  'bedbugs',
  'termites',
  'rodents',
  'droppings',
  'window',
  'windows',
  'railing',
  'detector',
  'monoxide',
  'carbon',
  'sagging',
  'collapsed',
  'collapsing',
  'trapped',
  'elevator',
  'overflowing',
  'backed',
  'exposed',
  'wires',
  'wiring',
  'deadbolt',
  'locked',
  'basement',
  'calefaccion',
  'calentador',
  'inodoro',
  'fregadero',
  'lavabo',
  'lavamanos',
  'regadera',
  'tuberia',
  'gotera',
  'goteando',
  'inundado',
  'inundacion',
  'cucarachas',
  'cucaracha',
  'ratones',
  'chinches',
  'hormigas',
  'refrigerador',
  'lavadora',
  'secadora',
  'estufa',
  'enchufe',
  'electricidad',
  'cerradura',
  'ventana',
  'escalera',
  'humedad',
  'chispas',
  'quemado',
  'atrapado',
  'ascensor',
  'elevador',
  'apagador',
  'interruptor',
  'tomacorriente',
  'desague',
  'drenaje',
  'termostato',
  'microondas',
  'congelador',
  'nevera',
  'calor',
  'tapado',
  'desbordando',
  'barandal',
  'lavaplatos',
];

const corrections = new Map<string, string | undefined>();

export function correctSpelling(form: string): string | undefined {
  if (form.length < MIN_LENGTH || /\d/.test(form)) return undefined;
  if (corrections.has(form)) return corrections.get(form);
  const corrected =
    isKnownWord(form) || NOT_TYPOS.has(form) ? undefined : (withoutDiminutive(form) ?? nearestTarget(form));
  corrections.set(form, corrected);
  return corrected;
}

/**
 * Spanish diminutives of known words: "hormiguitas" → "hormigas", "techito" → "techo", "foquito" → "foco",
 * "ratoncito" → "raton". Only when the plain word is a cue word.
 */
function withoutDiminutive(form: string): string | undefined {
  const m = /^(.+?)(c?)(it|cit)(o|a|os|as)$/.exec(form);
  if (!m) return undefined;
  const stem = m[1]!;
  const ending = m[4]!;
  const candidates = [
    `${stem}${m[2]}${ending}`,
    `${stem}${ending}`,
    `${stem.replace(/qu$/, 'c').replace(/gu$/, 'g')}${ending}`,
    `${stem}e${ending.slice(1)}`,
    stem,
  ];
  return candidates.find((c) => c.length >= 3 && c !== form && isKnownWord(c));
}

/** The spelling target a word is closest to, within the edits allowed; no check that the word is a real one. */
export function nearestTarget(form: string): string | undefined {
  if (form.length < MIN_LENGTH || isKnownWord(form)) return undefined;
  const limit = form.length >= LONG_WORD ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const cue of SPELLING_TARGETS) {
    if (Math.abs(cue.length - form.length) > limit || !sameStart(form, cue)) continue;
    const distance = editDistance(form, cue, limit);
    if (distance < bestDistance) {
      best = cue;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && cue !== best) {
      tie = true;
    }
  }
  return best !== undefined && !tie ? best : undefined;
}

/** The first letter, or the first two swapped ("otilet"). */
function sameStart(a: string, b: string): boolean {
  return a[0] === b[0] || (a[0] === b[1] && a[1] === b[0]);
}

/** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring), cut at limit + 1. */
export function editDistance(a: string, b: string, limit: number): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (i > 0 && rowMin > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
