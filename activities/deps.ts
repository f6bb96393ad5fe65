import type { Pool } from 'pg';
import type { Classifier } from './adapters/classifier';
import type { PhotoReviewer } from './adapters/photoReviewer';
import type { SmsDeps } from './sms';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  classifier: Classifier;
  /** Judges a visit's photos (Claude with the images, or the deterministic check); the deterministic one when absent. */
  photoReviewer?: PhotoReviewer;
  /** The SMS provider (Twilio or the outbox); required by the sendSms activity. */
  sms?: SmsDeps;
  now?: () => Date;
  /** How long a proposal holds its best slot from other proposals (activities/assignment.ts); 0: no holds. */
  proposalHoldMs?: number;
}
