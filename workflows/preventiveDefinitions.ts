/**
 * The preventive maintenance workflow's contract: ids and types. No side effects; the API imports this file.
 * A plan is a Temporal Schedule `preventive-plan-<planId>` whose every action starts `preventivePlanWorkflow`.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { SkippedItem } from '../domain/preventive/duplicates';

export const PREVENTIVE_WORKFLOW_TYPE = 'preventivePlanWorkflow';

export function preventiveScheduleId(planId: string): string {
  return `preventive-plan-${planId}`;
}

/** The Schedule appends each run's scheduled time to this id (`preventive-run-<planId>-2026-09-01T10:00:00Z`). */
export function preventiveRunWorkflowId(planId: string): string {
  return `preventive-run-${planId}`;
}

/** Set by the server on workflows a Schedule starts: the time the action was due (the trigger's time for a trigger). */
export const scheduledStartTimeKey = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

export interface PreventiveRunInput {
  planId: string;
  /** Look for what is due as of this instant instead of the run's scheduled time (manual runs, tests). */
  asOf?: string;
}

export interface PreventiveRunResult {
  planId: string;
  asOf: string;
  /** Work orders the plan found due. */
  due: number;
  /** Of those, the ones this run wrote (the others existed already: an earlier or overlapping run). */
  opened: number;
  /**
   * Of the due ones, those this run left alone: this plan opened them for the period already, or an open order of any
   * plan has their target (the same equipment, seasonal task, or pattern in a building).
   */
  skipped: number;
  /** The first of them, each with the order that stands and the reason (preventive_runs.skipped has them all). */
  skippedItems: SkippedItem[];
  /** Work order workflows this run started. */
  started: number;
  /** Work order workflows that were running or done already. */
  alreadyStarted: number;
}
