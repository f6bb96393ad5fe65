/**
 * The coordinator pager's contract: one workflow for the whole system (a fixed id), started idempotently by every
 * worker process (workers/pager.ts). No side effects here: the worker and tests import this file.
 */
export const PAGER_WORKFLOW_ID = 'coordinator-pager';
export const PAGER_WORKFLOW_TYPE = 'coordinatorPagerWorkflow';

/** Sweeps per run before the workflow continues as new, which keeps its history short. */
export const PAGER_ROUNDS_PER_RUN = 200;

export interface PagerInput {
  /** Sweeps per run (tests pass a few to see continue-as-new); PAGER_ROUNDS_PER_RUN when absent. */
  roundsPerRun?: number;
}
