/** Triage: the order's context, its classification, and the emergency SLA watch. */
import { condition, log } from '@temporalio/workflow';
import { stepErrorOf } from './stepErrors';
import { isTerminal } from '../../domain/status';
import { secondsFromNow, workflowNow } from '../time';
import type { WorkOrderContext } from './context';
import { change, changed, refreshNeedsCoordinator, stepKey, throwIfCancelled } from './primitives';
import { classifiedChange, classifierUnavailableReason, type ClassificationResult } from '../../domain/classified';

/**
 * From the order's context to its classified priority. The worker's deterministic classifier runs in one local
 * activity with both events; a classifier that calls out (Claude) runs as a regular activity between them.
 */
export async function triage(ctx: WorkOrderContext, classifierIsRemote: boolean): Promise<void> {
  const { state, memory } = ctx;
  const classified = classifierIsRemote ? await classifyRemotely(ctx) : await classifyHere(ctx);
  state.classification = classified.classification;
  state.priority = classified.priority;
  state.deadlines.slaDeadline = classified.slaDeadline;
  memory.classifierUnavailable = classifierUnavailableReason(classified.unavailable);
  changed(ctx, undefined);
  if (state.deadlines.slaDeadline) watchEmergencySla(ctx, state.deadlines.slaDeadline);
  memory.triaged = true;
}

type Triaged = ClassificationResult & { slaDeadline: string | null };

function classifyHere(ctx: WorkOrderContext): Promise<Triaged> {
  const { state, input } = ctx;
  refreshNeedsCoordinator(state);
  return ctx.steps.triageOrder({
    number: input.number,
    rulesVersion: state.rulesVersion!,
    cacheSeconds: ctx.rules.durations.classificationCacheSeconds,
    context: ctx.rules.context,
    emergencySlaSeconds: ctx.rules.durations.emergencySlaSeconds,
    keys: {
      contextEnriched: stepKey(ctx, 'context_enriched'),
      classification: stepKey(ctx, 'classification'),
      classified: stepKey(ctx, 'classified'),
    },
    coordinator: { needsCoordinator: state.needsCoordinator, pendingDecision: state.pendingDecision },
  });
}

async function classifyRemotely(ctx: WorkOrderContext): Promise<Triaged> {
  const { state, input } = ctx;
  const context = await ctx.steps.enrichContext({ number: input.number, context: ctx.rules.context });
  await change(ctx, undefined, 'context_enriched', { payload: { ...context } });
  throwIfCancelled(ctx);
  const classified = await ctx.steps.classifyWorkOrder({
    number: input.number,
    rulesVersion: state.rulesVersion!,
    cacheSeconds: ctx.rules.durations.classificationCacheSeconds,
    idempotencyKey: stepKey(ctx, 'classification'),
  });
  const slaDeadline =
    classified.priority === 'emergency' ? secondsFromNow(ctx.rules.durations.emergencySlaSeconds) : null;
  await change(ctx, undefined, 'classified', classifiedChange(classified, slaDeadline));
  return { ...classified, slaDeadline };
}

function watchEmergencySla(ctx: WorkOrderContext, deadline: string): void {
  const { state } = ctx;
  const onSite = () =>
    state.status === 'in_progress' ||
    state.status === 'ready_review' ||
    isTerminal(state.status) ||
    state.status === 'waiting_parts';
  const ms = Math.max(0, new Date(deadline).getTime() - workflowNow().getTime());
  void (async () => {
    if (await condition(onSite, ms)) return;
    state.slaBreached = true;
    try {
      await change(ctx, undefined, 'sla_breached', { payload: { deadline }, background: true });
    } catch (err) {
      // The breach still counts (slaBreached): the main flow's next change records needs_coordinator.
      const failed = stepErrorOf(err);
      if (!failed) throw err;
      log.error('could not record the SLA breach', { error: failed.message });
    }
  })();
}
