/**
 * The work order workflow: intake, triage, scheduling and the visit, until the work is approved or the order is
 * cancelled. Each step lives in its own file and takes the run's context (./context).
 */
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import type { WorkOrderInput, WorkOrderOutcome } from '../definitions';
import { createContext } from './context';
import { CancelRequested } from './errors';
import { installHandlers } from './handlers';
import { activities, change, publishSearchAttributes, throwIfCancelled } from './primitives';
import { scheduleVisit } from './scheduling';
import { resendUndelivered } from './sms';
import { finishCancelled } from './cancel';
import { triage } from './triage';
import { runVisit } from './visit';

export async function workOrderWorkflow(input: WorkOrderInput): Promise<WorkOrderOutcome> {
  const ctx = createContext(input);
  const { state } = ctx;
  installHandlers(ctx);

  // ---- the life of a work order -----------------------------------------------------------------------------------

  ctx.flags.smsChannel = patched('sms-channel');
  ctx.flags.visitSteps = patched('visit-steps');
  ctx.flags.vendorDispatch = patched('vendor-dispatch');
  publishSearchAttributes(ctx);
  try {
    await activities.recordIntake(input);
    const loaded = await activities.loadCurrentRules();
    const version = loaded.version;
    ctx.rules = loaded.rules;
    state.rulesVersion = version;
    if (ctx.flags.smsChannel) void resendUndelivered(ctx);
    await change(ctx, 'triage', 'triage_started', { payload: { rulesVersion: version }, patch: { rulesVersion: version } });
    throwIfCancelled(ctx);

    await triage(ctx, version);

    await scheduleVisit(ctx);
    await runVisit(ctx);
  } catch (err) {
    if (!(err instanceof CancelRequested)) throw err;
    await finishCancelled(ctx, ctx.inbox.cancelRequest!);
  }
  await condition(allHandlersFinished);
  return { number: input.number, status: state.status === 'completed' ? 'completed' : 'cancelled' };
}
