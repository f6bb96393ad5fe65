import type { Pool } from 'pg';
import { inTransaction } from '../pool';
import { countQueues, type QueueName } from './queues';
import { countUnstartedRequests, type StartRequestCounts } from './workflowStartRequests';

/** The aggregate counts the API's /metrics reports: no ids, no phone numbers, no text. */
export interface MetricCounts {
  workOrdersByStatus: Array<{ status: string; count: number }>;
  queues: Record<QueueName, number>;
  smsMessages: Array<{ direction: string; status: string; count: number }>;
  workflowStarts: StartRequestCounts;
}

/** One read-only transaction whose statements Postgres itself stops after `timeoutMs`. */
export function readMetricCounts(pool: Pool, timeoutMs: number): Promise<MetricCounts> {
  return inTransaction(pool, async (client) => {
    await client.query('SET TRANSACTION READ ONLY');
    await client.query(`SELECT set_config('statement_timeout', $1, true)`, [
      String(Math.max(1, Math.round(timeoutMs))),
    ]);
    const workOrders = await client.query<{ status: string; count: number }>(
      'SELECT status, count(*)::int AS count FROM work_orders GROUP BY status',
    );
    const queues = await countQueues(client);
    const sms = await client.query<{ direction: string; status: string; count: number }>(
      'SELECT direction, status, count(*)::int AS count FROM sms_messages GROUP BY direction, status',
    );
    const workflowStarts = await countUnstartedRequests(client);
    return { workOrdersByStatus: workOrders.rows, queues, smsMessages: sms.rows, workflowStarts };
  });
}
