/**
 * What a work order costs Temporal, read from its history: workflow tasks, history events, activities (regular and
 * local), timers and search-attribute upserts, counted twice:
 * - up to `awaiting_confirmation`: to the workflow task that publishes the status `awaiting_confirmation` (its
 *   search-attribute upsert; on code that publishes no such upsert, to the first `sendSms` scheduled, the old mark);
 * - at rest: the whole history of an order parked in `awaiting_confirmation` on its timers (the texts sent).
 */
import type { TestSystem } from '../../test/support/system';
import { searchAttributes, workOrderWorkflowId } from '../../workflows/definitions';
import { summarize } from './stats';

type History = Awaited<ReturnType<ReturnType<TestSystem['env']['client']['workflow']['getHandle']>['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];

export interface HistoryCounts {
  events: number;
  workflowTasks: number;
  activities: number;
  localActivities: number;
  timers: number;
  upserts: number;
}

export interface OrderCost {
  toAwaitingConfirmation: HistoryCounts | null;
  atRest: HistoryCounts;
}

function countsOf(events: readonly HistoryEvent[]): HistoryCounts {
  return {
    events: events.length,
    workflowTasks: events.filter((e) => e.workflowTaskCompletedEventAttributes).length,
    activities: events.filter((e) => e.activityTaskScheduledEventAttributes).length,
    localActivities: events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity').length,
    timers: events.filter((e) => e.timerStartedEventAttributes).length,
    upserts: events.filter((e) => e.upsertWorkflowSearchAttributesEventAttributes).length,
  };
}

function publishesAwaitingConfirmation(event: HistoryEvent): boolean {
  const field =
    event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.[
      searchAttributes.status.name
    ];
  return field?.data ? Buffer.from(field.data).toString('utf8').includes('awaiting_confirmation') : false;
}

export function costOf(events: readonly HistoryEvent[]): OrderCost {
  let end = events.findIndex(publishesAwaitingConfirmation);
  if (end < 0)
    end = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendSms') - 1;
  return { toAwaitingConfirmation: end >= 0 ? countsOf(events.slice(0, end + 1)) : null, atRest: countsOf(events) };
}

export async function orderCost(system: TestSystem, number: number): Promise<OrderCost | null> {
  const history = await system.env.client.workflow
    .getHandle(workOrderWorkflowId(number))
    .fetchHistory()
    .catch(() => null);
  return history?.events?.length ? costOf(history.events) : null;
}

export type CostMedians = Record<keyof HistoryCounts, number>;

export interface SampledCost {
  sampled: number;
  toAwaitingConfirmation: CostMedians | null;
  atRest: CostMedians | null;
}

const median = (rows: HistoryCounts[]): CostMedians | null =>
  rows.length === 0
    ? null
    : (Object.fromEntries(
        (Object.keys(rows[0]!) as Array<keyof HistoryCounts>).map((k) => [k, summarize(rows.map((r) => r[k])).p50]),
      ) as CostMedians);

/** The median cost of up to `size` orders spread over `numbers` (orders at rest in `awaiting_confirmation`). */
export async function sampleCost(system: TestSystem, numbers: readonly number[], size: number): Promise<SampledCost> {
  const every = Math.max(1, Math.floor(numbers.length / size));
  const sample = numbers.filter((_, i) => i % every === 0).slice(0, size);
  const costs = (await Promise.all(sample.map((n) => orderCost(system, n)))).filter((c): c is OrderCost => c !== null);
  return {
    sampled: costs.length,
    toAwaitingConfirmation: median(costs.flatMap((c) => (c.toAwaitingConfirmation ? [c.toAwaitingConfirmation] : []))),
    atRest: median(costs.map((c) => c.atRest)),
  };
}

/** "4 workflow tasks, 28 events (2 activities, 3 local activities, 1 upsert)". */
export function costLine(c: CostMedians | null): string {
  if (!c) return 'n/a';
  return `${c.workflowTasks} workflow tasks, ${c.events} history events (${c.activities} activities, ${c.localActivities} local activities, ${c.timers} timers, ${c.upserts} search-attribute upserts)`;
}
