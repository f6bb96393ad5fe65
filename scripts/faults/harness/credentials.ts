/** Who the drills are to the API: our SMS number and the API keys the drill database holds. */
import { randomBytes } from 'node:crypto';

/** Our own number: webhooks are addressed to it, the worker texts from it. */
export const OUR_NUMBER = '+15550001234';
export const ADMIN_KEY = `fault-drill-admin-${randomBytes(8).toString('hex')}`;
export const COORDINATOR_KEY = `fault-drill-coordinator-${randomBytes(8).toString('hex')}`;
export const COORDINATOR_KEY_NAME = 'fault-drill coordinator';
