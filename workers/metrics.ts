import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** What the worker's own endpoint (WORKER_METRICS_PORT) serves; the Temporal SDK's metrics have their own port. */
export interface WorkerMetrics {
  registry: Registry;
  aiDuration: Histogram<'operation' | 'provider' | 'outcome'>;
  aiFailures: Counter<'operation' | 'provider' | 'reason'>;
  smsSends: Counter<'provider' | 'outcome'>;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    aiDuration: new Histogram({
      name: 'ai_request_duration_seconds',
      help: 'Time a classifier or photo reviewer took to answer (a model call with its own retries), by outcome',
      labelNames: ['operation', 'provider', 'outcome'],
      buckets: [0.005, 0.05, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60],
      registers: [registry],
    }),
    aiFailures: new Counter({
      name: 'ai_failures_total',
      help: 'Classifier or photo reviewer calls without a usable answer (the deterministic check decided instead), by reason',
      labelNames: ['operation', 'provider', 'reason'],
      registers: [registry],
    }),
    smsSends: new Counter({
      name: 'sms_sends_total',
      help: 'Calls to the SMS provider: sent, refused by it (not retried), or error (retried by Temporal)',
      labelNames: ['provider', 'outcome'],
      registers: [registry],
    }),
  };
}
