/** What every step uses: the activities, idempotency keys, the one way to change the record, and waits. */
import type { SearchAttributePair } from '@temporalio/common';
import { condition, proxyActivities, proxyLocalActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { WorkOrderPatch } from '../../domain/workOrderPatch';
import { DEFAULT_TIME_ZONE } from '../../domain/defaultTimeZone';
import type { Rules } from '../../domain/rules';
import type { ChangeRequest } from '../../domain/workOrderChange';
import { assertTransition, type WorkOrderStatus } from '../../domain/status';
import { claudeActivity, postgresLocalActivity, twilioActivity } from '../activityOptions';
import { initialSearchAttributes, searchAttributes } from '../definitions';
import type { Actor } from '../../domain/actor';
import type { WorkOrderState } from '../../domain/workOrderContract';
import type { WorkOrderContext } from './context';
import { CancelRequested } from './errors';

const postgres = proxyLocalActivities<Activities>(postgresLocalActivity);
const twilio = proxyActivities<Pick<Activities, 'sendSms'>>(twilioActivity);
const claude = proxyActivities<Pick<Activities, 'classifyWorkOrder' | 'reviewPhotos'>>(claudeActivity);
/** The activities that call out of the building: each is a regular activity under its dependency's timeouts. */
const remote: Record<string, unknown> = {
  sendSms: twilio.sendSms,
  classifyWorkOrder: claude.classifyWorkOrder,
  reviewPhotos: claude.reviewPhotos,
};

/**
 * The activities as they are; the main flow calls them through `ctx.steps` (./stepFailures). Postgres work runs as
 * local activities (a marker in the history, no task of its own); Twilio and Claude as regular ones.
 */
export const activities: Activities = new Proxy({} as Activities, {
  get: (_target, name) =>
    typeof name === 'string' && name in remote ? remote[name] : postgres[name as keyof Activities],
});

export const SYSTEM: Actor = { type: 'system', id: 'workflow' };

export const technicianActor = (technicianId: number, reportedBy?: Actor): Actor =>
  reportedBy ?? { type: 'technician', id: String(technicianId) };

/**
 * The zone texts give times in: the rules', or the default one for an order cancelled before its rules were loaded
 * (its first step failed).
 */
export function timeZoneOf(ctx: WorkOrderContext): string {
  return (ctx.rules as Rules | undefined)?.scheduling.timeZone ?? DEFAULT_TIME_ZONE;
}

export function stepKey(ctx: WorkOrderContext, label: string): string {
  return `${ctx.workflowId}/${++ctx.step}-${label}`;
}

// ---- status changes -------------------------------------------------------------------------------------------

/** The search attributes the order's state calls for; those that changed since last published are upserted. */
export function publishSearchAttributes(ctx: WorkOrderContext): void {
  const changed = searchAttributesOf(ctx).filter(
    ({ key, value }) => serialized(value) !== (ctx.published.get(key.name) ?? serialized(null)),
  );
  if (changed.length === 0) return;
  for (const { key, value } of changed) ctx.published.set(key.name, serialized(value));
  upsertSearchAttributes(changed as SearchAttributePair[]);
}

/** What the order was started with (workflows/definitions.ts): nothing is upserted again until it changes. */
export function startedSearchAttributes(ctx: WorkOrderContext): void {
  for (const { key, value } of initialSearchAttributes(ctx.input)) ctx.published.set(key.name, serialized(value));
}

function serialized(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value ?? null);
}

function searchAttributesOf(ctx: WorkOrderContext): Array<{ key: SearchAttributePair['key']; value: unknown }> {
  const { state, input } = ctx;
  return [
    { key: searchAttributes.status, value: state.status },
    { key: searchAttributes.priority, value: state.priority },
    { key: searchAttributes.buildingId, value: String(input.buildingId) },
    { key: searchAttributes.technicianId, value: state.assignment ? String(state.assignment.technicianId) : null },
    { key: searchAttributes.needsCoordinator, value: state.needsCoordinator },
    {
      key: searchAttributes.slaDeadline,
      value: state.deadlines.slaDeadline ? new Date(state.deadlines.slaDeadline) : null,
    },
    { key: searchAttributes.accessEscalation, value: state.access?.escalation ?? null },
  ];
}

/** Whether a person must look at the order now: the one rule behind `needs_coordinator` and `NeedsCoordinator`. */
export function refreshNeedsCoordinator(state: WorkOrderState): boolean {
  state.needsCoordinator = state.pendingDecision !== null || state.slaBreached || state.smsProblem !== null;
  return state.needsCoordinator;
}

export interface ChangeOptions {
  actor?: Actor;
  payload?: Record<string, unknown>;
  patch?: WorkOrderPatch;
  /**
   * Called beside the main flow (the SLA watch, re-sends): a failure is thrown to the caller instead of waiting for a
   * coordinator, which only the main flow does.
   */
  background?: boolean;
}

/** The one way the workflow changes the record: row + event in one transaction, then the search attributes. */
export async function change(
  ctx: WorkOrderContext,
  to: WorkOrderStatus | undefined,
  type: string,
  opts: ChangeOptions = {},
): Promise<void> {
  const request = changeRequest(ctx, to, type, opts);
  if (to) ctx.movingTo = to;
  await (opts.background ? activities : ctx.steps).applyChange(request);
  changed(ctx, to);
}

/**
 * A change as the activity records it, with its idempotency key. A forbidden change is a bug in this workflow: it
 * fails the workflow task (visible in the Temporal UI, retried once a fixed worker is deployed) before anything is
 * written.
 */
export function changeRequest(
  ctx: WorkOrderContext,
  to: WorkOrderStatus | undefined,
  type: string,
  opts: ChangeOptions = {},
): ChangeRequest {
  const { state } = ctx;
  if (to && to !== state.status) assertTransition(state.status, to);
  refreshNeedsCoordinator(state);
  return {
    number: ctx.input.number,
    idempotencyKey: stepKey(ctx, type),
    to,
    event: { type, actor: opts.actor ?? SYSTEM, source: 'workflow', payload: opts.payload },
    patch: { ...opts.patch, needsCoordinator: state.needsCoordinator, pendingDecision: state.pendingDecision },
  };
}

/** The workflow's side of a change the record has taken: its status, and the search attributes. */
export function changed(ctx: WorkOrderContext, to: WorkOrderStatus | undefined): void {
  const { state } = ctx;
  if (to) {
    ctx.movingTo = null;
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
