/** A work order's triage split into the server's and the worker's parts, from its Temporal history's own timestamps. */

/** The parts of a history event this benchmark reads (no enum: the kind is told by which attributes are set). */
export interface HistoryEvent {
  eventId?: { toString(): string } | number | null;
  eventTime?: { seconds?: { toString(): string } | number | null; nanos?: number | null } | null;
  workflowExecutionStartedEventAttributes?: object | null;
  workflowTaskScheduledEventAttributes?: object | null;
  workflowTaskStartedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
  workflowTaskCompletedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  activityTaskStartedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
  activityTaskCompletedEventAttributes?: { scheduledEventId?: { toString(): string } | number | null } | null;
}

const id = (value: { toString(): string } | number | null | undefined): number =>
  Number(value?.toString() ?? Number.NaN);
const eventMs = (e: HistoryEvent): number => id(e.eventTime?.seconds) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;

export interface WorkflowTimes {
  /** WorkflowExecutionStarted → the first `sendSms` scheduled (right after the `assigned` change committed). */
  spanMs: number;
  workflowTasks: number;
  workflowTaskWaitMs: number;
  workflowTaskRunMs: number;
  activities: number;
  activityWaitMs: number;
  activityRunMs: number;
  runByActivity: Map<string, number[]>;
}

/** Splits a work order's triage into the server's and the worker's parts, from its Temporal history's own timestamps. */
export function workflowTimes(events: HistoryEvent[]): WorkflowTimes | null {
  const start = events.find((e) => e.workflowExecutionStartedEventAttributes);
  const end = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'sendSms');
  if (!start || !end) return null;
  const before = events.filter((e) => id(e.eventId) < id(end.eventId));
  const scheduled = new Map(
    before
      .filter((e) => e.workflowTaskScheduledEventAttributes || e.activityTaskScheduledEventAttributes)
      .map((e) => [id(e.eventId), e]),
  );
  const started = new Map<number, HistoryEvent>();
  const times: WorkflowTimes = {
    spanMs: eventMs(end) - eventMs(start),
    workflowTasks: 0,
    workflowTaskWaitMs: 0,
    workflowTaskRunMs: 0,
    activities: 0,
    activityWaitMs: 0,
    activityRunMs: 0,
    runByActivity: new Map(),
  };
  for (const e of before) {
    const startedOf = e.workflowTaskStartedEventAttributes ?? e.activityTaskStartedEventAttributes;
    if (startedOf) {
      const from = scheduled.get(id(startedOf.scheduledEventId));
      if (!from) continue;
      started.set(id(startedOf.scheduledEventId), e);
      if (e.workflowTaskStartedEventAttributes) times.workflowTaskWaitMs += eventMs(e) - eventMs(from);
      else times.activityWaitMs += eventMs(e) - eventMs(from);
    }
    const completedOf = e.workflowTaskCompletedEventAttributes ?? e.activityTaskCompletedEventAttributes;
    if (completedOf) {
      const from = started.get(id(completedOf.scheduledEventId));
      if (!from) continue;
      const run = eventMs(e) - eventMs(from);
      if (e.workflowTaskCompletedEventAttributes) {
        times.workflowTasks += 1;
        times.workflowTaskRunMs += run;
      } else {
        const name =
          scheduled.get(id(completedOf.scheduledEventId))?.activityTaskScheduledEventAttributes?.activityType?.name ??
          'unknown';
        times.activities += 1;
        times.activityRunMs += run;
        times.runByActivity.set(name, [...(times.runByActivity.get(name) ?? []), run]);
      }
    }
  }
  return times;
}
