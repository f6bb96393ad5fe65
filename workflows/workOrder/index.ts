/**
 * The work order workflow: intake, triage, scheduling and the visit, until the work is approved or the order is
 * cancelled. Each step lives in its own file and takes the run's context (./context).
 */
import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { WorkOrderInput, WorkOrderOutcome } from '../../domain/workOrderContract';
import { createContext } from './context';
import type { CoordinatorChoice } from './context';
import { CancelRequested, CoordinatorTookOver, TechnicianWithdrawn } from './errors';
import { installHandlers } from './handlers';
import { intake } from './intake';
import { startedSearchAttributes } from './primitives';
import { scheduleVisit } from './scheduling';
import { finishCancelled } from './cancel';
import { triage } from './triage';
import { runVisit } from './visit';

export async function workOrderWorkflow(input: WorkOrderInput): Promise<WorkOrderOutcome> {
  const ctx = createContext(input);
  const { state } = ctx;
  installHandlers(ctx);

  // ---- the life of a work order -----------------------------------------------------------------------------------

  startedSearchAttributes(ctx);
  try {
    const { classifierIsRemote } = await intake(ctx);
    await triage(ctx, classifierIsRemote);

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
