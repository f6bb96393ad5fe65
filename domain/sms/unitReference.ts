/** The unit a texter names ("Building A - 205", "apt 205 in building B", "A-205"), matched against our buildings. */

export interface UnitReference {
  buildingName: string;
  unitLabel: string;
}

const BUILDING_WORD = '(?:building|bldg|bld|bdg|edificio|edif|edf)';
const UNIT_WORD = '(?:unit|apt|apartment|apartamento|apto|depto|departamento|unidad|suite|ste|number|numero|num|nro|#)';
const SEPARATOR = '[\\s,:#-]*';
const LINK = '(?:\\s+(?:in|at|of|en|del|de|the|el))*';
/** A unit label: digits, maybe a letter after them ("205", "12B"); its length is checked separately. */
const UNIT = '(\\d{1,4}[a-z]?)';
/** Not the start of a time, a phone number or a longer number: "205pm", "555-0141", "20555". */
const UNIT_END = '(?![a-z0-9]|\\s*-?\\s*\\d|:)';
const UNIT_START = '(?<![a-z0-9:$.])';

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9#:$-]+/g, ' ')
    .replace(/#/g, ' # ')
    .replace(/\s+/g, ' ');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isUnitLabel(label: string): boolean {
  return label.length >= 2 && label.length <= 4;
}

interface BuildingPatterns {
  buildingName: string;
  patterns: RegExp[];
}

/**
 * "Building A" is also "bldg A", "edificio A" and, glued to the unit, "A-205" / "A205". Without a separator the unit
 * must have three digits or more, or "vitamin B12" would be a unit.
 */
function patternsFor(buildingName: string): BuildingPatterns {
  const fullName = escapeRegExp(normalize(buildingName).trim());
  const designator = /^(?:building|bldg|edificio)\s+(\S+)$/i.exec(buildingName.trim())?.[1]?.toLowerCase();
  const names = designator ? [fullName, `${BUILDING_WORD} ${escapeRegExp(designator)}`] : [fullName];
  const building = `(?<![a-z0-9])(?:${names.join('|')})(?![a-z0-9])`;
  const sources = [
    `${building}${SEPARATOR}(?:${UNIT_WORD}${SEPARATOR})?${UNIT_START}${UNIT}${UNIT_END}`,
    `(?<![a-z0-9])${UNIT_WORD}${SEPARATOR}${UNIT_START}${UNIT}${UNIT_END}${SEPARATOR}${LINK}\\s*${building}`,
    `${UNIT_START}${UNIT}${UNIT_END}${LINK}\\s+${building}`,
    // "Building A, 3rd floor, apt 305": a few words between, when a unit word says where the unit is.
    `${building}(?:[\\s,:-]+[a-z0-9]+){1,3}?${SEPARATOR}(?<![a-z0-9])${UNIT_WORD}${SEPARATOR}${UNIT_START}${UNIT}${UNIT_END}`,
  ];
  if (designator && /^[a-z]$/.test(designator)) {
    sources.push(
      `(?<![a-z0-9])${designator}\\s*-\\s*${UNIT}${UNIT_END}`,
      `(?<![a-z0-9])${designator}(\\d{3,4}[a-z]?)${UNIT_END}`,
    );
  }
  return { buildingName, patterns: sources.map((s) => new RegExp(s)) };
}

/** With one building, "apt 205" is enough. */
const UNIT_ALONE = new RegExp(`(?<![a-z0-9])${UNIT_WORD}${SEPARATOR}${UNIT_START}${UNIT}${UNIT_END}`);

export function parseUnitReference(text: string, buildingNames: string[]): UnitReference | null {
  const normalized = normalize(text);
  let best: { at: number; reference: UnitReference } | null = null;
  for (const { buildingName, patterns } of buildingNames.map(patternsFor)) {
    for (const pattern of patterns) {
      const match = pattern.exec(normalized);
      const label = match?.[1];
      if (!match || !label || !isUnitLabel(label)) continue;
      if (!best || match.index < best.at)
        best = { at: match.index, reference: { buildingName, unitLabel: label.toUpperCase() } };
    }
  }
  if (best) return best.reference;
  const only = buildingNames.length === 1 ? buildingNames[0] : undefined;
  const alone = only ? UNIT_ALONE.exec(normalized)?.[1] : undefined;
  return only && alone && isUnitLabel(alone) ? { buildingName: only, unitLabel: alone.toUpperCase() } : null;
}
