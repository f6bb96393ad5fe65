import type { Pool } from 'pg';
import type { Classifier } from './adapters/classifier';

/** What activities need from the outside world; built once by the worker (or a test). */
export interface ActivityDeps {
  pool: Pool;
  classifier: Classifier;
  now?: () => Date;
}
