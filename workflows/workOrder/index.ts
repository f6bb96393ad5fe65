/**
 * The work order workflow: intake, triage, scheduling and the visit, until the work is approved or the order is
 * cancelled. Each step lives in its own file and takes the run's context (./context).
 */
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';
import type { WorkOrderInput, WorkOrderOutcome } from '../../domain/workOrderContract';
import { createContext } from './context';
import type { CoordinatorChoice } from './context';
import { CancelRequested, CoordinatorTookOver, TechnicianWithdrawn } from './errors';
import { installHandlers } from './handlers';
import { change, publishSearchAttributes, throwIfCancelled } from './primitives';
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
  ctx.flags.stepFailures = patched('step-failures');
  ctx.flags.urgentVisits = patched('urgent-visits');
  ctx.flags.technicianNotices = patched('technician-notices');
  ctx.flags.technicianWithdrawal = patched('technician-withdrawal');
  // Asked only of the orders it concerns, so that every other history replays without the marker.
  ctx.flags.quietTenant = input.notifyTenant === false && patched('quiet-tenant');
  publishSearchAttributes(ctx);
  try {
    await ctx.steps.recordIntake(input);
    const loaded = await ctx.steps.loadCurrentRules();
    const version = loaded.version;
    ctx.rules = loaded.rules;
    state.rulesVersion = version;
    if (ctx.flags.smsChannel) void resendUndelivered(ctx);
    await change(ctx, 'triage', 'triage_started', {
      payload: { rulesVersion: version },
      patch: { rulesVersion: version },
    });
    throwIfCancelled(ctx);

    await triage(ctx, version);

    // A coordinator who books a visit in place of a failed step (./stepFailures) resumes the run from that booking.
    let decided: CoordinatorChoice | undefined;
    for (;;) {
      try {
        await scheduleVisit(ctx, decided ? { decided } : {});
        await runVisit(ctx);
        break;
      } catch (err) {
        // A withdrawn technician's visit is proposed again from the start.
        if (err instanceof TechnicianWithdrawn) {
          decided = undefined;
          continue;
        }
        if (!(err instanceof CoordinatorTookOver)) throw err;
        decided = err.choice;
      }
    }
  } catch (err) {
    if (!(err instanceof CancelRequested)) throw err;
    await finishCancelled(ctx, ctx.inbox.cancelRequest!);
  }
  await condition(allHandlersFinished);
  return { number: input.number, status: state.status === 'completed' ? 'completed' : 'cancelled' };
}
