import type { Skill } from '../priority';
import { sharedThings, wordsOf } from '../sameThing';
import { isTerminal, type WorkOrderStatus } from '../status';
import type { TriageContext } from '../triageContext';
import type { Match } from './match';

/**
 * What the unit's and the building's records add to the tenant's words: the same thing repaired in the unit a few
 * weeks ago is a repeat, though the tenant did not say "again"; other units with open orders like it may share a cause.
 */

const DAY_MS = 24 * 3600 * 1000;
const LISTED_REPORTS = 3;

/**
 * Orders of the unit completed within the repeat window that name the same thing (domain/sameThing.ts) for a trade
 * this order needs: each becomes a repeat match whose cue says which order, so the reasoning names it. A past order
 * without a classification (an import) is read by this classifier, as the import matching does.
 */
export function repeatsInUnit(
  description: string,
  skills: readonly Skill[],
  context: TriageContext | null,
  classify: (text: string) => readonly Skill[],
): Match[] {
  // Contexts gathered before classifiers read them carry neither: no repeat is told from them.
  if (!context?.gatheredAt || !context.repeatWindowDays) return [];
  const now = Date.parse(context.gatheredAt);
  const windowMs = context.repeatWindowDays * DAY_MS;
  const mine = wordsOf(description);
  return context.unitHistory.flatMap((past) => {
    const completed = past.status === 'completed' && past.completedAt ? Date.parse(past.completedAt) : NaN;
    if (!(now - completed >= 0 && now - completed <= windowMs)) return [];
    const pastSkills = past.skills.length > 0 ? past.skills : classify(past.description);
    if (!skills.some((s) => pastSkills.includes(s))) return [];
    const shared = sharedThings(mine, wordsOf(past.description));
    if (shared.length === 0) return [];
    return [
      {
        start: 0,
        end: 0,
        cue: `#${past.number} for the same ${shared.join(', ')}, completed ${daysAgo(now, completed)}`,
      },
    ];
  });
}

function daysAgo(now: number, then: number): string {
  const days = Math.floor((now - then) / DAY_MS);
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Other units' open orders like this one, for the reasoning: a coordinator may send one technician for one cause. */
export function similarOpenReports(context: TriageContext | null): string | null {
  if (!context) return null;
  const sameUnit = new Set(context.unitHistory.map((o) => o.number));
  const open = context.similarInBuilding.filter(
    (o) => !sameUnit.has(o.number) && !isTerminal(o.status as WorkOrderStatus),
  );
  if (open.length === 0) return null;
  const listed = open
    .slice(0, LISTED_REPORTS)
    .map((o) => `#${o.number} in ${o.unitLabel}`)
    .join(', ');
  return `other units of the building have open orders like it (${listed}${open.length > LISTED_REPORTS ? ', …' : ''}): it may be one cause`;
}
