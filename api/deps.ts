import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { Logger } from '../observability/logger';
import type { EventFeed } from './events/eventFeed';
import type { WorkflowStarter } from './intake/workflowStarter';
import type { RateLimits, TrustProxy } from '../runtime/config';
import type { WorkflowDeadlines } from './workflowCalls';

export interface ApiDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  /** Request and error logs; a `warn`-level logger on stdout when absent. */
  logger?: Logger;
  /** Where uploaded visit photos are written (content-addressed); the worker reads the same folder. */
  photoStorageDir: string;
  /**
   * How long a request waits on a workflow (api/workflowCalls.ts): a query (GET /work-orders/:id answers without the
   * live state past it, a visit action decides from the record) and an update (a decision answers 202 pending past it).
   * 3 s and 10 s when absent.
   */
  workflowDeadlines?: Partial<WorkflowDeadlines>;
  /**
   * Starts the workflows of work orders written to start after their commit (an SMS intake), and sweeps for those a
   * crash or a failed start left (api/intake/workflowStarter.ts). When absent, createApp makes one and runs its sweep
   * until the pool is ended.
   */
  workflowStarter?: WorkflowStarter;
  /** Live events for GET /events/stream (one LISTEN connection per process); without it that route answers 503. */
  eventFeed?: EventFeed;
  sms: {
    /** The token Twilio signs webhooks with (or the local secret); without one, the webhooks answer 503. */
    webhookAuthToken?: string;
    /** The URL Twilio calls us at, when behind a proxy; otherwise the URL of the request as we see it. */
    publicBaseUrl?: string;
  };
  /** Rate limits (DEFAULT_RATE_LIMITS when absent) and Express's `trust proxy` (off when absent). */
  security?: { rateLimits?: RateLimits; trustProxy?: TrustProxy };
}
