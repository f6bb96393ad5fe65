import type { Priority } from '../priority';

/**
 * AppFolio's work order status and priority names, and what each one becomes here. The names are those AppFolio
 * Property Manager shows and exports (work order report, Reports API); a name not listed is reported back to the
 * importer, never guessed at. Matching ignores case and repeated spaces only.
 *
 * Open orders start their workflow here (it begins at triage and makes its own assignment); closed ones are kept as
 * records. "Work Done" / "Work Completed" and "Ready to Bill" mean the work is finished and only AppFolio's billing
 * is open, so they are closed records too: starting a workflow would send someone to redo the job.
 */
export type AppfolioDisposition = { kind: 'open' } | { kind: 'closed'; status: 'completed' | 'cancelled' };

const STATUSES = new Map<string, AppfolioDisposition>(
  Object.entries({
    new: { kind: 'open' },
    'estimate requested': { kind: 'open' },
    estimated: { kind: 'open' },
    assigned: { kind: 'open' },
    'assigned by appfolio': { kind: 'open' },
    scheduled: { kind: 'open' },
    waiting: { kind: 'open' },
    'work done': { kind: 'closed', status: 'completed' },
    'work completed': { kind: 'closed', status: 'completed' },
    'ready to bill': { kind: 'closed', status: 'completed' },
    completed: { kind: 'closed', status: 'completed' },
    'completed no need to bill': { kind: 'closed', status: 'completed' },
    canceled: { kind: 'closed', status: 'cancelled' },
  } satisfies Record<string, AppfolioDisposition>),
);

/** AppFolio's urgencies: Emergency, Urgent, Normal, Low. */
const PRIORITIES = new Map<string, Priority>(
  Object.entries({
    emergency: 'emergency',
    urgent: 'high',
    normal: 'medium',
    low: 'low',
  } satisfies Record<string, Priority>),
);

const key = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

export function appfolioStatus(name: string): AppfolioDisposition | null {
  return STATUSES.get(key(name)) ?? null;
}

export function appfolioPriority(name: string): Priority | null {
  return PRIORITIES.get(key(name)) ?? null;
}
