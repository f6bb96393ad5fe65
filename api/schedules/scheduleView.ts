import { ScheduleNotFoundError, type Client, type ScheduleDescription } from '@temporalio/client';
import type { PlanRecord, RunRecord } from '../../db/queries/preventivePlans';
import { preventiveScheduleId } from '../../workflows/preventiveDefinitions';

/** How many upcoming run times a view lists. */
const NEXT_RUNS = 5;

export interface ScheduleView {
  id: string;
  name: string;
  timeZone: string;
  schedule: unknown;
  rules: unknown;
  createdBy: string;
  createdAt: string;
  scheduleId: string;
  /** Temporal's state of the schedule; null when Temporal could not describe it (see scheduleError). */
  state: { paused: boolean; note: string | null; pausedBy: string | null; pausedAt: string | null } | null;
  nextRunTimes: string[];
  /** Runs Temporal started lately (triggers included), newest first. */
  recentActions: Array<{ scheduledAt: string; takenAt: string; workflowId: string }>;
  runningWorkflowIds: string[];
  /** What the newest runs found and did (from the runs table), newest first. */
  runs: RunRecord[];
  scheduleError?: string;
}

export async function describeSchedule(temporal: Client, planId: string): Promise<ScheduleDescription> {
  return temporal.schedule.getHandle(preventiveScheduleId(planId)).describe();
}

export function scheduleView(
  plan: PlanRecord,
  runs: RunRecord[],
  described: ScheduleDescription | Error,
): ScheduleView {
  const base = {
    id: plan.id,
    name: plan.name,
    timeZone: plan.timeZone,
    schedule: plan.schedule,
    rules: plan.rules,
    createdBy: plan.createdBy,
    createdAt: plan.createdAt,
    scheduleId: preventiveScheduleId(plan.id),
    runs,
  };
  if (described instanceof Error) {
    const why =
      described instanceof ScheduleNotFoundError
        ? 'Temporal has no schedule with this id'
        : `Temporal did not answer: ${described.message}`;
    return { ...base, state: null, nextRunTimes: [], recentActions: [], runningWorkflowIds: [], scheduleError: why };
  }
  const { state, info } = described;
  return {
    ...base,
    state: {
      paused: state.paused,
      note: state.note || null,
      pausedBy: state.paused ? plan.pausedBy : null,
      pausedAt: state.paused ? plan.pausedAt : null,
    },
    nextRunTimes: info.nextActionTimes.slice(0, NEXT_RUNS).map((t) => t.toISOString()),
    recentActions: [...info.recentActions].reverse().map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      takenAt: a.takenAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
    runningWorkflowIds: info.runningActions.map((a) => a.workflow.workflowId),
  };
}
