import type { Priority, Skill } from '../priority';

/** Something the text says is wrong, with the priority the labelling guide gives it (docs/triage-labels.md). */
export interface Finding {
  kind: 'hazard' | 'outage' | 'problem';
  label: string;
  priority: Priority;
  safety: boolean;
  /** The trade the finding itself names (a gas smell is the gas line's); null: the trade of the thing it is about. */
  trade: Skill | null;
  /** When no thing is named near it: smoke with nothing around is an electrician's first. */
  fallbackTrade?: Skill;
  /** The second trade the guide names for it (water through a light fixture: plumbing, then electrical). */
  alsoTrade?: Skill;
  /** Word index, to find the thing it is about. */
  at: number;
  /** Water damage, raised by "everywhere", "won't stop", "into the unit below". */
  water?: boolean;
  /** Never lowered by a minor cue (gas, smoke, fire, sparks). */
  firm?: boolean;
  /** false: a vulnerable person does not raise it (pests; a hazard the vulnerable person makes). */
  raisable?: false;
}

const ORDER: readonly Priority[] = ['low', 'medium', 'high', 'emergency'];

export function rank(priority: Priority): number {
  return ORDER.indexOf(priority);
}

/** Moves a priority by steps, within [floor, ceiling]. */
export function shift(
  priority: Priority,
  steps: number,
  floor: Priority = 'low',
  ceiling: Priority = 'emergency',
): Priority {
  const index = Math.min(rank(ceiling), Math.max(rank(floor), rank(priority) + steps));
  return ORDER[index]!;
}

export function worst<T extends { priority: Priority }>(items: readonly T[]): T | undefined {
  return items.reduce<T | undefined>((w, item) => (!w || rank(item.priority) > rank(w.priority) ? item : w), undefined);
}
