/** Texts about this order, and sending again the ones a delivery receipt says were not delivered. */
import { condition, log } from '@temporalio/workflow';
import { stepErrorOf } from './stepErrors';
import type { OutboundSpec, SendSmsResult, SmsRecipient } from '../../domain/sms/outbound';
import type { SmsDeliveryFailed } from '../../domain/workOrderContract';
import type { WorkOrderContext } from './context';
import { activities, change, stepKey } from './primitives';
import { shortened } from './stepFailures';

/**
 * Texts someone about this order; a number that cannot be reached, or a text that could not be sent, makes the
 * coordinator responsible for it and the order goes on. `retryOf`: a re-send from `resendUndelivered`, beside the
 * main flow.
 */
export async function text(
  ctx: WorkOrderContext,
  recipient: SmsRecipient,
  spec: OutboundSpec,
  label: string,
  timeZone: string,
  retryOf?: string,
): Promise<SendSmsResult | null> {
  const { state } = ctx;
  const { sentTexts } = ctx.memory;
  // Imported without notifying the tenant: no text of this order's reaches them (their visits go ahead without asking).
  if (recipient.type === 'tenant' && ctx.quietTenant) return null;
  const key = retryOf ? `${retryOf}/retry-${sentTexts.get(retryOf)!.attempts}` : stepKey(ctx, `sms-${label}`);
  const entry = retryOf ? sentTexts.get(retryOf)! : { recipient, spec, attempts: 0 };
  entry.attempts++;
  sentTexts.set(key, entry);
  let result: SendSmsResult | { outcome: 'failed'; error: string };
  try {
    result = await activities.sendSms({
      idempotencyKey: key,
      workOrderNumber: ctx.input.number,
      recipient,
      spec,
      timeZone,
    });
  } catch (err) {
    const failed = stepErrorOf(err);
    if (!failed) throw err;
    result = { outcome: 'failed', error: shortened(failed.message, 500) };
  }
  if (result.outcome === 'sent') {
    if (result.earlyFailure)
      ctx.inbox.deliveryFailures.push({
        idempotencyKey: key,
        messageSid: result.providerSid,
        status: result.earlyFailure.status,
        errorCode: result.earlyFailure.errorCode,
      });
    return result;
  }
  const who = recipient.type === 'tenant' ? 'the tenant' : `technician ${recipient.id}`;
  const problem =
    result.outcome === 'suppressed_opt_out'
      ? `${who} opted out of SMS`
      : result.outcome === 'suppressed_inactive'
        ? `${who} was deactivated (moved out): not texted`
        : result.outcome === 'no_phone'
          ? `${who} has no phone number on file`
          : result.outcome === 'failed'
            ? `a text to ${who} could not be sent: ${result.error}`
            : `the SMS provider refused a text to ${who}: ${result.error}`;
  if (recipient.type === 'tenant' && result.outcome === 'suppressed_opt_out') state.tenantOptedOut = true;
  if (state.smsProblem !== problem) {
    state.smsProblem = problem;
    await change(ctx, undefined, 'sms_not_delivered', {
      payload: { kind: spec.kind, recipient, outcome: result.outcome, problem },
      background: retryOf !== undefined,
    });
  }
  return result.outcome === 'failed' ? null : result;
}

/** Delivery receipts that say "failed": send again up to the rules' attempts, then tell the coordinator. */
export async function resendUndelivered(ctx: WorkOrderContext): Promise<void> {
  const { deliveryFailures } = ctx.inbox;
  for (;;) {
    await condition(() => deliveryFailures.length > 0);
    const failure = deliveryFailures.shift()!;
    try {
      await resend(ctx, failure);
    } catch (err) {
      // Beside the main flow nobody would catch it: the text's problem stays on the order (smsProblem) and in the log.
      const failed = stepErrorOf(err);
      if (!failed) throw err;
      log.error('could not act on an undelivered text', {
        idempotencyKey: failure.idempotencyKey,
        error: failed.message,
      });
    }
  }
}

/** Sends an undelivered text again, or gives up on it after the rules' attempts and tells the coordinator. */
async function resend(ctx: WorkOrderContext, failure: SmsDeliveryFailed): Promise<void> {
  const original = failure.idempotencyKey.replace(/\/retry-\d+$/, '');
  const entry = ctx.memory.sentTexts.get(original);
  if (!entry) return;
  if (entry.attempts < ctx.rules.sms.maxDeliveryAttempts) {
    await text(ctx, entry.recipient, entry.spec, '', ctx.rules.scheduling.timeZone, original);
    return;
  }
  const who = entry.recipient.type === 'tenant' ? 'the tenant' : `technician ${entry.recipient.id}`;
  ctx.state.smsProblem = `a text to ${who} was ${failure.status} after ${entry.attempts} attempts${failure.errorCode ? ` (error ${failure.errorCode})` : ''}`;
  await change(ctx, undefined, 'sms_undeliverable', {
    payload: {
      kind: entry.spec.kind,
      recipient: entry.recipient,
      attempts: entry.attempts,
      errorCode: failure.errorCode,
    },
    background: true,
  });
}
