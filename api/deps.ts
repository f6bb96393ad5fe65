import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';

export interface ApiDeps {
  pool: Pool;
  temporal: Client;
  taskQueue: string;
  /** How long GET /work-orders/:id waits for the workflow's live state before answering without it. */
  queryTimeoutMs?: number;
}
