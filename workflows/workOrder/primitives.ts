/** What every step uses: the activities, idempotency keys, the one way to change the record, and waits. */
import { condition, proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { WorkOrderPatch } from '../../domain/workOrderPatch';
import { assertTransition, type WorkOrderStatus } from '../../domain/status';
import { databaseActivity } from '../activityOptions';
import { searchAttributes } from '../definitions';
import type { Actor } from '../../domain/actor';
import type { WorkOrderState } from '../../domain/workOrderContract';
import type { WorkOrderContext } from './context';
import { CancelRequested } from './errors';

/** The activities as they are; the main flow calls them through `ctx.steps` (./stepFailures). */
export const activities = proxyActivities<Activities>(databaseActivity);

export const SYSTEM: Actor = { type: 'system', id: 'workflow' };

export const technicianActor = (technicianId: number, reportedBy?: Actor): Actor =>
  reportedBy ?? { type: 'technician', id: String(technicianId) };

export function stepKey(ctx: WorkOrderContext, label: string): string {
  return `${ctx.workflowId}/${++ctx.step}-${label}`;
}

// ---- status changes -------------------------------------------------------------------------------------------

export function publishSearchAttributes(ctx: WorkOrderContext): void {
  const { state, input } = ctx;
  upsertSearchAttributes([
    { key: searchAttributes.status, value: state.status },
    { key: searchAttributes.priority, value: state.priority },
    { key: searchAttributes.buildingId, value: String(input.buildingId) },
    { key: searchAttributes.technicianId, value: state.assignment ? String(state.assignment.technicianId) : null },
    { key: searchAttributes.needsCoordinator, value: state.needsCoordinator },
    {
      key: searchAttributes.slaDeadline,
      value: state.deadlines.slaDeadline ? new Date(state.deadlines.slaDeadline) : null,
    },
    // Only once the ladder has started, so that orders that never climb it keep the attributes they always had.
    ...(ctx.memory.accessStepsTaken > 0
      ? [{ key: searchAttributes.accessEscalation, value: state.access!.escalation }]
      : []),
  ]);
}

/** Whether a person must look at the order now: the one rule behind `needs_coordinator` and `NeedsCoordinator`. */
export function refreshNeedsCoordinator(state: WorkOrderState): boolean {
  state.needsCoordinator = state.pendingDecision !== null || state.slaBreached || state.smsProblem !== null;
  return state.needsCoordinator;
}

/**
 * The one way the workflow changes the record: row + event in one transaction, then the search attributes.
 * `background`: called beside the main flow (the SLA watch, re-sends): a failure is thrown to the caller instead
 * of waiting for a coordinator, which only the main flow does.
 */
export async function change(
  ctx: WorkOrderContext,
  to: WorkOrderStatus | undefined,
  type: string,
  opts: { actor?: Actor; payload?: Record<string, unknown>; patch?: WorkOrderPatch; background?: boolean } = {},
): Promise<void> {
  const { state } = ctx;
  // A forbidden change is a bug in this workflow: it fails the workflow task (visible in the Temporal UI, retried
  // once a fixed worker is deployed) before anything is written.
  if (to && to !== state.status) assertTransition(state.status, to);
  refreshNeedsCoordinator(state);
  await (opts.background ? activities : ctx.steps).applyChange({
    number: ctx.input.number,
    idempotencyKey: stepKey(ctx, type),
    to,
    event: { type, actor: opts.actor ?? SYSTEM, source: 'workflow', payload: opts.payload },
    patch: { ...opts.patch, needsCoordinator: state.needsCoordinator, pendingDecision: state.pendingDecision },
  });
  if (to) {
    if (to === 'escalated' && state.status !== 'escalated') state.escalatedFrom = state.status;
    if (to !== 'escalated') state.escalatedFrom = null;
    state.status = to;
  }
  publishSearchAttributes(ctx);
}

// ---- waits ----------------------------------------------------------------------------------------------------

/** Waits for `ready` (or the timeout); a cancel request ends any wait. Resolves false on timeout. */
export async function waitFor(ctx: WorkOrderContext, ready: () => boolean, timeoutSeconds?: number): Promise<boolean> {
  const done = () => ready() || ctx.inbox.cancelRequest !== null;
  const satisfied =
    timeoutSeconds === undefined ? (await condition(done), true) : await condition(done, timeoutSeconds * 1000);
  if (ctx.inbox.cancelRequest) throw new CancelRequested();
  return satisfied;
}

export function throwIfCancelled(ctx: WorkOrderContext): void {
  if (ctx.inbox.cancelRequest) throw new CancelRequested();
}
