/** Triage: the order's context, its classification, and the emergency SLA watch. */
import { ActivityFailure, condition, log } from '@temporalio/workflow';
import { isTerminal } from '../../domain/status';
import { secondsFromNow, workflowNow } from '../time';
import type { WorkOrderContext } from './context';
import { change, stepKey, throwIfCancelled } from './primitives';

/** From the enriched context to the classified priority; `version`: the rules version triage started with. */
export async function triage(ctx: WorkOrderContext, version: number): Promise<void> {
  const { state, input } = ctx;
  const context = await ctx.steps.enrichContext({ number: input.number, context: ctx.rules.context });
  await change(ctx, undefined, 'context_enriched', { payload: context });
  throwIfCancelled(ctx);

  const classified = await ctx.steps.classifyWorkOrder({
    number: input.number,
    rulesVersion: version,
    cacheSeconds: ctx.rules.durations.classificationCacheSeconds,
    idempotencyKey: stepKey(ctx, 'classification'),
  });
  state.classification = classified.classification;
  state.priority = classified.priority;
  // Absent from results recorded before the Claude classifier existed.
  if (classified.unavailable)
    ctx.memory.classifierUnavailable = `${classified.unavailable.provider} could not classify it (${classified.unavailable.reason}), so a person must check the deterministic classifier's answer`;
  if (classified.priority === 'emergency')
    state.deadlines.slaDeadline = secondsFromNow(ctx.rules.durations.emergencySlaSeconds);
  await change(ctx, undefined, 'classified', {
    actor: { type: 'system', id: `classifier:${classified.provider}` },
    payload: {
      priority: classified.priority,
      skillsRequired: classified.classification.skillsRequired,
      confidence: classified.classification.confidence,
      safety: classified.classification.safety,
      cached: classified.cached,
      ...(classified.unavailable ? { unavailable: classified.unavailable } : {}),
    },
    patch: {
      classification: classified.classification,
      priority: classified.priority,
      slaDeadline: state.deadlines.slaDeadline,
    },
  });
  if (state.deadlines.slaDeadline) watchEmergencySla(ctx, state.deadlines.slaDeadline);
  ctx.memory.triaged = true;
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
      await change(ctx, undefined, 'sla_breached', { payload: { deadline }, background: ctx.flags.stepFailures });
    } catch (err) {
      // The breach still counts (slaBreached): the main flow's next change records needs_coordinator.
      if (!ctx.flags.stepFailures || !(err instanceof ActivityFailure)) throw err;
      log.error('could not record the SLA breach', { error: err.cause?.message ?? err.message });
    }
  })();
}
