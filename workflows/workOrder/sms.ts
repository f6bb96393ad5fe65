/** Texts about this order, and sending again the ones a delivery receipt says were not delivered. */
import { condition } from '@temporalio/workflow';
import type { OutboundSpec, SendSmsResult, SmsRecipient } from '../../activities/sms';
import type { WorkOrderContext } from './context';
import { activities, change, stepKey } from './primitives';

/** Texts someone about this order; a number that cannot be reached makes the coordinator responsible for it. */
export async function text(ctx: WorkOrderContext, recipient: SmsRecipient, spec: OutboundSpec, label: string, timeZone: string, retryOf?: string): Promise<SendSmsResult | null> {
  const { state } = ctx;
  const { sentTexts } = ctx.memory;
  if (!ctx.flags.smsChannel) return null;
  const key = retryOf ? `${retryOf}/retry-${sentTexts.get(retryOf)!.attempts}` : stepKey(ctx, `sms-${label}`);
  const entry = retryOf ? sentTexts.get(retryOf)! : { recipient, spec, attempts: 0 };
  entry.attempts++;
  sentTexts.set(key, entry);
  const result = await activities.sendSms({ idempotencyKey: key, workOrderNumber: ctx.input.number, recipient, spec, timeZone });
  if (result.outcome === 'sent') {
    if (result.earlyFailure) ctx.inbox.deliveryFailures.push({ idempotencyKey: key, messageSid: result.providerSid, status: result.earlyFailure.status, errorCode: result.earlyFailure.errorCode });
    return result;
  }
  const who = recipient.type === 'tenant' ? 'the tenant' : `technician ${recipient.id}`;
  const problem =
    result.outcome === 'suppressed_opt_out' ? `${who} opted out of SMS` : result.outcome === 'no_phone' ? `${who} has no phone number on file` : `the SMS provider refused a text to ${who}: ${result.error}`;
  if (recipient.type === 'tenant' && result.outcome === 'suppressed_opt_out') state.tenantOptedOut = true;
  if (state.smsProblem !== problem) {
    state.smsProblem = problem;
    await change(ctx, undefined, 'sms_not_delivered', { payload: { kind: spec.kind, recipient, outcome: result.outcome, problem } });
  }
  return result;
}

/** Delivery receipts that say "failed": send again up to the rules' attempts, then tell the coordinator. */
export async function resendUndelivered(ctx: WorkOrderContext): Promise<void> {
  const { deliveryFailures } = ctx.inbox;
  const { sentTexts } = ctx.memory;
  for (;;) {
    await condition(() => deliveryFailures.length > 0);
    const failure = deliveryFailures.shift()!;
    const original = failure.idempotencyKey.replace(/\/retry-\d+$/, '');
    const entry = sentTexts.get(original);
    if (!entry) continue;
    if (entry.attempts < ctx.rules.sms.maxDeliveryAttempts) {
      await text(ctx, entry.recipient, entry.spec, '', ctx.rules.scheduling.timeZone, original);
      continue;
    }
    const who = entry.recipient.type === 'tenant' ? 'the tenant' : `technician ${entry.recipient.id}`;
    ctx.state.smsProblem = `a text to ${who} was ${failure.status} after ${entry.attempts} attempts${failure.errorCode ? ` (error ${failure.errorCode})` : ''}`;
    await change(ctx, undefined, 'sms_undeliverable', { payload: { kind: entry.spec.kind, recipient: entry.recipient, attempts: entry.attempts, errorCode: failure.errorCode } });
  }
}
