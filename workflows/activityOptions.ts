import type { ActivityOptions } from '@temporalio/workflow';

/** Database and local-provider work: short, retried with backoff until Postgres answers again. */
export const databaseActivity: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
};
