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

/** BENCH_PROPOSAL_HOLD_MS: how long proposals hold their slot (0: no holds), to measure what the holds cost and save. */
export function benchWorkerDeps(pool: Pool, senderNumber: string): ActivityDeps {
  const hold = process.env.BENCH_PROPOSAL_HOLD_MS;
  return {
    pool,
    classifier: createHeuristicClassifier(),
    photoReviewer: createDeterministicPhotoReviewer(),
    sms: { sender: createOutboxSender(), senderNumber },
    ...(hold === undefined ? {} : { proposalHoldMs: Number(hold) }),
  };
}
