import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { readMetricCounts } from '../../db/queries/metrics';
import { QUEUE_NAMES } from '../../db/queries/queues';
import { FAILING_FROM_ATTEMPTS } from '../../db/queries/workflowStartRequests';
import { WORK_ORDER_STATUSES } from '../../domain/status';
import type { Logger } from '../../observability/logger';
import { withTimeout } from '../withTimeout';

/** What GET /metrics serves; one registry per app, so two apps in a process (tests) keep their own numbers. */
export interface ApiMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Reads the Postgres-derived gauges; concurrent scrapes share one read. Never rejects. */
  refresh(): Promise<void>;
}

export function createApiMetrics(pool: Pool, logger: Logger, timeoutMs = 1000): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern (never the raw URL) and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const workOrders = new Gauge({
    name: 'work_orders_by_status',
    help: 'Work orders in Postgres by status, read at scrape time',
    labelNames: ['status'],
    registers: [registry],
  });
  const queues = new Gauge({
    name: 'queue_size',
    help: 'Work orders in each coordinator queue (GET /queues/:name), read at scrape time',
    labelNames: ['queue'],
    registers: [registry],
  });
  const sms = new Gauge({
    name: 'sms_messages',
    help: 'SMS messages in Postgres by direction and current status (an outbound one moves from sending to sent to delivered), read at scrape time',
    labelNames: ['direction', 'status'],
    registers: [registry],
  });
  const workflowStarts = new Gauge({
    name: 'workflow_start_requests',
    help: `Work orders written whose workflow has not started yet, read at scrape time: waiting (its start under way or backing off), failing (${FAILING_FROM_ATTEMPTS} or more failed starts; in the escalations queue), abandoned (its number is another order's workflow: never started)`,
    labelNames: ['state'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'metrics_collection_failures_total',
    help: 'Scrapes whose Postgres-derived gauges could not be read (they are absent from that scrape)',
    registers: [registry],
  });

  const read = async () => {
    try {
      // Postgres stops the statements after timeoutMs; this also bounds the wait for a pooled connection.
      const counts = await withTimeout(readMetricCounts(pool, timeoutMs), timeoutMs + 500);
      // Every status and queue is reported, 0 when empty: a series that empties out drops to 0 instead of vanishing.
      for (const status of WORK_ORDER_STATUSES)
        workOrders.set({ status }, counts.workOrdersByStatus.find((r) => r.status === status)?.count ?? 0);
      for (const queue of QUEUE_NAMES) queues.set({ queue }, counts.queues[queue]);
      sms.reset();
      for (const row of counts.smsMessages) sms.set({ direction: row.direction, status: row.status }, row.count);
      for (const [state, count] of Object.entries(counts.workflowStarts)) workflowStarts.set({ state }, count);
    } catch (err) {
      // No numbers rather than stale ones.
      for (const gauge of [workOrders, queues, sms, workflowStarts]) gauge.reset();
      failures.inc();
      logger.warn({ err }, 'metrics: could not read the counts from Postgres');
    }
  };

  let inFlight: Promise<void> | null = null;
  return {
    registry,
    httpDuration,
    refresh() {
      inFlight ??= read().finally(() => (inFlight = null));
      return inFlight;
    },
  };
}
