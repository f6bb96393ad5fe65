/** The visit: from the first check-in, through photos and their review, to the coordinator's approval. */
import type { NoAccess, PartsNeeded } from '../../domain/workOrderContract';
import { secondsFromNow } from '../time';
import { recoverAccess } from './access';
import type { WorkOrderContext } from './context';
import { waitForParts } from './parts';
import { change, stepKey, technicianActor, waitFor } from './primitives';
import { waitForCheckIn } from './scheduling';
import { text } from './sms';

/** From the first check-in until the coordinator approves the photographed work; parts and access send it back. */
export async function runVisit(ctx: WorkOrderContext): Promise<void> {
  for (;;) {
    const turnedAway = await waitForCheckIn(ctx);
    if (turnedAway) {
      await recoverAccess(ctx, turnedAway);
      continue;
    }
    const interruption = await waitForAcceptedPhotos(ctx);
    if (interruption?.kind === 'parts') {
      await waitForParts(ctx, interruption.request);
      continue;
    }
    if (interruption?.kind === 'no_access') {
      await recoverAccess(ctx, interruption.report);
      continue;
    }
    if (await awaitReview(ctx)) return;
  }
}

type VisitInterruption = { kind: 'parts'; request: PartsNeeded } | { kind: 'no_access'; report: NoAccess };

/** In progress until a photo set passes its completeness review (then ready_review), or parts or access interrupt. */
async function waitForAcceptedPhotos(ctx: WorkOrderContext): Promise<VisitInterruption | null> {
  const { state, input, inbox } = ctx;
  for (;;) {
    await waitFor(ctx, () => inbox.submittedPhotos !== null || inbox.partsNeeded !== null || inbox.noAccess !== null);
    if (inbox.partsNeeded) {
      const request: PartsNeeded = inbox.partsNeeded;
      inbox.partsNeeded = null;
      return { kind: 'parts', request };
    }
    if (inbox.noAccess) {
      const report: NoAccess = inbox.noAccess;
      inbox.noAccess = null;
      return { kind: 'no_access', report };
    }
    const submission = inbox.submittedPhotos!;
    inbox.submittedPhotos = null;
    const submitter = technicianActor(submission.technicianId, submission.reportedBy);
    const review = await ctx.steps.reviewPhotos({
      number: input.number,
      idempotencyKey: stepKey(ctx, 'photo-review'),
      rulesVersion: state.rulesVersion,
      photos: submission.photos,
      checkedInAt: ctx.memory.checkedInAt,
      visit: ctx.rules.visit,
    });
    state.photoReview = review;
    if (!review.complete) {
      await change(ctx, undefined, 'photos_refused', {
        actor: submitter,
        payload: {
          photos: submission.photos,
          reasoning: review.reasoning,
          issues: review.issues,
          provider: review.provider,
        },
      });
      await text(
        ctx,
        { type: 'technician', id: submission.technicianId },
        { kind: 'photos_incomplete', issues: review.issues },
        'photos-incomplete',
        ctx.rules.scheduling.timeZone,
      );
      continue;
    }
    state.photos = submission;
    state.deadlines.reviewBy = secondsFromNow(ctx.rules.durations.reviewWaitSeconds);
    await change(ctx, 'ready_review', 'photos_submitted', {
      actor: submitter,
      payload: {
        photos: submission.photos,
        notes: submission.notes,
        technicianId: submission.technicianId,
        review: { reasoning: review.reasoning, provider: review.provider },
      },
    });
    return null;
  }
}

/** Ready for review until the coordinator decides; resolves true when the work was approved. */
async function awaitReview(ctx: WorkOrderContext): Promise<boolean> {
  const { state, input, inbox } = ctx;
  if (!(await waitFor(ctx, () => inbox.reviewDecision !== null, ctx.rules.durations.reviewWaitSeconds))) {
    state.pendingDecision = {
      kind: 'review_overdue',
      reason: `no review within ${ctx.rules.durations.reviewWaitSeconds} s`,
    };
    await change(ctx, undefined, 'review_overdue');
    await waitFor(ctx, () => inbox.reviewDecision !== null);
  }
  const decision = inbox.reviewDecision!;
  state.pendingDecision = null;
  state.deadlines.reviewBy = null;
  const timeZone = ctx.rules.scheduling.timeZone;
  if (decision.approve) {
    await ctx.steps.releaseBooking({ number: input.number, reason: 'completed' });
    const costs = decision.costs
      ? { laborCostCents: decision.costs.laborCents, partsCostCents: decision.costs.partsCents }
      : {};
    await change(ctx, 'completed', 'review_approved', {
      actor: decision.actor,
      payload: { notes: decision.notes, ...(decision.costs ? { costs: decision.costs } : {}) },
      patch: { completed: true, ...costs },
    });
    inbox.ticketsApplied = decision.ticket;
    inbox.reviewDecision = null;
    if (input.tenantId !== null) {
      await ctx.steps.openSurvey({ number: input.number, tenantId: input.tenantId });
      await text(ctx, { type: 'tenant', id: input.tenantId }, { kind: 'survey_request' }, 'survey-request', timeZone);
    }
    return true;
  }
  state.attempts.review++;
  await change(ctx, 'failed_review', 'review_rejected', { actor: decision.actor, payload: { notes: decision.notes } });
  inbox.ticketsApplied = decision.ticket;
  inbox.reviewDecision = null;
  if (state.assignment)
    await text(
      ctx,
      { type: 'technician', id: state.assignment.technicianId },
      { kind: 'review_rejected', notes: decision.notes },
      'review-rejected',
      timeZone,
    );
  return false;
}
