import type { DueItem, PreventiveRule } from './dueItems';

/** A preventive work order already written: by its key (this plan, this period) or open for the same target. */
export interface ExistingPreventiveOrder {
  number: number;
  status: string;
  /** The plan that opened it; null for an order written before plans named themselves in its metadata. */
  planId: string | null;
}

export type SkipWhy = 'opened_this_period' | 'open_order_for_target';

/** A due item a run leaves alone, and why. */
export interface SkippedItem {
  key: string;
  target: string;
  rule: PreventiveRule;
  buildingId: number;
  why: SkipWhy;
  order: ExistingPreventiveOrder;
  reason: string;
}

const TARGET_NAMES: Record<PreventiveRule, string> = {
  equipment: 'this equipment',
  seasonal: 'this seasonal task',
  pattern: 'this recurring problem in this building',
};

function skipReason(item: DueItem, why: SkipWhy, order: ExistingPreventiveOrder): string {
  if (why === 'opened_this_period') {
    const period = item.rule === 'pattern' ? 'the same orders' : item.details.period;
    return `this plan opened #${order.number} for ${period} already (${order.status})`;
  }
  const by =
    order.planId === null
      ? ''
      : order.planId === item.details.planId
        ? ', opened by this plan'
        : `, opened by plan ${order.planId}`;
  return `an open order already exists for ${TARGET_NAMES[item.rule]}: #${order.number} (${order.status}${by})`;
}

/**
 * Splits due items into those to open and those to skip: an order with the item's key exists (this plan opened it
 * for this period, open or not), or another order for its target is open (any plan, any period). At most one item
 * per target is opened, even were a plan to find one target due twice.
 */
export function sortOutDuplicates(
  items: readonly DueItem[],
  byKey: ReadonlyMap<string, ExistingPreventiveOrder>,
  openByTarget: ReadonlyMap<string, ExistingPreventiveOrder>,
): { toOpen: DueItem[]; skipped: SkippedItem[] } {
  const toOpen: DueItem[] = [];
  const skipped: SkippedItem[] = [];
  const taken = new Set<string>();
  for (const item of items) {
    const own = byKey.get(item.key);
    const other = openByTarget.get(item.target);
    const [why, order]: [SkipWhy, ExistingPreventiveOrder | undefined] = own
      ? ['opened_this_period', own]
      : ['open_order_for_target', other];
    if (order) {
      skipped.push({
        key: item.key,
        target: item.target,
        rule: item.rule,
        buildingId: item.buildingId,
        why,
        order,
        reason: skipReason(item, why, order),
      });
    } else if (!taken.has(item.target)) {
      taken.add(item.target);
      toOpen.push(item);
    }
  }
  return { toOpen, skipped };
}
