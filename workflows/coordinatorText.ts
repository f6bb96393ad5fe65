import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { twilioActivity } from './activityOptions';
import type { CoordinatorTextInput, CoordinatorTextResult } from '../domain/coordinatorText';

const activities = proxyActivities<Activities>(twilioActivity);

/** Sends one coordinator's text (api/routes/workOrderMessages.ts): retried like every text, sent once per key. */
export async function coordinatorTextWorkflow(input: CoordinatorTextInput): Promise<CoordinatorTextResult> {
  return activities.sendCoordinatorText(input);
}
