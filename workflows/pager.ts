/**
 * The coordinator pager: every `rules.paging.sweepSeconds` one activity raises the pages the event log and the
 * orders' states call for and texts whoever is on call (activities/paging.ts). Outside the work order workflow on
 * purpose: paging reads what the orders did and never changes their histories. A sweep that keeps failing (Postgres
 * down past the activity's retries) is logged and the next one tries again; the pager itself never ends.
 */
import { ActivityFailure, continueAsNew, log, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { twilioActivity } from './activityOptions';
import { PAGER_ROUNDS_PER_RUN, type PagerInput } from './pagerDefinitions';

const { sweepCoordinatorPages } = proxyActivities<Activities>(twilioActivity);

/** When a sweep failed there are no rules to read the interval from. */
const AFTER_FAILURE_SECONDS = 30;

export async function coordinatorPagerWorkflow(input: PagerInput = {}): Promise<never> {
  const rounds = input.roundsPerRun ?? PAGER_ROUNDS_PER_RUN;
  for (let round = 0; round < rounds; round++) {
    let wait = AFTER_FAILURE_SECONDS;
    try {
      wait = (await sweepCoordinatorPages()).sweepSeconds;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      log.error('a paging sweep failed; the next one tries again', { error: err.cause?.message ?? err.message });
    }
    await sleep(wait * 1000);
  }
  return continueAsNew<typeof coordinatorPagerWorkflow>(input);
}
