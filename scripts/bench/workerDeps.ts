/**
 * The providers the benchmarks' workers run with (the same as the test harness's worker): outbox SMS, heuristic
 * classifier, deterministic photo review. Kept apart from harness.ts so that the child worker of the timers
 * benchmark (worker.ts) loads nothing else and its RSS is the worker's.
 */
import type { Pool } from 'pg';
import type { ActivityDeps } from '../../activities';
import { createDeterministicPhotoReviewer } from '../../activities/adapters/deterministicPhotoReviewer';
import { createHeuristicClassifier } from '../../activities/adapters/heuristicClassifier';
import { createOutboxSender } from '../../activities/adapters/outboxSms';

export function benchWorkerDeps(pool: Pool, senderNumber: string): ActivityDeps {
  return { pool, classifier: createHeuristicClassifier(), photoReviewer: createDeterministicPhotoReviewer(), sms: { sender: createOutboxSender(), senderNumber } };
}
