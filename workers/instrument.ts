import { Context } from '@temporalio/activity';
import type { Logger as TemporalLogger } from '@temporalio/common';
import { ClassifierUnavailableError, type Classifier } from '../activities/adapters/classifier';
import { createDeterministicPhotoReviewer } from '../activities/adapters/deterministicPhotoReviewer';
import { PhotoReviewUnavailableError, type PhotoReviewer } from '../activities/adapters/photoReviewer';
import { SmsProviderError, type SmsSender } from '../activities/adapters/sms';
import type { ActivityDeps } from '../activities/deps';
import type { WorkerMetrics } from './metrics';

/** The running activity's logger (it carries the workflow id and the activity type), or none outside one. */
function activityLog(): TemporalLogger | null {
  try {
    return Context.current().log;
  } catch {
    return null;
  }
}

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number } | { error: unknown; seconds: number }> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await work();
    return { result, seconds: seconds() };
  } catch (error) {
    return { error, seconds: seconds() };
  }
}

function failureReason(err: unknown): string {
  return err instanceof ClassifierUnavailableError || err instanceof PhotoReviewUnavailableError ? err.reason : 'error';
}

export function instrumentClassifier(classifier: Classifier, metrics: WorkerMetrics): Classifier {
  const provider = classifier.name;
  return {
    name: provider,
    async classify(description) {
      const outcome = await timed(() => classifier.classify(description));
      if ('error' in outcome) {
        const reason = failureReason(outcome.error);
        metrics.aiDuration.observe({ operation: 'classify', provider, outcome: 'failed' }, outcome.seconds);
        metrics.aiFailures.inc({ operation: 'classify', provider, reason });
        activityLog()?.warn('classifier gave no usable answer', {
          provider,
          reason,
          error: outcome.error,
          durationMs: Math.round(outcome.seconds * 1000),
        });
        throw outcome.error;
      }
      const { classification } = outcome.result;
      metrics.aiDuration.observe({ operation: 'classify', provider, outcome: 'ok' }, outcome.seconds);
      activityLog()?.info('classified', {
        provider,
        priority: classification.priority,
        confidence: classification.confidence,
        durationMs: Math.round(outcome.seconds * 1000),
      });
      return outcome.result;
    },
  };
}

export function instrumentPhotoReviewer(reviewer: PhotoReviewer, metrics: WorkerMetrics): PhotoReviewer {
  const provider = reviewer.name;
  return {
    name: provider,
    async review(input) {
      const outcome = await timed(() => reviewer.review(input));
      if ('error' in outcome) {
        const reason = failureReason(outcome.error);
        metrics.aiDuration.observe({ operation: 'photo_review', provider, outcome: 'failed' }, outcome.seconds);
        metrics.aiFailures.inc({ operation: 'photo_review', provider, reason });
        activityLog()?.warn('photo reviewer gave no usable answer', {
          provider,
          reason,
          error: outcome.error,
          durationMs: Math.round(outcome.seconds * 1000),
        });
        throw outcome.error;
      }
      metrics.aiDuration.observe({ operation: 'photo_review', provider, outcome: 'ok' }, outcome.seconds);
      activityLog()?.info('photos reviewed', {
        provider,
        complete: outcome.result.complete,
        durationMs: Math.round(outcome.seconds * 1000),
      });
      return outcome.result;
    },
  };
}

export function instrumentSmsSender(sender: SmsSender, metrics: WorkerMetrics): SmsSender {
  const provider = sender.name;
  return {
    name: provider,
    async send(message) {
      try {
        const sent = await sender.send(message);
        metrics.smsSends.inc({ provider, outcome: 'sent' });
        // No phone number or text in the logs: the provider's id finds the message.
        activityLog()?.info('sms sent', { provider, providerSid: sent.providerSid, providerStatus: sent.status });
        return sent;
      } catch (err) {
        const refused = err instanceof SmsProviderError && !err.retryable;
        metrics.smsSends.inc({ provider, outcome: refused ? 'refused' : 'error' });
        activityLog()?.warn(refused ? 'sms refused by the provider' : 'sms provider error, retried', {
          provider,
          providerCode: err instanceof SmsProviderError ? err.providerCode : undefined,
          error: err,
        });
        throw err;
      }
    },
    ...(sender.findAccepted ? { findAccepted: sender.findAccepted.bind(sender) } : {}),
  };
}

/** The activities' outside services, each timed and counted; the activities themselves are unchanged. */
export function instrumentDeps(deps: ActivityDeps, metrics: WorkerMetrics): ActivityDeps {
  return {
    ...deps,
    classifier: instrumentClassifier(deps.classifier, metrics),
    photoReviewer: instrumentPhotoReviewer(deps.photoReviewer ?? createDeterministicPhotoReviewer(), metrics),
    ...(deps.sms ? { sms: { ...deps.sms, sender: instrumentSmsSender(deps.sms.sender, metrics) } } : {}),
  };
}
