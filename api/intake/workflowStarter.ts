import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import { skipTakenNumber } from '../../db/numbering/takenNumbers';
import type { WorkflowHolder } from '../../db/numbering/workflowHolders';
import {
  abandonStartRequest,
  FAILING_FROM_ATTEMPTS,
  markWorkflowStarted,
  recordStartFailure,
  takeDueStartRequests,
  type WorkflowStartRequest,
} from '../../db/queries/workflowStartRequests';
import type { Logger } from '../../observability/logger';
import { startWorkOrderWorkflow } from './startWorkOrderWorkflow';

/** One start (and, when its id is taken, the look at who holds it) gives up after this. */
const START_TIMEOUT_MS = 10_000;
/** Failed starts are tried again after 1 s, doubling up to this. */
const MAX_RETRY_DELAY_SECONDS = 30;
/** A sweep holds the requests it took this long (well past START_TIMEOUT_MS); a sweep that died lets them go then. */
const LEASE_SECONDS = 60;
/** Requests one sweep starts at once. */
const SWEEP_BATCH = 20;
const SWEEP_EVERY_MS = 5000;

export interface WorkflowStarterDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** How often the sweep runs once run() is called; 5 s by default. */
  sweepEveryMs?: number;
}

export type StartOutcome = 'started' | 'failed' | 'abandoned';

export interface WorkflowStarter {
  /** After the commit (and the answer): starts the workflow in the background; the sweep has it if that fails. */
  startSoon(request: WorkflowStartRequest): void;
  /** Starts every request that is due (left by a crash, or a failed start whose back-off has passed), once. */
  sweep(): Promise<Record<StartOutcome, number>>;
  /** Sweeps now and then every `sweepEveryMs`, until stop() or the pool is ended. */
  run(): void;
  /** Stops sweeping and waits for the starts under way, at most `waitMs` (2 s): what is left stays for a sweep. */
  stop(waitMs?: number): Promise<void>;
}

/**
 * Starts work orders' workflows after the transactions that wrote them have committed (db/queries/
 * workflowStartRequests.ts). A workflow already started under the request's key is this order's (an earlier start
 * whose end was not recorded): done. One whose id another order's workflow holds (the database was dropped or restored
 * while Temporal kept its workflows) can never start under this number: the request is abandoned, loudly, and the
 * numbers moved past Temporal's so that later orders are not.
 */
export function createWorkflowStarter(deps: WorkflowStarterDeps): WorkflowStarter {
  const { pool, temporal, logger } = deps;
  const underWay = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    underWay.add(work);
    void work.finally(() => underWay.delete(work)).catch(() => undefined);
    return work;
  };

  async function attempt(request: WorkflowStartRequest): Promise<StartOutcome> {
    const number = request.input.number;
    let holder: WorkflowHolder | null;
    try {
      holder = await temporal.withDeadline(Date.now() + START_TIMEOUT_MS, () =>
        startWorkOrderWorkflow(temporal, deps.taskQueue, request.input, request.startKey),
      );
    } catch (err) {
      const failures = await recordStartFailure(pool, number, describe(err), MAX_RETRY_DELAY_SECONDS);
      const level = failures >= FAILING_FROM_ATTEMPTS ? 'error' : 'warn';
      logger[level](
        { err, workOrderNumber: number, failures },
        `work order ${number}: its workflow could not be started (${failures} failed attempt(s)); the sweep tries again`,
      );
      return 'failed';
    }
    if (holder) {
      await abandon(request, holder);
      return 'abandoned';
    }
    await markWorkflowStarted(pool, number);
    return 'started';
  }

  async function abandon(request: WorkflowStartRequest, holder: WorkflowHolder): Promise<void> {
    const number = request.input.number;
    const why = `work-order-${number} is another order's workflow (${holder.type}, ${holder.status}, started ${holder.startTime}): this database handed the number out again`;
    await skipTakenNumber(pool, temporal, (message, fields) => logger.error(fields, message), {
      number,
      holder,
      wanting: `the order of ${request.startKey}`,
    });
    await abandonStartRequest(pool, number, why);
    logger.error(
      { workOrderNumber: number, startKey: request.startKey, holder },
      `work order ${number} is written but its workflow can never start: ${why}`,
    );
  }

  async function sweep(): Promise<Record<StartOutcome, number>> {
    const counts: Record<StartOutcome, number> = { started: 0, failed: 0, abandoned: 0 };
    for (;;) {
      const due = await takeDueStartRequests(pool, SWEEP_BATCH, LEASE_SECONDS);
      const outcomes = await Promise.all(due.map((request) => track(attempt(request))));
      for (const outcome of outcomes) counts[outcome]++;
      // A failure is most likely Temporal's (down, restarting): the rest wait for their back-off, not the next batch.
      if (due.length < SWEEP_BATCH || outcomes.includes('failed')) return counts;
    }
  }

  const sweepAndRearm = async (): Promise<void> => {
    timer = null;
    if (stopped || pool.ending) return;
    try {
      const counts = await track(sweep());
      if (counts.started + counts.failed + counts.abandoned > 0)
        logger.info(counts, 'workflow start sweep: requests left by a crash or a failed start');
    } catch (err) {
      if (!pool.ending) logger.warn({ err }, 'workflow start sweep failed; it runs again');
    }
    if (!stopped && !pool.ending) timer = setTimeout(() => void sweepAndRearm(), deps.sweepEveryMs ?? SWEEP_EVERY_MS);
    // Never what keeps a process alive (tests, scripts that end their pool).
    timer?.unref();
  };

  return {
    startSoon(request) {
      void track(attempt(request)).catch((err: unknown) =>
        logger.warn({ err, workOrderNumber: request.input.number }, 'work order start: left for the sweep'),
      );
    },
    sweep: () => track(sweep()),
    run() {
      if (timer || stopped) return;
      timer = setTimeout(() => void sweepAndRearm(), 0);
      timer.unref();
    },
    async stop(waitMs = 2000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...underWay]),
        new Promise((resolve) => (waited = setTimeout(resolve, waitMs))),
      ]);
      clearTimeout(waited);
    },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
