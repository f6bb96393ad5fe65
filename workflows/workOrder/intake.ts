/** Intake: the order's row, the rules it pins, and the start of triage, in one step. */
import type { WorkOrderContext } from './context';
import { changed, changeRequest, throwIfCancelled } from './primitives';
import { resendUndelivered } from './sms';

/** Resolves whether the worker's classifier calls out (then triage runs it as a regular activity). */
export async function intake(ctx: WorkOrderContext): Promise<{ classifierIsRemote: boolean }> {
  const { state, input } = ctx;
  const begun = await ctx.steps.beginTriage({ input, change: changeRequest(ctx, 'triage', 'triage_started') });
  ctx.rules = begun.rules;
  state.rulesVersion = begun.version;
  void resendUndelivered(ctx);
  changed(ctx, 'triage');
  throwIfCancelled(ctx);
  return { classifierIsRemote: begun.classifierIsRemote };
}
